/**
 * The mapping networks (reference-implementation.md §4.1) on tfjs variables:
 *   linear     clamp(x·W, −1, 1), W 3×14, no bias                                  (42 parameters)
 *   mlp        tanh(relu(LN(x·W1 + b1))·W2 + b2), hidden 32                       (590)
 *   mlp-large  3 × [Linear, LN, ReLU] (3→64→64→64), Linear(64, 14), tanh          (9 486)
 * LayerNorm has no affine part (eps 1e-5, biased variance). Init: weights N(0, initStd), biases 0;
 * initStd 1e-6 (linear) or 1e-3 (MLPs). Weights are stored input-major (x·W, shape [in, out]).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Architecture } from '../model/bundle';
import type { Rng } from './rng';

export const INPUT_SIZE = 3;
export const OUTPUT_SIZE = 14;
const LN_EPS = 1e-5;

/** One dense layer's plain weights: `weight` [inSize × outSize] row-major (x·W), `bias` or null. */
export interface DenseWeights {
  inSize: number;
  outSize: number;
  weight: Float32Array;
  bias: Float32Array | null;
}

/** A network's plain weights (for checkpoints, export and repeatability checks). */
export interface NetworkWeights {
  arch: Architecture;
  layers: DenseWeights[];
}

export const ARCHITECTURES: readonly Architecture[] = ['linear', 'mlp', 'mlp-large'];

/** Layer sizes per architecture. */
export function layerSizes(arch: Architecture): number[] {
  if (arch === 'linear') return [INPUT_SIZE, OUTPUT_SIZE];
  if (arch === 'mlp') return [INPUT_SIZE, 32, OUTPUT_SIZE];
  return [INPUT_SIZE, 64, 64, 64, OUTPUT_SIZE];
}

export const initStdOf = (arch: Architecture): number => (arch === 'linear' ? 1e-6 : 1e-3);
export const defaultLearningRate = (arch: Architecture): number => (arch === 'linear' ? 5e-3 : 5e-4);

/** Fresh weights: N(0, initStd) from the seeded generator, biases 0. */
export function initWeights(arch: Architecture, rng: Rng): NetworkWeights {
  const sizes = layerSizes(arch);
  const std = initStdOf(arch);
  const layers: DenseWeights[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const weight = new Float32Array(sizes[l] * sizes[l + 1]);
    for (let i = 0; i < weight.length; i++) weight[i] = rng.normal() * std;
    layers.push({ inSize: sizes[l], outSize: sizes[l + 1], weight, bias: arch === 'linear' ? null : new Float32Array(sizes[l + 1]) });
  }
  return { arch, layers };
}

export function parameterCount(w: NetworkWeights): number {
  return w.layers.reduce((n, l) => n + l.weight.length + (l.bias ? l.bias.length : 0), 0);
}

/** The network as trainable tfjs variables. */
export class TfNetwork {
  readonly arch: Architecture;
  readonly vars: { w: tf.Variable; b: tf.Variable | null }[];

  constructor(weights: NetworkWeights) {
    this.arch = weights.arch;
    this.vars = weights.layers.map((l) => ({
      w: tf.variable(tf.tensor2d(l.weight, [l.inSize, l.outSize]), true),
      b: l.bias ? tf.variable(tf.tensor1d(l.bias), true) : null,
    }));
  }

  /** Modulation [N, 14] for normalised inputs [N, 3] (tanh range; linear: clamped to ±1). */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    let h: tf.Tensor2D = x;
    const last = this.vars.length - 1;
    this.vars.forEach((v, i) => {
      let z = tf.matMul(h, v.w);
      if (v.b) z = tf.add(z, v.b);
      if (i < last) {
        const { mean, variance } = tf.moments(z, -1, true);
        z = tf.relu(tf.div(tf.sub(z, mean), tf.sqrt(tf.add(variance, LN_EPS))));
      }
      h = z as tf.Tensor2D;
    });
    return this.arch === 'linear' ? tf.clipByValue(h, -1, 1) : tf.tanh(h);
  }

  /** Current weights as plain arrays (a copy). */
  read(): NetworkWeights {
    return {
      arch: this.arch,
      layers: this.vars.map((v) => ({
        inSize: v.w.shape[0] as number,
        outSize: v.w.shape[1] as number,
        weight: Float32Array.from(v.w.dataSync() as Float32Array),
        bias: v.b ? Float32Array.from(v.b.dataSync() as Float32Array) : null,
      })),
    };
  }

  /** Overwrite the variables (restore a checkpoint). */
  assign(weights: NetworkWeights): void {
    weights.layers.forEach((l, i) => {
      this.vars[i].w.assign(tf.tensor2d(l.weight, [l.inSize, l.outSize]));
      if (l.bias && this.vars[i].b) this.vars[i].b!.assign(tf.tensor1d(l.bias));
    });
  }

  dispose(): void {
    for (const v of this.vars) {
      v.w.dispose();
      v.b?.dispose();
    }
  }
}

/**
 * Plain-JS forward of the same network (float64 maths on float32 weights), for evaluation
 * without tfjs and as the reference the ONNX export is compared with.
 */
export function forwardPlain(weights: NetworkWeights, x: ArrayLike<number>): Float64Array {
  let h = Float64Array.from(x);
  const last = weights.layers.length - 1;
  weights.layers.forEach((l, li) => {
    const z = new Float64Array(l.outSize);
    for (let o = 0; o < l.outSize; o++) {
      let s = l.bias ? l.bias[o] : 0;
      for (let i = 0; i < l.inSize; i++) s += h[i] * l.weight[i * l.outSize + o];
      z[o] = s;
    }
    if (li < last) {
      let mean = 0;
      for (const v of z) mean += v;
      mean /= z.length;
      let vr = 0;
      for (const v of z) vr += (v - mean) ** 2;
      vr /= z.length;
      const inv = 1 / Math.sqrt(vr + LN_EPS);
      for (let o = 0; o < z.length; o++) z[o] = Math.max(0, (z[o] - mean) * inv);
    }
    h = z;
  });
  for (let o = 0; o < h.length; o++) h[o] = weights.arch === 'linear' ? Math.max(-1, Math.min(1, h[o])) : Math.tanh(h[o]);
  return h;
}
