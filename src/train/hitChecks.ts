/**
 * What can make the hits training sees differ from the hits the player played (issue #9 §3), from
 * the signal alone:
 *
 * - **Inside another hit's decay.** A hit's rise = level of its onset window (256 samples from
 *   onset − 16, rms dB) minus the level of the 256 samples before that. A struck hit rises far
 *   above what was sounding (13–50 dB on the project's recordings); a trigger on a rattle, a ring
 *   or a buzz in a tail rises a few dB at most (≤ 3 dB there). Below `MIN_RISE_DB` (6 dB: the
 *   window is less than twice the preceding amplitude) the previous hit's tail is a third or more
 *   of what the onset features measure, so the features describe the tail as much as the hit: such
 *   hits are left out of training and reported.
 * - **Swallowed by the hold.** The detector is run again with its hold (and its retrigger mask,
 *   when it has one) set to 0; an onset of that run that falls inside the hold/mask window after a
 *   detected onset and rises ≥ MIN_RISE_DB stands out as a hit of its own (a flam, a fast roll)
 *   that the detector hid: reported, with the setting to change.
 * - **Clipped input.** Samples at full scale (|x| ≥ 0.999) or flat tops (runs of equal samples at
 *   the file's peak): the recording level was too high and loudness and brightness are distorted.
 */
import { detectOnsets, type OnsetOptions, type OnsetMode } from '../onset';
import { rmsDbOf } from '../features/rmsDb';
import { ONSET_BACKTRACK_SAMPLES, ONSET_WINDOW_SAMPLES } from '../engine/constants';

/** A hit whose onset window rises less than this over the preceding window is inside a decay (dB). */
export const MIN_RISE_DB = 6;
/** |x| at or above this counts as full scale. */
export const FULL_SCALE = 0.999;

/** Onset-window level minus the level of the window before it (dB), at 44.1 kHz. */
export function onsetRiseDb(x: Float32Array, onset: number): number {
  const start = onset - ONSET_BACKTRACK_SAMPLES;
  const before = Math.max(0, start - ONSET_WINDOW_SAMPLES);
  if (start - before < ONSET_WINDOW_SAMPLES / 4) return Infinity; // the recording starts with this hit
  return rmsDbOf(x, Math.max(0, start), ONSET_WINDOW_SAMPLES) - rmsDbOf(x, before, start - before);
}

/** Settings that keep a detector from firing again soon after a hit (each set to 0 for the free run). */
export const SUPPRESSION_SETTINGS = ['holdMs', 'holdSamples', 'maskMs'] as const;

/** How long after a hit the detector suppresses the next one (samples at `sampleRateHz`): its hold or its retrigger mask, the longer. */
export function holdSamplesOf(mode: OnsetMode, settings: Readonly<Record<string, unknown>>, sampleRateHz: number): number {
  const ms = (v: unknown) => (typeof v === 'number' ? Math.round((v * sampleRateHz) / 1000) : 0);
  const hold = mode === 'reference' && typeof settings.holdSamples === 'number' ? settings.holdSamples : ms(settings.holdMs);
  return Math.max(hold, ms(settings.maskMs));
}

/**
 * Onsets the hold hid: from a run with the hold at 0, those inside (onset, onset + hold] of a
 * detected onset, more than 20 ms after it (re-triggers on the same attack are not hits), that
 * rise ≥ MIN_RISE_DB.
 */
export function swallowedByHold(x: Float32Array, sampleRateHz: number, options: OnsetOptions, detected: readonly number[], holdSamples: number): number[] {
  if (holdSamples <= 0 || detected.length === 0) return [];
  const off: Record<string, number> = {};
  for (const k of SUPPRESSION_SETTINGS) off[k] = 0;
  if (options.mode !== 'reference') delete off.holdSamples;
  const free = detectOnsets(x, sampleRateHz, { ...options, ...off } as OnsetOptions);
  const sameAttack = Math.round(0.02 * sampleRateHz);
  const out: number[] = [];
  let d = 0;
  for (const c of free) {
    while (d + 1 < detected.length && detected[d + 1] <= c) d++;
    const prev = detected[d];
    if (prev === undefined || c <= prev) continue;
    if (c - prev > sameAttack && c - prev <= holdSamples && onsetRiseDb(x, c) >= MIN_RISE_DB) out.push(c);
  }
  return out;
}

/** Whether x[from…to) holds clipped samples: ≥ 2 consecutive at full scale, or a flat top at `peak`. */
export function clippedIn(x: Float32Array, from: number, to: number, peak: number, sampleRateHz: number): boolean {
  const flatRun = Math.max(3, Math.round((3 * sampleRateHz) / 44100));
  let full = 0, flat = 0;
  for (let i = Math.max(0, from); i < Math.min(x.length, to); i++) {
    const a = Math.abs(x[i]);
    full = a >= FULL_SCALE ? full + 1 : 0;
    flat = peak > 0.1 && a === peak ? flat + 1 : 0;
    if (full >= 2 || flat >= flatRun) return true;
  }
  return false;
}

export function peakOf(x: Float32Array): number {
  let p = 0;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]);
    if (a > p) p = a;
  }
  return p;
}
