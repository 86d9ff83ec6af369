/**
 * Pure-TypeScript forward passes of the mapping networks (see weights.ts for the maths):
 * `mlpForward` (plain and allocating, float64 inside; the reference for the ONNX graph) and
 * `compileMlp` (a closure over float64 copies of the weights that evaluates rows without
 * allocating, fit for the real-time path; checked against both).
 */
import { LAYER_NORM_EPS, type MlpWeights, weightsProblem } from './weights';

/** A compiled network: reads `n` rows of `input` (n × in), writes `out` (n × outFeatures). */
export type MlpEvaluator = (input: ArrayLike<number>, out: Float32Array | Float64Array, n?: number) => void;

/**
 * Network output for `n` input rows, written plainly layer by layer in float64: the reference the
 * ONNX graph and `compileMlp` are checked against.
 * @param x n × inFeatures, row-major (normalised onset features, [N,3])
 * @returns n × outFeatures, row-major (modulation in [−1, 1], [N,14])
 */
export function mlpForward(weights: MlpWeights, x: ArrayLike<number>, n: number): Float32Array {
  const problem = weightsProblem(weights);
  if (problem) throw new TypeError(`mlpForward: ${problem}`);
  const last = weights.layers.length - 1;
  const nOut = weights.layers[last].outFeatures;
  const out = new Float32Array(n * nOut);
  for (let row = 0; row < n; row++) {
    const nIn = weights.layers[0].inFeatures;
    let h: number[] = Array.from({ length: nIn }, (_, i) => x[row * nIn + i]);
    weights.layers.forEach((L, l) => {
      const z = Array.from({ length: L.outFeatures }, (_, o) => {
        let s = L.bias ? L.bias[o] : 0;
        for (let i = 0; i < L.inFeatures; i++) s += L.weight[o * L.inFeatures + i] * h[i];
        return s;
      });
      if (l < last) {
        const mean = z.reduce((s, v) => s + v, 0) / z.length;
        const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length;
        h = z.map((v) => Math.max(0, (v - mean) / Math.sqrt(variance + LAYER_NORM_EPS)));
      } else {
        h = weights.arch === 'linear' ? z.map((v) => Math.min(1, Math.max(-1, v))) : z.map(Math.tanh);
      }
    });
    out.set(h, row * nOut);
  }
  return out;
}

/** Compile the network into a non-allocating evaluator (weights copied to float64 once). */
export function compileMlp(weights: MlpWeights): MlpEvaluator {
  const problem = weightsProblem(weights);
  if (problem) throw new TypeError(`compileMlp: ${problem}`);
  const layers = weights.layers.map((l) => ({
    nIn: l.inFeatures,
    nOut: l.outFeatures,
    w: Float64Array.from(l.weight),
    b: l.bias ? Float64Array.from(l.bias) : null,
  }));
  const widest = Math.max(...layers.map((l) => Math.max(l.nIn, l.nOut)));
  let a = new Float64Array(widest);
  let z = new Float64Array(widest);
  const isLinear = weights.arch === 'linear';
  const last = layers.length - 1;
  const nIn = layers[0].nIn;
  const nOut = layers[last].nOut;

  return (input, out, n = 1) => {
    for (let row = 0; row < n; row++) {
      for (let i = 0; i < nIn; i++) a[i] = input[row * nIn + i];
      for (let l = 0; l <= last; l++) {
        const { w, b, nIn: ni, nOut: no } = layers[l];
        for (let o = 0; o < no; o++) {
          let s = b ? b[o] : 0;
          const r = o * ni;
          for (let i = 0; i < ni; i++) s += w[r + i] * a[i];
          z[o] = s;
        }
        if (l < last) {
          // hidden layer: LayerNorm (no affine, biased variance) then ReLU
          let mean = 0;
          for (let o = 0; o < no; o++) mean += z[o];
          mean /= no;
          let v = 0;
          for (let o = 0; o < no; o++) v += (z[o] - mean) * (z[o] - mean);
          const inv = 1 / Math.sqrt(v / no + LAYER_NORM_EPS);
          for (let o = 0; o < no; o++) {
            const y = (z[o] - mean) * inv;
            z[o] = y > 0 ? y : 0;
          }
          const t = a;
          a = z;
          z = t;
        }
      }
      const base = row * nOut;
      if (isLinear) for (let o = 0; o < nOut; o++) out[base + o] = z[o] > 1 ? 1 : z[o] < -1 ? -1 : z[o];
      else for (let o = 0; o < nOut; o++) out[base + o] = Math.tanh(z[o]);
    }
  };
}
