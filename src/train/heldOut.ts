/**
 * Figures on held-out hits (issue #9 §3–4): given, for each evaluated hit, the synth parameters of
 * a model that did not train on it (cross-validation) — or of one model on another recording —
 * the paper's table (mean |achieved − wanted feature difference| per full feature), its spread
 * over folds, "does the synth follow the drum?" and saturation, in one `EvaluationTable`.
 */
import { FULL_FEATURE_NAMES, ONSET_FEATURE_NAMES, type EvaluationTable, type FollowEvaluation } from '../model/bundle';
import { NUM_PARAMS } from '../synth/params';
import type { Preset } from '../synth/presets';
import { NUM_FULL_FEATURES, NUM_LOSS_FEATURES } from './diff/hitLoss';
import type { DspPool } from './dspPool';
import type { Hit } from './dataset';
import { directOptimisation, featureErrorMeans, makeTable, type DirectOptions } from './evaluate';
import { followReport } from './follow';
import { saturationReport } from './saturation';

export interface HeldOutInput {
  hits: readonly Hit[];
  /** Targets of those hits (10 wide, relative to the reference hit). */
  targets: readonly ArrayLike<number>[];
  /** Played parameters per hit, n × 14. */
  params: Float64Array;
  /** Fold of each hit (all 0 for a single model). */
  fold: readonly number[];
  scheme: string;
}

const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const sd = (v: readonly number[]) => {
  if (v.length < 2) return 0;
  const m = mean(v);
  return Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1));
};

/** The follow check on synth features (n × 10 from the pool) against the drum's hits. */
export function followOf(hits: readonly Hit[], synthFeatures: Float64Array): FollowEvaluation {
  const labels = hits.some((h) => h.label) ? hits.map((h) => h.label ?? null) : null;
  const row = (i: number, from: number, to: number) => synthFeatures.subarray(i * NUM_LOSS_FEATURES + from, i * NUM_LOSS_FEATURES + to);
  return {
    onset: followReport([...ONSET_FEATURE_NAMES], hits.map((h) => h.onset), hits.map((_, i) => row(i, NUM_FULL_FEATURES, NUM_LOSS_FEATURES)), { loudnessIndex: 0, brightnessIndex: 1, labels }),
    full: followReport([...FULL_FEATURE_NAMES], hits.map((h) => h.full), hits.map((_, i) => row(i, 0, NUM_FULL_FEATURES)), { loudnessIndex: 0, brightnessIndex: 2, labels }),
  };
}

export async function heldOutEvaluation(pool: DspPool, preset: Preset, presetFeatures: Float64Array, input: HeldOutInput, direct?: DirectOptions | false): Promise<EvaluationTable> {
  const n = input.hits.length;
  const an = await pool.analyse(input.params);
  const zeros = new Float64Array(n * NUM_LOSS_FEATURES);
  for (let i = 0; i < n; i++) zeros.set(presetFeatures, i * NUM_LOSS_FEATURES);
  let directCol: number[] | undefined;
  if (direct) {
    const p = await directOptimisation(pool, preset, presetFeatures, input.targets, direct);
    directCol = featureErrorMeans(await pool.features(p), presetFeatures, input.targets);
  }
  const table = makeTable(n, { preset: featureErrorMeans(zeros, presetFeatures, input.targets), model: featureErrorMeans(an.features, presetFeatures, input.targets), direct: directCol });
  const foldIds = [...new Set(input.fold)].sort((a, b) => a - b);
  const folds = foldIds.map((f) => {
    const idx = input.fold.map((g, i) => (g === f ? i : -1)).filter((i) => i >= 0);
    const pick = (src: Float64Array) => {
      const out = new Float64Array(idx.length * NUM_LOSS_FEATURES);
      idx.forEach((h, i) => out.set(src.subarray(h * NUM_LOSS_FEATURES, (h + 1) * NUM_LOSS_FEATURES), i * NUM_LOSS_FEATURES));
      return out;
    };
    const t = idx.map((i) => input.targets[i]);
    return { hits: idx.length, preset: mean(featureErrorMeans(pick(zeros), presetFeatures, t)), model: mean(featureErrorMeans(pick(an.features), presetFeatures, t)) };
  });
  return {
    ...table,
    scheme: input.scheme,
    ...(folds.length > 1 ? { spread: { preset: sd(folds.map((f) => f.preset)), model: sd(folds.map((f) => f.model)) }, folds } : {}),
    follow: followOf(input.hits, an.features),
    saturation: saturationReport(input.params, preset.normalised, an.clippedSamples, an.peaks),
  };
}

/** Rows of `params` (n × 14) for the given hit indices. */
export function pickParams(params: Float64Array, idx: readonly number[]): Float64Array {
  const out = new Float64Array(idx.length * NUM_PARAMS);
  idx.forEach((h, i) => out.set(params.subarray(h * NUM_PARAMS, (h + 1) * NUM_PARAMS), i * NUM_PARAMS));
  return out;
}
