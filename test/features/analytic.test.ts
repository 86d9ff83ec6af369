/** Features on signals whose values are known in closed form. */
import { onsetFeatures, fullFeatures } from '../../src/features';
import centroidSemitones from '../../src/features/centroidSemitones';
import flatnessDb from '../../src/features/flatnessDb';
import rmsDb from '../../src/features/rmsDb';
import { kWeighting } from '../../src/features/loudnessLkfs';
import { temporalCentroidMs, temporalCentroidWeights } from '../../src/features/temporalCentroid';
import { hannPeriodic } from '../../src/dsp/window';
import { noise, sine } from './goldenData';

const midi = (hz: number): number => 12 * Math.log2(hz / 440) + 69;

describe('onset features, analytic', () => {
  test('fullScaleSineRmsIsMinus3dB', () => {
    // 1 kHz·256/44100 is not a whole number of cycles; use a long frame so the partial cycle is negligible.
    expect(rmsDb({ frame: sine(44100, 1000, 44100) })).toBeCloseTo(20 * Math.log10(Math.SQRT1_2), 3);
    // A whole number of cycles in the 256-sample window: exact.
    expect(onsetFeatures(sine(256, (8 * 44100) / 256, 44100))[0]).toBeCloseTo(-3.0103, 3);
    expect(rmsDb({ frame: sine(44100, 441, 44100, 0.1) })).toBeCloseTo(-23.0103, 3);
  });

  test.each([
    [2048, 44100, 1000],
    [2048, 44100, 5000],
    [256, 44100, (10 * 44100) / 256], // bin-centred in the onset window
    [256, 44100, 8000],
    [279, 48000, 8000], // the 48 kHz onset window (non-power-of-two, true sample rate)
    [4096, 96000, 3000],
  ])('sineCentroidIsItsFrequency (N = %i, %i Hz, %f Hz)', (n, sr, f) => {
    const c = centroidSemitones({ frame: sine(n, f, sr), sampleRateHz: sr });
    expect(Math.abs(c - midi(f))).toBeLessThan(0.1);
    expect(Math.abs(onsetFeatures(sine(n, f, sr), sr)[1] - midi(f))).toBeLessThan(0.1);
  });

  test('centroidScalesWithTheTrueSampleRate', () => {
    // The same samples labelled 48 kHz are 48000/44100 higher in Hz: +12·log2(48000/44100) semitones.
    const x = noise(256, 3);
    const d = onsetFeatures(x, 48000)[1] - onsetFeatures(x, 44100)[1];
    expect(d).toBeCloseTo(12 * Math.log2(48000 / 44100), 9);
  });

  test('whiteNoiseFlatnessIsMinusEulerGamma', () => {
    // For Gaussian noise each |X_k|² is exponential, so E[ln P] = ln E[P] − γ and
    // flatness → e^{−γ}: 20·log10(e^{−γ}) = −5.013 "dB" (the reference's 20·log10 of a power ratio).
    const gamma = 0.5772156649015329;
    const expected = 20 * Math.log10(Math.exp(-gamma));
    const frames = 8, n = 4096;
    let sum = 0;
    for (let f = 0; f < frames; f++) sum += flatnessDb({ frame: noise(n, 100 + f) });
    expect(Math.abs(sum / frames - expected)).toBeLessThan(0.3);
  });

  test('pureToneIsFarLessFlatThanNoise', () => {
    const tone = flatnessDb({ frame: sine(256, (16 * 44100) / 256, 44100) });
    expect(tone).toBeLessThan(-60);
  });
});

describe('full features, analytic', () => {
  test('kWeightingCoefficientsMatchTheReferenceTable', () => {
    // reference-implementation.md §3.4 (pyloudnorm's K-weighting, RBJ cookbook), 6 decimals.
    const table: Record<number, number[][]> = {
      44100: [[1.530910, -2.651169, 1.169167, -1.663750, 0.712658], [0.994608, -1.989216, 0.994608, -1.989201, 0.989230]],
      48000: [[1.535183, -2.691804, 1.198426, -1.690700, 0.732505], [0.995044, -1.990089, 0.995044, -1.990076, 0.990101]],
    };
    for (const [sr, [shelf, hp]] of Object.entries(table)) {
      const k = kWeighting(Number(sr));
      const got = [[k.shelf.b0, k.shelf.b1, k.shelf.b2, k.shelf.a1, k.shelf.a2], [k.highpass.b0, k.highpass.b1, k.highpass.b2, k.highpass.a1, k.highpass.a2]];
      [shelf, hp].forEach((row, r) => row.forEach((v, i) => expect(Math.abs(got[r][i] - v)).toBeLessThan(2e-6)));
    }
  });

  test('loudnessOfA1kHzSineIsNearItsBs1770Value', () => {
    // K-weighting is ≈ +0.7 dB at 1 kHz (shelf skirt); a full-scale… here −20 dBFS sine: mean square 0.005
    // → −0.691 + 10·log10(0.005) = −23.70 LKFS before weighting; the weighting adds ≈ 0.69 dB at 1 kHz.
    const f = fullFeatures(sine(44100, 1000, 44100, 0.1));
    expect(f[1]).toBeGreaterThan(-23.7 + 0.4);
    expect(f[1]).toBeLessThan(-23.7 + 1.0);
  });

  test('temporalCentroidEqualsDirectSameConvolution', () => {
    // env = conv1d(x², hann(2048), padding "same") = 1023 left / 1024 right, computed directly.
    const L = 5512, K = 2048, left = 1023;
    const x = noise(L, 21).map((v, i) => v * Math.exp(-i / 800));
    const w = hannPeriodic(K);
    let num = 0, den = 0;
    for (let n = 0; n < L; n++) {
      let e = 0;
      for (let k = 0; k < K; k++) {
        const m = n + k - left;
        if (m >= 0 && m < L) e += x[m] * x[m] * w[k];
      }
      num += n * e;
      den += e;
    }
    const directMs = (num / (den + 1e-8) / 44100) * 1000;
    expect(temporalCentroidMs(x, 44100)).toBeCloseTo(directMs, 8);
    expect(temporalCentroidWeights(L, K)).toBe(temporalCentroidWeights(L, K));
  });

  test('temporalCentroidOfAnImpulseIsItsPosition', () => {
    // A lone impulse at m inside the frame, away from the edges: env is the kernel centred on m
    // (taps 1023 left … 1024 right) whose centroid is m + (1024 − 1023)/… ≈ m (Hann is symmetric about 1024).
    const x = new Float64Array(5512);
    x[3000] = 1;
    // env[n] = w[3000 − n + 1023]; Σ n·w[3000 + 1023 − n] / Σ w = 3000 + 1023 − centre(w) = 3000 + 1023 − 1024.
    expect((temporalCentroidMs(x, 44100) * 44100) / 1000).toBeCloseTo(2999, 6);
  });
});
