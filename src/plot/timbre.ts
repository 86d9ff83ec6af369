/**
 * `plot timbre`: the method in one picture. Each drum hit's onset features (x = loudness, RMS dB;
 * y = brightness, spectral centroid in semitones; colour = noisiness, spectral flatness dB) next
 * to the onset features of the synth hit the model chose for it, joined by a line; the training
 * reference hit (the one the preset stands for) is marked. Pure: data in, vega-lite spec out.
 */
import type { TopLevelSpec } from 'vega-lite';

/** Onset features [rmsDb, centroidSemitones, flatnessDb] (ONSET_FEATURE_NAMES order). */
export type OnsetFeatureTriple = ArrayLike<number>;

export interface TimbreHit {
  /** Hit number (0-based, detection order). */
  index: number;
  timeSec: number;
  /** The drum hit's onset features. */
  input: OnsetFeatureTriple;
  /** The synth hit's onset features (parameters chosen by the model). */
  synth: OnsetFeatureTriple;
}

export interface TimbrePlotInput {
  hits: readonly TimbreHit[];
  /** Training reference hit (drum) and the preset's own synth hit, if known. */
  reference?: { input?: OnsetFeatureTriple; synth?: OnsetFeatureTriple };
  title?: string;
  subtitle?: string;
  widthPx?: number;
  heightPx?: number;
}

export const SOURCE_DRUM = 'drum hit';
export const SOURCE_SYNTH = 'synth hit';

export interface TimbreRow {
  hit: number;
  timeSec: number;
  source: string;
  loudnessDb: number;
  brightnessSt: number;
  noisinessDb: number;
}

const row = (hit: number, timeSec: number, source: string, f: OnsetFeatureTriple): TimbreRow => ({
  hit,
  timeSec,
  source,
  loudnessDb: f[0],
  brightnessSt: f[1],
  noisinessDb: f[2],
});

/** One row per drum hit and one per synth hit (the join lines group them by `hit`). */
export function timbreRows(input: TimbrePlotInput): TimbreRow[] {
  const rows: TimbreRow[] = [];
  for (const h of input.hits) {
    rows.push(row(h.index, h.timeSec, SOURCE_DRUM, h.input));
    rows.push(row(h.index, h.timeSec, SOURCE_SYNTH, h.synth));
  }
  return rows;
}

type Key = 'loudnessDb' | 'brightnessSt' | 'noisinessDb';

interface PanelOptions {
  /** Prefix of the mark names ('' for the absolute panel, 'diff_' for the difference panel). */
  prefix: string;
  title: string;
  axes: Record<Key, string>;
  colorScale: Record<string, unknown>;
  width: number;
  height: number;
}

function extentOf(rows: readonly TimbreRow[], k: Key): [number, number] {
  const v = rows.map((r) => r[k]).filter(Number.isFinite);
  return v.length ? [Math.min(...v), Math.max(...v)] : [0, 1];
}

function padded([a, b]: [number, number], frac = 0.06): number[] {
  const m = Math.max(1e-6, (b - a) * frac);
  return [a - m, b + m];
}

