/**
 * `plot params`: what the model did to the synth, hit by hit. A heat map with one row per synth
 * parameter (PARAMS order, named with units) and one column per hit; the colour is the
 * modulation `clamp(damping ⊙ m, −1, 1)` (normalised units, before sensitivity), so the played
 * parameter is `preset + sensitivity · modulation`. The colour scale is symmetric about 0 and spans
 * the largest |modulation| drawn. Pure: data in, vega-lite spec out.
 */
import type { TopLevelSpec } from 'vega-lite';
import { NUM_PARAMS, PARAMS } from '../synth/params';

export interface ParamsHit {
  index: number;
  timeSec: number;
  /** Modulation per parameter, PARAMS order, in −1…1. */
  modulation: ArrayLike<number>;
  /** Played physical values per parameter, PARAMS order (shown in the SVG tooltip). */
  physical?: ArrayLike<number>;
}

export interface ParamsPlotInput {
  hits: readonly ParamsHit[];
  title?: string;
  subtitle?: string;
  /** Width of one hit column in pixels (default: fit 900 px, 4…24 px per hit). */
  cellWidthPx?: number;
}

/** Row label of a parameter: "Osc 1 freq (Hz)". Units from src/synth/params.ts. */
export function paramRowLabel(i: number): string {
  const p = PARAMS[i];
  return `${p.label} (${p.unit})`;
}

export const PARAM_ROW_LABELS: readonly string[] = PARAMS.map((_, i) => paramRowLabel(i));

export interface ParamsCell {
  hit: number;
  timeSec: number;
  param: string;
  row: number;
  modulation: number;
  physical: number | null;
}

export function paramsCells(input: ParamsPlotInput): ParamsCell[] {
  const cells: ParamsCell[] = [];
  for (const h of input.hits) {
    if (h.modulation.length !== NUM_PARAMS) throw new RangeError(`hit ${h.index}: modulation has ${h.modulation.length} values; expected ${NUM_PARAMS} (one per synth parameter)`);
    for (let i = 0; i < NUM_PARAMS; i++) {
      cells.push({ hit: h.index, timeSec: h.timeSec, param: PARAM_ROW_LABELS[i], row: i, modulation: h.modulation[i], physical: h.physical ? h.physical[i] : null });
    }
  }
  return cells;
}

/** The vega-lite spec. Named mark: `cells` (14 × hits rects). */
export function paramsSpec(input: ParamsPlotInput): TopLevelSpec {
  const n = Math.max(1, input.hits.length);
  const cellWidth = input.cellWidthPx ?? Math.max(4, Math.min(24, Math.floor(900 / n)));
  const labelEvery = Math.max(1, Math.ceil(n / 40));
  // Symmetric colour range over the largest |modulation| (at least ±0.05), so that a gently
  // trained model still shows its pattern; white is always "no change".
  const cells = paramsCells(input);
  const span = Math.min(1, Math.max(0.05, ...cells.map((c) => Math.abs(c.modulation)).filter(Number.isFinite)));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: input.title ?? 'Synth parameter modulation per hit', subtitle: input.subtitle ?? '' },
    data: { values: cells },
    width: cellWidth * n,
    height: 22 * NUM_PARAMS,
    mark: 'rect',
    name: 'cells',
    encoding: {
      x: {
        field: 'hit',
        type: 'ordinal',
        title: 'hit (detection order)',
        axis: { labelExpr: `datum.value % ${labelEvery} === 0 ? datum.value : ''`, labelAngle: 0 },
      },
      y: { field: 'param', type: 'ordinal', title: null, sort: [...PARAM_ROW_LABELS] },
      color: {
        field: 'modulation',
        type: 'quantitative',
        title: ['modulation', '(normalised)'],
        scale: { scheme: 'blueorange', domain: [-span, span], domainMid: 0 },
      },
      tooltip: [
        { field: 'hit', type: 'ordinal' },
        { field: 'timeSec', type: 'quantitative', title: 'time (s)', format: '.3f' },
        { field: 'param', type: 'nominal', title: 'parameter' },
        { field: 'modulation', type: 'quantitative', format: '+.3f' },
        { field: 'physical', type: 'quantitative', title: 'played value', format: '.4~g' },
      ],
    },
  } as TopLevelSpec;
}
