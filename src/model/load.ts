/**
 * Loading a model bundle: read and validate `NAME.json`, open `NAME.onnx` (on the JS evaluator for
 * graphs this package writes, else onnxruntime: runtime.ts), and prove the pair usable before
 * anyone relies on it: names `features` → `modulation`, a probe batch of 2 rows giving a finite
 * [2,14], the JSON's architecture matching the graph, and, when the session is onnxruntime, the
 * pure-JS evaluator agreeing with it within 1e-5 (`backend: 'node'` forces that cross-check).
 */
import { existsSync } from 'node:fs';
import { FILE_LIMITS, readFileBounded, readJsonFile } from '../io/files';
import { UserError, messageOf } from '../util/errors';
import { NUM_PARAMS } from '../synth/params';
import { ONNX_INPUT_NAME, ONNX_OUTPUT_NAME, ONSET_FEATURE_NAMES, type ModelBundleMeta } from './bundle';
import { compileMlp, type MlpEvaluator } from './mlp';
import { readOnnxWeights } from './onnxBuilder';
import { createSession, type BackendName, type RuntimeOptions } from './runtime';
import { validateBundleMeta } from './validate';
import type { MlpWeights } from './weights';
import { bundlePaths, type BundlePaths } from './write';

const N_IN = ONSET_FEATURE_NAMES.length; // 3
/** Largest |onnxruntime − compiled JS| accepted at load (float32 graph vs float64 evaluator). */
export const EVALUATOR_TOLERANCE = 1e-5;

export interface LoadedModel {
  meta: ModelBundleMeta;
  paths: BundlePaths;
  backend: BackendName;
  /** The runtime fallback warning (given once per process), or a note on the JS evaluator. */
  warning?: string;
  /** Weights read back from the graph, or null for graphs of another structure. */
  weights: MlpWeights | null;
  /**
   * Synchronous, non-allocating pure-JS evaluator of the same network (input n×3 → out n×14),
   * checked against onnxruntime at load; null when the weights could not be read back.
   */
  evaluate: MlpEvaluator | null;
  /** Modulation for `n` rows of normalised features (n×3) → n×14 (tanh range, before damping). */
  run(features: Float32Array, n: number): Promise<Float32Array>;
  dispose(): Promise<void>;
}

/**
 * Load and check a model bundle.
 * @param path `BASE`, `BASE.onnx` or `BASE.json`
 * @throws UserError (E_BAD_MODEL / E_NO_MODEL) naming the file and the problem
 */
export async function loadModelBundle(path: string, opts: RuntimeOptions = {}): Promise<LoadedModel> {
  const paths = bundlePaths(path);
  const bad = (file: string, problem: string): never => {
    throw new UserError(`${file}: ${problem}`, 'E_BAD_MODEL');
  };
  for (const f of [paths.json, paths.onnx]) {
    if (!existsSync(f)) { // a folder, FIFO or device is refused by the bounded read below, saying what it is
      throw new UserError(`model file ${f} not found. A model is two files, NAME.onnx and NAME.json, side by side (written by \`timbre-remap train\`); give the path of either or of NAME.`, 'E_NO_MODEL');
    }
  }
  // Regular files within a size bound only (a FIFO or /dev/zero named as a model must not hang a
  // host); the JSON error gives a position, never the file's content.
  const json = readJsonFile(paths.json, { what: 'model JSON', maxBytes: FILE_LIMITS.modelJsonBytes }, 'The file may be truncated: re-export the model.');
  const meta = validateBundleMeta(json, paths.json);

  const bytes = new Uint8Array(readFileBounded(paths.onnx, { what: 'model graph (.onnx)', maxBytes: FILE_LIMITS.modelOnnxBytes }));
  if (bytes.length === 0) bad(paths.onnx, 'is empty; re-export the model.');
  let session: Awaited<ReturnType<typeof createSession>>;
  try {
    session = await createSession(bytes, opts);
  } catch (e) {
    if (e instanceof UserError && e.code === 'E_ORT_MISSING') throw new UserError(`${paths.onnx}: ${e.message}`, e.code);
    if (e instanceof UserError) throw e; // the runtime itself could not load: that message says what to do
    return bad(paths.onnx, `is not a readable ONNX model (${firstLine(messageOf(e))}); the file may be truncated or corrupt: re-export the model.`);
  }
  try {
    return await checkedModel(session, bytes, meta, paths, bad);
  } catch (e) {
    await session.release().catch(() => undefined);
    throw e;
  }
}

