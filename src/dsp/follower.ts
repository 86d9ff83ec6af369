/**
 * Asymmetric one-pole envelope follower (the reference's `EnvelopeFollower`, FluCoMa amp-slice style):
 *
 *   y[n] = y[n−1] + up·(x[n] − y[n−1])     if x[n] > y[n−1]
 *   y[n] = y[n−1] + down·(x[n] − y[n−1])   otherwise
 *
 * `up`/`down` are per-sample smoothing fractions in (0, 1]. The reference gives them as sample
 * counts N (fraction 1/N, not scaled with the sample rate: fast = 3/383, slow = 2205/2205 samples);
 * rate-independent code gives time constants in ms (fraction 1 − exp(−1/(τ·sr)), i.e. a step
 * reaches 1 − 1/e of its final value after τ at any rate). Pure functions, no allocation.
 */
export interface FollowerCoeffs {
  /** Fraction of the gap closed per sample while the input is above the state (attack). */
  readonly up: number;
  /** Fraction of the gap closed per sample otherwise (release). */
  readonly down: number;
}

/** The reference's form: `up = 1/upSamples`, `down = 1/downSamples` (sample counts ≥ 1). */
export function followerCoeffsFromSamples(upSamples: number, downSamples: number): FollowerCoeffs {
  return { up: 1 / Math.max(1, upSamples), down: 1 / Math.max(1, downSamples) };
}

/** Smoothing fraction of a one-pole with time constant `tauMs` at `sampleRateHz` (0 ms → 1: no smoothing). */
export function onePoleFraction(tauMs: number, sampleRateHz: number): number {
  return tauMs <= 0 ? 1 : 1 - Math.exp(-1000 / (tauMs * sampleRateHz));
}

/** Time constants in ms → fractions at `sampleRateHz` (same behaviour in seconds at any rate). */
export function followerCoeffsFromMs(upMs: number, downMs: number, sampleRateHz: number): FollowerCoeffs {
  return { up: onePoleFraction(upMs, sampleRateHz), down: onePoleFraction(downMs, sampleRateHz) };
}

/** One sample: returns the new state. Written as `y + c·(x − y)` like the reference (`up * (x - y0) + y0`). */
export function followerStep(y: number, x: number, c: FollowerCoeffs): number {
  return x > y ? c.up * (x - y) + y : c.down * (x - y) + y;
}

/** Follow a whole signal from `initial`; returns `out` (allocated when not given). */
export function followEnvelope(x: ArrayLike<number>, c: FollowerCoeffs, initial: number, out: Float64Array = new Float64Array(x.length)): Float64Array {
  let y = initial;
  for (let n = 0; n < x.length; n++) {
    y = followerStep(y, x[n], c);
    out[n] = y;
  }
  return out;
}
