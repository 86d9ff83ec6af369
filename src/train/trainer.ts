/**
 * The training loop (reference-implementation.md §5.3): Adam, ReduceLROnPlateau (×0.5 after
 * `patience` epochs without validation improvement), best-validation weights kept, and early
 * stopping (the run ends `earlyStopping` epochs after the validation loss last fell by 1 %).
 *
 * Per step: the tfjs network maps a batch of onset features to modulations m; params =
 * clip(preset + damping ⊙ m, 0, 1). The DSP pool renders each hit, computes its 7 full features, the
 * feature-difference loss of loss.ts (reference or scaled, with its clipping penalty) and ∂L/∂params
 * by the exact adjoints. A tfjs custom op
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
import { NUM_LOSS_FEATURES } from './diff/hitLoss';
import type { DspPool } from './dspPool';
import { createRng, shuffled } from './rng';
import { TfNetwork, initWeights, type NetworkWeights } from './network';
import { batchWeights, featureLoss, limitBounds, limitPenalty, type LossSpec } from './loss';

export interface RecipeOptions {
  arch: Architecture;
  /** Most epochs to run. */
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Epochs without validation improvement before the learning rate is halved. */
  patience: number;
  /**
   * Early stopping: stop after this many epochs without validation improvement and keep the best
   * weights (0 = run all epochs, as the reference).
   */
  earlyStopping: number;
  seed: number;
  /** The loss (src/train/loss.ts): feature weights and saturation guards. */
  loss: LossSpec;
  /** Learning rate per epoch (index 0 = epoch 1), replacing the plateau scheduler (cross-validation folds replay the model's). */
  lrSchedule?: readonly number[];
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
  /** True when early stopping ended the run before `epochs`. */
  stoppedEarly: boolean;
  meanStepMs: number;
  /** Adam steps taken. */
  steps: number;
}

export interface FitData {
  inputs: Float64Array[];
  targets: Float64Array[];
  train: number[];
  val: number[];
}

/**
 * Early stopping's notion of progress: the validation loss must fall by at least 1 % (relative)
 * below its value at the last counted improvement. Smaller gains (the slow tail of a run, or
 * noise on a few validation hits) do not keep a run going; the best epoch is kept either way.
 */
export const EARLY_STOPPING_MIN_DELTA = 0.01;

let backendReady: Promise<void> | null = null;
/** tfjs on its CPU backend (pure JS; the network is tiny, the DSP runs in our kernels). */
export function ensureBackend(): Promise<void> {
  backendReady ??= tf.setBackend('cpu').then(() => undefined);
  return backendReady;
}

/** q = preset + damping ⊙ m(x): the parameters before their clip to [0, 1]. */
export function unclippedExpr(net: TfNetwork, x: tf.Tensor2D, preset: tf.Tensor1D, damping: tf.Tensor1D): tf.Tensor2D {
  return tf.add(preset, tf.mul(damping, net.apply(x))) as tf.Tensor2D;
}

/** params = clip(preset + damping ⊙ m(x), 0, 1) as a tfjs expression. */
export function paramsExpr(net: TfNetwork, x: tf.Tensor2D, preset: tf.Tensor1D, damping: tf.Tensor1D): tf.Tensor2D {
  return tf.clipByValue(unclippedExpr(net, x, preset, damping), 0, 1) as tf.Tensor2D;
}

/** λ/n · Σ relu(lo − q)² + relu(q − hi)² as a tfjs scalar (the limit barrier of loss.ts, batch mean). */
function limitBarrierExpr(q: tf.Tensor2D, lo: tf.Tensor1D, hi: tf.Tensor1D, weight: number): tf.Scalar {
  const under = tf.relu(tf.sub(lo, q));
  const over = tf.relu(tf.sub(q, hi));
  return tf.mul(weight / q.shape[0], tf.add(tf.sum(tf.square(under)), tf.sum(tf.square(over)))) as tf.Scalar;
}

const clip01 = (v: number): number => (v > 1 ? 1 : v < 0 ? 0 : v);

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

