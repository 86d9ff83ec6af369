/**
 * Spectral flatness in dB (onset feature 3, `spectral_flatness_db`; full features SF_T, SF_S), as the
 * reference's `SpectralFlatness()` (periodic Hann, power floor 1e-10):
 *   P_k = max(|rfft(x · hannPeriodic(N))|², 1e-10),  k = 0…⌊N/2⌋
 *   flatness = exp(mean ln P) / mean P  (geometric / arithmetic mean, in (0, 1]),  dB = 20·log10(flatness + 1e-8)
 * 0 dB = white; tonal frames are strongly negative. Silence: every P_k = 1e-10 → 0 dB (finite).
 * Meyda's `spectralFlatness` applies the same ratio to its amplitude spectrum (no square, no floor,
 * Nyquist bin dropped); given our floored power spectrum it returns the same ratio (parity test).
 */
import { getWindow } from '../dsp/window';
import { getSpectrum } from '../dsp/spectrum';

export const POWER_FLOOR = 1e-10;
/** Added to the flatness ratio before the dB conversion. */
export const FLATNESS_EPS = 1e-8;

/** Flatness dB from magnitudes |X_k| (the first `bins` entries). */
export function flatnessDbFromMagnitudes(mag: ArrayLike<number>, bins: number): number {
  let logSum = 0, sum = 0;
  for (let k = 0; k < bins; k++) {
    const m = mag[k];
    const p = m * m < POWER_FLOOR ? POWER_FLOOR : m * m;
    logSum += Math.log(p);
    sum += p;
  }
  const flatness = Math.exp(logSum / bins) / (sum / bins);
  return 20 * Math.log10(flatness + FLATNESS_EPS);
}

/** Spectral flatness of a whole frame (any length ≥ 1) in dB. */
export default function flatnessDb({ frame }: { frame: ArrayLike<number> }): number {
  const n = frame.length;
  if (n < 1) throw new RangeError('flatnessDb: the frame is empty; pass at least one sample');
  const spec = getSpectrum(n);
  const mag = spec.magnitude(frame, getWindow('hannPeriodic', n), new Float64Array(spec.bins));
  return flatnessDbFromMagnitudes(mag, spec.bins);
}
