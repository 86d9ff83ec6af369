/**
 * Pure dataset helpers (no I/O): the reference hit, onset-feature normalisation and the seeded,
 * loudness-stratified validation/test split (reference-implementation.md §3.3, §5.1–§5.2).
 */
import { createRng } from './rng';
import type { InputFile } from './data';

export const VAL_FRACTION = 0.1;
export const TEST_FRACTION = 0.1;

export interface Hit {
  file: number;
  /** Onset sample index at 44.1 kHz in its file. */
  onsetSample: number;
  /** Raw onset features [rms dB, centroid semitones, flatness dB]. */
  onset: Float64Array;
  /** Full features [SPL_T, SPL_S, SC_T, SC_S, SF_T, SF_S, TC]. */
  full: Float64Array;
}

export interface Dataset {
  files: InputFile[];
  hits: Hit[];
  /** Index of the reference hit (median loudness rank). */
  refIndex: number;
  /** Input normalisation stored in the bundle: (f − min)/(max − min) − ref. */
  norm: { min: number[]; max: number[]; ref: number[] };
  /** Network inputs, N × 3 (normalised, reference-centred). */
  inputs: Float64Array[];
  /** Loss targets F(hit) − F(ref), N × 7. */
  targets: Float64Array[];
  split: { train: number[]; val: number[]; test: number[] };
}

/** The reference hit: sort by SPL_T (loudness of the transient) descending, take index ⌊N/2⌋. */
export function referenceHitIndex(hits: readonly Hit[]): number {
  const order = loudnessOrder(hits);
  return order[Math.floor(hits.length * 0.5)];
}

/** Hit indices sorted by SPL_T descending (stable). */
export function loudnessOrder(hits: readonly Hit[]): number[] {
  return hits.map((_, i) => i).sort((a, b) => hits[b].full[0] - hits[a].full[0] || a - b);
}

/**
 * Loudness-stratified split: the hits sorted by loudness (without the reference hit) are cut into
 * ⌊N·fraction⌋ + 1 contiguous chunks and one random hit per chunk is drawn, first for validation,
 * then for test from what remains. Seeded.
 */
export function stratifiedSplit(hits: readonly Hit[], refIndex: number, seed: number, valFraction = VAL_FRACTION, testFraction = TEST_FRACTION): Dataset['split'] {
  const rng = createRng(seed ^ 0x5eed);
  let pool = loudnessOrder(hits).filter((i) => i !== refIndex);
  const draw = (fraction: number): number[] => {
    const chunks = Math.floor(hits.length * fraction) + 1;
    const picked: number[] = [];
    for (let c = 0; c < chunks; c++) {
      const lo = Math.floor((c * pool.length) / chunks), hi = Math.floor(((c + 1) * pool.length) / chunks);
      if (hi > lo) picked.push(pool[lo + rng.int(hi - lo)]);
    }
    pool = pool.filter((i) => !picked.includes(i));
    return picked.sort((a, b) => a - b);
  };
  const val = draw(valFraction);
  const test = draw(testFraction);
  const held = new Set([...val, ...test]);
  const train = hits.map((_, i) => i).filter((i) => !held.has(i));
  return { train, val, test };
}

/** Onset-feature normalisation over all hits, centred on the reference hit. */
export function featureNormalisation(hits: readonly Hit[], refIndex: number): Dataset['norm'] {
  const min = [0, 1, 2].map((j) => Math.min(...hits.map((h) => h.onset[j])));
  const max = [0, 1, 2].map((j) => Math.max(...hits.map((h) => h.onset[j])));
  // a constant feature would divide by zero: give it a unit range (it then carries no information)
  for (let j = 0; j < 3; j++) if (!(max[j] > min[j])) max[j] = min[j] + 1;
  const ref = [0, 1, 2].map((j) => (hits[refIndex].onset[j] - min[j]) / (max[j] - min[j]));
  return { min, max, ref };
}

