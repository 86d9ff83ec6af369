/**
 * One training run, start to finish, in the calling thread: options (checked before any work) →
 * dataset (the live detector's hits, checked) → the model on all usable hits (early stopping on
 * a validation part) → k-fold cross-validation (k more trainings, each hit predicted by a model
 * that never saw it) → evaluation on those held-out predictions → ONNX + JSON bundle (atomic).
 * `startTraining` (index.ts) runs this in a worker.
 *
 * Why k-fold and not leave-one-out: one epoch costs ~0.2–0.4 s on 2 cores for a minute of
 * playing, so LOO (one training per hit) would take 50× a training; 3 folds cost about 3× the
 * model's own training (each replays the model's Adam steps up to its kept epoch, at its learning
 * rates, with no validation part and no patience overrun: `foldSchedule`) and still
 * predict every hit from a model that did not see it. The folds train on 2/3 of the hits, the
 * shipped model on 85 %, so the figures are, if anything, pessimistic. The one thing the folds
 * share with the model is its training length, chosen on the model's validation hits (a single
 * integer; its selection bias is negligible next to the noise of stopping each fold on its own
 * 2–5 validation hits).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { availableParallelism } from 'node:os';
import { loadPreset, presetToJson } from '../synth/presets';
import { loadNoiseBuffer } from '../synth/noise';
import { NUM_PARAMS, PARAM_NAMES } from '../synth/params';
import { buildOnnxModel, writeModelBundle, ONNX_OPSET } from '../model';
import {
  BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, ONNX_INPUT_NAME, ONNX_OUTPUT_NAME, ONSET_FEATURE_NAMES,
  type Architecture, type EvaluationTable, type ModelBundleMeta, type SaturationReport,
} from '../model/bundle';
import type { OnsetOptions } from '../onset';
import { UserError } from '../util/errors';
import { buildDataset, detectorOptionsFor, expandInputs, ONSET_WINDOW, type Dataset, type DetectorMode, type HitDiagnostics } from './data';
import { DspPool } from './dspPool';
import { fit, modelParamsFor, type EpochProgress, type FitResult, type RecipeOptions } from './trainer';
import { ARCHITECTURES, defaultLearningRate, parameterCount, type NetworkWeights } from './network';
import { DIRECT_DEFAULTS } from './evaluate';
import { toOnnxWeights } from './onnxWeights';
import { DEFAULT_LOSS, LOSS_KINDS, lossDescription, lossSpec, type LossKind, type LossSpec } from './loss';
import { foldSchedule, kFolds, validationSplit } from './folds';
import { heldOutEvaluation, pickParams } from './heldOut';
import { saturationReport } from './saturation';

export const DEFAULT_EPOCHS = 250;
export const DEFAULT_SEED = 3608013887; // the reference's seed_everything
export const DEFAULT_FOLDS = 3;

/** The default recipe (scaled loss) and the reference's (reference-implementation.md §5.3). */
export const RECIPES: Record<LossKind, { batchSize: number; learningRate: (arch: Architecture) => number; patience: number; earlyStopping: number }> = {
  // batch 8: twice the Adam steps per epoch for the same DSP work; early stopping ends a run 30
  // epochs after the validation loss last fell by 1 % (the learning rate halves after 10 first):
  // with 20 epochs, runs on 5–8 noisy validation hits stopped before their best (held-out error
  // 2.10 instead of 1.82 on colombo)
  scaled: { batchSize: 8, learningRate: (arch) => (arch === 'linear' ? 5e-3 : 3e-3), patience: 10, earlyStopping: 30 },
  reference: { batchSize: 16, learningRate: defaultLearningRate, patience: 20, earlyStopping: 0 },
};

export interface TrainOptions {
  /** WAV files or folders. */
  inputs: string[];
  /** Preset name or file. */
  preset: string;
  /** Output path without extension (writes PATH.onnx and PATH.json). */
  out: string;
  arch?: Architecture;
  /** Most epochs per training (default 250). */
  epochs?: number;
  seed?: number;
  force?: boolean;
  /** The loss (default `scaled`); `reference` also takes the reference's recipe unless set here. */
  loss?: LossKind;
  batchSize?: number;
  learningRate?: number;
  /** Epochs without validation improvement before the learning rate halves. */
  patience?: number;
  /** Epochs without validation improvement before training stops (0 = run all epochs). */
  earlyStopping?: number;
  /** Cross-validation folds for the evaluation (default 3; 0 = none). */
  folds?: number;
  /** DSP worker threads (default: min(2, cores); 0 = in this thread). */
  workers?: number;
  /** Onset detector: a name or options (default: the live default detector). */
  detector?: DetectorMode | OnsetOptions;
  /** Individual detector settings over the chosen detector (e.g. `{ holdMs: 15 }`). */
  onsetSettings?: Record<string, number | string>;
  /** Labels CSV per input (articulation for the follow check); default `NAME.onsets.csv` beside `NAME.wav`. */
  labels?: Array<string | null>;
  /** Also run the direct-optimisation baseline for the evaluation table. */
  direct?: boolean;
  /** Model name in the bundle (default: the out file's base name). */
  name?: string;
}

