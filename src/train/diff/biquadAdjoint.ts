/**
 * Exact adjoint (reverse-mode derivative) of the direct-form-I biquad of `src/dsp/biquad.ts`.
 *
 * Forward: y[n] = b0·x[n] + b1·x[n−1] + b2·x[n−2] − a1·y[n−1] − a2·y[n−2], zero initial state.
 * Given ḡ = ∂L/∂y (the explicit gradient on each output), the total derivative through the
 * recursion is λ[n] = ḡ[n] − a1·λ[n+1] − a2·λ[n+2] (the same filter run backwards in time), and
 *   ∂L/∂x[n] = b0·λ[n] + b1·λ[n+1] + b2·λ[n+2]
 *   ∂L/∂b_i  = Σ_n λ[n]·x[n−i],   ∂L/∂a_i = −Σ_n λ[n]·y[n−i]      (y unclamped)
 * Clamping of the output (torchaudio `lfilter(clamp=True)`) is handled by the caller: the
 * gradient is zero where |y| > 1.
 *
 * `DiffSynth.backward` (synthDiff.ts) runs this same recursion inside its one fused backward pass
 * instead of calling `biquadAdjoint`: measured, the separate pass plus its buffer costs ~16 % of
 * the training kernel (8.7 vs 7.3 ms per hit, median of 6 interleaved runs each) and gives
 * bit-identical gradients. Both are checked against finite differences (test/train/adjoints.test.ts:
 * this function directly, the fused copy through all 14 synth parameters).
 */
import type { BiquadCoeffs } from '../../dsp/biquad';

/** Gradients of a biquad with respect to its five coefficients. */
export interface BiquadCoeffGrads {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/**
 * Backward pass of `biquadFilter`.
 * @param c coefficients (a0 = 1)
 * @param x the filter input used in the forward pass
 * @param y the unclamped forward output
 * @param gy ∂L/∂y per sample (already masked by any output clamp)
 * @param gx receives ∂L/∂x (overwritten), or null when not needed
 * @returns ∂L/∂(b0, b1, b2, a1, a2)
 */
export function biquadAdjoint(
  c: BiquadCoeffs,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  gy: ArrayLike<number>,
  gx: Float64Array | null,
  len = x.length,
): BiquadCoeffGrads {
  let l1 = 0, l2 = 0; // λ[n+1], λ[n+2]
  let gb0 = 0, gb1 = 0, gb2 = 0, ga1 = 0, ga2 = 0;
  const { b0, b1, b2, a1, a2 } = c;
  for (let n = len - 1; n >= 0; n--) {
    const l = gy[n] - a1 * l1 - a2 * l2;
    if (gx) gx[n] = b0 * l + b1 * l1 + b2 * l2;
    gb0 += l * x[n];
    if (n >= 1) {
      gb1 += l * x[n - 1];
      ga1 -= l * y[n - 1];
    }
    if (n >= 2) {
      gb2 += l * x[n - 2];
      ga2 -= l * y[n - 2];
    }
    l2 = l1;
    l1 = l;
  }
  return { b0: gb0, b1: gb1, b2: gb2, a1: ga1, a2: ga2 };
}

/**
 * Backward pass with respect to the input only (fixed filters such as K-weighting): λ recursion
 * and ∂L/∂x, no coefficient sums. `gx` may alias `gy`.
 */
export function biquadAdjointInput(c: BiquadCoeffs, gy: ArrayLike<number>, gx: Float64Array, len = gy.length): Float64Array {
  let l1 = 0, l2 = 0;
  const { b0, b1, b2, a1, a2 } = c;
  for (let n = len - 1; n >= 0; n--) {
    const l = gy[n] - a1 * l1 - a2 * l2;
    gx[n] = b0 * l + b1 * l1 + b2 * l2;
    l2 = l1;
    l1 = l;
  }
  return gx;
}

/**
 * Chain rule from coefficient gradients to the high-pass design parameters of `highpassCoeffs`
 * (K = tan(π·fc/sr), D = 1 + K/Q + K², b = [1, −2, 1]/D, a1 = 2(K²−1)/D, a2 = (1 − K/Q + K²)/D).
 * @returns ∂L/∂cutoffHz and ∂L/∂q; zeros where the design is singular (fc at Nyquist).
 */
export function highpassDesignGrad(g: BiquadCoeffGrads, cutoffHz: number, q: number, sampleRateHz: number): { cutoffHz: number; q: number } {
  const k = Math.tan((Math.PI * cutoffHz) / sampleRateHz);
  const d = 1 + k / q + k * k;
  const num2 = 1 - k / q + k * k;
  // ∂/∂K and ∂/∂Q of norm = 1/D, a1, a2
  const dD_dK = 1 / q + 2 * k;
  const dD_dQ = -k / (q * q);
  const dNorm_dK = -dD_dK / (d * d);
  const dNorm_dQ = -dD_dQ / (d * d);
  const dA1_dK = (4 * k) / d - (2 * (k * k - 1) * dD_dK) / (d * d);
  const dA1_dQ = (-2 * (k * k - 1) * dD_dQ) / (d * d);
  const dA2_dK = (-1 / q + 2 * k) / d - (num2 * dD_dK) / (d * d);
  const dA2_dQ = k / (q * q) / d - (num2 * dD_dQ) / (d * d);
  const gNorm = g.b0 - 2 * g.b1 + g.b2;
  const gK = gNorm * dNorm_dK + g.a1 * dA1_dK + g.a2 * dA2_dK;
  const gQ = gNorm * dNorm_dQ + g.a1 * dA1_dQ + g.a2 * dA2_dQ;
  const dK_dFc = (Math.PI / sampleRateHz) * (1 + k * k);
  const gFc = gK * dK_dFc;
  return { cutoffHz: Number.isFinite(gFc) ? gFc : 0, q: Number.isFinite(gQ) ? gQ : 0 };
}
