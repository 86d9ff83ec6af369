/**
 * Where the mapping networks run. Every graph `timbre-remap train` writes (linear, mlp, mlp-large:
 * Gemm, LayerNormalization, Relu, Tanh, Clip at opset 17) runs on the compiled pure-JS evaluator
 * (`compileMlp`): no onnxruntime is loaded, nothing native, no wasm, no warning. The evaluator is
 * tested against onnxruntime (node and wasm) on every architecture and every shipped model
 * (test/model), and the graph is accepted for it only when every node, attribute, type and opset is
 * one the evaluator implements exactly; anything else is left to onnxruntime.
 *
 * onnxruntime is optional (a peer dependency, installed for development): only graphs of another
 * structure (another exporter's) need it. Then onnxruntime-node (native) is used, or, if its native
 * binding cannot load, onnxruntime-web's WebAssembly backend (single thread) with one warning; with
 * neither installed the load fails with the command that installs it.
 *
 * The wasm backend needs `ort-wasm-simd-threaded.mjs` and `ort-wasm-simd-threaded.wasm` from
 * `onnxruntime-web/dist`: found through `require.resolve('onnxruntime-web')` or, for a bundle that
 * inlines onnxruntime-web (the Max engine bundle), next to the bundle itself.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { onnx } from 'onnx-proto';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { UserError, messageOf } from '../util/errors';
import { compileMlp } from './mlp';
import { readOnnxWeights } from './onnxBuilder';
import type { MlpWeights } from './weights';

export type BackendName = 'js' | 'onnxruntime-node' | 'onnxruntime-web';
/**
 * `auto`: the JS evaluator for graphs it implements, else onnxruntime-node, else onnxruntime-web
 * (with a warning). `js`, `node`, `web`: that one only (tests and benchmarks compare them).
 */
export type BackendChoice = 'auto' | 'js' | 'node' | 'web';

/** What the code uses of an onnxruntime package (both packages export this shape). */
export interface OrtModule {
  InferenceSession: { create(bytes: Uint8Array, options?: InferenceSession.SessionOptions): Promise<InferenceSession> };
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => Tensor;
  env: { wasm?: { numThreads?: number; proxy?: boolean; wasmPaths?: unknown } };
}

export interface RuntimeOptions {
  backend?: BackendChoice;
  /** Loads onnxruntime-node (default `require('onnxruntime-node')`); injectable to simulate a host without it. */
  loadNative?: () => unknown;
  /** Loads onnxruntime-web (default `require('onnxruntime-web')`). */
  loadWeb?: () => unknown;
  /** Receives the fallback warning (once per process with the default loaders). */
  logger?: (message: string) => void;
}

export interface Runtime {
  backend: Exclude<BackendName, 'js'>;
  ort: OrtModule;
  /** Set when this resolution fell back to wasm (the one warning). */
  warning?: string;
  /** The warning was handed to a session already (it is given once). */
  warned?: boolean;
}

export interface ModelSession {
  backend: BackendName;
  inputNames: readonly string[];
  outputNames: readonly string[];
  /** Run `n` rows of `input` (n × width) through the model's first input → first output. */
  run(input: Float32Array, n: number, width: number): Promise<{ data: Float32Array; dims: number[] }>;
  release(): Promise<void>;
}

const defaultLoadNative = (): unknown => require('onnxruntime-node');
const defaultLoadWeb = (): unknown => require('onnxruntime-web');

let defaultRuntime: Promise<Runtime> | null = null;
let defaultLogger: ((message: string) => void) | null = null;

/** Where hosts want the fallback warning (in addition to `LoadedModel.warning`). */
export function setRuntimeLogger(logger: ((message: string) => void) | null): void {
  defaultLogger = logger;
}

/**
 * Choose and load the onnxruntime package (`auto`: native, else wasm). With the default loaders and
 * `auto`, the choice is made once per process (so the fallback warning is given once); injected
 * loaders resolve every call. Only graphs the JS evaluator does not implement need this.
 */