/** Unclipped parameters q (n × 14, float64) for a set of network inputs. */
export function unclippedFor(net: TfNetwork, inputs: readonly ArrayLike<number>[], preset: Preset): Float64Array {
  return readTensor(() => {
    const x = tf.tensor2d(Float32Array.from(stackRows(inputs, 3)), [inputs.length, 3]);
    return unclippedExpr(net, x, tf.tensor1d(Float32Array.from(preset.normalised)), tf.tensor1d(Float32Array.from(preset.damping)));
  });
}

/** The loss (features + guards) of a set of hits, mean per hit (forward only, fast kernel: `presetFeatures` must come from it). */
export async function evalLoss(net: TfNetwork, pool: DspPool, data: FitData, idx: readonly number[], preset: Preset, presetFeatures: Float64Array, spec: LossSpec): Promise<number> {
  if (idx.length === 0) return NaN;
  const q = unclippedFor(net, idx.map((i) => data.inputs[i]), preset);
  const params = q.map(clip01);
  const r = await pool.analyse(params, spec.clipPenalty, true);
  const bounds = limitBounds(preset.normalised);
  let s = 0;
  idx.forEach((hi, i) => {
    s += featureLoss(spec, r.features.subarray(i * NUM_LOSS_FEATURES, (i + 1) * NUM_LOSS_FEATURES), presetFeatures, data.targets[hi]);
    s += r.penalties[i] + limitPenalty(spec, q.subarray(i * NUM_PARAMS, (i + 1) * NUM_PARAMS), bounds);
  });
  return s / idx.length;
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
 * (cancelling keeps the best weights so far). With `earlyStopping` > 0 the run ends once the
 * validation loss has not improved for that many epochs; the best epoch's weights are returned.
 */
export async function fit(
  data: FitData,
  preset: Preset,
  pool: DspPool,
  recipe: RecipeOptions,
  hooks: { onEpoch?: (p: EpochProgress) => void; isCancelled?: () => boolean } = {},
): Promise<FitResult> {
  if (!(Number.isInteger(recipe.batchSize) && recipe.batchSize >= 1)) throw new RangeError(`batch size must be a whole number ≥ 1; got ${recipe.batchSize}`);
  if (data.train.length === 0) throw new RangeError('no training hits');
  await ensureBackend();
  const spec = recipe.loss;
  // the preset's features by the same (fast) kernel as the training steps, so their difference is unbiased
  const presetFeatures = (await pool.analyse(Float64Array.from(preset.normalised), 0, true)).features;
  const rng = createRng(recipe.seed);
  const net = new TfNetwork(initWeights(recipe.arch, rng));
  const lrAt = (epoch: number) => recipe.lrSchedule?.[Math.min(recipe.lrSchedule.length - 1, epoch - 1)];
  const optimizer = tf.train.adam(lrAt(1) ?? recipe.learningRate, 0.9, 0.999, 1e-8);
  const scheduler = new PlateauScheduler(recipe.learningRate, recipe.patience);
  const presetT = tf.tensor1d(Float32Array.from(preset.normalised));
  const dampingT = tf.tensor1d(Float32Array.from(preset.damping));
  const bounds = limitBounds(preset.normalised);
  const loT = tf.tensor1d(Float32Array.from(bounds.lo));
  const hiT = tf.tensor1d(Float32Array.from(bounds.hi));
  // without validation hits the run has a fixed length and keeps its last epoch (cross-validation
  // folds: they run as many epochs as the model's own early stopping chose)
  const selectOnTrain = data.val.length === 0;
  const history: FitResult['history'] = [];
  let best = { loss: Infinity, epoch: 0, weights: net.read() };
  let lastImprovement = 0, improvementRef = Infinity;
  let cancelled = false, stoppedEarly = false;
  let steps = 0, stepMsTotal = 0;
  const t0 = Date.now();
  try {
    for (let epoch = 1; epoch <= recipe.epochs && !cancelled; epoch++) {
      const order = shuffled(data.train, rng);
      let lossSum = 0, seen = 0;
      for (let b = 0; b < order.length; b += recipe.batchSize) {
        if (hooks.isCancelled?.()) {
          cancelled = true;
          break;
        }
        const ts = performance.now();
        const idx = order.slice(b, b + recipe.batchSize);
        const n = idx.length;
        const x = tf.tensor2d(Float32Array.from(stackRows(idx.map((i) => data.inputs[i]), 3)), [n, 3]);
        const q = readTensor(() => unclippedExpr(net, x, presetT, dampingT));
        const params = q.map(clip01);
        const r = await pool.lossAndGrad(params, stackRows(idx.map((i) => data.targets[i]), NUM_LOSS_FEATURES), presetFeatures, batchWeights(spec, n), spec.clipPenalty / n, true);
        let batchLoss = r.losses.reduce((s, v) => s + v, 0);
        for (let i = 0; i < n; i++) batchLoss += limitPenalty(spec, q.subarray(i * NUM_PARAMS, (i + 1) * NUM_PARAMS), bounds) / n;
        if (!Number.isFinite(batchLoss)) throw new Error(`training diverged: the loss is ${batchLoss} at epoch ${epoch}`);
        lossSum += batchLoss * n;
        seen += n;
        const g = tf.tensor2d(Float32Array.from(r.grad), [n, NUM_PARAMS]);
        // the DSP chain as a tfjs op: value = the batch loss, VJP = dy · ∂L/∂params from the adjoints;
        // the limit barrier acts on the unclipped parameters (the clip has no gradient past the ends)
        const dspLoss = dspLossOp(r.losses.reduce((s, v) => s + v, 0), g);
        optimizer.minimize(() => {
          const qT = unclippedExpr(net, x, presetT, dampingT);
          const l = dspLoss(tf.clipByValue(qT, 0, 1)) as tf.Scalar;
          return spec.limitPenalty > 0 ? tf.add(l, limitBarrierExpr(qT, loT, hiT, spec.limitPenalty)) as tf.Scalar : l;
        });
        x.dispose();
        g.dispose();
        steps++;
        stepMsTotal += performance.now() - ts;
      }
      if (seen === 0) break; // cancelled before this epoch's first step
      const trainLoss = lossSum / seen;
      const valLoss = selectOnTrain ? NaN : await evalLoss(net, pool, data, data.val, preset, presetFeatures, spec);
      const lr = lrAt(epoch) ?? scheduler.lr;
      history.push({ epoch, trainLoss, valLoss, lr });
      const monitored = selectOnTrain ? trainLoss : valLoss;
      if (selectOnTrain || monitored < best.loss) best = { loss: monitored, epoch, weights: net.read() };
      if (monitored < improvementRef * (1 - EARLY_STOPPING_MIN_DELTA)) {
        improvementRef = monitored;
        lastImprovement = epoch;
      }
      const nextLr = scheduler.step(monitored);
      (optimizer as unknown as { learningRate: number }).learningRate = lrAt(epoch + 1) ?? nextLr;
      const elapsed = (Date.now() - t0) / 1000;
      hooks.onEpoch?.({ epoch, epochs: recipe.epochs, trainLoss, valLoss, lr, etaSec: (elapsed / epoch) * (recipe.epochs - epoch), bestEpoch: best.epoch, stepMs: steps ? stepMsTotal / steps : 0 });
      if (cancelled) break;
      if (recipe.earlyStopping > 0 && epoch - lastImprovement >= recipe.earlyStopping && epoch < recipe.epochs) {
        stoppedEarly = true;
        break;
      }
    }
  } finally {
    for (const t of [presetT, dampingT, loT, hiT]) t.dispose();
    optimizer.dispose();
    net.dispose();
  }
  return { weights: best.weights, bestEpoch: best.epoch, bestValLoss: best.loss, epochsRun: history.length, history, cancelled, stoppedEarly, meanStepMs: steps ? stepMsTotal / steps : 0, steps };
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

