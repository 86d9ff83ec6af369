/**
 * The fuzz suite's shared result type and helpers. Each target `test/fuzz/<target>.fuzz.ts` exports
 * `fuzz(opts: FuzzOptions): Promise<FuzzCounts>`; `scripts/fuzz.ts` discovers and runs them, and
 * `test/fuzz/fuzz.test.ts` runs each for a few seconds with a fixed seed in CI.
 *
 * Outcome of one case (exactly one of these per case):
 * - crash: an exception that is not a UserError (raw TypeError/RangeError/…), a process exit other
 *   than 0/2 or a stack trace on stderr;
 * - hang: the case did not finish within its time bound;
 * - clearError: refused with a UserError / exit 2 and a message naming the problem;
 * - silentWrong: accepted but the result is wrong (NaN/Inf out, garbage decoded, exit 0 on bad input);
 * - dataLost: a file was lost or overwritten that must not have been (input, existing output).
 * Cases accepted with a correct result count only in `cases`.
 */
export interface FuzzCounts {
  cases: number;
  crash: number;
  hang: number;
  clearError: number;
  silentWrong: number;
  dataLost: number;
  /** One line per failure (and notable observations), for the report; bounded by the target. */
  notes: string[];
}

export interface FuzzOptions {
  /** Time budget in seconds (a target stops starting new cases after it). */
  seconds: number;
  /** Seed of the target's random generator (same seed, same cases). */
  seed: number;
}

export type Outcome = 'ok' | 'crash' | 'hang' | 'clearError' | 'silentWrong' | 'dataLost';

export function emptyCounts(): FuzzCounts {
  return { cases: 0, crash: 0, hang: 0, clearError: 0, silentWrong: 0, dataLost: 0, notes: [] };
}

const MAX_NOTES = 50;

/** Count one case; failures (anything but ok / clearError) get a note. */
export function record(c: FuzzCounts, outcome: Outcome, note?: string): void {
  c.cases++;
  if (outcome !== 'ok') c[outcome]++;
  if (note && outcome !== 'ok' && outcome !== 'clearError' && c.notes.length < MAX_NOTES) c.notes.push(`${outcome}: ${note}`);
}

/** Failures that the goals say must be zero. */
export function failures(c: FuzzCounts): number {
  return c.crash + c.hang + c.silentWrong + c.dataLost;
}

/** Deterministic generator for the targets (the tests' one mulberry32). */
export { mulberry32 as rng } from '../helpers/random';