export function resolveRuntime(opts: RuntimeOptions = {}): Promise<Runtime> {
  const choice = opts.backend ?? 'auto';
  if (choice === 'js') return Promise.reject(new TypeError("resolveRuntime: 'js' is not an onnxruntime package; createSession runs it"));
  const injected = opts.loadNative !== undefined || opts.loadWeb !== undefined;
  if (choice === 'auto' && !injected) {
    if (!defaultRuntime) {
      defaultRuntime = resolveUncached(opts);
      defaultRuntime.catch(() => (defaultRuntime = null));
    }
    return defaultRuntime;
  }
  return resolveUncached(opts);
}

async function resolveUncached(opts: RuntimeOptions): Promise<Runtime> {
  const choice = opts.backend ?? 'auto';
  const loadNative = opts.loadNative ?? defaultLoadNative;
  const loadWeb = opts.loadWeb ?? defaultLoadWeb;
  if (choice === 'node') return { backend: 'onnxruntime-node', ort: load(loadNative, 'onnxruntime-node') };
  if (choice === 'web') return { backend: 'onnxruntime-web', ort: configureWasm(load(loadWeb, 'onnxruntime-web')) };
  const native = tryLoad(loadNative, 'onnxruntime-node');
  if ('ort' in native) return { backend: 'onnxruntime-node', ort: native.ort };
  const ort = configureWasm(load(loadWeb, 'onnxruntime-web'));
  const warning =
    `onnxruntime-node's native binding could not load on this host (${native.problem}); ` +
    'models run on onnxruntime-web (WebAssembly, one thread) instead: same results, slower start. ' +
    'To use the native runtime, reinstall onnxruntime-node for this platform (npm rebuild onnxruntime-node).';
  (opts.logger ?? defaultLogger)?.(warning);
  return { backend: 'onnxruntime-web', ort, warning };
}

function load(loader: () => unknown, name: string): OrtModule {
  const r = tryLoad(loader, name);
  if ('ort' in r) return r.ort;
  throw new UserError(`${name} could not load: ${r.problem}`, 'E_ORT_LOAD');
}

function tryLoad(loader: () => unknown, name: string): { ort: OrtModule } | { problem: string } {
  let m: unknown;
  try {
    m = loader();
  } catch (e) {
    return { problem: firstLine(messageOf(e)) };
  }
  const o = m as Partial<OrtModule> | null;
  if (!o || typeof o.InferenceSession?.create !== 'function' || typeof o.Tensor !== 'function') {
    return { problem: `the module "${name}" has no InferenceSession or Tensor: it does not look like onnxruntime` };
  }
  return { ort: o as OrtModule };
}

/** Single-threaded wasm (no worker threads; the calls are tiny) with the wasm files located explicitly. */
function configureWasm(ort: OrtModule): OrtModule {
  const wasm = ort.env.wasm;
  if (wasm) {
    wasm.numThreads = 1;
    wasm.proxy = false;
    const dir = wasmDir();
    if (dir && wasm.wasmPaths === undefined) wasm.wasmPaths = pathToFileURL(dir).href + '/';
  }
  return ort;
}

const WASM_FILE = 'ort-wasm-simd-threaded.wasm';

/** The folder holding onnxruntime-web's wasm files: its package's dist/, or this bundle's folder. */
export function wasmDir(): string | null {
  const candidates: string[] = [];
  try {
    candidates.push(dirname(require.resolve('onnxruntime-web')));
  } catch {
    // bundled without node_modules: look next to the bundle
  }
  candidates.push(__dirname);
  return candidates.find((d) => existsSync(join(d, WASM_FILE))) ?? null;
}

/**
 * A session for the model `bytes`: on the JS evaluator when it implements the graph (and the choice
 * allows it), else on onnxruntime. Runs are serialised (onnxruntime-web cannot overlap runs of one
 * session). Bytes that do not decode as ONNX are refused here (plain Error: a corrupt file).
 * @throws UserError E_ORT_MISSING when the graph needs onnxruntime and none is installed
 */
