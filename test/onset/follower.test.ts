import { followEnvelope, followerCoeffsFromMs, followerCoeffsFromSamples, followerStep, onePoleFraction } from '../../src/dsp/follower';

describe('asymmetric one-pole follower', () => {
  it('a step reaches 1 − 1/e of its height after τ at any sample rate (analytic)', () => {
    for (const sr of [44100, 48000, 96000]) {
      const c = followerCoeffsFromMs(10, 50, sr);
      const n = Math.round(0.01 * sr); // whole samples at these rates
      const y = followEnvelope(new Float64Array(n).fill(1), c, 0);
      expect(y[n - 1]).toBeCloseTo(1 - Math.exp(-1), 3);
    }
  });

  it('uses the up fraction above the state and the down fraction below it', () => {
    const c = followerCoeffsFromSamples(3, 383);
    expect(followerStep(-55, 0, c)).toBeCloseTo(-55 + 55 / 3, 12);
    expect(followerStep(0, -55, c)).toBeCloseTo(-55 / 383, 12);
  });

  it('release after an attack decays as (1 − 1/N)^n (reference sample-count form)', () => {
    const c = followerCoeffsFromSamples(1, 10);
    const x = new Float64Array(21);
    x[0] = 1;
    const y = followEnvelope(x, c, 0);
    expect(y[0]).toBe(1); // up = 1/1: jumps at once
    expect(y[20]).toBeCloseTo(0.9 ** 20, 12);
  });

  it('0 ms means no smoothing', () => {
    expect(onePoleFraction(0, 44100)).toBe(1);
  });
});
