/**
 * The training losses (reference-implementation.md §5.1; issue #9 §4). For hits i with targets
 * t_ij = F_j(hit_i) − F_j(ref) and predictions p_ij = F_j(synth(θ_i)) − F_j(synth(θ_pre)):
 *
 *   reference  L = mean_{i,j} |p_ij − t_ij|
 *              The paper's loss. Its terms are in the features' own units, so features with large
 *              numbers (temporal centroid, loudness in dB: errors of 1–15) drown the Kazazis
 *              centroid (errors of 0.02–0.5): the model learns loudness and hardly brightness.
 *   scaled     L = (1/10) Σ_j mean_i |p_ij − t_ij| / s_j  +  guards, over the 7 full features and
 *   (default)  the 3 onset features of the synth's first window (rms dB, centroid semitones,
 *              flatness dB: the attack the player hears first, which the 2048-sample frames of the
 *              full features smear). s_j = mean_i |t_ij| over the training hits: the error of the
 *              unmodulated preset on feature j. Every term is "the fraction of the drum's variation
 *              in this feature the synth fails to follow" (1 = no better than the preset, 0 =
 *              perfect), so every feature counts, whatever its unit.
 *
 * Guards against saturation (scaled loss only; both are zero for a synth that stays clean):
 *   limit    λ · Σ_k relu(lo_k − q_k)² + relu(q_k − hi_k)² on the parameters before their clip to
 *            [0, 1] (q = preset + damping ⊙ m): the clip has no gradient, so a parameter pushed past
 *            a range end would stay pinned there; the barrier starts LIMIT_MARGIN inside each end
 *            (or at the preset's own value when the preset lies in the margin).
 *   clipping μ · mean_n relu(|u_n| − atanh 0.9)² on the waveshaper input u (DiffSynth.clipPenalty):
 *            loudness bought by driving the tanh flat is not a better match.
 */
import { FULL_FEATURE_NAMES } from '../model/bundle';
import { LOSS_FEATURE_NAMES, NUM_FULL_FEATURES, NUM_LOSS_FEATURES } from './diff/hitLoss';

export type LossKind = 'scaled' | 'reference';
export const LOSS_KINDS: readonly LossKind[] = ['scaled', 'reference'];
export const DEFAULT_LOSS: LossKind = 'scaled';

const NF = NUM_LOSS_FEATURES;

/**
 * Floors of the spreads s_j, one measurement resolution per feature (in its unit: dB, Kazazis
 * units, dB, Schlauch units; then dB, semitones, dB), so a feature the drum does not vary at all gets a large but finite
 * weight (the synth should then keep it constant) instead of a division by zero.
 */
export const SPREAD_FLOOR: readonly number[] = [0.01, 0.01, 1e-4, 1e-4, 0.01, 0.01, 1e-3, 0.01, 0.01, 0.01];

/** Distance from each range end (normalised units) where the limit barrier starts and a parameter counts as "at a limit". */
export const LIMIT_MARGIN = 0.02;
/** Weight λ of the limit barrier. */
export const LIMIT_PENALTY = 10;
/** Weight μ of the clipping penalty. */
export const CLIP_PENALTY = 1;

export interface LossSpec {
  kind: LossKind;
  /** Per-feature weights w_j (10, LOSS_FEATURE_NAMES order) of mean_i |p_ij − t_ij|: reference 1/7 on the full features and 0 on the onset ones, scaled 1/(10·s_j). */
  featureWeights: number[];
  /** s_j of the scaled loss (the preset's error per feature on the training hits); null for reference. */
  spreads: number[] | null;
  /** λ (0 = no barrier). */
  limitPenalty: number;
  /** μ (0 = no clipping penalty). */
  clipPenalty: number;
}

/** s_j = mean_i |t_ij| over the given hits, floored at SPREAD_FLOOR. */
export function featureSpreads(targets: readonly ArrayLike<number>[]): number[] {
  const s = new Array<number>(NF).fill(0);
  for (const t of targets) for (let j = 0; j < NF; j++) s[j] += Math.abs(t[j]) / targets.length;
  return s.map((v, j) => (v > SPREAD_FLOOR[j] ? v : SPREAD_FLOOR[j]));
}

/** The loss for training hits with these targets. */
export function lossSpec(kind: LossKind, trainTargets: readonly ArrayLike<number>[]): LossSpec {
  if (kind === 'reference') {
    const w = Array.from({ length: NF }, (_, j) => (j < NUM_FULL_FEATURES ? 1 / NUM_FULL_FEATURES : 0));
    return { kind, featureWeights: w, spreads: null, limitPenalty: 0, clipPenalty: 0 };
  }
  const spreads = featureSpreads(trainTargets);
  return { kind, featureWeights: spreads.map((s) => 1 / (NF * s)), spreads, limitPenalty: LIMIT_PENALTY, clipPenalty: CLIP_PENALTY };
}

/** Per-hit weights for a batch of n hits (the batch mean): w_j / n. */
export function batchWeights(spec: LossSpec, n: number): Float64Array {
  return Float64Array.from(spec.featureWeights, (w) => w / n);
}

/** Σ_j w_j |p_j − t_j| for one hit (its feature-error part of the loss). */
export function featureLoss(spec: LossSpec, features: ArrayLike<number>, presetFeatures: ArrayLike<number>, target: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < NF; j++) s += spec.featureWeights[j] * Math.abs(features[j] - presetFeatures[j] - target[j]);
  return s;
}

/** Where the limit barrier starts per parameter: [lo_k, hi_k] = [min(margin, preset_k), max(1 − margin, preset_k)]. */
export function limitBounds(presetNormalised: ArrayLike<number>, margin = LIMIT_MARGIN): { lo: Float64Array; hi: Float64Array } {
  const n = presetNormalised.length;
  const lo = new Float64Array(n), hi = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    lo[k] = Math.min(margin, presetNormalised[k]);
    hi[k] = Math.max(1 - margin, presetNormalised[k]);
  }
  return { lo, hi };
}

/** λ · Σ_k relu(lo_k − q_k)² + relu(q_k − hi_k)² for one hit's unclipped parameters q. */
export function limitPenalty(spec: LossSpec, q: ArrayLike<number>, bounds: { lo: ArrayLike<number>; hi: ArrayLike<number> }): number {
  if (!(spec.limitPenalty > 0)) return 0;
  let s = 0;
  for (let k = 0; k < q.length; k++) {
    const under = bounds.lo[k] - q[k], over = q[k] - bounds.hi[k];
    if (under > 0) s += under * under;
    if (over > 0) s += over * over;
  }
  return spec.limitPenalty * s;
}

/** One line for the bundle and the report. */
export function lossDescription(spec: LossSpec): string {
  return spec.kind === 'reference'
    ? `reference: mean L1 feature difference over ${FULL_FEATURE_NAMES.join(', ')} (unscaled, as the paper)`
    : `scaled: mean over 10 features (7 full + 3 onset-window) of |feature difference error| / the preset's error on the training hits (${LOSS_FEATURE_NAMES.map((n, j) => `${n} ${Number(spec.spreads![j].toPrecision(3))}`).join(', ')}), + limit barrier (λ ${spec.limitPenalty}, margin ${LIMIT_MARGIN}) + clipping penalty (μ ${spec.clipPenalty})`;
}