export async function createSession(bytes: Uint8Array, opts: RuntimeOptions = {}): Promise<ModelSession & { warning?: string }> {
  const choice = opts.backend ?? 'auto';
  let declined: string | null = null;
  if (choice === 'auto' || choice === 'js') {
    const g = jsGraph(bytes);
    if ('weights' in g) return jsSession(g);
    if (g.corrupt || choice === 'js') throw new Error(choice === 'js' ? `the JS evaluator cannot run this graph: ${g.problem}` : g.problem);
    declined = g.problem;
  }
  try {
    return await ortSession(bytes, opts);
  } catch (e) {
    if (declined !== null && e instanceof UserError && e.code === 'E_ORT_LOAD') {
      throw new UserError(
        `this graph is not one timbre-remap writes (${declined}), so only onnxruntime can run it, and onnxruntime could not load (${e.message}). ` +
          'If timbre-remap wrote the model, the file is damaged: re-export it (`timbre-remap train`); for a graph from another exporter, install onnxruntime beside timbre-remap: `ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node`.',
        'E_ORT_MISSING',
      );
    }
    throw e;
  }
}

/** The graph as the JS evaluator sees it: its weights and io names, or why it does not take it. */
type JsGraph = { weights: MlpWeights; inputName: string; outputName: string } | { problem: string; corrupt: boolean };

/**
 * The ops the evaluator implements (default ONNX domain) and the attributes it honours with their
 * only accepted values (absent = the ONNX default, which is the accepted one). The semantics of
 * these ops are unchanged from opset 17 (LayerNormalization's first) to 21.
 */
const JS_OPS: Record<string, Record<string, number[] | 'any'>> = {
  Gemm: { alpha: [1], beta: [1], transA: [0], transB: [1] },
  LayerNormalization: { axis: [-1, 1], epsilon: 'any', stash_type: [1] },
  Relu: {},
  Tanh: {},
  Clip: {},
};
const JS_OPSETS = [17, 21] as const;

function jsGraph(bytes: Uint8Array): JsGraph {
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (e) {
    return { problem: `it does not decode as an ONNX model (${firstLine(messageOf(e))})`, corrupt: true };
  }
  const no = (problem: string): JsGraph => ({ problem, corrupt: false });
  // decoded messages are class instances: repeated fields are arrays (empty when absent)
  const g = model.graph as onnx.GraphProto | null;
  if (!g || g.node.length === 0) return { problem: 'it holds no graph', corrupt: true };
  const opset = model.opsetImport.find((o) => o.domain === '' || o.domain === 'ai.onnx');
  const version = opset ? Number(String(opset.version)) : NaN;
  if (!(version >= JS_OPSETS[0] && version <= JS_OPSETS[1])) return no(`opset ${opset ? version : 'missing'}; the JS evaluator implements opsets ${JS_OPSETS[0]}–${JS_OPSETS[1]}`);
  const nodes = g.node as onnx.NodeProto[];
  for (const [k, n] of nodes.entries()) {
    const allowed = JS_OPS[n.opType];
    if ((n.domain !== '' && n.domain !== 'ai.onnx') || !allowed) return no(`node ${k} is ${n.domain ? `${n.domain}.` : ''}${n.opType}; the nodes are ${nodes.map((m) => m.opType).join(' → ')}`);
    for (const a of n.attribute as onnx.AttributeProto[]) {
      const ok = allowed[a.name];
      const v = a.type === onnx.AttributeProto.AttributeType.INT ? Number(String(a.i)) : a.type === onnx.AttributeProto.AttributeType.FLOAT ? a.f : NaN;
      if (!ok || (ok !== 'any' && !ok.includes(v)) || Number.isNaN(v)) return no(`node ${k} (${n.opType}) has attribute ${a.name}=${Number.isNaN(v) ? '?' : v}`);
    }
  }
  const initNames = new Set(g.initializer.map((t) => t.name));
  const inputs = (g.input as onnx.ValueInfoProto[]).filter((v) => !initNames.has(v.name));
  const outputs = g.output as onnx.ValueInfoProto[];
  const FLOAT = onnx.TensorProto.DataType.FLOAT;
  for (const v of [...inputs, ...outputs]) {
    const t = v.type?.tensorType;
    if (!t || t.elemType !== FLOAT || (t.shape && (t.shape.dim ?? []).length !== 2)) return no(`${v.name} is not a float32 matrix`);
  }
  for (const t of g.initializer as onnx.TensorProto[]) {
    if (t.dataType === FLOAT && !floatsFinite(t)) return no('its weights hold non-finite values (NaN or Infinity)');
  }
  const weights = readOnnxWeights(bytes);
  if (!weights || inputs.length !== 1 || outputs.length !== 1) {
    return no(`its nodes ${nodes.map((m) => m.opType).join(' → ')} do not form one of timbre-remap's networks (linear, mlp, mlp-large as \`timbre-remap train\` writes them)`);
  }
  const declared = Number(String(inputs[0].type?.tensorType?.shape?.dim?.[1]?.dimValue ?? 0));
  if (declared > 0 && declared !== weights.layers[0].inFeatures) {
    return no(`input ${inputs[0].name} is declared [N,${declared}] but the first layer takes ${weights.layers[0].inFeatures}`);
  }
  return { weights, inputName: inputs[0].name, outputName: outputs[0].name };
}