export interface TrainReport {
  out: { onnx: string; json: string };
  name: string;
  arch: Architecture;
  parameters: number;
  loss: LossKind;
  epochs: number;
  epochsRun: number;
  bestEpoch: number;
  bestValLoss: number;
  stoppedEarly: boolean;
  cancelled: boolean;
  hits: { total: number; detected: number; train: number; val: number; insideDecay: number; swallowed: number; clipped: number };
  /** Per input: detected onsets (44.1 kHz samples) and which were used. */
  hitList: Array<{ path: string; durationSec: number; onsets: number[]; used: boolean[] }>;
  warnings: string[];
  /** The held-out evaluation (same shape as `evaluate --json`; `hits` 0 when not evaluated). */
  hitsEvaluated: number;
  scheme: string;
  table: EvaluationTable['table'];
  mean: EvaluationTable['mean'];
  spread?: EvaluationTable['spread'];
  follow?: EvaluationTable['follow'];
  /** Saturation on the held-out predictions, and of the shipped model on its training hits. */
  saturation?: SaturationReport;
  modelSaturation: SaturationReport;
  folds: { k: number; completed: number; epochsRun: number[]; bestEpochs: number[] };
  seconds: number;
  meanStepMs: number;
  /** Adam steps of the whole run (the model's and the folds'): the cost of a training, independent of the machine. */
  steps: number;
}

/** Progress of one epoch; `stage` says which training it belongs to. */
export type TrainProgress = EpochProgress & { stage: 'model' | 'fold'; fold?: number; folds?: number };

export interface RunHooks {
  onProgress?: (p: TrainProgress) => void;
  isCancelled?: () => boolean;
}

export interface CheckedOptions {
  arch: Architecture;
  epochs: number;
  seed: number;
  loss: LossKind;
  batchSize: number;
  learningRate: number;
  patience: number;
  earlyStopping: number;
  folds: number;
  workers: number;
  detector: OnsetOptions;
}

const wholeAtLeast = (name: string, v: unknown, min: number, flag: string): number => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new UserError(`${name} must be a whole number ≥ ${min}; got ${String(v)}. Set ${flag}.`, 'E_USAGE');
  return v;
};

