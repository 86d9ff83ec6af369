/**
 * The paper's evaluation (reference-implementation.md §5.4): per full feature, the mean over test
 * hits of |(F(synth(θ)) − F(synth(θ_pre))) − target|. Columns: `preset` (no modulation, = mean
 * |target|), `model`, and optionally `direct`: per-hit direct optimisation of a modulation vector
 * (init 0, params = clip(preset + damping ⊙ z, 0, 1), Adam 5e-3, 1000 iterations, learning rate
 * halved after 50 iterations without improvement), the reference's "upper bound" baseline.
 */
import * as tf from '@tensorflow/tfjs-core';
import { FULL_FEATURE_NAMES, type EvaluationTable } from '../model/bundle';
import { NUM_PARAMS } from '../synth/params';
import type { Preset } from '../synth/presets';
import { NUM_FULL_FEATURES, NUM_LOSS_FEATURES } from './diff/hitLoss';
import type { DspPool } from './dspPool';
import { PlateauScheduler, dspLossOp, ensureBackend, readTensor, stackRows } from './trainer';
import { batchWeights, type LossSpec } from './loss';

export interface DirectOptions {
  iterations: number;
  learningRate: number;
  patience: number;
}
export const DIRECT_DEFAULTS: DirectOptions = { iterations: 1000, learningRate: 5e-3, patience: 50 };

/**
 * Per-feature mean absolute error of achieved vs desired feature differences, over the 7 full
 * features (the paper's table). `features` is n × 10 (the pool's loss features), targets 10 wide.
 */
export function featureErrorMeans(features: Float64Array, presetFeatures: ArrayLike<number>, targets: readonly ArrayLike<number>[]): number[] {
  const e = new Array<number>(NUM_FULL_FEATURES).fill(0);
  targets.forEach((t, i) => {
    for (let j = 0; j < NUM_FULL_FEATURES; j++) e[j] += Math.abs(features[i * NUM_LOSS_FEATURES + j] - presetFeatures[j] - t[j]) / targets.length;
  });
  return e;
}

/** Assemble the table from per-feature error columns. */
export function makeTable(hits: number, columns: { preset: number[]; model: number[]; direct?: number[] }): EvaluationTable {
  const table: EvaluationTable['table'] = {};
  FULL_FEATURE_NAMES.forEach((name, j) => {
    table[name] = { preset: columns.preset[j], model: columns.model[j], ...(columns.direct ? { direct: columns.direct[j] } : {}) };
  });
  const mean = (c: number[]) => c.reduce((s, v) => s + v, 0) / c.length;
  return { hits, table, mean: { preset: mean(columns.preset), model: mean(columns.model), ...(columns.direct ? { direct: mean(columns.direct) } : {}) } };
}

/**
 * Direct optimisation baseline for a set of targets: all hits optimised together (independent
 * modulation rows, loss = batch mean as the reference's batch of 256; the reference's loss unless
 * `spec` is given). Returns params n × 14.
 */
export async function directOptimisation(pool: DspPool, preset: Preset, presetFeatures: Float64Array, targets: readonly ArrayLike<number>[], opts: DirectOptions = DIRECT_DEFAULTS, onIteration?: (i: number) => void, spec?: LossSpec): Promise<Float64Array> {
  await ensureBackend();
  const n = targets.length;
  const z = tf.variable(tf.zeros([n, NUM_PARAMS]), true);
  const presetT = tf.tensor1d(Float32Array.from(preset.normalised));
  const dampingT = tf.tensor1d(Float32Array.from(preset.damping));
  const optimizer = tf.train.adam(opts.learningRate, 0.9, 0.999, 1e-8);
  const scheduler = new PlateauScheduler(opts.learningRate, opts.patience);
  const targetRows = stackRows(targets, NUM_LOSS_FEATURES);
  const expr = () => tf.clipByValue(tf.add(presetT, tf.mul(dampingT, z)), 0, 1);
  try {
    for (let it = 0; it < opts.iterations; it++) {
      const params = readTensor(expr);
      const r = await pool.lossAndGrad(params, targetRows, presetFeatures, spec ? batchWeights(spec, n) : 1 / (n * NUM_FULL_FEATURES), spec ? spec.clipPenalty / n : 0);
      const loss = r.losses.reduce((s, v) => s + v, 0);
      const g = tf.tensor2d(Float32Array.from(r.grad), [n, NUM_PARAMS]);
      const op = dspLossOp(loss, g);
      optimizer.minimize(() => op(expr()) as tf.Scalar);
      g.dispose();
      (optimizer as unknown as { learningRate: number }).learningRate = scheduler.step(loss);
      onIteration?.(it);
    }
    return readTensor(expr);
  } finally {
    z.dispose();
    presetT.dispose();
    dampingT.dispose();
    optimizer.dispose();
  }
}

/** params = clamp(preset + clamp(damping ⊙ m, −1, 1), 0, 1) (the engine rule at sensitivity 1). */
export function paramsFromModulation(preset: Preset, modulation: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n * NUM_PARAMS);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < NUM_PARAMS; k++) {
      const m = Math.max(-1, Math.min(1, preset.damping[k] * modulation[i * NUM_PARAMS + k]));
      out[i * NUM_PARAMS + k] = Math.max(0, Math.min(1, preset.normalised[k] + m));
    }
  }
  return out;
}

/** Evaluation table for given model parameters (n × 14) on targets; `direct` adds the baseline. */
export async function evaluateParams(pool: DspPool, preset: Preset, presetFeatures: Float64Array, targets: readonly ArrayLike<number>[], modelParams: Float64Array, direct?: DirectOptions | false): Promise<EvaluationTable> {
  const n = targets.length;
  const zeros = new Float64Array(n * NUM_LOSS_FEATURES);
  for (let i = 0; i < n; i++) zeros.set(presetFeatures, i * NUM_LOSS_FEATURES);
  const presetCol = featureErrorMeans(zeros, presetFeatures, targets);
  const modelCol = featureErrorMeans(await pool.features(modelParams), presetFeatures, targets);
  let directCol: number[] | undefined;
  if (direct) {
    const p = await directOptimisation(pool, preset, presetFeatures, targets, direct);
    directCol = featureErrorMeans(await pool.features(p), presetFeatures, targets);
  }
  return makeTable(n, { preset: presetCol, model: modelCol, direct: directCol });
}
