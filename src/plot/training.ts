/**
 * `plot training`: how training went. Left: train and validation loss per epoch (the training
 * loss: scaled or the reference's L1 feature difference); right: the learning rate per epoch (log scale; ReduceLROnPlateau halvings show
 * as steps); below: the evaluation table as grouped bars, one group per full feature (SPL_T…TC),
 * one bar per column (preset = no modulation, model, direct optimisation if run): lower is better.
 * Pure: data in, vega-lite spec out.
 */
import type { TopLevelSpec } from 'vega-lite';
import { FULL_FEATURE_NAMES, type EvaluationTable, type ModelBundleMeta } from '../model/bundle';
import { UserError } from '../util/errors';

/** One epoch of the training log (`meta.training.history`). */
export interface TrainingEpoch {
  epoch: number;
  trainLoss: number;
  valLoss?: number | null;
  lr: number;
}

export interface TrainingPlotInput {
  history: readonly TrainingEpoch[];
  evaluation?: EvaluationTable;
  title?: string;
  subtitle?: string;
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * The training log of a model bundle, checked. UserError when the bundle has none (a model not
 * written by `train`, or an old bundle) or when it is malformed, saying what to do.
 */
export function trainingHistoryOf(meta: ModelBundleMeta, source = meta.name): TrainingEpoch[] {
  const history = (meta.training as { history?: unknown } | undefined)?.history;
  if (!Array.isArray(history) || history.length === 0) {
    throw new UserError(`model "${source}" has no training log (training.history in its .json is ${history === undefined ? 'missing' : 'empty'}), so there is nothing to plot. Train it with "timbre-remap train", which records the loss and learning rate per epoch.`, 'E_NO_TRAINING_LOG');
  }
  return history.map((h: unknown, i: number) => {
    const r = h as Record<string, unknown>;
    if (!r || !finite(r.epoch) || !finite(r.trainLoss) || !finite(r.lr)) {
      throw new UserError(`model "${source}": training.history[${i}] must have numbers epoch, trainLoss and lr; got ${JSON.stringify(h)}. The .json was edited or written by another tool; retrain the model.`, 'E_BAD_TRAINING_LOG');
    }
    return { epoch: r.epoch, trainLoss: r.trainLoss, valLoss: finite(r.valLoss) ? r.valLoss : null, lr: r.lr };
  });
}

export interface LossRow {
  epoch: number;
  split: 'train' | 'validation';
  loss: number;
}
export interface EvalRow {
  feature: string;
  column: string;
  error: number;
}

export function lossRows(history: readonly TrainingEpoch[]): LossRow[] {
  const rows: LossRow[] = [];
  for (const h of history) {
    rows.push({ epoch: h.epoch, split: 'train', loss: h.trainLoss });
    if (finite(h.valLoss)) rows.push({ epoch: h.epoch, split: 'validation', loss: h.valLoss });
  }
  return rows;
}

/** Evaluation table → one row per (feature, column), features in the paper's order. */
export function evaluationRows(evaluation: EvaluationTable): EvalRow[] {
  const rows: EvalRow[] = [];
  const names = [...FULL_FEATURE_NAMES.filter((f) => f in evaluation.table), ...Object.keys(evaluation.table).filter((f) => !(FULL_FEATURE_NAMES as readonly string[]).includes(f))];
  for (const feature of names) {
    const cell = evaluation.table[feature];
    for (const column of ['preset', 'model', 'direct'] as const) {
      const v = cell[column];
      if (finite(v)) rows.push({ feature, column, error: v });
    }
  }
  return rows;
}

/**
 * The vega-lite spec. Named marks (vega adds `_marks`): `loss_lines` (train and validation),
 * `lr_line`, `eval_bars` (features × columns).
 */
export function trainingSpec(input: TrainingPlotInput): TopLevelSpec {
  const epoch = { field: 'epoch', type: 'quantitative' as const, title: 'epoch', scale: { nice: false } };
  const loss = {
    name: 'loss_lines',
    width: 420,
    height: 220,
    title: { text: 'loss per epoch (feature difference error; scaled loss: 1 = the preset unchanged)', fontSize: 12 },
    data: { values: lossRows(input.history) },
    mark: { type: 'line' as const, strokeWidth: 1.5 },
    encoding: {
      x: epoch,
      y: { field: 'loss', type: 'quantitative' as const, title: 'loss', scale: { zero: false } },
      color: { field: 'split', type: 'nominal' as const, title: null, scale: { domain: ['train', 'validation'], range: ['#1f77b4', '#ff7f0e'] }, legend: { orient: 'top-right' as const } },
    },
  };
  const lr = {
    name: 'lr_line',
    width: 300,
    height: 220,
    title: { text: 'learning rate', fontSize: 12 },
    data: { values: input.history.map((h) => ({ epoch: h.epoch, lr: h.lr })) },
    mark: { type: 'line' as const, interpolate: 'step-after' as const, color: '#2ca02c', strokeWidth: 1.5 },
    encoding: { x: epoch, y: { field: 'lr', type: 'quantitative' as const, title: 'learning rate', scale: { type: 'log' as const }, axis: { format: '.0e' } } },
  };
  const rows = { hconcat: [loss, lr] };
  const ev = input.evaluation;
  if (!ev) {
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: { text: input.title ?? 'Training', subtitle: input.subtitle ?? 'no evaluation table in this model' },
      ...rows,
    } as TopLevelSpec;
  }
  const evalRows = evaluationRows(ev);
  const columns = [...new Set(evalRows.map((r) => r.column))];
  const bars = {
    name: 'eval_bars',
    width: 760,
    height: 220,
    title: { text: `evaluation on ${ev.hits} ${ev.scheme ? 'held-out' : 'test'} hits: error of the feature difference (lower is better); mean preset ${ev.mean.preset.toFixed(3)}, model ${ev.mean.model.toFixed(3)}${ev.spread ? ` ± ${ev.spread.model.toFixed(3)}` : ''}`, fontSize: 12 },
    data: { values: evalRows },
    mark: { type: 'bar' as const },
    encoding: {
      x: { field: 'feature', type: 'nominal' as const, title: 'feature', sort: evalRows.map((r) => r.feature).filter((f, i, a) => a.indexOf(f) === i), axis: { labelAngle: 0 } },
      xOffset: { field: 'column', type: 'nominal' as const, sort: columns },
      y: { field: 'error', type: 'quantitative' as const, title: 'mean absolute error' },
      color: { field: 'column', type: 'nominal' as const, title: null, sort: columns, scale: { domain: columns, range: ['#9e9e9e', '#1f77b4', '#2ca02c'].slice(0, columns.length) }, legend: { orient: 'top-right' as const } },
    },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: input.title ?? 'Training', subtitle: input.subtitle ?? '' },
    vconcat: [rows, bars],
    resolve: { scale: { color: 'independent' } },
  } as TopLevelSpec;
}
