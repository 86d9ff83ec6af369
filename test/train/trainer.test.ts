/**
 * Networks (sizes as the reference, plain forward = tfjs forward), the plateau scheduler
 * (PyTorch semantics), short seeded training runs (repeatable; learn on the training hits; stop
 * when cancelled), early stopping, the folds and the validation split.
 */
import { TfNetwork, initWeights, parameterCount, forwardPlain } from '../../src/train/network';
import { PlateauScheduler, fit, paramsFor, EARLY_STOPPING_MIN_DELTA, type RecipeOptions } from '../../src/train/trainer';
import { lossSpec } from '../../src/train/loss';
import { foldSchedule, kFolds, validationSplit } from '../../src/train/folds';
import { hitTargets } from '../../src/train/dataset';
import { createRng } from '../../src/train/rng';
import { DspPool } from '../../src/train/dspPool';
import { featureNormalisation, referenceHitIndex, type Hit } from '../../src/train/dataset';
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
  const split = validationSplit(hits, hits.map((_, i) => i), refIndex, 5);
  const targets = hitTargets(hits, refIndex);
  const data = { inputs: hits.map((h) => normaliseFeatures(h.onset, norm)), targets, train: split.train.slice(0, 6), val: split.val.slice(0, 2) };
  const preset = loadPreset('808_snare_1');
  const pool = new DspPool(goldenNoise(), 0);
  afterAll(() => pool.close());
  const recipe = (o: Partial<RecipeOptions>): RecipeOptions => ({ arch: 'mlp', epochs: 2, batchSize: 4, learningRate: 5e-3, patience: 20, earlyStopping: 0, seed: 9, loss: lossSpec('scaled', data.train.map((i) => targets[i])), ...o });

  it('is repeatable with a seed and reports progress per epoch', async () => {
    const seen: number[] = [];
    const a = await fit(data, preset, pool, recipe({}), { onEpoch: (p) => seen.push(p.epoch) });
    const b = await fit(data, preset, pool, recipe({}));
    expect(seen).toEqual([1, 2]);
    expect(a.history).toEqual(b.history);
    a.weights.layers.forEach((l, i) => expect(Array.from(l.weight)).toEqual(Array.from(b.weights.layers[i].weight)));
    const c = await fit(data, preset, pool, recipe({ seed: 10 }));
    expect(Array.from(c.weights.layers[0].weight)).not.toEqual(Array.from(a.weights.layers[0].weight));
  });

  it('moves the parameters away from the preset, within damping, and lowers the training loss', async () => {
    const r = await fit(data, preset, pool, recipe({ epochs: 3, batchSize: 2, learningRate: 3e-3, seed: 3 }));
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
    const r = await fit(data, preset, pool, recipe({ arch: 'linear', epochs: 50, batchSize: 3 }), { isCancelled: () => ++calls > 3 });
    expect(r.cancelled).toBe(true);
    expect(r.epochsRun).toBeLessThan(50);
    expect(r.weights.layers[0].weight).toHaveLength(42);
  });

  it('early stopping stops: the run ends `earlyStopping` epochs after the last 1 % improvement and keeps the best epoch', async () => {
    // the reference's learning rate on an mlp barely moves the loss: no 1 % gain after epoch 1
    const r = await fit(data, preset, pool, recipe({ epochs: 40, learningRate: 1e-6, earlyStopping: 3 }));
    expect(r.stoppedEarly).toBe(true);
    expect(r.epochsRun).toBe(4); // improvement at epoch 1 (from ∞), then 3 epochs without 1 %
    const vals = r.history.map((h) => h.valLoss);
    expect(Math.min(...vals.slice(1))).toBeGreaterThan(vals[0] * (1 - EARLY_STOPPING_MIN_DELTA));
    expect(r.bestValLoss).toBe(Math.min(...vals));
    expect(r.bestEpoch).toBe(vals.indexOf(r.bestValLoss) + 1);
    // off: all epochs run
    const all = await fit(data, preset, pool, recipe({ epochs: 6, learningRate: 1e-6, earlyStopping: 0 }));
    expect(all.epochsRun).toBe(6);
    expect(all.stoppedEarly).toBe(false);
  });

  it('without validation hits (cross-validation folds) runs a fixed length, keeps the last epoch, follows a given learning-rate schedule', async () => {
    const r = await fit({ ...data, val: [] }, preset, pool, recipe({ epochs: 3, lrSchedule: [3e-3, 1.5e-3, 7.5e-4] }));
    expect(r.epochsRun).toBe(3);
    expect(r.bestEpoch).toBe(3);
    expect(r.history.map((h) => h.lr)).toEqual([3e-3, 1.5e-3, 7.5e-4]);
  });

  it('refuses a batch size of 0 instead of looping for ever', async () => {
    await expect(fit(data, preset, pool, recipe({ batchSize: 0 }))).rejects.toThrow(/batch size must be a whole number ≥ 1/);
  });
});