/** Check options before any work: bad values and existing outputs give a UserError (nothing written). */
export function checkTrainOptions(opts: TrainOptions): CheckedOptions {
  const arch = opts.arch ?? 'mlp';
  if (!ARCHITECTURES.includes(arch)) throw new UserError(`unknown architecture "${arch}"; use one of ${ARCHITECTURES.join(', ')}.`, 'E_USAGE');
  const loss = opts.loss ?? DEFAULT_LOSS;
  if (!LOSS_KINDS.includes(loss)) throw new UserError(`unknown loss "${String(loss)}"; use one of ${LOSS_KINDS.join(', ')}.`, 'E_USAGE');
  const recipe = RECIPES[loss];
  const epochs = wholeAtLeast('epochs', opts.epochs ?? DEFAULT_EPOCHS, 1, '--epochs N');
  const seed = wholeAtLeast('seed', opts.seed ?? DEFAULT_SEED, 0, '--seed N');
  if (seed > 0xffffffff) throw new UserError(`seed must be at most ${0xffffffff}; got ${seed}.`, 'E_USAGE');
  const batchSize = wholeAtLeast('batch size', opts.batchSize ?? recipe.batchSize, 1, '--batch-size N');
  const patience = wholeAtLeast('patience', opts.patience ?? recipe.patience, 0, '--patience N');
  const earlyStopping = wholeAtLeast('early stopping', opts.earlyStopping ?? recipe.earlyStopping, 0, '--early-stopping N (0 = off)');
  const folds = wholeAtLeast('folds', opts.folds ?? DEFAULT_FOLDS, 0, '--folds K (0 = no cross-validation)');
  if (folds === 1) throw new UserError('folds must be 0 (no cross-validation) or at least 2; got 1.', 'E_USAGE');
  const learningRate = opts.learningRate ?? recipe.learningRate(arch);
  if (!(typeof learningRate === 'number' && learningRate > 0 && learningRate < 1)) throw new UserError(`learning rate must be a number in (0, 1); got ${String(learningRate)}.`, 'E_USAGE');
  const workers = opts.workers ?? Math.min(2, availableParallelism());
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) throw new UserError(`workers must be a whole number 0…64; got ${workers}.`, 'E_USAGE');
  if (opts.direct && folds === 0) throw new UserError('--direct needs held-out hits: drop --folds 0.', 'E_USAGE');
  if (!opts.out) throw new UserError('no output path: pass --out PATH (writes PATH.onnx and PATH.json).', 'E_USAGE');
  const { onnx, json } = outPaths(opts.out);
  const report = `${onnx.replace(/\.onnx$/, '')}.report.html`;
  const inputs = (opts.inputs ?? []).map((p) => resolve(p));
  const clash = [onnx, json, report].find((p) => inputs.includes(resolve(p)));
  if (clash) throw new UserError(`--out would write ${clash}, which is one of the recordings; choose another --out.`, 'E_USAGE');
  if (!opts.force) {
    const existing = [onnx, json, report].filter((p) => existsSync(p));
    if (existing.length) throw new UserError(`${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; pass --force to overwrite, or choose another --out.`, 'E_EXISTS');
  }
  expandInputs(opts.inputs ?? []); // missing files: before any work
  return { arch, epochs, seed, loss, batchSize, learningRate, patience, earlyStopping, folds, workers, detector: detectorOptionsFor(opts.detector, opts.onsetSettings) };
}

export function outPaths(out: string): { onnx: string; json: string } {
  const base = out.replace(/\.(onnx|json)$/i, '');
  return { onnx: `${base}.onnx`, json: `${base}.json` };
}

function recipeFor(o: CheckedOptions, data: Dataset, train: number[], seed: number): RecipeOptions {
  return {
    arch: o.arch, epochs: o.epochs, batchSize: o.batchSize, learningRate: o.learningRate, patience: o.patience,
    earlyStopping: o.earlyStopping, seed, loss: lossSpec(o.loss, train.map((i) => data.targets[i])),
  };
}