/** One scatter panel: joins, drum points, synth points, marked reference points with labels. */
function panel(rows: TimbreRow[], refRows: TimbreRow[], o: PanelOptions) {
  const all = [...rows, ...refRows];
  const x = { field: 'loudnessDb', type: 'quantitative' as const, title: o.axes.loudnessDb, scale: { domain: padded(extentOf(all, 'loudnessDb')), nice: false, zero: false } };
  const y = { field: 'brightnessSt', type: 'quantitative' as const, title: o.axes.brightnessSt, scale: { domain: padded(extentOf(all, 'brightnessSt')), nice: false, zero: false } };
  const color = { field: 'noisinessDb', type: 'quantitative' as const, title: o.axes.noisinessDb.split(': '), scale: o.colorScale, legend: { titleLimit: 200 } };
  const shape = {
    field: 'source',
    type: 'nominal' as const,
    title: null,
    scale: { domain: [SOURCE_DRUM, SOURCE_SYNTH], range: ['circle', 'triangle-up'] },
    legend: { orient: 'top' as const, direction: 'horizontal' as const, symbolFillColor: '#888', symbolStrokeColor: '#888' },
  };
  const points = (name: string, source: string, size: number) => ({
    name: `${o.prefix}${name}`,
    transform: [{ filter: { field: 'source', equal: source } }],
    mark: { type: 'point' as const, filled: true, size, opacity: 0.9, stroke: '#333', strokeWidth: 0.5 },
    encoding: { x, y, color, shape },
  });
  return {
    title: { text: o.title, fontSize: 12 },
    width: o.width,
    height: o.height,
    layer: [
      {
        data: { values: rows },
        layer: [
          { name: `${o.prefix}joins`, mark: { type: 'line' as const, color: '#999', strokeWidth: 0.8, opacity: 0.6 }, encoding: { x, y, detail: { field: 'hit', type: 'nominal' as const } } },
          points('drum_hits', SOURCE_DRUM, 60),
          points('synth_hits', SOURCE_SYNTH, 70),
        ],
      },
      {
        data: { values: refRows },
        layer: [
          { name: `${o.prefix}reference`, mark: { type: 'point' as const, shape: 'diamond', size: 420, filled: false, stroke: '#d62728', strokeWidth: 2.5 }, encoding: { x, y } },
          { name: `${o.prefix}reference_label`, mark: { type: 'text' as const, align: 'left' as const, dx: 14, dy: -10, fontSize: 11, color: '#d62728' }, encoding: { x, y, text: { field: 'source', type: 'nominal' as const } } },
        ],
      },
    ],
  };
}

export const REFERENCE_DRUM_LABEL = 'reference drum hit (training)';
export const PRESET_LABEL = 'preset (synth, no modulation)';

/**
 * The vega-lite spec. Left panel, absolute features; named marks (vega adds `_marks`): `joins`
 * (one line per hit), `drum_hits`, `synth_hits` (one point per hit each), `reference` (0–2
 * points: reference drum hit, then preset), `reference_label`. When both the reference hit and
 * the preset's features are known, a right panel shows what training matches: each drum hit's
 * difference from the reference hit next to its synth hit's difference from the preset
 * (marks `diff_joins`, `diff_drum_hits`, `diff_synth_hits`, `diff_reference` at the origin).
 */
export function timbreSpec(input: TimbrePlotInput): TopLevelSpec {
  const rows = timbreRows(input);
  const refRows: TimbreRow[] = [];
  const ref = input.reference;
  if (ref?.input) refRows.push(row(-1, 0, REFERENCE_DRUM_LABEL, ref.input));
  if (ref?.synth) refRows.push(row(-1, 0, PRESET_LABEL, ref.synth));
  const width = input.widthPx ?? 560;
  const height = input.heightPx ?? 440;
  const absolute = panel(rows, refRows, {
    prefix: '',
    title: 'onset features',
    axes: { loudnessDb: 'loudness: RMS of the onset window (dB)', brightnessSt: 'brightness: spectral centroid (semitones, 69 = 440 Hz)', noisinessDb: 'noisiness: flatness (dB)' },
    colorScale: { scheme: 'viridis', domain: extentOf([...rows, ...refRows], 'noisinessDb') },
    width,
    height,
  });
  const panels: object[] = [absolute];
  if (ref?.input && ref.synth) {
    const r = ref.input;
    const p = ref.synth;
    const diff: TimbreRow[] = rows.map((x) => {
      const base = x.source === SOURCE_DRUM ? r : p;
      return { ...x, loudnessDb: x.loudnessDb - base[0], brightnessSt: x.brightnessSt - base[1], noisinessDb: x.noisinessDb - base[2] };
    });
    const m = Math.max(1e-6, ...diff.map((d) => Math.abs(d.noisinessDb)).filter(Number.isFinite));
    panels.push(
      panel(diff, [row(-1, 0, 'reference = preset', [0, 0, 0])], {
        prefix: 'diff_',
        title: 'what training matches: drum − reference hit vs synth − preset',
        axes: { loudnessDb: 'Δ loudness (dB)', brightnessSt: 'Δ brightness (semitones)', noisinessDb: 'Δ noisiness (dB)' },
        colorScale: { scheme: 'purpleorange', domain: [-m, m], domainMid: 0 },
        width,
        height,
      }),
    );
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: input.title ?? 'Timbre space: drum hits and the synth hits they became', subtitle: input.subtitle ?? '' },
    hconcat: panels,
    resolve: { scale: { color: 'independent', shape: 'shared' }, legend: { color: 'independent' } },
  } as TopLevelSpec;
}
