/**
 * The losses: the scaled loss weights each feature by the drum's spread of it (the preset's error),
 * so every feature's term moves the gradient — zero one feature's spread and the gradient changes,
 * drop any one term and it changes; the reference loss is the paper's plain mean over the 7 full
 * features; the saturation guards (limit barrier, clipping penalty) are zero for a clean hit and
 * grow past the limits.
 */
import { HitLoss, LOSS_FEATURE_NAMES, NUM_LOSS_FEATURES } from '../../src/train/diff/hitLoss';
import { featureSpreads, limitBounds, limitPenalty, lossSpec, SPREAD_FLOOR, LIMIT_MARGIN } from '../../src/train/loss';
import { loadPreset } from '../../src/synth/presets';
import { createRng } from '../../src/train/rng';
import { goldenNoise } from './goldenFixtures';

const rng = createRng(77);
const preset = loadPreset('808_snare_1');
const hl = new HitLoss(goldenNoise());
const presetFeatures = hl.features(preset.normalised);
// drum-like targets: 12 hits around the reference, each feature with its own spread
const scales = [3, 6, 0.05, 0.3, 2, 8, 1.5, 4, 3, 4];
const targets = Array.from({ length: 12 }, () => Float64Array.from(scales, (s) => s * rng.normal()));
const params = Float64Array.from(preset.normalised, (v) => Math.min(0.9, Math.max(0.1, v + 0.1 * rng.normal())));
const target = targets[3];

const gradOf = (weights: ArrayLike<number>) => hl.lossAndGrad(params, target, presetFeatures, Float64Array.from(weights)).grad;
const relDiff = (a: Float64Array, b: Float64Array) => {
  let num = 0, den = 0;
  a.forEach((v, k) => { num += (v - b[k]) ** 2; den += b[k] ** 2; });
  return Math.sqrt(num / den);
};

describe('scaled loss', () => {
  const spec = lossSpec('scaled', targets);

  it('weights are 1/(10 · mean |target|) per feature, floored', () => {
    const s = featureSpreads(targets);
    expect(spec.spreads).toEqual(s);
    s.forEach((v, j) => expect(v).toBeCloseTo(targets.reduce((a, t) => a + Math.abs(t[j]), 0) / targets.length, 12));
    spec.featureWeights.forEach((w, j) => expect(w).toBeCloseTo(1 / (NUM_LOSS_FEATURES * s[j]), 12));
    // a feature the drum does not vary gets the floor, not a division by zero
    const flat = targets.map((t) => Float64Array.from(t, (v, j) => (j === 2 ? 0 : v)));
    expect(featureSpreads(flat)[2]).toBe(SPREAD_FLOOR[2]);
  });

  it.each(LOSS_FEATURE_NAMES.map((n, j) => [n, j] as const))('%s: its term changes the gradient (zeroing its spread, or dropping it)', (_name, j) => {
    const base = gradOf(spec.featureWeights);
    // the drum no longer varies in feature j: its spread falls to the floor, its weight rises
    const flat = lossSpec('scaled', targets.map((t) => Float64Array.from(t, (v, k) => (k === j ? 0 : v))));
    expect(flat.featureWeights[j]).toBeGreaterThan(spec.featureWeights[j]);
    expect(relDiff(gradOf(flat.featureWeights), base)).toBeGreaterThan(1e-3);
    // without its term
    const dropped = spec.featureWeights.map((w, k) => (k === j ? 0 : w));
    expect(relDiff(gradOf(dropped), base)).toBeGreaterThan(1e-3);
  });

  it('brightness is not drowned: the Kazazis centroid terms weigh as much as loudness, where the reference gives them ~1/100', () => {
    const ref = lossSpec('reference', targets);
    const ratio = (w: number[]) => w[2] * spec.spreads![2] / (w[0] * spec.spreads![0]); // term size at the preset's error
    expect(ratio(spec.featureWeights)).toBeCloseTo(1, 9);
    expect(ratio(ref.featureWeights)).toBeLessThan(0.05);
  });
});

describe('reference loss', () => {
  it('is the plain mean over the 7 full features (onset features weight 0), no guards', () => {
    const ref = lossSpec('reference', targets);
    expect(ref.featureWeights).toEqual([...new Array(7).fill(1 / 7), 0, 0, 0]);
    expect(ref.limitPenalty).toBe(0);
    expect(ref.clipPenalty).toBe(0);
    const r = hl.lossAndGrad(params, target, presetFeatures, 1 / 7);
    const w = hl.lossAndGrad(params, target, presetFeatures, Float64Array.from(ref.featureWeights));
    expect(w.loss).toBeCloseTo(r.loss, 12);
    w.grad.forEach((g, k) => expect(g).toBeCloseTo(r.grad[k], 12));
  });
});

describe('saturation guards', () => {
  const spec = lossSpec('scaled', targets);
  const bounds = limitBounds(preset.normalised);

  it('the limit barrier is 0 inside the margins and grows quadratically past them; a preset inside a margin is left alone', () => {
    expect(limitPenalty(spec, preset.normalised, bounds)).toBe(0);
    const q = Float64Array.from(preset.normalised);
    q[10] = 1.1; // osc 1 gain pushed past its top
    expect(limitPenalty(spec, q, bounds)).toBeCloseTo(spec.limitPenalty * (1.1 - (1 - LIMIT_MARGIN)) ** 2, 12);
    q[10] = 1.2;
    expect(limitPenalty(spec, q, bounds)).toBeCloseTo(spec.limitPenalty * (1.2 - (1 - LIMIT_MARGIN)) ** 2, 12);
    // 808_snare_1's pitch decay sits at 0.0201 normalised: its barrier starts there, not at the margin
    expect(bounds.lo[4]).toBe(Math.min(LIMIT_MARGIN, preset.normalised[4]));
  });

  it('the clipping penalty is 0 for the preset and positive for a hit driven flat', () => {
    const clean = hl.lossAndGrad(preset.normalised, target, presetFeatures, Float64Array.from(spec.featureWeights), 1);
    expect(clean.clipPenalty).toBe(0);
    expect(clean.clippedSamples).toBe(0);
    const hot = Float64Array.from(preset.normalised);
    hot[13] = 1; // drive +24 dB
    hot[10] = 1; hot[11] = 1; // both oscillators +6 dB
    const r = hl.lossAndGrad(hot, target, presetFeatures, Float64Array.from(spec.featureWeights), 1);
    expect(r.clipPenalty).toBeGreaterThan(0.1);
    expect(r.clippedSamples).toBeGreaterThan(100);
    expect(r.grad[13]).toBeGreaterThan(0); // more drive → more penalty: the gradient pushes it down
  });
});