/** Train, cross-validate, evaluate and write the bundle. Cancelling keeps (and writes) the best model so far. */
export async function runTraining(opts: TrainOptions, hooks: RunHooks = {}): Promise<TrainReport> {
  const t0 = Date.now();
  const o = checkTrainOptions(opts);
  const preset = loadPreset(opts.preset);
  const data = buildDataset(opts.inputs, { detector: o.detector, labels: opts.labels, isCancelled: hooks.isCancelled });
  const all = data.hits.map((_, i) => i);
  const split = validationSplit(data.hits, all, data.refIndex, o.seed);
  const pool = new DspPool(loadNoiseBuffer(), o.workers);
  try {
    const presetFeatures = await pool.features(Float64Array.from(preset.normalised));
    const recipe = recipeFor(o, data, split.train, o.seed);
    const result = await fit({ inputs: data.inputs, targets: data.targets, train: split.train, val: split.val }, preset, pool, recipe, {
      onEpoch: (p) => hooks.onProgress?.({ ...p, stage: 'model' }),
      isCancelled: hooks.isCancelled,
    });
    if (result.epochsRun === 0) throw new UserError('training was stopped before its first epoch finished; nothing was written.', 'E_CANCELLED');

    // the shipped model on all its hits: what it will do live
    const modelParams = modelParamsFor(result.weights, data.inputs, preset);
    const modelAn = await pool.analyse(modelParams);
    const modelSaturation = saturationReport(modelParams, preset.normalised, modelAn.clippedSamples, modelAn.peaks);

    const cv = result.cancelled ? { fold: [] as number[], params: new Float64Array(0), completed: 0, fits: [] as FitResult[] } : await crossValidate(o, data, preset, pool, result, split.train.length, hooks);
    // held-out predictions from the folds; without them (--folds 0, or stopped before the folds)
    // the model itself on its validation hits, labelled as what they are
    const cvDone = cv.completed > 0;
    const evaluated = cvDone ? all.filter((i) => cv.fold[i] >= 0 && cv.fold[i] < cv.completed) : split.val;
    const why = o.folds === 0 ? '--folds 0' : 'training was stopped before cross-validation';
    const scheme = cvDone
      ? `${o.folds}-fold cross-validation over ${data.hits.length - 1} hits (each predicted by a model trained without it)${cv.completed < o.folds ? `; stopped after ${cv.completed} of ${o.folds} folds` : ''}`
      : `the model on its ${split.val.length} validation hits only (${why}): they chose the kept epoch, so these are not fully held-out figures`;
    const evalParams = cvDone ? pickParams(cv.params, evaluated) : modelParamsFor(result.weights, evaluated.map((i) => data.inputs[i]), preset);
    const evaluation: EvaluationTable | undefined = evaluated.length
      ? await heldOutEvaluation(pool, preset, presetFeatures, {
        hits: evaluated.map((i) => data.hits[i]), targets: evaluated.map((i) => data.targets[i]),
        params: evalParams, fold: evaluated.map((i) => (cvDone ? cv.fold[i] : 0)), scheme,
      }, opts.direct && !result.cancelled ? DIRECT_DEFAULTS : false)
      : undefined;

    const name = opts.name ?? baseName(opts.out);
    const meta = bundleMeta(name, o, opts, preset, data, split, result, cv, recipe.loss, modelSaturation, evaluation);
    const { onnx, json } = outPaths(opts.out);
    writeModelBundle(opts.out, buildOnnxModel(toOnnxWeights(result.weights), o.arch), meta, { force: opts.force });
    return {
      out: { onnx, json }, name, arch: o.arch, parameters: parameterCount(result.weights), loss: o.loss,
      epochs: o.epochs, epochsRun: result.epochsRun, bestEpoch: result.bestEpoch, bestValLoss: result.bestValLoss,
      stoppedEarly: result.stoppedEarly, cancelled: result.cancelled || cv.completed < (o.folds || 0),
      hits: hitCounts(data.diagnostics, split),
      hitList: data.files.map((f) => ({ path: f.path, durationSec: f.durationSec, onsets: f.onsets, used: f.onsets.map((s) => !f.insideDecay.includes(s)) })),
      warnings: data.diagnostics.warnings,
      hitsEvaluated: evaluation?.hits ?? 0, scheme,
      table: evaluation?.table ?? {}, mean: evaluation?.mean ?? { preset: NaN, model: NaN },
      ...(evaluation?.spread ? { spread: evaluation.spread } : {}),
      ...(evaluation?.follow ? { follow: evaluation.follow } : {}),
      ...(evaluation?.saturation ? { saturation: evaluation.saturation } : {}),
      modelSaturation,
      folds: { k: o.folds, completed: cv.completed, epochsRun: cv.fits.map((f) => f.epochsRun), bestEpochs: cv.fits.map((f) => f.bestEpoch) },
      seconds: (Date.now() - t0) / 1000, meanStepMs: result.meanStepMs,
      steps: result.steps + cv.fits.reduce((n, f) => n + f.steps, 0),
    };
  } finally {
    await pool.close();
  }
}

interface CrossValidation {
  /** Fold of each hit (−1: the reference hit). */
  fold: number[];
  /** Held-out parameters per hit (n × 14; rows of unevaluated hits are zero). */
  params: Float64Array;
  /** Folds finished (folds are evaluated in order 0, 1, …). */
  completed: number;
  fits: FitResult[];
}

/**
 * k trainings, fold f held out in the f-th. Each replays the model's run (`foldSchedule`: its
 * Adam steps up to its kept epoch, at its learning rates) on all its non-held-out hits,
 * with no validation part: the early-stopping decision is the model's (taken on its validation
 * hits), so the folds repeat the model's training procedure without a second, noisier stopping
 * rule on 2–5 validation hits (which stopped folds 3–5× too early).
 */
