/** A small linear model bundle for host tests (hand-set weights, so parameters move with the features). */
import { join } from 'node:path';
import { loadPreset } from '../../src/synth/presets';
import { PARAM_NAMES } from '../../src/synth/params';
import { buildOnnxModel, writeModelBundle, type MlpWeights } from '../../src/model';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, ONNX_INPUT_NAME, ONNX_OUTPUT_NAME, ONSET_FEATURE_NAMES, type ModelBundleMeta } from '../../src/model/bundle';
import { exampleAudio, exampleTruth, tempDir } from '../helpers/audio';

/** Writes the bundle and returns its base path (PATH.onnx + PATH.json). */
export function writeTestModel(presetName = '808_snare_1'): string {
  const w = new Float32Array(14 * 3);
  for (let o = 0; o < 14; o++) for (let i = 0; i < 3; i++) w[o * 3 + i] = 0.8 * ((o % 3 === i ? 1 : -0.5) + o / 28);
  const weights: MlpWeights = { arch: 'linear', layers: [{ weight: w, outFeatures: 14, inFeatures: 3 }] };
  const p = loadPreset(presetName);
  const meta: ModelBundleMeta = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    name: 'osc-test',
    paramOrder: [...PARAM_NAMES],
    preset: { name: p.name, physical: Object.fromEntries(PARAM_NAMES.map((n, i) => [n, p.physical[i]])), normalised: Array.from(p.normalised) },
    // No damping on the frequencies, so every parameter moves with the features.
    damping: Array.from(p.damping, () => 1),
    featureNorm: { names: [...ONSET_FEATURE_NAMES], min: [-40, 80, -80], max: [-5, 110, -20], ref: [0.5, 0.4, 0.6] },
    onsetWindow: { samples: 256, backtrackSamples: 16, sampleRateHz: 44100 },
    architecture: 'linear',
    onnx: { input: ONNX_INPUT_NAME, output: ONNX_OUTPUT_NAME, opset: 17 },
  };
  const base = join(tempDir('tr-osc-model-'), 'linear');
  writeModelBundle(base, buildOnnxModel(weights), meta, { force: true });
  return base;
}

/** The example recording's onset windows (onset − 16, 256 samples) at the ground-truth onsets, float32. */
export function exampleFrames(): Float32Array[] {
  const x = exampleAudio().mono;
  return exampleTruth().map((s) => Float32Array.from(x.subarray(s - 16, s + 240)));
}
