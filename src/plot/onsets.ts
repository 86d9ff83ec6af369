/**
 * `plot onsets`: what the onset detector saw. Top panel: the waveform (min/max per pixel column)
 * with every detected onset (and the ground truth when given). Bottom panel: the detector's
 * traces in dB over time: the onset-detection function (fast − slow envelope), the trigger and
 * re-arm thresholds, and the estimated noise floor. Pure: data in, vega-lite spec out.
 */
import type { TopLevelSpec } from 'vega-lite';

/** A trace value: one number for the whole recording, or one per sample. */
export type TraceValues = ArrayLike<number> | number;

/** The detector's internal signals (per input sample), in dB. */
export interface OnsetTraceData {
  /** Onset-detection function (dB), one value per input sample. */
  odfDb: ArrayLike<number>;
  /** The trigger threshold the ODF must cross (dB). */
  triggerDb: TraceValues;
  /** The re-arm threshold the ODF must fall below before the next trigger (dB). */
  rearmDb: TraceValues;
  /** Estimated noise floor (dBFS), drawn with `levelDb`. */
  noiseFloorDb?: TraceValues;
  /** Short-term level of the detector's input (dBFS), one value per sample, if reported. */
  levelDb?: ArrayLike<number>;
  /** Names for the legend. */
  labels?: Partial<Record<TraceKey, string>>;
}

export interface OnsetPlotInput {
  sampleRateHz: number;
  /** The recording (mono). */
  signal: ArrayLike<number>;
  /** Detected onsets (sample indices). */
  onsets: readonly number[];
  trace?: OnsetTraceData;
  /** Ground-truth onsets (sample indices), e.g. from a CSV. */
  truth?: readonly number[];
  title?: string;
  subtitle?: string;
  /** Pixel columns the signals are reduced to (default 1200). */
  columns?: number;
  widthPx?: number;
}

export type TraceKey = 'odf' | 'trigger' | 'rearm' | 'noiseFloor' | 'level';

export interface OnsetPlotData {
  wave: Array<{ t: number; lo: number; hi: number }>;
  /** ODF and thresholds (dB). */
  traces: Array<{ t: number; series: string; db: number }>;
  /** Level and noise floor (dBFS); empty without a level trace. */
  levels: Array<{ t: number; series: string; db: number }>;
  onsets: Array<{ t: number; sample: number }>;
  truth: Array<{ t: number; sample: number }>;
}

export const TRACE_NAMES = {
  odf: 'onset function (fast − slow)',
  trigger: 'trigger threshold',
  rearm: 're-arm threshold',
  noiseFloor: 'noise floor (estimated)',
  level: 'level (high-passed input)',
} as const;

const valueAt = (v: TraceValues, i: number): number => (typeof v === 'number' ? v : v[i]);

/**
 * Reduce the signals to `columns` columns: the waveform's min and max per column (so every peak
 * stays visible), the ODF's and the level's max per column (so every trigger crossing stays
 * visible), thresholds and floor at the column's first sample.
 */
export function onsetPlotData(input: OnsetPlotInput): OnsetPlotData {
  const n = input.signal.length;
  const sr = input.sampleRateHz;
  const columns = Math.max(1, Math.min(n, Math.floor(input.columns ?? 1200)));
  const per = n / columns;
  const wave: OnsetPlotData['wave'] = [];
  const traces: OnsetPlotData['traces'] = [];
  const levels: OnsetPlotData['levels'] = [];
  const names = { ...TRACE_NAMES, ...input.trace?.labels };
  for (let c = 0; c < columns; c++) {
    const a = Math.floor(c * per);
    const b = Math.max(a + 1, Math.floor((c + 1) * per));
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = a; i < b; i++) {
      const x = input.signal[i];
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    const t = a / sr;
    wave.push({ t, lo, hi });
    const tr = input.trace;
    if (tr) {
      let odf = -Infinity;
      for (let i = a; i < b; i++) odf = Math.max(odf, tr.odfDb[i]);
      traces.push({ t, series: names.odf, db: odf });
      traces.push({ t, series: names.trigger, db: valueAt(tr.triggerDb, a) });
      traces.push({ t, series: names.rearm, db: valueAt(tr.rearmDb, a) });
      if (tr.levelDb) {
        let level = -Infinity;
        for (let i = a; i < b; i++) level = Math.max(level, tr.levelDb[i]);
        levels.push({ t, series: names.level, db: level });
        if (tr.noiseFloorDb !== undefined) levels.push({ t, series: names.noiseFloor, db: valueAt(tr.noiseFloorDb, a) });
      }
    }
  }
  const toRows = (s: readonly number[] | undefined) => (s ?? []).map((sample) => ({ t: sample / sr, sample }));
  const finite = (r: { db: number }) => Number.isFinite(r.db);
  return { wave, traces: traces.filter(finite), levels: levels.filter(finite), onsets: toRows(input.onsets), truth: toRows(input.truth) };
}

