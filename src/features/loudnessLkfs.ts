/**
 * Frame loudness in LKFS (full features SPL_T, SPL_S), as the reference's `Loudness` (BS.1770-style
 * K-weighting, no gating, no channel weighting):
 *   y = clamp(HP(clamp(shelf(x))))   each stage from zero state (torchaudio `lfilter`, clamp to [−1, 1]
 *                                   applied to the stage's output after the recursion)
 *   L = −0.691 + 10·log10(mean(y²) + 1e-8)
 * shelf: RBJ high shelf +4 dB, Q 1/√2, 1500 Hz; HP: RBJ high-pass Q 0.5, 38 Hz (pyloudnorm's
 * "K-weighting" prototype, designed at the true sample rate). Silence gives −80.691 LKFS.
 * Meyda's `loudness` is a Bark-band specific-loudness model, unrelated; not used.
 */
import { biquadFilter, rbjHighpassCoeffs, rbjHighShelfCoeffs, type BiquadCoeffs } from '../dsp/biquad';

const EPS = 1e-8;
const OFFSET_LKFS = -0.691;

export interface KWeighting {
  readonly shelf: BiquadCoeffs;
  readonly highpass: BiquadCoeffs;
}

const kCache = new Map<number, KWeighting>();

/** pyloudnorm's K-weighting sections at `sampleRateHz` (cached). */
export function kWeighting(sampleRateHz: number): KWeighting {
  let k = kCache.get(sampleRateHz);
  if (k === undefined) {
    k = { shelf: rbjHighShelfCoeffs(4, 1 / Math.SQRT2, 1500, sampleRateHz), highpass: rbjHighpassCoeffs(0.5, 38, sampleRateHz) };
    kCache.set(sampleRateHz, k);
  }
  return k;
}

/**
 * Loudness (LKFS) of one frame `x` (the whole array), filtered from zero state. `scratchA` and
 * `scratchB` (length ≥ x.length) hold the two filter stages' outputs.
 */
export function loudnessLkfsOf(x: ArrayLike<number>, k: KWeighting, scratchA: Float64Array, scratchB: Float64Array): number {
  const n = x.length;
  const a = biquadFilter(k.shelf, x, scratchA.length === n ? scratchA : scratchA.subarray(0, n), true);
  const b = biquadFilter(k.highpass, a, scratchB.length === n ? scratchB : scratchB.subarray(0, n), true);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += b[i] * b[i];
  return OFFSET_LKFS + 10 * Math.log10(sum / n + EPS);
}

/** Loudness of a whole frame (any length ≥ 1) in LKFS. */
export default function loudnessLkfs({ frame, sampleRateHz = 44100 }: { frame: ArrayLike<number>; sampleRateHz?: number }): number {
  const n = frame.length;
  if (n < 1) throw new RangeError('loudnessLkfs: the frame is empty; pass at least one sample');
  return loudnessLkfsOf(frame, kWeighting(sampleRateHz), new Float64Array(n), new Float64Array(n));
}
