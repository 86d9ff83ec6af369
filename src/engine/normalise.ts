/**
 * Training-consistent network input: `(f − min)/(max − min) − ref` per onset feature, with the
 * dataset min/max and the reference hit's normalised vector stored in the model bundle. Shared by
 * the engine and the trainer so live inputs are computed exactly as in training.
 *
 * Live hits can fall outside the training recording's range (a hit softer than any recorded one,
 * or a near-silent frame whose centroid formula gives −355 semitones). The network was never fitted
 * there, so `(f − min)/(max − min)` is limited to [−EXTRAPOLATION, 1 + EXTRAPOLATION]: half a
 * training range of extrapolation, enough for nuance beyond the recording, bounded for garbage.
 * Training data lies inside [0, 1], so training is unaffected.
 */
export const EXTRAPOLATION = 0.5;

export interface FeatureNorm {
  min: ArrayLike<number>;
  max: ArrayLike<number>;
  ref: ArrayLike<number>;
}

export function normaliseFeatures(features: ArrayLike<number>, norm: FeatureNorm, out: Float64Array = new Float64Array(features.length)): Float64Array {
  for (let i = 0; i < features.length; i++) {
    let u = (features[i] - norm.min[i]) / (norm.max[i] - norm.min[i]);
    if (!(u >= -EXTRAPOLATION)) u = -EXTRAPOLATION; // also maps NaN to the low end
    else if (u > 1 + EXTRAPOLATION) u = 1 + EXTRAPOLATION;
    out[i] = u - norm.ref[i];
  }
  return out;
}
