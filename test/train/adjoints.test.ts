/**
 * Every hand-written adjoint against central finite differences (relative error ≤ 1e-3 on random
 * inputs): biquad IIR (signal, cutoff, Q), K-weighting filters, two-real-FFT spectra, the
 * magnitude/power spectral features, the onset features, the synth (with its clipping penalty),
 * and the whole params → features chain.
 */
import { highpassCoeffs, rbjHighpassCoeffs, rbjHighShelfCoeffs, biquadFilter } from '../../src/dsp/biquad';
import { biquadAdjoint, biquadAdjointInput, highpassDesignGrad } from '../../src/train/diff/biquadAdjoint';
import { TwoRealSpectra } from '../../src/train/diff/spectra';
import { DiffFullFeatures, FEATURE_SAMPLES } from '../../src/train/diff/featuresDiff';
import { DiffSynth } from '../../src/train/diff/synthDiff';
import { HitLoss, NUM_LOSS_FEATURES } from '../../src/train/diff/hitLoss';
import { DiffOnsetFeatures } from '../../src/train/diff/onsetFeaturesDiff';
import { onsetFeatures } from '../../src/features';
import { createRng } from '../../src/train/rng';
import { loadPreset } from '../../src/synth/presets';
import { goldenNoise } from './goldenFixtures';

const rng = createRng(1234);
const randn = (n: number, scale = 1) => Float64Array.from({ length: n }, () => rng.normal() * scale);
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
/** Central difference of f at x along coordinate setter. */
const central = (f: (h: number) => number, h: number) => (f(h) - f(-h)) / (2 * h);
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-12);

describe('biquad adjoint', () => {
  const sr = 44100;
  const x = randn(256, 0.3);
  const gy = randn(256);
  const loss = (fc: number, q: number, xs: ArrayLike<number>) => dot(biquadFilter(highpassCoeffs(fc, q, sr), xs), gy);

  it('matches finite differences w.r.t. the signal, cutoff and Q', () => {
    const fc = 2500, q = 2;
    const c = highpassCoeffs(fc, q, sr);
    const y = biquadFilter(c, x);
    const gx = new Float64Array(x.length);
    const g = biquadAdjoint(c, x, y, gy, gx);
    for (const i of [0, 17, 100, 255]) {
      const fd = central((h) => { const xs = x.slice(); xs[i] += h; return loss(fc, q, xs); }, 1e-5);
      expect(relErr(gx[i], fd)).toBeLessThan(1e-3);
    }
    const gd = highpassDesignGrad(g, fc, q, sr);
    expect(relErr(gd.cutoffHz, central((h) => loss(fc + h, q, x), 1e-2))).toBeLessThan(1e-3);
    expect(relErr(gd.q, central((h) => loss(fc, q + h, x), 1e-5))).toBeLessThan(1e-3);
  });

  it('K-weighting stages (input adjoint) match finite differences', () => {
    for (const c of [rbjHighShelfCoeffs(4, Math.SQRT1_2, 1500, sr), rbjHighpassCoeffs(0.5, 38, sr)]) {
      const gx = biquadAdjointInput(c, gy, new Float64Array(x.length));
      for (const i of [3, 128, 250]) {
        const fd = central((h) => { const xs = x.slice(); xs[i] += h; return dot(biquadFilter(c, xs), gy); }, 1e-5);
        expect(relErr(gx[i], fd)).toBeLessThan(1e-3);
      }
    }
  });
});

