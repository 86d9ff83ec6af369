/** The model runtime: mapping-network weights, ONNX export/import, bundle validation, loading and running. */
export * from './bundle';
export { ARCHITECTURES, INPUT_FEATURES, OUTPUT_FEATURES, LAYER_NORM_EPS, isArchitecture, layerSizes, hasBias, paramCount, weightsProblem } from './weights';
export type { LayerWeights, MlpWeights } from './weights';
export { mlpForward, compileMlp } from './mlp';
export type { MlpEvaluator } from './mlp';
export { buildOnnxModel, readOnnxWeights, ONNX_OPSET, ONNX_IR_VERSION } from './onnxBuilder';
export { validateBundleMeta } from './validate';
export { writeModelBundle, bundlePaths } from './write';
export type { BundlePaths } from './write';
export { loadModelBundle, EVALUATOR_TOLERANCE } from './load';
export { bundleDetectorOptions, detectorMismatch, detectorDifferences } from './detector';
export type { LoadedModel } from './load';
export { createSession, resolveRuntime, setRuntimeLogger, wasmDir } from './runtime';
export type { BackendChoice, BackendName, ModelSession, OrtModule, Runtime, RuntimeOptions } from './runtime';
