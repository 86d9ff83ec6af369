/**
 * The hits a training used, for the report: the recording's waveform with one red rule per hit
 * used and an orange dashed rule per hit left out (inside another hit's decay), grey marks for
 * likely hits the detector's hold hid, and the counts in the title. The hits come from the bundle
 * (exactly the training's), not from a new detection. Pure: data in, vega-lite spec out.
 */
import type { TopLevelSpec } from 'vega-lite';
import { onsetPlotData } from './onsets';

export interface TrainingHitsInput {
  sampleRateHz: number;
  signal: ArrayLike<number>;
  /** Detected onsets in seconds, and whether each was used. */
  onsetsSec: readonly number[];
  used: readonly boolean[];
  /** Likely hits hidden by the hold (seconds). */
  swallowedSec?: readonly number[];
  title: string;
  subtitle?: string;
  widthPx?: number;
}

/** Named marks: `waveform`, `hits_used`, `hits_left_out`, `hits_hidden`. */
export function trainingHitsSpec(input: TrainingHitsInput): TopLevelSpec {
  const d = onsetPlotData({ sampleRateHz: input.sampleRateHz, signal: input.signal, onsets: [] });
  const durationSec = input.signal.length / input.sampleRateHz;
  const x = { field: 't', type: 'quantitative' as const, title: 'time (s)', scale: { domain: [0, durationSec], nice: false } };
  const rows = (ts: readonly number[]) => ts.map((t) => ({ t }));
  const usedSec = input.onsetsSec.filter((_, i) => input.used[i]);
  const outSec = input.onsetsSec.filter((_, i) => !input.used[i]);
  const rule = (name: string, values: Array<{ t: number }>, color: string, dash?: number[]) => ({
    name,
    data: { values },
    mark: { type: 'rule' as const, color, strokeWidth: 1.4, ...(dash ? { strokeDash: dash } : {}) },
    encoding: { x },
  });
  const counts = `${usedSec.length} hits used (red)${outSec.length ? `, ${outSec.length} left out: inside another hit's decay (orange)` : ''}${input.swallowedSec?.length ? `, ${input.swallowedSec.length} likely hidden by the hold (grey)` : ''}`;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: input.title, subtitle: input.subtitle ? [counts, input.subtitle] : counts },
    width: input.widthPx ?? 900,
    height: 180,
    layer: [
      {
        name: 'waveform',
        data: { values: d.wave },
        mark: { type: 'area' as const, color: '#4c78a8', opacity: 0.85, interpolate: 'step-after' as const },
        encoding: { x, y: { field: 'lo', type: 'quantitative' as const, title: 'amplitude', scale: { domain: [-1, 1] } }, y2: { field: 'hi' } },
      },
      rule('hits_used', rows(usedSec), '#d62728'),
      rule('hits_left_out', rows(outSec), '#ff7f0e', [4, 3]),
      rule('hits_hidden', rows(input.swallowedSec ?? []), '#7f7f7f', [2, 2]),
    ],
  } as TopLevelSpec;
}
