/** Audio features (reference-implementation.md §3) and hit segmentation (§5.2). */
export { onsetFeatures, ONSET_FEATURE_COUNT } from './onset';
export { fullFeatures, FULL_FEATURE_COUNT } from './full';
export { segmentHits, type SegmentOptions } from './segment';
export { FEATURES, ONSET_FEATURES, FULL_FEATURES, featureByName, type FeatureSpec, type FeatureSet, type FeatureInput } from './registry';
export { FULL_FEATURE_SAMPLES, FULL_FRAME_SAMPLES, FULL_HOP_SAMPLES, FULL_GROUPS } from './frames';
export { TC_FRAME_SAMPLES } from './temporalCentroid';
