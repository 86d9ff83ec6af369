/** Model bundles for Max host tests: an mlp-large model (gen~ cannot run it: the round trip plays it). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOnnxModel, layerSizes, writeModelBundle, type MlpWeights } from '../../src/model';
import type { ModelBundleMeta } from '../../src/model/bundle';
import { mulberry32 } from '../helpers/random';

const ROOT = join(__dirname, '../..');

/** Writes DIR/NAME.onnx + .json: the shipped snare model's metadata with random mlp-large weights. */
export function writeLargeModel(dir: string, name = 'large'): string {
  const meta = JSON.parse(readFileSync(join(ROOT, 'models/gmrock_808_snare_1.json'), 'utf8')) as ModelBundleMeta;
  const sizes = layerSizes('mlp-large');
  const rnd = mulberry32(42);
  const weights: MlpWeights = {
    arch: 'mlp-large',
    layers: sizes.slice(1).map((o, l) => ({
      inFeatures: sizes[l],
      outFeatures: o,
      weight: Float32Array.from({ length: o * sizes[l] }, () => (rnd() - 0.5) / Math.sqrt(sizes[l])),
      bias: Float32Array.from({ length: o }, () => (rnd() - 0.5) * 0.1),
    })),
  };
  const base = join(dir, name);
  writeModelBundle(base, buildOnnxModel(weights), { ...meta, name, architecture: 'mlp-large' }, { force: true });
  return base;
}
