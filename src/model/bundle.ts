/**
 * The model bundle contract (design.md): `NAME.onnx` (input `features` float32 [N,3], already
 * normalised; output `modulation` float32 [N,14], tanh range, before damping) + `NAME.json` (this).
 */
import type { OnsetMode } from '../onset/settings';

export const BUNDLE_FORMAT = 'timbre-remap-model';
export const BUNDLE_FORMAT_VERSION = 1;
export const ONNX_INPUT_NAME = 'features';
export const ONNX_OUTPUT_NAME = 'modulation';
export const ONSET_FEATURE_NAMES = ['rms_db', 'spectral_centroid_semitones', 'spectral_flatness_db'] as const;
export const FULL_FEATURE_NAMES = ['SPL_T', 'SPL_S', 'SC_T', 'SC_S', 'SF_T', 'SF_S', 'TC'] as const;
export type Architecture = 'linear' | 'mlp' | 'mlp-large';

/**
 * The onset detector the training hits were found with: its mode and complete resolved settings
 * (`createOnsetDetector(44100, opts).settings`). Rebuild it with
 * `createOnsetDetector(sr, { mode, ...settings })`. Absent in old bundles: the default detector.
 */
export interface BundleDetector {
  mode: OnsetMode;
  settings: Record<string, number | string>;
}

/** One feature of the "does the synth follow the drum?" check (src/train/follow.ts). */
export interface FeatureFollow {
  name: string;
  /** Spearman ρ across hits between the drum's feature and the synth's (0 when either is constant). */
  rho: number;
  /** Synth's spread / drum's spread (p90 − p10). */
  rangeRatio: number;
  drumRange: number;
  synthRange: number;
}

/** Rim minus centre brightness, drum and synth. */
export interface ArticulationFollow {
  /** `labels` (an onsets CSV) or `residual` (brightness after loudness, median split). */
  source: 'labels' | 'residual';
  feature: string;
  centreHits: number;
  rimHits: number;
  drumDiff: number;
  synthDiff: number;
  sameSign: boolean;
}

export interface FollowReport {
  hits: number;
  features: FeatureFollow[];
  articulation: ArticulationFollow | null;
}

/** The follow check on the onset features (what the player hears first) and the full features. */
export interface FollowEvaluation {
  onset: FollowReport;
  full: FollowReport;
}

/** Parameters at range limits and clipping (src/train/saturation.ts). */
export interface SaturationReport {
  hits: number;
  hitsAtLimit: number;
  atLimit: Record<string, number>;
  clippedHits: number;
  peak: number;
  saturated: boolean;
  message: string | null;
}

export interface EvaluationTable {
  /** Number of held-out hits the table was computed on. */
  hits: number;
  /** Rows SPL_T…TC; columns preset (no modulation), model, and optionally direct. */
  table: Record<string, { preset: number; model: number; direct?: number }>;
  mean: { preset: number; model: number; direct?: number };
  /** How the hits were held out (e.g. "3-fold cross-validation"); absent in old bundles (a 10 % test split). */
  scheme?: string;
  /** Standard deviation of the per-fold mean error (the ± of the mean). */
  spread?: { preset: number; model: number };
  /** Per fold: its test hits and mean errors. */
  folds?: Array<{ hits: number; preset: number; model: number }>;
  /** Does the synth follow the drum, on the held-out hits. */
  follow?: FollowEvaluation;
  /** Saturation of the held-out predictions. */
  saturation?: SaturationReport;
}

export interface ModelBundleMeta {
  format: typeof BUNDLE_FORMAT;
  formatVersion: number;
  name: string;
  /** Must equal PARAM_NAMES (the synth's parameter order). */
  paramOrder: string[];
  preset: { name: string; physical: Record<string, number>; normalised: number[] };
  /** Per-parameter modulation damping, parameter order. */
  damping: number[];
  /** Network input = (f − min)/(max − min) − ref, per onset feature (ONSET_FEATURE_NAMES order). */
  featureNorm: { names: string[]; min: number[]; max: number[]; ref: number[] };
  /** The analysed window: `samples` starting `backtrackSamples` before the onset, at `sampleRateHz`. */
  onsetWindow: { samples: number; backtrackSamples: number; sampleRateHz: number };
  architecture: Architecture;
  onnx: { input: string; output: string; opset: number };
  /** The onset detector of the training hits (hosts use it; see BundleDetector). */
  detector?: BundleDetector;
  training?: Record<string, unknown>;
  provenance?: Record<string, unknown>;
  evaluation?: EvaluationTable;
}
