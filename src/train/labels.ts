/**
 * Articulation labels for the "does the synth follow the drum?" check: an onsets CSV with a header
 * holding `articulation` and `sample` (or `time_s`) columns, as `examples/*.onsets.csv`. Each
 * detected hit takes the label of the CSV row within ±20 ms (the detector-scoring tolerance);
 * unmatched hits stay unlabelled.
 */
import { existsSync, readFileSync } from 'node:fs';
import { UserError } from '../util/errors';

export interface LabelRow {
  timeSec: number;
  articulation: string;
}

export const LABEL_TOLERANCE_SEC = 0.02;

/** `NAME.onsets.csv` beside `NAME.wav`, when it exists. */
export function siblingLabels(wavPath: string): string | null {
  const csv = wavPath.replace(/\.wave?$/i, '.onsets.csv');
  return csv !== wavPath && existsSync(csv) ? csv : null;
}

/** Rows of an onsets CSV with an articulation column; sample indices are at `sampleRateHz`. */
export function readLabels(path: string, sampleRateHz: number): LabelRow[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read the labels CSV "${path}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Give a CSV with "sample" (or "time_s") and "articulation" columns.`, 'E_LABELS');
  }
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const head = (lines[0] ?? '').split(',').map((c) => c.trim().toLowerCase());
  const art = head.indexOf('articulation');
  const sample = head.indexOf('sample');
  const time = head.findIndex((c) => c === 'time_s' || c === 'time' || c === 'seconds');
  if (art < 0 || (sample < 0 && time < 0)) {
    throw new UserError(`the labels CSV "${path}" has columns ${head.join(', ') || '(none)'}; it needs "articulation" and "sample" or "time_s".`, 'E_LABELS');
  }
  return lines.slice(1).map((l, i) => {
    const cells = l.split(',').map((c) => c.trim());
    const t = sample >= 0 ? Number(cells[sample]) / sampleRateHz : Number(cells[time]);
    if (!Number.isFinite(t) || t < 0) throw new UserError(`the labels CSV "${path}", line ${i + 2}: "${l}" has no valid ${sample >= 0 ? 'sample' : 'time'}.`, 'E_LABELS');
    return { timeSec: t, articulation: cells[art] ?? '' };
  });
}

/** The label of each onset (seconds): the nearest row within ±20 ms, or null. */
export function matchLabels(onsetsSec: readonly number[], rows: readonly LabelRow[]): Array<string | null> {
  return onsetsSec.map((t) => {
    let best: LabelRow | null = null;
    for (const r of rows) if (Math.abs(r.timeSec - t) <= LABEL_TOLERANCE_SEC && (!best || Math.abs(r.timeSec - t) < Math.abs(best.timeSec - t))) best = r;
    return best && best.articulation ? best.articulation : null;
  });
}
