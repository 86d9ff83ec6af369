/**
 * Spectral centroid in semitones (onset feature 2, `spectral_centroid_semitones`), as the reference's
 * `SpectralCentroid(window='hann', scaling='semitone')`:
 *   X = |rfft(x · hannPeriodic(N))|,  p_k = X_k / max(Σ X, 1e-12)   (torch `normalize(p=1)`)
 *   c_Hz = Σ k·p_k · sr/N,           c = 12·log2((c_Hz + 1e-8)/440) + 69   (MIDI pitch scale)
 * `sr` is the true sample rate of the frame (the reference hard-codes 44 100). Silence gives
 * c_Hz = 0 → 12·log2(1e-8/440) + 69 ≈ −355.3 semitones (finite, as the reference).
 * On the same magnitude spectrum, Σ k·p_k equals Meyda's `spectralCentroid` (in bins) whenever
 * Σ X ≥ 1e-12; Meyda gives NaN for silence.
 */
import { getWindow } from '../dsp/window';
import { getSpectrum } from '../dsp/spectrum';

/** torch.nn.functional.normalize's eps: the L1 norm is clamped to at least this. */
export const L1_EPS = 1e-12;
/** Added to the centroid (Hz) before the log, so silence gives a finite value. */
export const HZ_EPS = 1e-8;

/** Σ k·X_k / max(Σ X_k, 1e-12) over the first `bins` bins: the centroid in bins. */
export function centroidBins(mag: ArrayLike<number>, bins: number): number {
  let num = 0, den = 0;
  for (let k = 0; k < bins; k++) {
    num += k * mag[k];
    den += mag[k];
  }
  return num / Math.max(den, L1_EPS);
}

/** Hz → MIDI-scale semitones, 12·log2((hz + 1e-8)/440) + 69 (A4 = 69). */
export function semitonesFromHz(hz: number): number {
  return 12 * Math.log2((hz + HZ_EPS) / 440) + 69;
}

/** Spectral centroid of a whole frame (N = frame length, any N ≥ 1) in semitones. */
export default function centroidSemitones({ frame, sampleRateHz = 44100 }: { frame: ArrayLike<number>; sampleRateHz?: number }): number {
  const n = frame.length;
  if (n < 1) throw new RangeError('centroidSemitones: the frame is empty; pass at least one sample');
  const spec = getSpectrum(n);
  const mag = spec.magnitude(frame, getWindow('hannPeriodic', n), new Float64Array(spec.bins));
  return semitonesFromHz(centroidBins(mag, spec.bins) * (sampleRateHz / n));
}
