/**
 * The differentiable forward pass against independent references: the reference's renders and
 * features (golden vectors from the published PyTorch code), the engine's feature code, and the
 * reference's autograd gradients of the loss (gradients-golden.json).
 */
import { DiffSynth } from '../../src/train/diff/synthDiff';
import { DiffFullFeatures, FEATURE_SAMPLES } from '../../src/train/diff/featuresDiff';
import { HitLoss } from '../../src/train/diff/hitLoss';
import { fullFeatures } from '../../src/features';
import { renderHit } from '../../src/synth/render';
import { createRng } from '../../src/train/rng';
import { loadPreset } from '../../src/synth/presets';
import { goldenJson, goldenNoise, readF32 } from './goldenFixtures';

const synthGolden = goldenJson('synth-golden.json');
const cases = Object.entries<{ params01: number[]; full_features: number[] }>(synthGolden.cases);

describe('differentiable synth forward', () => {
  const synth = new DiffSynth(goldenNoise(), FEATURE_SAMPLES);
  it.each(cases.map(([name]) => name))('render %s within 1e-4 of the reference over the 35 328 samples the features read', (name) => {
    const ref = readF32(`render-${name}.f32`);
    const out = synth.forward(synthGolden.cases[name].params01);
    let err = 0;
    for (let i = 0; i < FEATURE_SAMPLES; i++) err = Math.max(err, Math.abs(out[i] - ref[i]));
    expect(err).toBeLessThan(1e-4);
  });
});

describe('differentiable synth vs the engine voice (renderHit)', () => {
  it('agrees within 1e-4 on the presets and random parameter vectors', () => {
    const synth = new DiffSynth(goldenNoise(), FEATURE_SAMPLES);
    const rng = createRng(7);
    const vectors = [loadPreset('808_snare_1').normalised, loadPreset('808_noisy_snare').normalised, ...Array.from({ length: 4 }, () => Float64Array.from({ length: 14 }, () => rng.next()))];
    for (const p of vectors) {
      const mine = synth.forward(p);
      const theirs = renderHit(p, { numSamples: FEATURE_SAMPLES, noise: goldenNoise() });
      let err = 0;
      for (let i = 0; i < FEATURE_SAMPLES; i++) err = Math.max(err, Math.abs(mine[i] - theirs[i]));
      expect(err).toBeLessThan(1e-4);
    }
  });
});

describe('differentiable full features forward', () => {
  const ff = new DiffFullFeatures();
  it('agrees with the reference features of every golden render within 0.01', () => {
    for (const [name, c] of cases) {
      const f = ff.forward(readF32(`render-${name}.f32`));
      f.forEach((v, j) => expect(Math.abs(v - c.full_features[j])).toBeLessThan(0.01));
    }
  });
  it('agrees with the engine feature code (src/features fullFeatures) within 0.01 on synth renders', () => {
    const synth = new DiffSynth(goldenNoise(), 44100);
    for (const name of ['808_snare_1', '808_noisy_snare', 'random_3']) {
      const x = Float32Array.from(synth.forward(synthGolden.cases[name].params01));
      const mine = ff.forward(x);
      const theirs = fullFeatures(x, 44100);
      mine.forEach((v, j) => expect(Math.abs(v - theirs[j])).toBeLessThan(0.01));
    }
  });
});

describe('loss gradient against PyTorch autograd through the reference', () => {
  const golden = goldenJson('gradients-golden.json');
  const gm = goldenJson('gmrock-snare-performance-golden.json');
  const hl = new HitLoss(goldenNoise());
  const ref: number[] = gm.full_features[26];
  const rows: Array<[number, string, number]> = golden.cases.map((c: { preset: string; hit_index: number }, i: number) => [i, c.preset, c.hit_index]);
  it.each(rows)('case %i (%s, hit %i): loss within 1e-3, gradient within 2 % (vector norm)', (i) => {
    const c = golden.cases[i];
    const presetFeatures = hl.features(loadPreset(c.preset).normalised);
    const target = gm.full_features[c.hit_index].map((v: number, j: number) => v - ref[j]);
    const r = hl.lossAndGrad(c.params01, target, presetFeatures, 1 / 7);
    expect(Math.abs(r.loss - c.loss) / c.loss).toBeLessThan(1e-3);
    let num = 0, den = 0;
    r.grad.forEach((g, k) => { num += (g - c.grad[k]) ** 2; den += c.grad[k] ** 2; });
    // The L1 loss is non-smooth and the reference differentiates in float32: individual small
    // components (oscillator pitch near a kink) may differ more; see golden README.
    expect(Math.sqrt(num / den)).toBeLessThan(0.02);
    // and most components individually within 2 %
    const close = r.grad.filter((g, k) => Math.abs(g - c.grad[k]) <= 0.02 * Math.abs(c.grad[k]) + 1e-3).length;
    expect(close).toBeGreaterThanOrEqual(11);
  });
});
