/**
 * How hits are held out (issue #9 §3), seeded and stratified by loudness (the reference's idea,
 * §5.2: sorted by SPL_T, so every part sees soft and hard hits):
 *
 * - `validationSplit`: the hits that choose the kept epoch (early stopping) of one training run;
 * - `kFolds`: every hit except the reference hit goes to exactly one of k test folds. The hits,
 *   sorted by loudness, are cut into runs of k consecutive hits and each run is dealt out to the
 *   k folds in a random order, so the folds have (almost) the same loudness spread.
 *
 * The reference hit (the zero of every target) is never held out.
 *
 * `foldSchedule`: how long each fold trains (it has no validation part of its own, see run.ts).
 */
import { createRng, shuffled } from './rng';
import { loudnessOrder, type Hit } from './dataset';

/** Share of a run's training hits used for validation (at least 2 hits). */
export const VALIDATION_FRACTION = 0.15;
export const MIN_VALIDATION_HITS = 2;

/**
 * Stratified validation hits among `pool` (indices into hits; the reference hit is skipped):
 * ⌈fraction·n⌉ chunks of the loudness order, one random hit from each.
 */
export function validationSplit(hits: readonly Hit[], pool: readonly number[], refIndex: number, seed: number, fraction = VALIDATION_FRACTION): { train: number[]; val: number[] } {
  const inPool = new Set(pool);
  const order = loudnessOrder(hits).filter((i) => inPool.has(i) && i !== refIndex);
  const want = Math.min(order.length - 1, Math.max(MIN_VALIDATION_HITS, Math.ceil(fraction * pool.length)));
  const rng = createRng((seed ^ 0x5eed) >>> 0);
  const val: number[] = [];
  for (let c = 0; c < want; c++) {
    const lo = Math.floor((c * order.length) / want), hi = Math.floor(((c + 1) * order.length) / want);
    if (hi > lo) val.push(order[lo + rng.int(hi - lo)]);
  }
  const held = new Set(val);
  return { train: pool.filter((i) => !held.has(i)), val: val.sort((a, b) => a - b) };
}

/** Fold number per hit (−1 for the reference hit), k folds, stratified by loudness. */
export function kFolds(hits: readonly Hit[], refIndex: number, k: number, seed: number): number[] {
  const fold = new Array<number>(hits.length).fill(-1);
  const order = loudnessOrder(hits).filter((i) => i !== refIndex);
  const rng = createRng((seed ^ 0xf01d) >>> 0);
  // a random rotation per run: shuffle the fold numbers, not the hits, so runs shorter than k
  // (the last one) still spread over different folds
  let next = shuffled(Array.from({ length: k }, (_, f) => f), rng);
  for (let c = 0; c < order.length; c++) {
    if (c % k === 0 && c > 0) next = shuffled(next, rng);
    fold[order[c]] = next[c % k];
  }
  return fold;
}

/**
 * The training of a cross-validation fold, taken from the model's own run: exactly the model's
 * Adam steps up to its kept epoch (its epochs scaled by the fold's training set against the model's),
 * with the model's learning rate at the same point of its run. Steps, not epochs: measured, folds
 * trained as many epochs as the model (fewer steps on their smaller sets), or only up to its last
 * 1 % improvement, gave a 1.0 % (gmrock) and 2.4 % (colombo) higher held-out error.
 */
export function foldSchedule(model: { history: ReadonlyArray<{ lr: number }>; bestEpoch: number }, modelTrainHits: number, foldTrainHits: number, batchSize: number): { epochs: number; lrSchedule: number[] } {
  const steps = model.bestEpoch * Math.ceil(modelTrainHits / batchSize);
  const epochs = Math.max(1, Math.round(steps / Math.ceil(foldTrainHits / batchSize)));
  const last = model.history.length - 1;
  return { epochs, lrSchedule: Array.from({ length: epochs }, (_, e) => model.history[Math.min(last, Math.floor((e * model.bestEpoch) / epochs))].lr) };
}
