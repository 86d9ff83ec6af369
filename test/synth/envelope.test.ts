import {
  attackSamplesAt,
  createExpDecayEnvelope,
  expDecayEnvelope,
  expDecayFactor,
  stepExpDecayEnvelope,
  triggerExpDecayEnvelope,
} from '../../src/dsp/envelope';

describe('ExpDecayEnvelope', () => {
  test('attack length floor(0.001·sr)', () => {
    expect(attackSamplesAt(44100)).toBe(44);
    expect(attackSamplesAt(48000)).toBe(48);
    expect(attackSamplesAt(96000)).toBe(96);
  });

  test.each([
    [44100, 10],
    [44100, 200],
    [48000, 50],
    [48000, 2000],
  ])('at %d Hz, %d ms: linear attack k/A, then 1, r, r², … with r = 1 − 6.91/N', (sr, decayMs) => {
    const A = attackSamplesAt(sr);
    const env = expDecayEnvelope(decayMs, sr, A + 2000);
    for (let k = 1; k <= A; k++) expect(env[k - 1]).toBeCloseTo(k / A, 6);
    expect(env[A]).toBe(1);
    const r = 1 - 6.91 / ((decayMs * sr) / 1000); // float64 reference value
    expect(Math.abs(expDecayFactor(decayMs, sr) - r)).toBeLessThan(1.2e-7); // rounded to float32
    for (const m of [1, 10, 100, 1999]) expect(env[A + m] / r ** m).toBeCloseTo(1, 3);
  });

  test('the per-sample stepper gives the whole-buffer sequence exactly', () => {
    const whole = expDecayEnvelope(37.5, 48000, 5000);
    const s = createExpDecayEnvelope();
    triggerExpDecayEnvelope(s, 37.5, 48000);
    for (let n = 0; n < whole.length; n++) expect(stepExpDecayEnvelope(s)).toBe(whole[n]);
  });

  test('retriggering restarts from the attack', () => {
    const s = createExpDecayEnvelope();
    triggerExpDecayEnvelope(s, 100, 44100);
    for (let n = 0; n < 1000; n++) stepExpDecayEnvelope(s);
    triggerExpDecayEnvelope(s, 100, 44100);
    expect(stepExpDecayEnvelope(s)).toBeCloseTo(1 / 44, 7);
  });

  test('decay shorter than 6.91 samples gives 0, never a negative factor', () => {
    expect(expDecayFactor(0.1, 44100)).toBe(0);
    expect(expDecayFactor(Number.NaN, 44100)).toBe(0);
  });

  test('reaches −60 dB after the decay time (48 kHz)', () => {
    const sr = 48000;
    for (const decayMs of [10, 150, 2000]) {
      const A = attackSamplesAt(sr);
      const env = expDecayEnvelope(decayMs, sr, A + Math.ceil((1.1 * decayMs * sr) / 1000));
      let m = 0;
      while (env[A + m] >= 1e-3) m++;
      const N = (decayMs * sr) / 1000;
      // Analytic crossing of r^m = 10⁻³ for the float32 r in use (checked against 1 − 6.91/N above).
      const mExact = Math.log(1e-3) / Math.log(expDecayFactor(decayMs, sr));
      expect(Math.abs(m - Math.ceil(mExact))).toBeLessThanOrEqual(1);
      // Against the nominal decay time: 6.91 vs ln 1000 = 6.9078 makes it 0.03 % + ~3.5 samples early,
      // and r's float32 rounding moves 1 − r by up to 3e-8 (0.04 % at 2 s).
      expect(Math.abs(m - N)).toBeLessThanOrEqual(0.001 * N + 5);
    }
  });
});