describe('folds and the validation split', () => {
  const hits: Hit[] = Array.from({ length: 23 }, (_, i) => ({ file: 0, onsetSample: i, onset: new Float64Array(3), full: Float64Array.of(-40 + ((i * 7) % 23), 0, 0, 0, 0, 0, 0) }));
  const ref = referenceHitIndex(hits);

  it.each([2, 3, 5, 22])('%i folds: every hit but the reference in exactly one, sizes within 1, each fold spread over loudness', (k) => {
    const fold = kFolds(hits, ref, k, 1);
    expect(fold[ref]).toBe(-1);
    const sizes = Array.from({ length: k }, (_, f) => fold.filter((g) => g === f).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(hits.length - 1);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    if (k <= 5) {
      // loudness-stratified: each fold has a hit among the loudest third and among the softest third
      const byLoud = hits.map((_, i) => i).filter((i) => i !== ref).sort((a, b) => hits[b].full[0] - hits[a].full[0]);
      const third = Math.ceil(byLoud.length / 3);
      for (let f = 0; f < k; f++) {
        expect(byLoud.slice(0, third).some((i) => fold[i] === f)).toBe(true);
        expect(byLoud.slice(-third).some((i) => fold[i] === f)).toBe(true);
      }
    }
    expect(kFolds(hits, ref, k, 1)).toEqual(fold);
  });

  it('a fold replays the model: its Adam steps up to its kept epoch, at its learning rate at the same point of its run', () => {
    const history = [4e-3, 4e-3, 2e-3, 2e-3, 1e-3, 1e-3, 5e-4].map((lr) => ({ lr }));
    // model: 6 kept epochs × ⌈60/8⌉ = 8 steps = 48 steps; fold of 40 hits: 5 steps per epoch → 10 epochs
    const s = foldSchedule({ history, bestEpoch: 6 }, 60, 40, 8);
    expect(s.epochs).toBe(10);
    expect(s.lrSchedule).toEqual([4e-3, 4e-3, 4e-3, 4e-3, 2e-3, 2e-3, 2e-3, 1e-3, 1e-3, 1e-3]);
    // same batches per epoch: the model's epochs exactly
    expect(foldSchedule({ history, bestEpoch: 6 }, 22, 17, 8)).toEqual({ epochs: 6, lrSchedule: history.slice(0, 6).map((h) => h.lr) });
    expect(foldSchedule({ history: [{ lr: 1e-3 }], bestEpoch: 0 }, 10, 7, 8)).toEqual({ epochs: 1, lrSchedule: [1e-3] });
  });

  it('validation: 15 % (at least 2) of the pool, never the reference, disjoint from training', () => {
    const pool = hits.map((_, i) => i);
    const s = validationSplit(hits, pool, ref, 4);
    expect(s.val).toHaveLength(Math.ceil(0.15 * pool.length));
    expect(s.val).not.toContain(ref);
    expect(new Set([...s.train, ...s.val]).size).toBe(pool.length);
    expect(s.train.filter((i) => s.val.includes(i))).toEqual([]);
    expect(validationSplit(hits, pool.slice(0, 9), ref, 4).val.length).toBeGreaterThanOrEqual(2);
  });
});