function floatsFinite(t: onnx.ITensorProto): boolean {
  if (t.rawData && t.rawData.length >= 4) {
    const view = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
    for (let i = 0; i + 4 <= t.rawData.length; i += 4) if (!Number.isFinite(view.getFloat32(i, true))) return false;
    return true;
  }
  return (t.floatData ?? []).every(Number.isFinite);
}

/** A session on the compiled evaluator: float64 inside, float32 out, as onnxruntime gives within 1e-5. */
function jsSession(g: { weights: MlpWeights; inputName: string; outputName: string }): ModelSession {
  const evaluate = compileMlp(g.weights);
  const nIn = g.weights.layers[0].inFeatures;
  const nOut = g.weights.layers[g.weights.layers.length - 1].outFeatures;
  return {
    backend: 'js',
    inputNames: [g.inputName],
    outputNames: [g.outputName],
    async run(input, n, width) {
      // the same refusal onnxruntime gives for a feed of the wrong shape
      if (width !== nIn) throw new Error(`input ${g.inputName} has ${width} columns; the model takes ${nIn}`);
      if (!Number.isInteger(n) || n < 0 || input.length < n * width) throw new Error(`input ${g.inputName} holds ${input.length} values, not ${n} rows of ${width}`);
      const data = new Float32Array(n * nOut);
      evaluate(input, data, n);
      return { data, dims: [n, nOut] };
    },
    release: async () => undefined,
  };
}

/** A session on onnxruntime (node, else wasm for `auto`). */
async function ortSession(bytes: Uint8Array, opts: RuntimeOptions): Promise<ModelSession & { warning?: string }> {
  const rt = await resolveRuntime(opts.backend === 'js' ? { ...opts, backend: 'auto' } : opts);
  let session: InferenceSession;
  try {
    session = await rt.ort.InferenceSession.create(bytes, {
      executionProviders: [rt.backend === 'onnxruntime-node' ? 'cpu' : 'wasm'],
      graphOptimizationLevel: 'all',
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
    });
  } catch (e) {
    // "no available backend": the runtime itself did not start (not a problem of this model)
    if (/no available backend/i.test(messageOf(e))) {
      const where = rt.backend === 'onnxruntime-web'
        ? ` Its WebAssembly files (ort-wasm-simd-threaded.mjs and ${WASM_FILE}) must be in onnxruntime-web/dist or next to the engine bundle (${__dirname}).`
        : '';
      throw new UserError(`${rt.backend} could not start: ${firstLine(messageOf(e))}.${where}`, 'E_ORT_LOAD');
    }
    throw e;
  }
  let queue: Promise<unknown> = Promise.resolve();
  const inputName = session.inputNames[0];
  const outputName = session.outputNames[0];
  const run = async (input: Float32Array, n: number, width: number) => {
    const feeds = { [inputName]: new rt.ort.Tensor('float32', input.length === n * width ? input : input.subarray(0, n * width), [n, width]) };
    const result = await session.run(feeds);
    const t = result[outputName];
    if (!t || t.type !== 'float32') throw new Error(`output "${outputName}" is ${t ? t.type : 'missing'}, expected float32`);
    return { data: t.data as Float32Array, dims: t.dims.map(Number) };
  };
  const warning = rt.warning && !rt.warned ? rt.warning : undefined;
  rt.warned = true;
  return {
    backend: rt.backend,
    warning,
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    run(input, n, width) {
      const p = queue.then(() => run(input, n, width));
      queue = p.catch(() => undefined);
      return p;
    },
    release: () => session.release(),
  };
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}
