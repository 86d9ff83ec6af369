/**
 * The model bundle contract (design.md): `NAME.onnx` (input `features` float32 [N,3], already
 * normalised; output `modulation` float32 [N,14], tanh range, before damping) + `NAME.json` (this).
 */
export const BUNDLE_FORMAT = 'timbre-remap-model';
export const BUNDLE_FORMAT_VERSION = 1;
export const ONNX_INPUT_NAME = 'features';
export const ONNX_OUTPUT_NAME = 'modulation';
export const ONSET_FEATURE_NAMES = ['rms_db', 'spectral_centroid_semitones', 'spectral_flatness_db'] as const;
export const FULL_FEATURE_NAMES = ['SPL_T', 'SPL_S', 'SC_T', 'SC_S', 'SF_T', 'SF_S', 'TC'] as const;
export type Architecture = 'linear' | 'mlp' | 'mlp-large';

export interface EvaluationTable {
  /** Number of test hits the table was computed on. */
  hits: number;
  /** Rows SPL_T…TC; columns preset (no modulation), model, and optionally direct. */
  table: Record<string, { preset: number; model: number; direct?: number }>;
  mean: { preset: number; model: number; direct?: number };
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
  training?: Record<string, unknown>;
  provenance?: Record<string, unknown>;
  evaluation?: EvaluationTable;
}
