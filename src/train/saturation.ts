/**
 * Saturation of a model on a set of hits (issue #9 §4): parameters the model pushed to a range
 * end, and synth hits driven into clipping. A model that saturates on many hits is not presented
 * as an improvement, whatever its loss says: its loudness comes from a flat-topped tanh and its
 * pinned parameters no longer follow the drum.
 *
 * - A parameter of a hit is **at a limit** when it lies within LIMIT_MARGIN (2 % of its range) of 0
 *   or 1 and the preset's own value does not (a preset designed at an end is not saturation).
 * - A hit **clips** when its render (the samples the features read) has any sample within 1 % of
 *   full scale (DiffSynth.clipStats).
 * The model is **saturated** when more than MAX_LIMIT_SHARE of the hits have a parameter at a
 * limit, or any hit clips.
 */
import { NUM_PARAMS, PARAMS } from '../synth/params';
import { LIMIT_MARGIN } from './loss';
import type { SaturationReport } from '../model/bundle';

export type { SaturationReport } from '../model/bundle';

export const MAX_LIMIT_SHARE = 0.1;

export function isAtLimit(value: number, presetValue: number, margin = LIMIT_MARGIN): boolean {
  return (value <= margin && presetValue > margin) || (value >= 1 - margin && presetValue < 1 - margin);
}

/**
 * @param params01 n × 14 played parameters (normalised)
 * @param clippedSamples per hit (DspPool.analyse)
 * @param peaks per hit
 */
export function saturationReport(params01: ArrayLike<number>, presetNormalised: ArrayLike<number>, clippedSamples: ArrayLike<number>, peaks: ArrayLike<number>): SaturationReport {
  const n = clippedSamples.length;
  const counts = new Array<number>(NUM_PARAMS).fill(0);
  let hitsAtLimit = 0, clippedHits = 0, peak = 0;
  for (let i = 0; i < n; i++) {
    let any = false;
    for (let k = 0; k < NUM_PARAMS; k++) {
      if (isAtLimit(params01[i * NUM_PARAMS + k], presetNormalised[k])) {
        counts[k]++;
        any = true;
      }
    }
    if (any) hitsAtLimit++;
    if (clippedSamples[i] > 0) clippedHits++;
    if (peaks[i] > peak) peak = peaks[i];
  }
  const atLimit: Record<string, number> = {};
  counts.forEach((c, k) => {
    if (c > 0) atLimit[PARAMS[k].name] = c;
  });
  const saturated = hitsAtLimit > MAX_LIMIT_SHARE * n || clippedHits > 0;
  const parts: string[] = [];
  if (hitsAtLimit > MAX_LIMIT_SHARE * n) parts.push(`${hitsAtLimit} of ${n} hits have a parameter at a range limit (${Object.entries(atLimit).sort((a, b) => b[1] - a[1]).map(([p, c]) => `${p} ${c}`).join(', ')})`);
  if (clippedHits > 0) parts.push(`${clippedHits} of ${n} synth hits clip (peak ${peak.toFixed(3)})`);
  return { hits: n, hitsAtLimit, atLimit, clippedHits, peak, saturated, message: parts.length ? `saturated: ${parts.join('; ')}` : null };
}