async function checkedModel(
  session: Awaited<ReturnType<typeof createSession>>,
  bytes: Uint8Array,
  meta: ModelBundleMeta,
  paths: BundlePaths,
  bad: (file: string, problem: string) => never,
): Promise<LoadedModel> {
  const f = paths.onnx;
  if (session.inputNames.length !== 1 || session.inputNames[0] !== ONNX_INPUT_NAME) {
    bad(f, `the model's inputs are [${session.inputNames.join(', ')}]; expected one input "${ONNX_INPUT_NAME}" (float32 [N,${N_IN}]).`);
  }
  if (session.outputNames[0] !== ONNX_OUTPUT_NAME) {
    bad(f, `the model's first output is "${session.outputNames[0]}"; expected "${ONNX_OUTPUT_NAME}" (float32 [N,${NUM_PARAMS}]).`);
  }
  // Probe: 2 rows, the reference hit (0) and an off-centre hit.
  const probe = Float32Array.of(0, 0, 0, 0.5, -0.25, 0.75);
  let out: { data: Float32Array; dims: number[] };
  try {
    out = await session.run(probe, 2, N_IN);
  } catch (e) {
    return bad(f, `the model does not accept input "${ONNX_INPUT_NAME}" float32 [N,${N_IN}] (${firstLine(messageOf(e))}).`);
  }
  if (out.dims.length !== 2 || out.dims[0] !== 2 || out.dims[1] !== NUM_PARAMS) {
    bad(f, `output "${ONNX_OUTPUT_NAME}" has shape [${out.dims.join(',')}] for 2 input rows; expected [2,${NUM_PARAMS}] (one modulation per synth parameter).`);
  }
  if (!out.data.every(Number.isFinite)) bad(f, 'the model gives non-finite values (NaN or Infinity) for a probe input; the weights are broken: retrain.');

  const notes: string[] = [];
  if (session.warning) notes.push(session.warning);
  const weights = readOnnxWeights(bytes);
  if (weights && weights.arch !== meta.architecture) {
    bad(f, `the graph is a "${weights.arch}" network but ${paths.json} says "${meta.architecture}": the two files belong to different models. Re-export the bundle.`);
  }
  let evaluate: MlpEvaluator | null = null;
  if (weights) {
    evaluate = compileMlp(weights);
    // on the JS backend the session is this evaluator: nothing to compare (test/model compares it with onnxruntime)
    const diff = session.backend === 'js' ? 0 : await evaluatorMismatch(evaluate, session);
    if (diff > EVALUATOR_TOLERANCE) {
      evaluate = null;
      notes.push(`the pure-JS evaluator differs from onnxruntime by ${diff.toExponential(2)} on ${f}; using onnxruntime only.`);
    }
  }
  return {
    meta,
    paths,
    backend: session.backend,
    ...(notes.length ? { warning: notes.join(' ') } : {}),
    weights,
    evaluate,
    async run(features: Float32Array, n: number): Promise<Float32Array> {
      if (!Number.isInteger(n) || n < 0) throw new UserError(`model input row count ${n} must be a whole number ≥ 0`, 'E_BAD_INPUT');
      if (features.length < n * N_IN) throw new UserError(`model input has ${features.length} values; ${n} rows need ${n * N_IN}`, 'E_BAD_INPUT');
      if (n === 0) return new Float32Array(0);
      return (await session.run(features, n, N_IN)).data;
    },
    dispose: () => session.release(),
  };
}

/** Largest |evaluator − onnxruntime| over 16 fixed rows spanning the input range [−1, 1]³. */
async function evaluatorMismatch(evaluate: MlpEvaluator, session: Awaited<ReturnType<typeof createSession>>): Promise<number> {
  const rows = 16;
  const x = new Float32Array(rows * N_IN);
  for (let i = 0; i < x.length; i++) x[i] = Math.sin(1.7 * i + 0.3); // fixed, well spread in [−1, 1]
  const ref = (await session.run(x, rows, N_IN)).data;
  const js = new Float32Array(rows * NUM_PARAMS);
  evaluate(x, js, rows);
  let worst = 0;
  for (let i = 0; i < js.length; i++) worst = Math.max(worst, Math.abs(js[i] - ref[i]));
  return Number.isFinite(worst) ? worst : Infinity;
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}