describe('two real spectra per FFT', () => {
  const n = 64;
  const sp = new TwoRealSpectra(n);
  const x1 = randn(n), x2 = randn(n);
  const bins = n / 2 + 1;
  const out = () => [new Float64Array(bins), new Float64Array(bins), new Float64Array(bins), new Float64Array(bins)] as const;

  it('forward equals the direct DFT', () => {
    const [r1, i1, r2, i2] = out();
    sp.forward(x1, x2, r1, i1, r2, i2);
    for (let k = 0; k < bins; k++) {
      let a = 0, b = 0, c = 0, d = 0;
      for (let t = 0; t < n; t++) {
        const th = (-2 * Math.PI * k * t) / n;
        a += x1[t] * Math.cos(th); b += x1[t] * Math.sin(th);
        c += x2[t] * Math.cos(th); d += x2[t] * Math.sin(th);
      }
      expect(r1[k]).toBeCloseTo(a, 9); expect(i1[k]).toBeCloseTo(b, 9);
      expect(r2[k]).toBeCloseTo(c, 9); expect(i2[k]).toBeCloseTo(d, 9);
    }
  });

  it('adjoint matches finite differences of a linear functional and of magnitude spectra', () => {
    const g = [randn(bins), randn(bins), randn(bins), randn(bins)];
    const gx1 = new Float64Array(n), gx2 = new Float64Array(n);
    sp.backward(g[0], g[1], g[2], g[3], gx1, gx2);
    const lin = (a: Float64Array, b: Float64Array) => { const o = out(); sp.forward(a, b, ...o); return o.reduce((s, arr, j) => s + dot(arr, g[j]), 0); };
    for (const i of [0, 5, 31, 63]) {
      expect(relErr(gx1[i], central((h) => { const a = x1.slice(); a[i] += h; return lin(a, x2); }, 1e-5))).toBeLessThan(1e-3);
      expect(relErr(gx2[i], central((h) => { const b = x2.slice(); b[i] += h; return lin(x1, b); }, 1e-5))).toBeLessThan(1e-3);
    }
    // magnitudes: L = Σ w_k |X1_k|; ∂L/∂(Re, Im) = w·(Re, Im)/|X|
    const w = randn(bins);
    const mag = (a: Float64Array) => { const o = out(); sp.forward(a, x2, ...o); let s = 0; for (let k = 0; k < bins; k++) s += w[k] * Math.hypot(o[0][k], o[1][k]); return s; };
    const o = out();
    sp.forward(x1, x2, ...o);
    const gr = new Float64Array(bins), gi = new Float64Array(bins);
    for (let k = 0; k < bins; k++) { const m = Math.hypot(o[0][k], o[1][k]); gr[k] = (w[k] * o[0][k]) / m; gi[k] = (w[k] * o[1][k]) / m; }
    sp.backward(gr, gi, new Float64Array(bins), new Float64Array(bins), gx1, gx2);
    for (const i of [1, 20, 40]) expect(relErr(gx1[i], central((h) => { const a = x1.slice(); a[i] += h; return mag(a); }, 1e-6))).toBeLessThan(1e-3);
  });
});

describe('full features adjoint', () => {
  it('matches finite differences on a rendered hit (loudness, centroid, flatness, TC)', () => {
    const synth = new DiffSynth(goldenNoise(), FEATURE_SAMPLES, 44100, false);
    // a hit over a −40 dB noise floor: keeps every bin above the spectral floors (1e-4, 1e-10),
    // where the features have kinks that finite differences cannot resolve
    const x = Float64Array.from(synth.forward(loadPreset('808_snare_1').normalised), (v) => v + 0.01 * rng.normal());
    const ff = new DiffFullFeatures();
    for (let j = 0; j < 7; j++) {
      const gF = new Float64Array(7);
      gF[j] = 1;
      ff.forward(x);
      const gx = ff.backward(gF, new Float64Array(FEATURE_SAMPLES));
      // a random direction d: ⟨∇, d⟩ vs (f(x + h·d) − f(x − h·d))/2h
      const d = randn(FEATURE_SAMPLES, 1e-2);
      // small step: the quiet late frames make log-loudness strongly curved
      const fd = central((h) => { const xs = x.map((v, i) => v + h * d[i]); return ff.forward(xs)[j]; }, 1e-6);
      expect(relErr(dot(gx, d), fd)).toBeLessThan(1e-3);
    }
  });
});

