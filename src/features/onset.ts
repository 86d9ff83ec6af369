/**
 * The 3 onset features, the mapping network's input (reference `onset_features.yaml`, training code):
 *   [rms_db (dB), spectral_centroid_semitones (MIDI semitones), spectral_flatness_db (dB)]
 * of one analysis frame (the onset window: 256 samples at 44.1 kHz starting 16 before the onset;
 * any length works, e.g. 279 at 48 kHz). Centroid and flatness share one periodic-Hann spectrum of
 * the frame's own length N (exact N-point DFT, see dsp/spectrum.ts); the centroid uses the true
 * sample rate for its Hz scale.
 *
 * Real-time hot path: after the first call for a given N, nothing is allocated except the returned
 * vector; pass `out` to avoid that too.
 */
import { getWindow } from '../dsp/window';
import { getSpectrum, type RealSpectrum } from '../dsp/spectrum';
import { UserError } from '../util/errors';
import { checkSamples } from '../util/validate';
import { rmsDbOf } from './rmsDb';
import { centroidBins, semitonesFromHz } from './centroidSemitones';
import { flatnessDbFromMagnitudes } from './flatnessDb';

export const ONSET_FEATURE_COUNT = 3;

interface FrameState {
  readonly size: number;
  readonly spec: RealSpectrum;
  readonly hann: Float64Array;
  readonly mag: Float64Array;
}

// Per-length state (spectrum plan, window, magnitude buffer), built once per length; the last one
// used is kept at hand so the common case costs one comparison.
const states = new Map<number, FrameState>();
let last: FrameState | null = null;

function prepare(n: number): FrameState {
  if (last !== null && last.size === n) return last;
  let st = states.get(n);
  if (st === undefined) {
    const spec = getSpectrum(n);
    st = { size: n, spec, hann: getWindow('hannPeriodic', n), mag: new Float64Array(spec.bins) };
    states.set(n, st);
  }
  last = st;
  return st;
}

/**
 * Onset features of `frame` (length N ≥ 1) at `sampleRateHz`, into `out` (length ≥ 3, new if omitted).
 * Silence gives [≈ −80 dB, ≈ −355.3 semitones, 0 dB] (finite, as the reference). Non-finite samples
 * give non-finite features (callers validate frames).
 */
export function onsetFeatures(frame: ArrayLike<number>, sampleRateHz = 44100, out: Float64Array = new Float64Array(ONSET_FEATURE_COUNT)): Float64Array {
  checkSamples('onsetFeatures', 'frame', frame, { maxLength: 1 << 20 });
  const n = frame.length;
  if (!(n >= 1)) throw new UserError('onsetFeatures: the frame is empty; pass the onset window (256 samples at 44.1 kHz)', 'E_FEATURE_INPUT');
  if (!(typeof sampleRateHz === 'number' && sampleRateHz >= 1000 && sampleRateHz <= 768000)) {
    throw new UserError(`onsetFeatures: sample rate must be a number of Hz within 1000…768000, got ${String(typeof sampleRateHz === 'number' ? sampleRateHz : typeof sampleRateHz)}`, 'E_FEATURE_INPUT');
  }
  const { spec, hann, mag } = prepare(n);
  spec.magnitude(frame, hann, mag);
  out[0] = rmsDbOf(frame, 0, n);
  out[1] = semitonesFromHz(centroidBins(mag, spec.bins) * (sampleRateHz / n));
  out[2] = flatnessDbFromMagnitudes(mag, spec.bins);
  return out;
}
