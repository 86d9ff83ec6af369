/**
 * The fused training kernel for one hit: normalised synth parameters → render (first 35 328
 * samples) → 7 full features → L1 feature-difference loss term, and its exact gradient
 * ∂L/∂params01 by the hand-written adjoints (reference-implementation.md §5.1):
 *
 *   L_i = scale · Σ_j |(F_j(synth(θ_i)) − F_j(synth(θ_pre))) − target_ij|
 *
 * with scale = 1/(batch · 7) for the batch mean. ∂|u|/∂u = sign(u) (0 at 0, like PyTorch).
 * This is the "params → features" custom op with its vector-Jacobian product; the network,
 * clip, damping and Adam live in tfjs (see `trainer.ts`).
 */
import { DiffSynth } from './synthDiff';
import { DiffFullFeatures, FEATURE_SAMPLES } from './featuresDiff';

export const NUM_FULL_FEATURES = 7;

export interface HitLossResult {
  /** F(synth(θ)), the 7 full features. */
  features: Float64Array;
  /** The hit's loss term (already multiplied by scale). */
  loss: number;
  /** ∂L_i/∂params01 (14). */
  grad: Float64Array;
}

export class HitLoss {
  private readonly synth: DiffSynth;
  private readonly feats: DiffFullFeatures;
  private readonly gSignal = new Float64Array(FEATURE_SAMPLES);

  /** @param float32 round like the reference (default); false for smooth float64 maths (FD checks). */
  constructor(noise: ArrayLike<number>, sampleRateHz = 44100, float32 = true) {
    this.synth = new DiffSynth(noise, FEATURE_SAMPLES, sampleRateHz, float32);
    this.feats = new DiffFullFeatures(sampleRateHz);
  }

  /** Forward only: the 7 full features of the synth at `params01`. */
  features(params01: ArrayLike<number>): Float64Array {
    return this.feats.forward(this.synth.forward(params01));
  }

  /** Vector-Jacobian product of params01 → features: ∂L/∂params01 given ∂L/∂features. */
  vjp(params01: ArrayLike<number>, gFeatures: ArrayLike<number>): { features: Float64Array; grad: Float64Array } {
    const features = this.features(params01);
    this.feats.backward(gFeatures, this.gSignal);
    return { features, grad: this.synth.backward(this.gSignal) };
  }

  /** Loss term and gradient for one hit (forward and backward in one call; no tape kept). */
  lossAndGrad(params01: ArrayLike<number>, target: ArrayLike<number>, presetFeatures: ArrayLike<number>, scale: number): HitLossResult {
    const features = this.features(params01);
    const gF = new Float64Array(NUM_FULL_FEATURES);
    let loss = 0;
    for (let j = 0; j < NUM_FULL_FEATURES; j++) {
      const u = features[j] - presetFeatures[j] - target[j];
      loss += Math.abs(u);
      gF[j] = u > 0 ? scale : u < 0 ? -scale : 0;
    }
    this.feats.backward(gF, this.gSignal);
    return { features, loss: loss * scale, grad: this.synth.backward(this.gSignal) };
  }
}

/** L1 feature-difference error per feature: |(F − F_pre) − target| (evaluation metric). */
export function featureErrors(features: ArrayLike<number>, presetFeatures: ArrayLike<number>, target: ArrayLike<number>): Float64Array {
  const e = new Float64Array(NUM_FULL_FEATURES);
  for (let j = 0; j < NUM_FULL_FEATURES; j++) e[j] = Math.abs(features[j] - presetFeatures[j] - target[j]);
  return e;
}
