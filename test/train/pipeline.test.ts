import '../model/jestRealm';
/**
 * End to end: `startTraining` in a worker thread (progress events, bundle written atomically,
 * refusal to overwrite), the ONNX export equal to the trained network (onnxruntime, 1e-5),
 * cancellation keeping the best model, `evaluateModel`, and the CLI commands' contracts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTraining } from '../../src/train';
import { evaluateModel } from '../../src/train';
import { buildOnnxModel, validateBundleMeta } from '../../src/model';
import { TfNetwork, forwardPlain, initWeights } from '../../src/train/network';
import { createRng } from '../../src/train/rng';
import { toOnnxWeights } from '../../src/train/onnxWeights';
import * as ort from 'onnxruntime-node';
import * as tf from '@tensorflow/tfjs-core';
import { command as train } from '../../src/cli/commands/train';
import { command as evaluate } from '../../src/cli/commands/evaluate';
import { UserError } from '../../src/util/errors';
import { PARAM_NAMES } from '../../src/synth/params';
import { FULL_FEATURE_NAMES } from '../../src/model/bundle';
import { EXAMPLE_WAV, tempDir } from '../helpers/audio';

const io = () => {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), isTTY: false } };
};

describe('ONNX export', () => {
  it.each(['linear', 'mlp', 'mlp-large'] as const)('%s: onnxruntime output equals the trained network (tfjs and plain) within 1e-5', async (arch) => {
    const rng = createRng(11);
    const w = initWeights(arch, rng);
    for (const l of w.layers) {
      l.weight.forEach((_, i) => (l.weight[i] = rng.normal() * 0.7));
      l.bias?.forEach((_, i) => (l.bias![i] = rng.normal() * 0.1));
    }
    const session = await ort.InferenceSession.create(buildOnnxModel(toOnnxWeights(w), arch));
    const n = 6;
    const x = Float32Array.from({ length: n * 3 }, () => rng.normal());
    const res = await session.run({ features: new ort.Tensor('float32', x, [n, 3]) });
    const y = res.modulation.data as Float32Array;
    const net = new TfNetwork(w);
    const yt = tf.tidy(() => net.apply(tf.tensor2d(x, [n, 3])).dataSync());
    net.dispose();
    for (let i = 0; i < n; i++) {
      forwardPlain(w, x.subarray(i * 3, i * 3 + 3)).forEach((v, k) => {
        expect(Math.abs(v - y[i * 14 + k])).toBeLessThan(1e-5);
        expect(Math.abs(yt[i * 14 + k] - y[i * 14 + k])).toBeLessThan(1e-5);
      });
    }
  });
});

describe('training pipeline', () => {
  const dir = tempDir('tr-train-');
  const base = join(dir, 'model');
  let report: Awaited<ReturnType<typeof startTraining>['done']>;
  const progress: number[] = [];

  beforeAll(async () => {
    const job = startTraining({ inputs: [EXAMPLE_WAV], preset: '808_snare_1', epochs: 2, out: base, seed: 4 });
    job.on('progress', (p) => progress.push(p.epoch));
    report = await job.done;
  });

  it('runs in a worker, reports progress and writes a valid bundle with its evaluation table', () => {
    expect(progress).toEqual([1, 2]);
    expect(existsSync(`${base}.onnx`)).toBe(true);
    const meta = validateBundleMeta(JSON.parse(readFileSync(`${base}.json`, 'utf8')));
    expect(meta.paramOrder).toEqual([...PARAM_NAMES]);
    expect(meta.architecture).toBe('mlp');
    expect(meta.onsetWindow).toEqual({ samples: 256, backtrackSamples: 16, sampleRateHz: 44100 });
    expect(meta.evaluation?.hits).toBe(3);
    expect(Object.keys(meta.evaluation!.table)).toEqual([...FULL_FEATURE_NAMES]);
    expect(report.table).toEqual(meta.evaluation!.table);
    expect((meta.provenance as { inputs: Array<{ sha256: string }> }).inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((meta.training as { history: unknown[] }).history).toHaveLength(2);
  });

  it('refuses to overwrite without force, and nothing is written', async () => {
    const before = readFileSync(`${base}.json`, 'utf8');
    await expect(startTraining({ inputs: [EXAMPLE_WAV], preset: '808_snare_1', epochs: 1, out: base }).done).rejects.toThrow(/--force/);
    expect(readFileSync(`${base}.json`, 'utf8')).toBe(before);
  });

  it('evaluates the model on its own recording with the test split', async () => {
    const r = await evaluateModel({ input: EXAMPLE_WAV, model: base, workers: 0 });
    expect(r.hits).toBe(3);
    expect(r.selection).toMatch(/test split/);
    for (const name of FULL_FEATURE_NAMES) expect(r.table[name].preset).toBeCloseTo(report.table[name].preset, 6);
  });

  it('CLI: --help, bad input → exit 2 and nothing written, evaluate --json shape', async () => {
    const h = io();
    expect(await train.run(['--help'], h.io)).toBe(0);
    expect(h.out.stdout).toMatch(/--preset/);
    const bad = join(dir, 'bad');
    writeFileSync(join(dir, 'not.wav'), 'hello');
    await expect(train.run([join(dir, 'not.wav'), '--preset', '808_snare_1', '--out', bad, '--epochs', '1'], h.io)).rejects.toBeInstanceOf(UserError);
    expect(existsSync(`${bad}.json`)).toBe(false);
    const e = io();
    expect(await evaluate.run([EXAMPLE_WAV, '--model', base, '--json'], e.io)).toBe(0);
    const j = JSON.parse(e.out.stdout);
    expect(j.hits).toBe(3);
    expect(Object.keys(j.table)).toEqual([...FULL_FEATURE_NAMES]);
    expect(j.mean).toHaveProperty('preset');
    expect(j.mean).toHaveProperty('model');
  });
});
