/**
 * Second-order IIR sections: coefficient designs and a direct-form-I filter.
 *
 * Coefficients are normalised so a0 = 1:
 *   y[n] = b0·x[n] + b1·x[n−1] + b2·x[n−2] − a1·y[n−1] − a2·y[n−2]
 * Shared by the synth's noise filter, the onset detector's 600 Hz high-pass and the loudness
 * feature's K-weighting (and mirrored by the training graph, gen~ and Pd copies).
 */
export interface BiquadCoeffs {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

/**
 * EarLevel/RBJ-style Butterworth-form high-pass with resonance Q (the reference synth's noise filter
 * and onset detector). K = tan(π·fc/sr), norm = 1/(1 + K/Q + K²); b = norm·[1, −2, 1];
 * a = [1, 2(K²−1)·norm, (1 − K/Q + K²)·norm].
 */
export function highpassCoeffs(cutoffHz: number, q: number, sampleRateHz: number): BiquadCoeffs {
  const k = Math.tan((Math.PI * cutoffHz) / sampleRateHz);
  const norm = 1 / (1 + k / q + k * k);
  return { b0: norm, b1: -2 * norm, b2: norm, a1: 2 * (k * k - 1) * norm, a2: (1 - k / q + k * k) * norm };
}

/** EarLevel low-pass, same form: b = K²·norm·[1, 2, 1]. */
export function lowpassCoeffs(cutoffHz: number, q: number, sampleRateHz: number): BiquadCoeffs {
  const k = Math.tan((Math.PI * cutoffHz) / sampleRateHz);
  const norm = 1 / (1 + k / q + k * k);
  const k2n = k * k * norm;
  return { b0: k2n, b1: 2 * k2n, b2: k2n, a1: 2 * (k * k - 1) * norm, a2: (1 - k / q + k * k) * norm };
}

/** RBJ cookbook high shelf (pyloudnorm's K-weighting stage 1: +4 dB, Q 1/√2, 1500 Hz). */
export function rbjHighShelfCoeffs(gainDb: number, q: number, cutoffHz: number, sampleRateHz: number): BiquadCoeffs {
  const A = 10 ** (gainDb / 40);
  const w0 = (2 * Math.PI * cutoffHz) / sampleRateHz;
  const alpha = Math.sin(w0) / (2 * q);
  const c = Math.cos(w0);
  const sa = 2 * Math.sqrt(A) * alpha;
  const a0 = A + 1 - (A - 1) * c + sa;
  return {
    b0: (A * (A + 1 + (A - 1) * c + sa)) / a0,
    b1: (-2 * A * (A - 1 + (A + 1) * c)) / a0,
    b2: (A * (A + 1 + (A - 1) * c - sa)) / a0,
    a1: (2 * (A - 1 - (A + 1) * c)) / a0,
    a2: (A + 1 - (A - 1) * c - sa) / a0,
  };
}

/** RBJ cookbook high-pass (pyloudnorm's K-weighting stage 2: Q 0.5, 38 Hz). */
export function rbjHighpassCoeffs(q: number, cutoffHz: number, sampleRateHz: number): BiquadCoeffs {
  const w0 = (2 * Math.PI * cutoffHz) / sampleRateHz;
  const alpha = Math.sin(w0) / (2 * q);
  const c = Math.cos(w0);
  const a0 = 1 + alpha;
  return { b0: (1 + c) / 2 / a0, b1: -(1 + c) / a0, b2: (1 + c) / 2 / a0, a1: (-2 * c) / a0, a2: (1 - alpha) / a0 };
}

/** Filter state for sample-by-sample use (direct form I: two inputs, two outputs). */
export interface BiquadState {
  x1: number;
  x2: number;
  y1: number;
  y2: number;
}

export const newBiquadState = (): BiquadState => ({ x1: 0, x2: 0, y1: 0, y2: 0 });

/** One sample through the section; updates `s`. */
export function biquadStep(c: BiquadCoeffs, s: BiquadState, x: number): number {
  const y = c.b0 * x + c.b1 * s.x1 + c.b2 * s.x2 - c.a1 * s.y1 - c.a2 * s.y2;
  s.x2 = s.x1;
  s.x1 = x;
  s.y2 = s.y1;
  s.y1 = y;
  return y;
}

/**
 * Filter a whole signal from zero state. With `clampOutput`, outputs are clamped to [−1, 1]
 * afterwards (torchaudio `lfilter(clamp=True)`: the recursion itself uses the unclamped values).
 */
export function biquadFilter(c: BiquadCoeffs, x: ArrayLike<number>, out: Float64Array = new Float64Array(x.length), clampOutput = false): Float64Array {
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
  for (let n = 0; n < x.length; n++) {
    const xn = x[n];
    const y = c.b0 * xn + c.b1 * x1 + c.b2 * x2 - c.a1 * y1 - c.a2 * y2;
    x2 = x1; x1 = xn; y2 = y1; y1 = y;
    out[n] = y;
  }
  if (clampOutput) for (let n = 0; n < out.length; n++) out[n] = out[n] > 1 ? 1 : out[n] < -1 ? -1 : out[n];
  return out;
}
