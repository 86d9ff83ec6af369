/**
 * One training run, start to finish, in the calling thread: options → dataset → fit → evaluation
 * on the test hits → ONNX + JSON bundle (atomic). `startTraining` (index.ts) runs this in a worker.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { availableParallelism } from 'node:os';
import { loadPreset, presetToJson } from '../synth/presets';
import { loadNoiseBuffer } from '../synth/noise';
import { PARAM_NAMES } from '../synth/params';
import { buildOnnxModel, writeModelBundle, ONNX_OPSET } from '../model';
import {
  BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, ONNX_INPUT_NAME, ONNX_OUTPUT_NAME, ONSET_FEATURE_NAMES,
  type Architecture, type EvaluationTable, type ModelBundleMeta,
} from '../model/bundle';
import { UserError } from '../util/errors';
import { buildDataset, ONSET_WINDOW, type DetectorMode } from './data';
import { DspPool } from './dspPool';
import { fit, modelParamsFor, type EpochProgress, type RecipeOptions } from './trainer';
import { ARCHITECTURES, defaultLearningRate, parameterCount } from './network';
import { evaluateParams, DIRECT_DEFAULTS } from './evaluate';
import { toOnnxWeights } from './onnxWeights';

export const DEFAULT_EPOCHS = 250;
export const DEFAULT_BATCH = 16;
export const DEFAULT_PATIENCE = 20;
export const DEFAULT_SEED = 3608013887; // the reference's seed_everything

export interface TrainOptions {
  /** WAV files or folders. */
  inputs: string[];
  /** Preset name or file. */
  preset: string;
  /** Output path without extension (writes PATH.onnx and PATH.json). */
  out: string;
  arch?: Architecture;
  epochs?: number;
  seed?: number;
  force?: boolean;
  batchSize?: number;
  learningRate?: number;
  patience?: number;
  /** DSP worker threads (default: min(2, cores); 0 = in this thread). */
  workers?: number;
  detector?: DetectorMode;
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
  epochs: number;
  epochsRun: number;
  bestEpoch: number;
  bestValLoss: number;
  cancelled: boolean;
  hits: { total: number; train: number; val: number; test: number };
  /** The evaluation on the test hits (same shape as `evaluate --json`). */
  table: EvaluationTable['table'];
  mean: EvaluationTable['mean'];
  seconds: number;
  meanStepMs: number;
}

export interface RunHooks {
  onProgress?: (p: EpochProgress) => void;
  isCancelled?: () => boolean;
}

/** Check options before any work: bad values and existing outputs give a UserError (nothing written). */
export function checkTrainOptions(opts: TrainOptions): Required<Pick<TrainOptions, 'arch' | 'epochs' | 'seed' | 'batchSize' | 'patience' | 'workers' | 'detector'>> & { learningRate: number } {
  const arch = opts.arch ?? 'mlp';
  if (!ARCHITECTURES.includes(arch)) throw new UserError(`unknown architecture "${arch}"; use one of ${ARCHITECTURES.join(', ')}.`, 'E_USAGE');
  const epochs = opts.epochs ?? DEFAULT_EPOCHS;
  if (!Number.isInteger(epochs) || epochs < 1) throw new UserError(`epochs must be a whole number ≥ 1; got ${epochs}.`, 'E_USAGE');
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed) || seed < 0) throw new UserError(`seed must be a whole number ≥ 0; got ${seed}.`, 'E_USAGE');
  if (!opts.out) throw new UserError('no output path: pass --out PATH (writes PATH.onnx and PATH.json).', 'E_USAGE');
  const { onnx, json } = outPaths(opts.out);
  if (!opts.force) {
    const existing = [onnx, json].filter((p) => existsSync(p));
    if (existing.length) throw new UserError(`${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; pass --force to overwrite, or choose another --out.`, 'E_EXISTS');
  }
  const workers = opts.workers ?? Math.min(2, availableParallelism());
  return {
    arch, epochs, seed, workers,
    batchSize: opts.batchSize ?? DEFAULT_BATCH,
    patience: opts.patience ?? DEFAULT_PATIENCE,
    detector: opts.detector ?? 'reference',
    learningRate: opts.learningRate ?? defaultLearningRate(arch),
  };
}

