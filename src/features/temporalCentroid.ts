/**
 * Temporal centroid on Schlauch's scale (full feature TC), as the reference's
 * `TemporalCentroid(window_size=2048, scaling='schlauch')` on the first 5512-sample frame:
 *   env[n] = Σ_{j=0}^{K−1} x²[n + j − 1023] · w[j],  n = 0…L−1   (K = 2048, w = periodic Hann,
 *            x = 0 outside the frame: `conv1d(padding="same")` pads 1023 left, 1024 right)
 *   TC_samples = Σ n·env[n] / (Σ env + 1e-8),  TC_ms = TC_samples / sr · 1000,  TC = 0.03 · TC_ms^1.864
 * Both sums are linear in x², so Σ env = Σ_m x²[m]·a[m] and Σ n·env = Σ_m x²[m]·b[m] with weights a, b
 * precomputed from prefix sums of w: exact, O(L) per call instead of O(L·K).
 * Silence gives TC = 0 (0 / 1e-8). Meyda has no temporal centroid.
 */
import { getWindow } from '../dsp/window';

export const TC_FRAME_SAMPLES = 5512;
export const TC_KERNEL_SAMPLES = 2048;
const EPS = 1e-8;

interface TcWeights {
  /** a[m] = Σ_n w[m − n + left] over valid n: x²[m]'s contribution to Σ env. */
  readonly sum: Float64Array;
  /** b[m] = Σ_n n · w[m − n + left]: x²[m]'s contribution to Σ n·env. */
  readonly moment: Float64Array;
}

const weightCache = new Map<string, TcWeights>();

/** Weights for a frame of `frameSamples` and a periodic-Hann kernel of `kernelSamples` (cached). */
export function temporalCentroidWeights(frameSamples: number, kernelSamples: number): TcWeights {
  const key = `${frameSamples}:${kernelSamples}`;
  const hit = weightCache.get(key);
  if (hit) return hit;
  const w = getWindow('hannPeriodic', kernelSamples);
  const left = Math.floor((kernelSamples - 1) / 2);
  // Prefix sums P0[j] = Σ_{k<j} w[k], P1[j] = Σ_{k<j} k·w[k].
  const p0 = new Float64Array(kernelSamples + 1), p1 = new Float64Array(kernelSamples + 1);
  for (let k = 0; k < kernelSamples; k++) {
    p0[k + 1] = p0[k] + w[k];
    p1[k + 1] = p1[k] + k * w[k];
  }
  const sum = new Float64Array(frameSamples), moment = new Float64Array(frameSamples);
  for (let m = 0; m < frameSamples; m++) {
    // x²[m] reaches env[n] through tap k = m − n + left, for n in [0, L) and k in [0, K).
    const lo = Math.max(0, m + left - (frameSamples - 1));
    const hi = Math.min(kernelSamples - 1, m + left);
    if (hi < lo) continue;
    const s0 = p0[hi + 1] - p0[lo];
    const s1 = p1[hi + 1] - p1[lo];
    sum[m] = s0;
    moment[m] = (m + left) * s0 - s1; // Σ (m + left − k)·w[k]
  }
  const weights = { sum, moment };
  weightCache.set(key, weights);
  return weights;
}

/** Temporal centroid in ms of `x[0 … frameSamples)` (zero-padded if shorter), unscaled. */
export function temporalCentroidMs(x: ArrayLike<number>, sampleRateHz: number, frameSamples = TC_FRAME_SAMPLES, kernelSamples = TC_KERNEL_SAMPLES): number {
  const { sum, moment } = temporalCentroidWeights(frameSamples, kernelSamples);
  const end = Math.min(frameSamples, x.length);
  let num = 0, den = 0;
  for (let m = 0; m < end; m++) {
    const e = x[m] * x[m];
    num += e * moment[m];
    den += e * sum[m];
  }
  return (num / (den + EPS) / sampleRateHz) * 1000;
}

/** Schlauch's scaling 0.03 · ms^1.864 of a temporal centroid in ms. */
export function schlauchFromMs(ms: number): number {
  return 0.03 * Math.pow(ms, 1.864);
}

/** Temporal centroid (Schlauch scale) of the first 5512 samples of `signal`. */
export default function temporalCentroid({ signal, sampleRateHz = 44100 }: { signal: ArrayLike<number>; sampleRateHz?: number }): number {
  return schlauchFromMs(temporalCentroidMs(signal, sampleRateHz));
}
