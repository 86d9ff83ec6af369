/**
 * The 7 full features (loss targets and evaluation; reference `onset_feature_full.yaml`):
 *   [SPL_T, SPL_S (LKFS), SC_T, SC_S (Kazazis), SF_T, SF_S (dB), TC (Schlauch)]
 * Frames of 2048, hop 512; T = mean over frames 0–1, S = mean over frames 2–65 (frames.ts). Per frame:
 * loudness (loudnessLkfs.ts), compressed flat-top centroid (centroidKazazis.ts), periodic-Hann
 * flatness (flatnessDb.ts). TC on the first 5512 samples (temporalCentroid.ts).
 * Only the first 35 328 samples (5 512 for TC) are read; shorter signals are zero-padded.
 * Frame and TC lengths are in samples, as in the reference; `sampleRateHz` sets the Hz/ms scales
 * and the K-weighting design (the reference always passes 44 100).
 * Silent input is finite: [−80.691, −80.691, SC(flat spectrum), same, 0, 0, 0].
 */
import { getWindow } from '../dsp/window';
import { getSpectrum } from '../dsp/spectrum';
import { UserError } from '../util/errors';
import { checkSamples } from '../util/validate';
import { FULL_FEATURE_SAMPLES, FULL_FRAME_SAMPLES, FULL_GROUPS, FULL_HOP_SAMPLES, FULL_NUM_FRAMES, groupMean } from './frames';
import { kWeighting, loudnessLkfsOf } from './loudnessLkfs';
import { centroidBins } from './centroidSemitones';
import { floorAndCompress, kazazisFromHz } from './centroidKazazis';
import { flatnessDbFromMagnitudes } from './flatnessDb';
import { schlauchFromMs, temporalCentroidMs } from './temporalCentroid';

export const FULL_FEATURE_COUNT = 7;

// Scratch, allocated once (fullFeatures is synchronous, so sharing is safe).
const padded = new Float64Array(FULL_FEATURE_SAMPLES);
const stageA = new Float64Array(FULL_FRAME_SAMPLES);
const stageB = new Float64Array(FULL_FRAME_SAMPLES);
const mag = new Float64Array(FULL_FRAME_SAMPLES / 2 + 1);
const loudness = new Float64Array(FULL_NUM_FRAMES);
const centroid = new Float64Array(FULL_NUM_FRAMES);
const flatness = new Float64Array(FULL_NUM_FRAMES);

/** Full features of a hit `signal` (1 s from onset − 16 in training) into `out` (length ≥ 7, new if omitted). */
export function fullFeatures(signal: ArrayLike<number>, sampleRateHz = 44100, out: Float64Array = new Float64Array(FULL_FEATURE_COUNT)): Float64Array {
  checkSamples('fullFeatures', 'signal', signal);
  if (!(typeof sampleRateHz === 'number' && sampleRateHz >= 1000 && sampleRateHz <= 768000)) {
    throw new UserError(`fullFeatures: sample rate must be a number of Hz within 1000…768000, got ${String(typeof sampleRateHz === 'number' ? sampleRateHz : typeof sampleRateHz)}`, 'E_FEATURE_INPUT');
  }
  const avail = Math.min(signal.length, FULL_FEATURE_SAMPLES);
  for (let i = 0; i < avail; i++) padded[i] = signal[i];
  padded.fill(0, avail);

  const spec = getSpectrum(FULL_FRAME_SAMPLES);
  const flat = getWindow('flatTop', FULL_FRAME_SAMPLES);
  const hann = getWindow('hannPeriodic', FULL_FRAME_SAMPLES);
  const k = kWeighting(sampleRateHz);
  const binHz = sampleRateHz / FULL_FRAME_SAMPLES;
  for (let f = 0; f < FULL_NUM_FRAMES; f++) {
    const start = f * FULL_HOP_SAMPLES;
    loudness[f] = loudnessLkfsOf(padded.subarray(start, start + FULL_FRAME_SAMPLES), k, stageA, stageB);
    spec.magnitude(padded, flat, mag, start);
    centroid[f] = kazazisFromHz(centroidBins(floorAndCompress(mag, spec.bins), spec.bins) * binHz);
    spec.magnitude(padded, hann, mag, start);
    flatness[f] = flatnessDbFromMagnitudes(mag, spec.bins);
  }
  const [t, s] = FULL_GROUPS;
  out[0] = groupMean(loudness, t);
  out[1] = groupMean(loudness, s);
  out[2] = groupMean(centroid, t);
  out[3] = groupMean(centroid, s);
  out[4] = groupMean(flatness, t);
  out[5] = groupMean(flatness, s);
  out[6] = schlauchFromMs(temporalCentroidMs(padded, sampleRateHz));
  return out;
}
