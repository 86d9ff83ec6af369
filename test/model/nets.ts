/** Test networks with known weights, and bundle metadata for them (shared by the model tests and the child process). */
import { onnx } from 'onnx-proto';
import { buildOnnxModel } from '../../src/model/onnxBuilder';
import { PARAM_NAMES, toPhysical } from '../../src/synth/params';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, ONNX_INPUT_NAME, ONNX_OUTPUT_NAME, ONSET_FEATURE_NAMES, type Architecture, type ModelBundleMeta } from '../../src/model/bundle';
import { layerSizes, type MlpWeights } from '../../src/model/weights';


/** Deterministic uniform numbers in [−1, 1) (LCG): reproducible weights without our own code's RNG. */
export function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  };
}

/** A network of the reference sizes with weights ~U(−scale, scale) and biases ~U(−0.3, 0.3). */
export function randomWeights(arch: Architecture, seed: number, scale = 0.8): MlpWeights {
  const r = uniform(seed);
  const sizes = layerSizes(arch);
  return {
    arch,
    layers: sizes.slice(1).map((out, l) => ({
      outFeatures: out,
      inFeatures: sizes[l],
      weight: Float32Array.from({ length: out * sizes[l] }, () => r() * scale),
      ...(arch === 'linear' ? {} : { bias: Float32Array.from({ length: out }, () => r() * 0.3) }),
    })),
  };
}

/** Rows of inputs in [−1, 1]³ (the range of normalised, reference-centred features), incl. 0 and corners. */
export function inputs(n: number, seed: number): Float32Array {
  const r = uniform(seed);
  const x = Float32Array.from({ length: n * 3 }, r);
  x.set([0, 0, 0, 1, 1, 1, -1, -1, -1].slice(0, Math.min(9, x.length)));
  return x;
}

export function meta(arch: Architecture = 'mlp'): ModelBundleMeta {
  const normalised = PARAM_NAMES.map((_, i) => (i + 1) / 16);
  const physical = toPhysical(normalised);
  return {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    name: 'test-model',
    paramOrder: [...PARAM_NAMES],
    preset: { name: 'test', physical: Object.fromEntries(PARAM_NAMES.map((n, i) => [n, physical[i]])), normalised },
    damping: PARAM_NAMES.map((_, i) => (i % 2 ? 0.5 : 1)),
    featureNorm: { names: [...ONSET_FEATURE_NAMES], min: [-60, 60, -70], max: [-6, 110, -10], ref: [0.6, 0.5, 0.4] },
    onsetWindow: { samples: 256, backtrackSamples: 16, sampleRateHz: 44100 },
    architecture: arch,
    onnx: { input: ONNX_INPUT_NAME, output: ONNX_OUTPUT_NAME, opset: 17 },
  };
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return Number.isNaN(d) ? Infinity : d;
}

/**
 * A hand-set mlp whose hidden pre-activations are an arithmetic sequence: z_o = (o + 1)·x0 for
 * o = 0…31. For x0 = 1, mean = 16.5 and (biased) variance = (32² − 1)/12 = 85.25 (closed forms of
 * 1…32), so LN_o = (o + 1 − 16.5)/√(85.25 + 1e-5). Output k reads hidden unit 14 + k with weight 2
 * (units 14…27 straddle the mean, so the ReLU zeroes some), so out_k = tanh(2·relu(LN_{14+k})).
 */
export function arithmeticMlp(): MlpWeights {
  const w1 = new Float32Array(32 * 3);
  for (let o = 0; o < 32; o++) w1[o * 3] = o + 1;
  const w2 = new Float32Array(14 * 32);
  for (let k = 0; k < 14; k++) w2[k * 32 + 14 + k] = 2;
  return {
    arch: 'mlp',
    layers: [
      { outFeatures: 32, inFeatures: 3, weight: w1, bias: new Float32Array(32) },
      { outFeatures: 14, inFeatures: 32, weight: w2, bias: new Float32Array(14) },
    ],
  };
}

export function arithmeticExpected(x0: number): number[] {
  // z_o = (o+1)·x0: mean 16.5·x0, variance 85.25·x0²
  const mean = 16.5 * x0;
  const sd = Math.sqrt(85.25 * x0 * x0 + 1e-5);
  return Array.from({ length: 14 }, (_, k) => Math.tanh(2 * Math.max(0, ((15 + k) * x0 - mean) / sd)));
}

/**
 * The `linear` network `w` as another exporter might write it: Gemm with transB=0 and the weight
 * transposed ([3,14]). Valid ONNX computing the same function, but not the layout timbre-remap
 * writes, so the JS evaluator leaves it to onnxruntime.
 */
export function foreignLinearOnnx(w: MlpWeights): Uint8Array {
  const m = onnx.ModelProto.decode(buildOnnxModel(w));
  m.graph!.node![0].attribute = [];
  const init = m.graph!.initializer!.find((t) => t.name === 'layers.0.weight')!;
  const t = new Float32Array(42);
  for (let o = 0; o < 14; o++) for (let i = 0; i < 3; i++) t[i * 14 + o] = w.layers[0].weight[o * 3 + i];
  init.dims = [3, 14];
  init.rawData = new Uint8Array(t.buffer);
  return onnx.ModelProto.encode(m).finish();
}
