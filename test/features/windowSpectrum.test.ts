/** src/dsp/window.ts and src/dsp/spectrum.ts against their defining formulas (direct DFT). */
import { flatTop, getWindow, hannPeriodic, hannSymmetric } from '../../src/dsp/window';
import { RealSpectrum, getSpectrum } from '../../src/dsp/spectrum';
import { noise } from './goldenData';

/** |Σ_n x[n]·w[n]·e^{−2πikn/N}| for k = 0…⌊N/2⌋, O(N²). */
function directDftMagnitude(x: ArrayLike<number>, w: ArrayLike<number> | null): Float64Array {
  const n = x.length;
  const out = new Float64Array(Math.floor(n / 2) + 1);
  for (let k = 0; k < out.length; k++) {
    let re = 0, im = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i] * (w ? w[i] : 1);
      const a = (-2 * Math.PI * ((k * i) % n)) / n;
      re += v * Math.cos(a);
      im += v * Math.sin(a);
    }
    out[k] = Math.hypot(re, im);
  }
  return out;
}

describe('windows', () => {
  test('periodicHannIsSymmetricHannOfNPlusOneTruncated', () => {
    const p = hannPeriodic(256), s = hannSymmetric(257);
    for (let i = 0; i < 256; i++) expect(p[i]).toBeCloseTo(s[i], 14);
    expect(p[0]).toBe(0);
    expect(p[128]).toBeCloseTo(1, 14);
    expect(p[255]).toBeGreaterThan(0);
  });
  test('symmetricHannEndsAtZeroBothSides', () => {
    const s = hannSymmetric(2048);
    expect(s[0]).toBe(0);
    expect(s[2047]).toBeCloseTo(0, 14);
    for (let i = 0; i < 1024; i++) expect(s[i]).toBeCloseTo(s[2047 - i], 14);
    expect(Array.from(hannSymmetric(1))).toEqual([1]);
  });
  test('flatTopIsSymmetricWithUnitPeakAndNegativeLobes', () => {
    const w = flatTop(2049);
    for (let i = 0; i < 1024; i++) expect(w[i]).toBeCloseTo(w[2048 - i], 12);
    // a0 + a1 + a2 + a3 + a4 at the centre (cos terms all −1 … alternating signs) ≈ 1.
    expect(w[1024]).toBeCloseTo(0.21557895 + 0.41663158 + 0.277263158 + 0.083578947 + 0.006947368, 12);
    expect(w[1024]).toBeCloseTo(1, 6);
    expect(Math.min(...w)).toBeLessThan(0); // flat-top windows dip below zero
    expect(w[0]).toBeCloseTo(0.21557895 - 0.41663158 + 0.277263158 - 0.083578947 + 0.006947368, 12);
  });
  test('getWindowCachesAndValidates', () => {
    expect(getWindow('hannPeriodic', 64)).toBe(getWindow('hannPeriodic', 64));
    expect(() => getWindow('flatTop', 0)).toThrow(/positive integer/);
    expect(() => getWindow('flatTop', 2.5)).toThrow(/positive integer/);
  });
});

describe('RealSpectrum', () => {
  test.each([1, 2, 4, 8, 64, 256, 2048])('powerOfTwoMatchesDirectDft (N = %i)', (n) => {
    const x = noise(n, n);
    const w = hannPeriodic(n);
    const s = new RealSpectrum(n);
    expect(s.bins).toBe(Math.floor(n / 2) + 1);
    const got = s.magnitude(x, w, new Float64Array(s.bins));
    const want = directDftMagnitude(x, w);
    for (let k = 0; k < s.bins; k++) expect(Math.abs(got[k] - want[k])).toBeLessThan(1e-9 * Math.max(1, n));
  });
  test.each([3, 5, 7, 100, 255, 279, 557, 1000])('nonPowerOfTwoIsTheExactDftNotZeroPadded (N = %i)', (n) => {
    const x = noise(n, n + 1);
    const w = hannPeriodic(n);
    const s = new RealSpectrum(n);
    const got = s.magnitude(x, w, new Float64Array(s.bins));
    const want = directDftMagnitude(x, w);
    expect(got.length).toBe(Math.floor(n / 2) + 1);
    for (let k = 0; k < s.bins; k++) expect(Math.abs(got[k] - want[k])).toBeLessThan(1e-9 * n);
  });
  test('offsetAndImplicitZeroPadding', () => {
    const x = noise(300, 4);
    const s = getSpectrum(256);
    const a = s.magnitude(x, null, new Float64Array(129), 100); // samples 100…299, then 56 zeros
    const frame = new Float64Array(256);
    frame.set(x.subarray(100));
    const want = directDftMagnitude(frame, null);
    for (let k = 0; k < 129; k++) expect(a[k]).toBeCloseTo(want[k], 9);
    expect(getSpectrum(256)).toBe(s);
  });
  test('rejectsBadSizes', () => {
    expect(() => new RealSpectrum(0)).toThrow(/positive integer/);
  });
});
