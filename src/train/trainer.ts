/**
 * The training loop (reference-implementation.md §5.3): Adam, batch 16, ReduceLROnPlateau
 * (×0.5 after `patience` epochs without validation improvement), best-validation weights kept.
 *
 * Per step: the tfjs network maps a batch of onset features to modulations m; params =
 * clip(preset + damping ⊙ m, 0, 1). The DSP pool renders each hit, computes its 7 full features, the
 * L1 feature-difference loss and ∂L/∂params by the exact adjoints. A tfjs custom op
 * (`tf.customGrad`) carries that loss value and vector-Jacobian product into tfjs's autodiff,
 * which back-propagates through clip, damping and the network to the weights; Adam updates them.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';

// production mode: no debug checks, and no console hint about tfjs-node (which cannot install here)
tf.enableProdMode();
tf.env().set('IS_NODE', false); // the CPU backend's hint is gated on this flag; nothing else we use reads it
import { NUM_PARAMS } from '../synth/params';
import type { Preset } from '../synth/presets';
import type { Architecture } from '../model/bundle';
import { NUM_FULL_FEATURES } from './diff/hitLoss';
import type { DspPool } from './dspPool';
import { createRng, shuffled } from './rng';
import { TfNetwork, initWeights, type NetworkWeights } from './network';

export interface RecipeOptions {
  arch: Architecture;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Epochs without validation improvement before the learning rate is halved. */
  patience: number;
  seed: number;
}

export interface EpochProgress {
  epoch: number;
  epochs: number;
  trainLoss: number;
  valLoss: number;
  lr: number;
  etaSec: number;
  bestEpoch: number;
  stepMs: number;
}

export interface FitResult {
  weights: NetworkWeights;
  bestEpoch: number;
  bestValLoss: number;
  epochsRun: number;
  history: Array<{ epoch: number; trainLoss: number; valLoss: number; lr: number }>;
  cancelled: boolean;
  meanStepMs: number;
}

export interface FitData {
  inputs: Float64Array[];
  targets: Float64Array[];
  train: number[];
  val: number[];
}

let backendReady: Promise<void> | null = null;
/** tfjs on its CPU backend (pure JS; the network is tiny, the DSP runs in our kernels). */
export function ensureBackend(): Promise<void> {
  backendReady ??= tf.setBackend('cpu').then(() => undefined);
  return backendReady;
}

/** params = clip(preset + damping ⊙ m(x), 0, 1) as a tfjs expression. */
export function paramsExpr(net: TfNetwork, x: tf.Tensor2D, preset: tf.Tensor1D, damping: tf.Tensor1D): tf.Tensor2D {
  return tf.clipByValue(tf.add(preset, tf.mul(damping, net.apply(x))), 0, 1) as tf.Tensor2D;
}

/** Values of a tensor expression (intermediates tidied, result disposed) as float64. */
export function readTensor(fn: () => tf.Tensor): Float64Array {
  const t = tf.tidy(fn);
  try {
    return Float64Array.from(t.dataSync());
  } finally {
    t.dispose();
  }
}

/**
 * The DSP chain as a tfjs op: forward value = the loss computed by the kernels, gradient =
 * dy · ∂L/∂params from their adjoints (a vector-Jacobian product precomputed for this batch).
 */
export function dspLossOp(loss: number, gradParams: tf.Tensor): (params: tf.Tensor) => tf.Tensor {
  const f = (_params: tf.Tensor) => ({ value: tf.scalar(loss) as tf.Tensor, gradFunc: (dy: tf.Tensor) => [tf.mul(dy, gradParams)] });
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (params: tf.Tensor) => tf.Tensor;
}

/** Stack rows into an n × width Float64Array. */
export function stackRows(rows: readonly ArrayLike<number>[], width: number): Float64Array {
  const out = new Float64Array(rows.length * width);
  rows.forEach((r, i) => out.set(r as ArrayLike<number>, i * width));
  return out;
}

/** Synth parameters for a set of network inputs (n × 14, float64). */
export function paramsFor(net: TfNetwork, inputs: readonly ArrayLike<number>[], preset: Preset): Float64Array {
  return readTensor(() => {
    const x = tf.tensor2d(Float32Array.from(stackRows(inputs, 3)), [inputs.length, 3]);
    return paramsExpr(net, x, tf.tensor1d(Float32Array.from(preset.normalised)), tf.tensor1d(Float32Array.from(preset.damping)));
  });
}

/** Mean L1 feature-difference loss of a set of hits (forward only). */
export async function evalLoss(net: TfNetwork, pool: DspPool, data: FitData, idx: readonly number[], preset: Preset, presetFeatures: Float64Array): Promise<number> {
  if (idx.length === 0) return NaN;
  const params = paramsFor(net, idx.map((i) => data.inputs[i]), preset);
  const feats = await pool.features(params);
  let s = 0;
  idx.forEach((hi, i) => {
    for (let j = 0; j < NUM_FULL_FEATURES; j++) s += Math.abs(feats[i * NUM_FULL_FEATURES + j] - presetFeatures[j] - data.targets[hi][j]);
  });
  return s / (idx.length * NUM_FULL_FEATURES);
}

