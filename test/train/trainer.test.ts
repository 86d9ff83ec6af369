/**
 * Networks (sizes as the reference, plain forward = tfjs forward), the plateau scheduler
 * (PyTorch semantics) and a short, seeded training run (repeatable; learns on the training hits).
 */
import { TfNetwork, initWeights, parameterCount, forwardPlain } from '../../src/train/network';
import { PlateauScheduler, fit, paramsFor } from '../../src/train/trainer';
import { createRng } from '../../src/train/rng';
import { DspPool } from '../../src/train/dspPool';
import { featureNormalisation, referenceHitIndex, stratifiedSplit, type Hit } from '../../src/train/dataset';
import { normaliseFeatures } from '../../src/engine/normalise';
import { loadPreset } from '../../src/synth/presets';
import * as tf from '@tensorflow/tfjs-core';
import { goldenJson, goldenNoise } from './goldenFixtures';

describe('networks', () => {
  it.each([['linear', 42], ['mlp', 590], ['mlp-large', 9486]] as const)('%s has %i parameters (reference §4.1)', (arch, n) => {
    expect(parameterCount(initWeights(arch, createRng(1)))).toBe(n);
  });

  it.each(['linear', 'mlp', 'mlp-large'] as const)('%s: tfjs forward equals the plain forward', (arch) => {
    const rng = createRng(2);
    const w = initWeights(arch, rng);
    for (const l of w.layers) l.weight.forEach((_, i) => (l.weight[i] = rng.normal() * 0.5)); // larger than init, to exercise LN/tanh
    const net = new TfNetwork(w);
    const xs = Array.from({ length: 5 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    const y = tf.tidy(() => net.apply(tf.tensor2d(xs)).dataSync());
    xs.forEach((x, i) => forwardPlain(w, x).forEach((v, k) => expect(Math.abs(v - y[i * 14 + k])).toBeLessThan(1e-5)));
    net.dispose();
  });
});

describe('PlateauScheduler', () => {
  it('halves the rate after patience + 1 epochs without relative improvement of 1e-4, then waits again', () => {
    const s = new PlateauScheduler(1, 2);
    expect(s.step(1)).toBe(1);
    expect(s.step(0.99995)).toBe(1); // within threshold: bad epoch 1
    expect(s.step(1)).toBe(1); // 2
    expect(s.step(1)).toBe(0.5); // 3 > patience
    expect(s.step(1)).toBe(0.5);
    expect(s.step(0.5)).toBe(0.5); // improvement resets
  });
});

describe('fit (golden example features, in-process DSP)', () => {
  const gm = goldenJson('gmrock-snare-performance-golden.json');
  const hits: Hit[] = gm.onset_features.map((o: number[], i: number) => ({ file: 0, onsetSample: 0, onset: Float64Array.from(o), full: Float64Array.from(gm.full_features[i]) }));
  const refIndex = referenceHitIndex(hits);
  const norm = featureNormalisation(hits, refIndex);
  const split = stratifiedSplit(hits, refIndex, 5);
  const data = { inputs: hits.map((h) => normaliseFeatures(h.onset, norm)), targets: hits.map((h) => h.full.map((v, j) => v - hits[refIndex].full[j])), train: split.train.slice(0, 6), val: split.val.slice(0, 1) };
  const preset = loadPreset('808_snare_1');
  const pool = new DspPool(goldenNoise(), 0);
  const presetFeatures = pool.features(Float64Array.from(preset.normalised));
  afterAll(() => pool.close());

  it('is repeatable with a seed and reports progress per epoch', async () => {
    const recipe = { arch: 'mlp' as const, epochs: 2, batchSize: 4, learningRate: 5e-3, patience: 20, seed: 9 };
    const seen: number[] = [];
    const a = await fit(data, preset, await presetFeatures, pool, recipe, { onEpoch: (p) => seen.push(p.epoch) });
    const b = await fit(data, preset, await presetFeatures, pool, recipe);
    expect(seen).toEqual([1, 2]);
    expect(a.history).toEqual(b.history);
    a.weights.layers.forEach((l, i) => expect(Array.from(l.weight)).toEqual(Array.from(b.weights.layers[i].weight)));
    const c = await fit(data, preset, await presetFeatures, pool, { ...recipe, seed: 10 });
    expect(Array.from(c.weights.layers[0].weight)).not.toEqual(Array.from(a.weights.layers[0].weight));
  });

  it('moves the parameters away from the preset, within damping, and lowers the training loss', async () => {
    // the recipe's rate, 3 steps per epoch
    const r = await fit(data, preset, await presetFeatures, pool, { arch: 'mlp', epochs: 3, batchSize: 2, learningRate: 5e-4, patience: 20, seed: 3 });
    expect(Math.min(r.history[1].trainLoss, r.history[2].trainLoss)).toBeLessThan(r.history[0].trainLoss);
    const net = new TfNetwork(r.weights);
    const p = paramsFor(net, data.train.map((i) => data.inputs[i]), preset);
    net.dispose();
    let moved = 0;
    for (let i = 0; i < p.length; i++) {
      const k = i % 14;
      expect(Math.abs(p[i] - preset.normalised[k])).toBeLessThanOrEqual(preset.damping[k] + 1e-6);
      moved = Math.max(moved, Math.abs(p[i] - preset.normalised[k]));
    }
    expect(moved).toBeGreaterThan(1e-3);
  });

  it('stops when cancelled and keeps the best weights so far', async () => {
    let calls = 0;
    const r = await fit(data, preset, await presetFeatures, pool, { arch: 'linear', epochs: 50, batchSize: 3, learningRate: 5e-3, patience: 20, seed: 1 }, { isCancelled: () => ++calls > 3 });
    expect(r.cancelled).toBe(true);
    expect(r.epochsRun).toBeLessThan(50);
    expect(r.weights.layers[0].weight).toHaveLength(42);
  });
});