export function outPaths(out: string): { onnx: string; json: string } {
  const base = out.replace(/\.(onnx|json)$/i, '');
  return { onnx: `${base}.onnx`, json: `${base}.json` };
}

/** Train, evaluate and write the bundle. Cancelling keeps (and writes) the best model so far. */
export async function runTraining(opts: TrainOptions, hooks: RunHooks = {}): Promise<TrainReport> {
  const t0 = Date.now();
  const o = checkTrainOptions(opts);
  const preset = loadPreset(opts.preset);
  const data = buildDataset(opts.inputs, { seed: o.seed, detector: o.detector });
  const pool = new DspPool(loadNoiseBuffer(), o.workers);
  try {
    const [presetFeatures] = [await pool.features(Float64Array.from(preset.normalised))];
    const recipe: RecipeOptions = { arch: o.arch, epochs: o.epochs, batchSize: o.batchSize, learningRate: o.learningRate, patience: o.patience, seed: o.seed };
    const result = await fit({ inputs: data.inputs, targets: data.targets, train: data.split.train, val: data.split.val }, preset, presetFeatures, pool, recipe, { onEpoch: hooks.onProgress, isCancelled: hooks.isCancelled });
    const testTargets = data.split.test.map((i) => data.targets[i]);
    const modelParams = modelParamsFor(result.weights, data.split.test.map((i) => data.inputs[i]), preset);
    const evaluation = await evaluateParams(pool, preset, presetFeatures, testTargets, modelParams, opts.direct ? DIRECT_DEFAULTS : false);
    const name = opts.name ?? baseName(opts.out);
    const meta: ModelBundleMeta = {
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
      training: {
        optimizer: 'adam', learningRate: o.learningRate, batchSize: o.batchSize, epochs: o.epochs, epochsRun: result.epochsRun,
        scheduler: { kind: 'ReduceLROnPlateau', factor: 0.5, patience: o.patience, monitor: 'val_loss' },
        bestEpoch: result.bestEpoch, bestValLoss: result.bestValLoss, cancelled: result.cancelled,
        loss: 'L1 feature difference over SPL_T, SPL_S, SC_T, SC_S, SF_T, SF_S, TC',
        parameters: parameterCount(result.weights), detector: o.detector,
        split: { ...data.split, reference: data.refIndex, seed: o.seed },
        history: result.history,
      },
      provenance: {
        inputs: data.files.map((f) => ({ path: displayPath(f.path), sha256: f.sha256, sampleRateHz: f.sampleRateHz, channels: f.channels, hits: f.hits, resampled: f.resampled })),
        hits: data.hits.length,
        date: new Date().toISOString(),
        seed: o.seed,
        tool: 'timbre-remap train',
      },
      evaluation,
    };
    const { onnx, json } = outPaths(opts.out);
    writeModelBundle(opts.out, buildOnnxModel(toOnnxWeights(result.weights), o.arch), meta, { force: opts.force });
    return {
      out: { onnx, json }, name, arch: o.arch, parameters: parameterCount(result.weights),
      epochs: o.epochs, epochsRun: result.epochsRun, bestEpoch: result.bestEpoch, bestValLoss: result.bestValLoss, cancelled: result.cancelled,
      hits: { total: data.hits.length, train: data.split.train.length, val: data.split.val.length, test: data.split.test.length },
      table: evaluation.table, mean: evaluation.mean,
      seconds: (Date.now() - t0) / 1000, meanStepMs: result.meanStepMs,
    };
  } finally {
    await pool.close();
  }
}

/** Paths inside the working directory are stored relative to it (no machine-specific prefixes). */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : path;
}

function baseName(out: string): string {
  return out.replace(/\.(onnx|json)$/i, '').split(/[\\/]/).pop() ?? 'model';
}