async function crossValidate(o: CheckedOptions, data: Dataset, preset: ReturnType<typeof loadPreset>, pool: DspPool, model: FitResult, modelTrainHits: number, hooks: RunHooks): Promise<CrossValidation> {
  const n = data.hits.length;
  const fold = o.folds > 0 ? kFolds(data.hits, data.refIndex, o.folds, o.seed) : [];
  const params = new Float64Array(n * NUM_PARAMS);
  const fits: FitResult[] = [];
  for (let f = 0; f < o.folds; f++) {
    if (hooks.isCancelled?.()) break;
    const test = fold.map((g, i) => (g === f ? i : -1)).filter((i) => i >= 0);
    const train = fold.map((g, i) => (g !== f ? i : -1)).filter((i) => i >= 0);
    const seed = (o.seed + 7919 * (f + 1)) >>> 0;
    const { epochs, lrSchedule } = foldSchedule(model, modelTrainHits, train.length, o.batchSize);
    const recipe = { ...recipeFor(o, data, train, seed), epochs, earlyStopping: 0, lrSchedule };
    const r = await fit({ inputs: data.inputs, targets: data.targets, train, val: [] }, preset, pool, recipe, {
      onEpoch: (p) => hooks.onProgress?.({ ...p, stage: 'fold', fold: f + 1, folds: o.folds }),
      isCancelled: hooks.isCancelled,
    });
    if (r.cancelled) break; // a fold cut short would not be a fair held-out model
    fits.push(r);
    const p = modelParamsFor(r.weights, test.map((i) => data.inputs[i]), preset);
    test.forEach((h, i) => params.set(p.subarray(i * NUM_PARAMS, (i + 1) * NUM_PARAMS), h * NUM_PARAMS));
  }
  return { fold, params, completed: fits.length, fits };
}

function hitCounts(d: HitDiagnostics, split: { train: number[]; val: number[] }): TrainReport['hits'] {
  return { total: d.used, detected: d.detected, train: split.train.length, val: split.val.length, insideDecay: d.insideDecay, swallowed: d.swallowed, clipped: d.clipped };
}

function bundleMeta(
  name: string, o: CheckedOptions, opts: TrainOptions, preset: ReturnType<typeof loadPreset>, data: Dataset,
  split: { train: number[]; val: number[] }, result: FitResult & { weights: NetworkWeights }, cv: CrossValidation,
  spec: LossSpec, modelSaturation: SaturationReport, evaluation: EvaluationTable | undefined,
): ModelBundleMeta {
  return {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    name,
    paramOrder: [...PARAM_NAMES],
    preset: { name: preset.name, physical: presetToJson(preset).preset, normalised: Array.from(preset.normalised) },
    damping: Array.from(preset.damping),
    featureNorm: { names: [...ONSET_FEATURE_NAMES], ...data.norm },
    onsetWindow: { ...ONSET_WINDOW },
    architecture: o.arch,
    onnx: { input: ONNX_INPUT_NAME, output: ONNX_OUTPUT_NAME, opset: ONNX_OPSET },
    detector: data.detector,
    training: {
      optimizer: 'adam', learningRate: o.learningRate, batchSize: o.batchSize, epochs: o.epochs, epochsRun: result.epochsRun,
      earlyStopping: o.earlyStopping, stoppedEarly: result.stoppedEarly,
      scheduler: { kind: 'ReduceLROnPlateau', factor: 0.5, patience: o.patience, monitor: 'val_loss' },
      bestEpoch: result.bestEpoch, bestValLoss: result.bestValLoss, cancelled: result.cancelled,
      loss: o.loss, lossDescription: lossDescription(spec), lossSpreads: spec.spreads,
      parameters: parameterCount(result.weights), detector: data.detector.mode,
      split: { train: split.train, val: split.val, reference: data.refIndex, seed: o.seed },
      crossValidation: { folds: o.folds, completed: cv.completed, epochsRun: cv.fits.map((f) => f.epochsRun), bestEpochs: cv.fits.map((f) => f.bestEpoch) },
      saturation: modelSaturation,
      warnings: data.diagnostics.warnings,
      history: result.history,
    },
    provenance: {
      inputs: data.files.map((f) => ({
        path: displayPath(f.path), sha256: f.sha256, sampleRateHz: f.sampleRateHz, channels: f.channels, durationSec: f.durationSec,
        hits: f.hits, onsets: f.onsets, insideDecay: f.insideDecay, swallowed: f.swallowed, clipped: f.clipped,
        labels: f.labels ? displayPath(f.labels) : null, resampled: f.resampled,
      })),
      hits: data.hits.length,
      detected: data.diagnostics.detected,
      date: new Date().toISOString(),
      seed: o.seed,
      tool: 'timbre-remap train',
      options: { loss: o.loss, folds: o.folds, direct: Boolean(opts.direct) },
    },
    ...(evaluation ? { evaluation } : {}),
  };
}

/** Paths inside the working directory are stored relative to it (no machine-specific prefixes). */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : path;
}

function baseName(out: string): string {
  return out.replace(/\.(onnx|json)$/i, '').split(/[\\/]/).pop() ?? 'model';
}
