/** Scoring helpers for onset tests: ±20 ms one-to-one F-scores and onsets inside another hit's decay. */
import { matchOnsets } from '../helpers/audio';

export const within20ms = (sampleRateHz: number): number => Math.round(0.02 * sampleRateHz);

export function score(onsets: number[], truth: number[], sampleRateHz: number, toleranceMs = 20) {
  return matchOnsets(onsets, truth, Math.round((toleranceMs / 1000) * sampleRateHz));
}

/**
 * Onsets 20–80 ms after a ground-truth hit with no ground-truth hit within ±20 ms of them: the
 * detector fired on that hit's decay (ring, rattle, buzz) where nothing was played.
 */
export function onsetsInDecays(onsets: number[], truth: number[], sampleRateHz: number): number[] {
  const ms = (n: number) => (n / sampleRateHz) * 1000;
  return onsets.filter((o) => !truth.some((t) => Math.abs(ms(o - t)) <= 20) && truth.some((t) => ms(o - t) >= 20 && ms(o - t) <= 80));
}
