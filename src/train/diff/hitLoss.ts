/**
 * The fused training kernel for one hit: normalised synth parameters → render (first 35 328
 * samples) → 7 full features → L1 feature-difference loss term, and its exact gradient
 * ∂L/∂params01 by the hand-written adjoints (reference-implementation.md §5.1):
 *
 *   L_i = Σ_j w_j · |(F_j(synth(θ_i)) − F_j(synth(θ_pre))) − target_ij|
 *
 * with w_j = scale = 1/(batch · 7) for the reference's batch mean, or per-feature weights (the
 * scaled loss, src/train/loss.ts). ∂|u|/∂u = sign(u) (0 at 0, like PyTorch).
 * This is the "params → features" custom op with its vector-Jacobian product; the network,
 * clip, damping and Adam live in tfjs (see `trainer.ts`).
 */
import { DiffSynth } from './synthDiff';
import { DiffFullFeatures, FEATURE_SAMPLES } from './featuresDiff';
import { DiffOnsetFeatures } from './onsetFeaturesDiff';
import { FULL_FEATURE_NAMES } from '../../model/bundle';
import { ONSET_WINDOW_SAMPLES } from '../../engine/constants';

export const NUM_FULL_FEATURES = 7;
export const NUM_ONSET_FEATURES = 3;
/** The features a loss can use: the 7 full features, then the 3 onset features of the synth's first window. */
export const NUM_LOSS_FEATURES = NUM_FULL_FEATURES + NUM_ONSET_FEATURES;
export const LOSS_FEATURE_NAMES = [...FULL_FEATURE_NAMES, 'onset_rms_db', 'onset_centroid_st', 'onset_flatness_db'] as const;

export interface HitLossResult {
  /** F(synth(θ)): the 7 full features and the 3 onset features of its first window (10). */
  features: Float64Array;
  /** The hit's loss term (weighted feature errors + clipping penalty). */
  loss: number;
  /** Of which the clipping penalty. */
  clipPenalty: number;
  /** ∂L_i/∂params01 (14). */
  grad: Float64Array;
  /** Samples of the render within 1 % of full scale (see DiffSynth.clipStats). */
  clippedSamples: number;
}

export class HitLoss {
  private readonly synth: DiffSynth;
  private readonly feats: DiffFullFeatures;
  private readonly onset: DiffOnsetFeatures;
  private readonly gSignal = new Float64Array(FEATURE_SAMPLES);

  /**
   * @param float32 round like the reference (default); false for smooth float64 maths (FD checks)
   * @param sustainStride 1 = exact full features; > 1 estimates the sustain means from every n-th
   *   frame (DiffFullFeatures), for training steps
   */
  constructor(noise: ArrayLike<number>, sampleRateHz = 44100, float32 = true, sustainStride = 1) {
    this.synth = new DiffSynth(noise, FEATURE_SAMPLES, sampleRateHz, float32);
    this.feats = new DiffFullFeatures(sampleRateHz, sustainStride);
    this.onset = new DiffOnsetFeatures(ONSET_WINDOW_SAMPLES, sampleRateHz);
  }

  /** Forward only: the 7 full features and the 3 onset features (10) of the synth at `params01`. */
  features(params01: ArrayLike<number>): Float64Array {
    const out = this.synth.forward(params01);
    const f = new Float64Array(NUM_LOSS_FEATURES);
    f.set(this.feats.forward(out), 0);
    f.set(this.onset.forward(out), NUM_FULL_FEATURES);
    return f;
  }

  /** ∂L/∂signal for the last forward, given ∂L/∂features (7 or 10). */
  private signalGrad(gF: ArrayLike<number>): Float64Array {
    this.feats.backward(gF, this.gSignal);
    if (gF.length > NUM_FULL_FEATURES) {
      const gOnset = [gF[NUM_FULL_FEATURES], gF[NUM_FULL_FEATURES + 1], gF[NUM_FULL_FEATURES + 2]];
      if (gOnset.some((g) => g !== 0)) this.onset.backward(gOnset, this.gSignal);
    }
    return this.gSignal;
  }

  /** Vector-Jacobian product of params01 → features: ∂L/∂params01 given ∂L/∂features (7 or 10). */
  vjp(params01: ArrayLike<number>, gFeatures: ArrayLike<number>): { features: Float64Array; grad: Float64Array } {
    const features = this.features(params01);
    return { features, grad: this.synth.backward(this.signalGrad(gFeatures)) };
  }

  /**
   * Loss term and gradient for one hit (forward and backward in one call; no tape kept).
   * @param weights one weight for each of the 7 full features (a number: the reference's loss) or
   *   one per loss feature (10; 0 leaves a feature out)
   * @param target the wanted feature differences (7 or 10)
   */
  lossAndGrad(params01: ArrayLike<number>, target: ArrayLike<number>, presetFeatures: ArrayLike<number>, weights: number | ArrayLike<number>, clipPenaltyWeight = 0): HitLossResult {
    const features = this.features(params01);
    const clipPenalty = this.synth.clipPenalty(clipPenaltyWeight);
    const nf = typeof weights === 'number' ? NUM_FULL_FEATURES : weights.length;
    const gF = new Float64Array(nf);
    let loss = 0;
    for (let j = 0; j < nf; j++) {
      const w = typeof weights === 'number' ? weights : weights[j];
      if (w === 0) continue;
      const u = features[j] - presetFeatures[j] - target[j];
      loss += w * Math.abs(u);
      gF[j] = u > 0 ? w : u < 0 ? -w : 0;
    }
    const grad = this.synth.backward(this.signalGrad(gF), clipPenaltyWeight);
    return { features, loss: loss + clipPenalty, clipPenalty, grad, clippedSamples: this.synth.clipStats().clippedSamples };
  }

  /** Features, clipping statistics and clipping penalty of the synth at `params01` (forward only). */
  featuresAndClip(params01: ArrayLike<number>, clipPenaltyWeight = 0): { features: Float64Array; peak: number; clippedSamples: number; clipPenalty: number } {
    const features = this.features(params01);
    return { features, ...this.synth.clipStats(), clipPenalty: this.synth.clipPenalty(clipPenaltyWeight) };
  }
}

/** L1 feature-difference error per feature: |(F − F_pre) − target| (the target's features). */
export function featureErrors(features: ArrayLike<number>, presetFeatures: ArrayLike<number>, target: ArrayLike<number>): Float64Array {
  const e = new Float64Array(target.length);
  for (let j = 0; j < target.length; j++) e[j] = Math.abs(features[j] - presetFeatures[j] - target[j]);
  return e;
}