/**
 * The vega-lite spec. Named marks (vega adds `_marks`): `waveform`, `onsets` (one rule per detected
 * onset), `truth`, `levels`, `traces` (one line per series), `level_guides`, `onset_guides`.
 */
export function onsetsSpec(input: OnsetPlotInput): TopLevelSpec {
  const d = onsetPlotData(input);
  const width = input.widthPx ?? 900;
  const durationSec = input.signal.length / input.sampleRateHz;
  const x = { field: 't', type: 'quantitative' as const, title: 'time (s)', scale: { domain: [0, durationSec], nice: false } };
  const marker = (name: string, rows: OnsetPlotData['onsets'], color: string, dash: number[] | undefined, y: number, y2: number) => ({
    name,
    data: { values: rows },
    mark: { type: 'rule' as const, color, strokeWidth: 1.2, strokeDash: dash, y, y2 },
    encoding: { x },
  });
  const top = {
    height: 180,
    width,
    title: { text: `waveform, ${d.onsets.length} detected onsets${input.truth ? ` (red), ${d.truth.length} ground-truth onsets (green, top)` : ' (red)'}`, fontSize: 12 },
    layer: [
      {
        name: 'waveform',
        data: { values: d.wave },
        mark: { type: 'area' as const, color: '#4c78a8', opacity: 0.85, interpolate: 'step-after' as const },
        encoding: { x, y: { field: 'lo', type: 'quantitative' as const, title: 'amplitude', scale: { domain: [-1, 1] } }, y2: { field: 'hi' } },
      },
      marker('onsets', d.onsets, '#d62728', undefined, 24, 180),
      ...(input.truth ? [marker('truth', d.truth, '#2ca02c', [3, 2], 0, 22)] : []),
    ],
  };
  const names: Record<TraceKey, string> = { ...TRACE_NAMES, ...input.trace?.labels };
  const palette: Record<TraceKey, string> = { odf: '#1f77b4', trigger: '#d62728', rearm: '#ff7f0e', noiseFloor: '#7f7f7f', level: '#9467bd' };
  const keyOf = (series: string) => (Object.keys(names) as TraceKey[]).find((k) => names[k] === series) ?? 'odf';
  const tracePanel = (name: string, guides: string, title: string, yTitle: string, rows: OnsetPlotData['traces'], domainMin?: number) => {
    const series = [...new Set(rows.map((r) => r.series))];
    const solid = (k: TraceKey) => k === 'odf' || k === 'level';
    return {
      height: 150,
      width,
      title: { text: title, fontSize: 12 },
      layer: [
        marker(guides, d.onsets, '#d62728', [2, 2], 0, 150),
        {
          name,
          data: { values: rows },
          mark: { type: 'line' as const, strokeWidth: 1, interpolate: 'step-after' as const },
          encoding: {
            x,
            y: { field: 'db', type: 'quantitative' as const, title: yTitle, scale: domainMin === undefined ? { zero: false } : { zero: false, domainMin, clamp: true } },
            color: {
              field: 'series',
              type: 'nominal' as const,
              title: null,
              scale: { domain: series, range: series.map((s) => palette[keyOf(s)]) },
              legend: { orient: 'right' as const, labelLimit: 320 },
            },
            strokeDash: { field: 'series', type: 'nominal' as const, scale: { domain: series, range: series.map((s) => (solid(keyOf(s)) ? [1, 0] : [5, 3])) } },
          },
        },
      ],
      resolve: { scale: { color: 'independent' as const, strokeDash: 'independent' as const } },
    };
  };
  const panels: object[] = [top];
  // Digital silence reads −300 dBFS; show down to 12 dB under the lowest floor (at least −120).
  const floors = d.levels.filter((r) => r.series === names.noiseFloor).map((r) => r.db);
  const levelMin = Math.max(-120, (floors.length ? Math.min(...floors) : -108) - 12);
  if (d.levels.length) panels.push(tracePanel('levels', 'level_guides', 'detector input level and noise floor', 'dBFS', d.levels, levelMin));
  if (d.traces.length) panels.push(tracePanel('traces', 'onset_guides', 'onset-detection function and thresholds', 'dB', d.traces));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: input.title ?? 'Onsets', subtitle: input.subtitle ?? '' },
    vconcat: panels,
    resolve: { scale: { color: 'independent', strokeDash: 'independent' } },
  } as TopLevelSpec;
}
