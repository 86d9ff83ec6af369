/**
 * Pure dataset helpers (no I/O): the reference hit, onset-feature normalisation and the loss
 * targets (reference-implementation.md §3.3, §5.1–§5.2). The held-out parts are in folds.ts.
 */
import type { DetectorRecord, HitDiagnostics, InputFile } from './data';

export interface Hit {
  file: number;
  /** Onset sample index at 44.1 kHz in its file. */
  onsetSample: number;
  /** Raw onset features [rms dB, centroid semitones, flatness dB]. */
  onset: Float64Array;
  /** Full features [SPL_T, SPL_S, SC_T, SC_S, SF_T, SF_S, TC]. */
  full: Float64Array;
  /** Onset-window level over the window before it (dB; hitChecks.ts). */
  riseDb?: number;
  /** Goes into training (false: inside another hit's decay). */
  used?: boolean;
  /** The hit's segment holds clipped samples. */
  clipped?: boolean;
  /** Articulation label from an onsets CSV, or null. */
  label?: string | null;
}

export interface Dataset {
  files: InputFile[];
  /** Every detected hit with its checks. */
  allHits: Hit[];
  /** The hits training uses (allHits with `used`). */
  hits: Hit[];
  /** Index of the reference hit (median loudness rank). */
  refIndex: number;
  /** Input normalisation stored in the bundle: (f − min)/(max − min) − ref. */
  norm: { min: number[]; max: number[]; ref: number[] };
  /** Network inputs, N × 3 (normalised, reference-centred). */
  inputs: Float64Array[];
  /** Loss targets F(hit) − F(ref), N × 10: the 7 full features, then the 3 onset features (`hitTargets`). */
  targets: Float64Array[];
  /** The detector the hits were found with. */
  detector: DetectorRecord;
  diagnostics: HitDiagnostics;
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

/** Onset-feature normalisation over all hits, centred on the reference hit. */
export function featureNormalisation(hits: readonly Hit[], refIndex: number): Dataset['norm'] {
  const min = [0, 1, 2].map((j) => Math.min(...hits.map((h) => h.onset[j])));
  const max = [0, 1, 2].map((j) => Math.max(...hits.map((h) => h.onset[j])));
  // a constant feature would divide by zero: give it a unit range (it then carries no information)
  for (let j = 0; j < 3; j++) if (!(max[j] > min[j])) max[j] = min[j] + 1;
  const ref = [0, 1, 2].map((j) => (hits[refIndex].onset[j] - min[j]) / (max[j] - min[j]));
  return { min, max, ref };
}


/**
 * Loss targets of every hit, relative to the reference hit: [full − ref.full (7), onset − ref.onset (3)]
 * (the order of the loss features, src/train/diff/hitLoss.ts).
 */
export function hitTargets(hits: readonly Hit[], refIndex: number): Float64Array[] {
  const ref = hits[refIndex];
  return hits.map((h) => {
    const t = new Float64Array(h.full.length + h.onset.length);
    h.full.forEach((v, j) => (t[j] = v - ref.full[j]));
    h.onset.forEach((v, j) => (t[h.full.length + j] = v - ref.onset[j]));
    return t;
  });
}
