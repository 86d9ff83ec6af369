/**
 * Hit segmentation for training and analysis (the reference's `OnsetFrames`, pad_overlap on):
 * each hit is `lengthSamples` samples starting `backtrackSamples` before its onset,
 *   start = max(onset − backtrack, 0)
 * If the next onset comes sooner (next − start < length), the hit is cut `fadeSamples` before the
 * next onset, end = next − fade, and its last `fadeSamples` samples are multiplied by the second
 * half of a symmetric Hann of 2·fade points (`np.hanning(2·fade)[fade:]`: from ≈1 down to exactly 0).
 * Everything after the cut (or past the end of the signal) is zero.
 *
 * Edge case, documented deviation: when the cut hit is shorter than 2·fade samples the reference
 * fails (numpy broadcast error) or, below `fade` samples, applies the first part of the fade; here
 * the last min(length, fade) samples get the END of the fade, so every cut hit ends at 0.
 * With the training detector's 10 000-sample hold, cut hits are always longer than 2·1024.
 */
import { getWindow } from '../dsp/window';
import { UserError } from '../util/errors';
import { checkOptions, checkSampleRate, checkSamples } from '../util/validate';

export interface SegmentOptions {
  /** Samples before the onset where the hit starts (default 16). */
  backtrackSamples?: number;
  /** Hit length in samples (default: the sample rate, 1 s). */
  lengthSamples?: number;
  /** Gap before an overlapping next onset, and fade-out length (default 1024). */
  fadeSamples?: number;
}

function checkCount(name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new UserError(`segmentHits: ${name} must be an integer ≥ ${min}, got ${v}`, 'E_FEATURE_INPUT');
}

/**
 * One Float32Array of `lengthSamples` per onset (sample indices, ascending; rounded to integers).
 */
export function segmentHits(signal: ArrayLike<number>, onsets: ArrayLike<number>, sampleRateHz = 44100, opts: SegmentOptions = {}): Float32Array[] {
  checkSamples('segmentHits', 'signal', signal);
  checkSamples('segmentHits', 'onsets', onsets);
  checkSampleRate('segmentHits', sampleRateHz);
  checkOptions('segmentHits', opts);
  const backtrack = opts.backtrackSamples ?? 16;
  const length = opts.lengthSamples ?? Math.round(sampleRateHz);
  const fadeLen = opts.fadeSamples ?? 1024;
  checkCount('backtrackSamples', backtrack, 0);
  checkCount('lengthSamples', length, 1);
  if (length > 60 * sampleRateHz) throw new UserError(`segmentHits: lengthSamples ${length} is over a minute of audio; hits are about 1 s (the default).`, 'E_FEATURE_INPUT');
  checkCount('fadeSamples', fadeLen, 0);
  const idx = Array.from(onsets, (o) => Math.round(o));
  for (let j = 0; j < idx.length; j++) {
    if (!Number.isFinite(idx[j])) throw new UserError(`segmentHits: onset ${j} is not a finite sample index (${onsets[j]})`, 'E_FEATURE_INPUT');
    if (j > 0 && idx[j] < idx[j - 1]) throw new UserError(`segmentHits: onsets must be in ascending order (onset ${j} = ${idx[j]} < ${idx[j - 1]}); sort them first`, 'E_FEATURE_INPUT');
  }
  // np.hanning(2·fade)[fade:] — second half of a symmetric Hann.
  const fade = fadeLen > 0 ? getWindow('hannSymmetric', 2 * fadeLen).subarray(fadeLen) : new Float64Array(0);

  const hits: Float32Array[] = [];
  for (let j = 0; j < idx.length; j++) {
    const start = Math.max(idx[j] - backtrack, 0);
    const hit = new Float32Array(length);
    const cut = j < idx.length - 1 && idx[j + 1] - start < length;
    const end = cut ? Math.max(start, idx[j + 1] - fadeLen) : start + length;
    const stop = Math.min(end, signal.length);
    for (let i = start; i < stop; i++) hit[i - start] = signal[i];
    if (cut) {
      const n = end - start;
      const m = Math.min(n, fadeLen);
      for (let i = 0; i < m; i++) hit[n - m + i] *= fade[fadeLen - m + i];
    }
    hits.push(hit);
  }
  return hits;
}
