/**
 * RMS level in dB (onset feature 1, `rms_db`), as the reference's `RMS(db=True)`:
 *   rms = sqrt(mean(x²) + 1e-8),   rmsDb = 20·log10(rms + 1e-8)
 * No window, no weighting. Silence gives 20·log10(1e-4 + 1e-8) ≈ −80.0 dB (finite).
 * Equals Meyda's `rms` (sqrt(mean x²)) except for the 1e-8 regulariser, which sets the −80 dB floor.
 */
export const RMS_EPS = 1e-8;

/** RMS dB of `x[offset … offset+length)`; samples past the end of `x` count as 0. */
export function rmsDbOf(x: ArrayLike<number>, offset = 0, length = x.length - offset): number {
  const end = Math.min(x.length, offset + length);
  let sum = 0;
  for (let i = offset; i < end; i++) sum += x[i] * x[i];
  const rms = Math.sqrt(sum / length + RMS_EPS);
  return 20 * Math.log10(rms + RMS_EPS);
}

/** RMS level of a whole frame, dB re full scale 1.0. */
export default function rmsDb({ frame }: { frame: ArrayLike<number> }): number {
  if (frame.length < 1) throw new RangeError('rmsDb: the frame is empty; pass at least one sample');
  return rmsDbOf(frame, 0, frame.length);
}
