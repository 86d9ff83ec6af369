/**
 * The device's one-line summary of a finished training run, from whatever the training report
 * holds (src/train TrainReport): hits found, the feature error of the preset and of the model on the
 * held-out hits, and any "follows the drum" figures the report carries (numbers under `follows`).
 * Fields that are missing are left out, so an older or smaller report still gives a summary.
 */
export interface MaxTrainReport {
  out: { onnx: string; json: string };
  cancelled?: boolean;
  hits?: { total?: number; test?: number };
  mean?: { preset?: number; model?: number };
  bestEpoch?: number;
  epochsRun?: number;
  follows?: Record<string, unknown>;
  [key: string]: unknown;
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const round = (v: number, digits = 3) => Number(v.toFixed(digits));

/** `summary` answer atoms: key value pairs. */
export function summaryAtoms(r: MaxTrainReport): Array<string | number> {
  const a: Array<string | number> = [];
  if (num(r.hits?.total)) a.push('hits', r.hits!.total!);
  if (num(r.hits?.test)) a.push('test_hits', r.hits!.test!);
  if (num(r.mean?.preset)) a.push('preset_error', round(r.mean!.preset!));
  if (num(r.mean?.model)) a.push('model_error', round(r.mean!.model!));
  if (num(r.mean?.preset) && num(r.mean?.model) && r.mean!.preset! > 0) a.push('better_pct', round(100 * (1 - r.mean!.model! / r.mean!.preset!), 1));
  if (num(r.epochsRun)) a.push('epochs', r.epochsRun!);
  if (r.follows && typeof r.follows === 'object') {
    for (const [k, v] of Object.entries(r.follows)) if (num(v)) a.push(`follows_${k}`, round(v));
  }
  if (r.cancelled) a.push('cancelled', 1);
  return a;
}

/** The same as one sentence for the console and the device's display. */
export function summaryText(r: MaxTrainReport): string {
  const parts: string[] = [];
  if (num(r.hits?.total)) parts.push(`${r.hits!.total} hits`);
  if (num(r.mean?.preset) && num(r.mean?.model)) {
    const pct = r.mean!.preset! > 0 ? ` (${round(100 * (1 - r.mean!.model! / r.mean!.preset!), 1)} % better)` : '';
    parts.push(`error ${round(r.mean!.model!)} vs preset ${round(r.mean!.preset!)}${pct}`);
  }
  if (r.follows && typeof r.follows === 'object') {
    const f = Object.entries(r.follows).filter(([, v]) => num(v)).map(([k, v]) => `${k} ${round(v as number)}`);
    if (f.length) parts.push(`follows the drum: ${f.join(', ')}`);
  }
  return parts.length ? parts.join('; ') : 'trained (the report has no figures)';
}
