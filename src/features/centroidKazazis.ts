/**
 * Compressed spectral centroid on Kazazis's perceptual scale (full features SC_T, SC_S), as the
 * reference's `SpectralCentroid(window='flat_top', compress=True, floor=1e-4, scaling='kazazis')`:
 *   X_k = max(|rfft(x · flatTop(N))|, 1e-4),  Y_k = ln(1 + X_k),  p_k = Y_k / max(Σ Y, 1e-12)
 *   c_Hz = Σ k·p_k · sr/N,   SC = −34.61 · c_Hz^(−0.1621) + 21.2985
 * with non-finite SC set to 0 (the reference's post-paper `nan_to_num`; c_Hz = 0 cannot happen with
 * the floor, so this only guards NaN input). The floor makes silence finite: a flat spectrum,
 * centroid at bin N/4 (sr/4 Hz). Meyda has no flat-top window, floor or compression, so the
 * spectrum is ours; the centroid sum is the same as `centroidBins` (Meyda's `spectralCentroid`).
 */
import { getWindow } from '../dsp/window';
import { getSpectrum } from '../dsp/spectrum';
import { centroidBins } from './centroidSemitones';

export const MAGNITUDE_FLOOR = 1e-4;

/** Floor at 1e-4 then ln(1 + ·), in place over the first `bins` entries. */
export function floorAndCompress(mag: Float64Array, bins: number): Float64Array {
  for (let k = 0; k < bins; k++) mag[k] = Math.log1p(mag[k] < MAGNITUDE_FLOOR ? MAGNITUDE_FLOOR : mag[k]);
  return mag;
}

/** Kazazis et al. scaling of a centroid in Hz; non-finite results become 0 (reference nan_to_num). */
export function kazazisFromHz(hz: number): number {
  const v = -34.61 * Math.pow(hz, -0.1621) + 21.2985;
  return Number.isFinite(v) ? v : 0;
}

/** Compressed flat-top centroid of a whole frame (any length ≥ 2), Kazazis scale. */
export default function centroidKazazis({ frame, sampleRateHz = 44100 }: { frame: ArrayLike<number>; sampleRateHz?: number }): number {
  const n = frame.length;
  if (n < 1) throw new RangeError('centroidKazazis: the frame is empty; pass at least one sample');
  const spec = getSpectrum(n);
  const mag = spec.magnitude(frame, getWindow('flatTop', n), new Float64Array(spec.bins));
  return kazazisFromHz(centroidBins(floorAndCompress(mag, spec.bins), spec.bins) * (sampleRateHz / n));
}
