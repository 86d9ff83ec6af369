/**
 * Every feature of the contract, in contract order, with its unit: the one list the rest of the
 * project (bundle names, CLI tables, tests) reads. `compute` evaluates one feature on its input:
 * the onset window for the onset set, the whole hit for the full set. The batch functions
 * `onsetFeatures` / `fullFeatures` compute the same values faster (shared spectra); a test pins that.
 */
import rmsDb from './rmsDb';
import centroidSemitones from './centroidSemitones';
import flatnessDb from './flatnessDb';
import loudnessLkfs from './loudnessLkfs';
import centroidKazazis from './centroidKazazis';
import temporalCentroid from './temporalCentroid';
import { FULL_GROUPS, framewiseGroupMean, type FrameGroup } from './frames';

export type FeatureSet = 'onset' | 'full';

export interface FeatureInput {
  /** Onset set: the analysis frame. Full set: the hit (≥ 35 328 samples are read; shorter is zero-padded). */
  signal: ArrayLike<number>;
  sampleRateHz: number;
}

export interface FeatureSpec {
  /** Contract name (model bundle `featureNorm.names`, evaluation tables). */
  readonly name: string;
  readonly set: FeatureSet;
  /** Position in its set's vector. */
  readonly index: number;
  readonly unit: 'dB' | 'semitones' | 'LKFS' | 'kazazis' | 'schlauch';
  readonly description: string;
  compute(input: FeatureInput): number;
}

const [T, S] = FULL_GROUPS as [FrameGroup, FrameGroup];

const framed = (group: FrameGroup, perFrame: (frame: Float64Array, sampleRateHz: number) => number) => ({ signal, sampleRateHz }: FeatureInput): number =>
  framewiseGroupMean(signal, group, (frame) => perFrame(frame, sampleRateHz));

const spl = (frame: Float64Array, sampleRateHz: number): number => loudnessLkfs({ frame, sampleRateHz });
const sc = (frame: Float64Array, sampleRateHz: number): number => centroidKazazis({ frame, sampleRateHz });
const sf = (frame: Float64Array): number => flatnessDb({ frame });

export const ONSET_FEATURES: readonly FeatureSpec[] = [
  { name: 'rms_db', set: 'onset', index: 0, unit: 'dB', description: 'RMS level of the onset window, 20·log10(sqrt(mean x² + 1e-8) + 1e-8)', compute: ({ signal }) => rmsDb({ frame: signal }) },
  { name: 'spectral_centroid_semitones', set: 'onset', index: 1, unit: 'semitones', description: 'spectral centroid (periodic Hann, |rfft|) as MIDI pitch, 12·log2(Hz/440) + 69', compute: ({ signal, sampleRateHz }) => centroidSemitones({ frame: signal, sampleRateHz }) },
  { name: 'spectral_flatness_db', set: 'onset', index: 2, unit: 'dB', description: 'spectral flatness (periodic Hann, power floor 1e-10), 20·log10(geometric/arithmetic mean)', compute: ({ signal }) => flatnessDb({ frame: signal }) },
];

export const FULL_FEATURES: readonly FeatureSpec[] = [
  { name: 'SPL_T', set: 'full', index: 0, unit: 'LKFS', description: 'K-weighted loudness, mean of frames 0–1 (2048/512)', compute: framed(T, spl) },
  { name: 'SPL_S', set: 'full', index: 1, unit: 'LKFS', description: 'K-weighted loudness, mean of frames 2–65', compute: framed(S, spl) },
  { name: 'SC_T', set: 'full', index: 2, unit: 'kazazis', description: 'compressed flat-top spectral centroid on the Kazazis scale, frames 0–1', compute: framed(T, sc) },
  { name: 'SC_S', set: 'full', index: 3, unit: 'kazazis', description: 'compressed flat-top spectral centroid on the Kazazis scale, frames 2–65', compute: framed(S, sc) },
  { name: 'SF_T', set: 'full', index: 4, unit: 'dB', description: 'spectral flatness, frames 0–1', compute: framed(T, sf) },
  { name: 'SF_S', set: 'full', index: 5, unit: 'dB', description: 'spectral flatness, frames 2–65', compute: framed(S, sf) },
  { name: 'TC', set: 'full', index: 6, unit: 'schlauch', description: 'temporal centroid of the first 5512 samples on the Schlauch scale, 0.03·ms^1.864', compute: ({ signal, sampleRateHz }) => temporalCentroid({ signal, sampleRateHz }) },
];

/** All 10 features: the 3 onset features, then the 7 full features. */
export const FEATURES: readonly FeatureSpec[] = [...ONSET_FEATURES, ...FULL_FEATURES];

/** The spec of the feature called `name`, or undefined. */
export function featureByName(name: string): FeatureSpec | undefined {
  return FEATURES.find((f) => f.name === name);
}