describe('onset features adjoint', () => {
  const synth = new DiffSynth(goldenNoise(), 256, 44100, false);
  const x = Float64Array.from(synth.forward(loadPreset('808_snare_1').normalised), (v) => v + 0.01 * rng.normal());
  const of = new DiffOnsetFeatures(256, 44100);

  it('forward equals the engine\'s onset features (src/features)', () => {
    const mine = of.forward(x);
    const engine = onsetFeatures(x, 44100);
    mine.forEach((v, j) => expect(Math.abs(v - engine[j])).toBeLessThan(1e-9));
  });

  it('matches finite differences for rms dB, centroid semitones and flatness dB', () => {
    for (let j = 0; j < 3; j++) {
      const gF = [0, 0, 0];
      gF[j] = 1;
      of.forward(x);
      const gx = new Float64Array(256);
      of.backward(gF, gx);
      const d = randn(256, 1e-2);
      const fd = central((h) => of.forward(x.map((v, i) => v + h * d[i]))[j], 1e-6);
      expect(relErr(dot(gx, d), fd)).toBeLessThan(1e-3);
    }
  });
});

describe('synth adjoint and the whole chain', () => {
  const noise = goldenNoise();
  const base = loadPreset('808_snare_1').normalised;
  // random parameters near the preset, away from the [0, 1] edges
  const params = Float64Array.from(base, (v) => Math.min(0.95, Math.max(0.05, v + 0.05 * rng.normal())));

  it('DiffSynth.backward matches finite differences for all 14 parameters', () => {
    const n = 4096;
    const synth = new DiffSynth(noise, n, 44100, false);
    const gout = randn(n);
    synth.forward(params);
    const g = synth.backward(gout);
    for (let k = 0; k < 14; k++) {
      const fd = central((h) => { const p = params.slice(); p[k] += h; return dot(synth.forward(p), gout); }, 1e-6);
      expect(relErr(g[k], fd)).toBeLessThan(1e-3);
    }
  });

  it('the clipping penalty\'s gradient matches finite differences (a hit driven into the flat of the tanh)', () => {
    const n = 4096;
    const synth = new DiffSynth(noise, n, 44100, false);
    const hot = params.slice();
    hot[13] = 0.9; // drive +19 dB
    hot[10] = 0.95; // osc 1 gain near +3 dB
    const out = synth.forward(hot).slice();
    // the statistics gathered during the render are those of the render
    const abs = Array.from(out, Math.abs);
    expect(synth.clipStats()).toEqual({ peak: Math.max(...abs), clippedSamples: abs.filter((a) => a >= 0.99).length });
    expect(synth.clipStats().clippedSamples).toBeGreaterThan(0);
    expect(synth.clipPenalty(1)).toBeGreaterThan(0);
    // the penalty is mean relu(|u| − atanh 0.9)² of the tanh input u = atanh(out) (atanh of samples
    // within 1e-9 of ±1 loses digits: measured 1.6e-5 relative)
    const pen = abs.reduce((sum, a) => { const over = Math.atanh(a) - Math.atanh(0.9); return over > 0 ? sum + over * over : sum; }, 0) / n;
    expect(Math.abs(synth.clipPenalty(2) - 2 * pen)).toBeLessThan(1e-4 * pen);
    const g = synth.backward(new Float64Array(n), 1); // the penalty alone
    for (const k of [10, 11, 12, 13]) {
      const fd = central((h) => { const p = hot.slice(); p[k] += h; synth.forward(p); return synth.clipPenalty(1); }, 1e-6);
      expect(relErr(g[k], fd)).toBeLessThan(1e-3);
    }
  });

  it('params → 10 loss features VJP matches finite differences for all 14 parameters', () => {
    const hl = new HitLoss(noise, 44100, false);
    const gF = randn(NUM_LOSS_FEATURES);
    const { grad } = hl.vjp(params, gF);
    for (let k = 0; k < 14; k++) {
      // small step: the oscillator phase grows with n·f, so the features are strongly curved in f
      const fd = central((h) => { const p = params.slice(); p[k] += h; return dot(hl.features(p), gF); }, 1e-7);
      expect(relErr(grad[k], fd)).toBeLessThan(1e-3);
    }
  });
});