/** torch.optim.lr_scheduler.ReduceLROnPlateau(mode min, factor, patience, threshold 1e-4 rel). */
export class PlateauScheduler {
  private best = Infinity;
  private bad = 0;
  constructor(public lr: number, private readonly patience: number, private readonly factor = 0.5, private readonly threshold = 1e-4) {}
  /** Feed one epoch's metric; returns the learning rate for the next epoch. */
  step(metric: number): number {
    if (metric < this.best * (1 - this.threshold)) {
      this.best = metric;
      this.bad = 0;
    } else if (++this.bad > this.patience) {
      this.lr *= this.factor;
      this.bad = 0;
    }
    return this.lr;
  }
}

/**
 * Train a network. `onEpoch` is called after every epoch; `isCancelled` is polled between steps
 * (cancelling keeps the best weights so far).
 */
export async function fit(
  data: FitData,
  preset: Preset,
  presetFeatures: Float64Array,
  pool: DspPool,
  recipe: RecipeOptions,
  hooks: { onEpoch?: (p: EpochProgress) => void; isCancelled?: () => boolean } = {},
): Promise<FitResult> {
  await ensureBackend();
  const rng = createRng(recipe.seed);
  const net = new TfNetwork(initWeights(recipe.arch, rng));
  const optimizer = tf.train.adam(recipe.learningRate, 0.9, 0.999, 1e-8);
  const scheduler = new PlateauScheduler(recipe.learningRate, recipe.patience);
  const presetT = tf.tensor1d(Float32Array.from(preset.normalised));
  const dampingT = tf.tensor1d(Float32Array.from(preset.damping));
  const history: FitResult['history'] = [];
  let best = { loss: Infinity, epoch: 0, weights: net.read() };
  let cancelled = false;
  let steps = 0, stepMsTotal = 0;
  const t0 = Date.now();
  let epoch = 0;
  try {
    for (epoch = 1; epoch <= recipe.epochs && !cancelled; epoch++) {
      const order = shuffled(data.train, rng);
      let lossSum = 0;
      for (let b = 0; b < order.length; b += recipe.batchSize) {
        if (hooks.isCancelled?.()) {
          cancelled = true;
          break;
        }
        const ts = performance.now();
        const idx = order.slice(b, b + recipe.batchSize);
        const n = idx.length;
        const x = tf.tensor2d(Float32Array.from(stackRows(idx.map((i) => data.inputs[i]), 3)), [n, 3]);
        const params = readTensor(() => paramsExpr(net, x, presetT, dampingT));
        const r = await pool.lossAndGrad(params, stackRows(idx.map((i) => data.targets[i]), NUM_FULL_FEATURES), presetFeatures, 1 / (n * NUM_FULL_FEATURES));
        const batchLoss = r.losses.reduce((s, v) => s + v, 0);
        lossSum += batchLoss * n;
        const g = tf.tensor2d(Float32Array.from(r.grad), [n, NUM_PARAMS]);
        // the DSP chain as a tfjs op: value = the batch loss, VJP = dy · ∂L/∂params from the adjoints
        const dspLoss = dspLossOp(batchLoss, g);
        optimizer.minimize(() => dspLoss(paramsExpr(net, x, presetT, dampingT)) as tf.Scalar);
        x.dispose();
        g.dispose();
        steps++;
        stepMsTotal += performance.now() - ts;
      }
      if (cancelled && lossSum === 0) break;
      const trainLoss = lossSum / order.length;
      const valLoss = await evalLoss(net, pool, data, data.val, preset, presetFeatures);
      const lr = scheduler.lr;
      history.push({ epoch, trainLoss, valLoss, lr });
      if (valLoss < best.loss) best = { loss: valLoss, epoch, weights: net.read() };
      const nextLr = scheduler.step(valLoss);
      (optimizer as unknown as { learningRate: number }).learningRate = nextLr;
      const elapsed = (Date.now() - t0) / 1000;
      hooks.onEpoch?.({ epoch, epochs: recipe.epochs, trainLoss, valLoss, lr, etaSec: (elapsed / epoch) * (recipe.epochs - epoch), bestEpoch: best.epoch, stepMs: steps ? stepMsTotal / steps : 0 });
      if (cancelled) break;
    }
  } finally {
    presetT.dispose();
    dampingT.dispose();
    optimizer.dispose();
    net.dispose();
  }
  return { weights: best.weights, bestEpoch: best.epoch, bestValLoss: best.loss, epochsRun: history.length, history, cancelled, meanStepMs: steps ? stepMsTotal / steps : 0 };
}

/** Synth parameters of the trained network for normalised inputs. */
export function modelParamsFor(weights: NetworkWeights, inputs: readonly ArrayLike<number>[], preset: Preset): Float64Array {
  const net = new TfNetwork(weights);
  try {
    return paramsFor(net, inputs, preset);
  } finally {
    net.dispose();
  }
}

