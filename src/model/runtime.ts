/**
 * onnxruntime sessions for the mapping networks: onnxruntime-node (native) by default; if its
 * native binding cannot load on this host, onnxruntime-web's WebAssembly backend (single thread),
 * with one warning. Models give the same numbers on both (tested); the wasm one is slower to start.
 *
 * The wasm backend needs `ort-wasm-simd-threaded.mjs` and `ort-wasm-simd-threaded.wasm` from
 * `onnxruntime-web/dist`: found through `require.resolve('onnxruntime-web')` or, for a bundle that
 * inlines onnxruntime-web (the Max engine bundle), next to the bundle itself.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { UserError, messageOf } from '../util/errors';

export type BackendName = 'onnxruntime-node' | 'onnxruntime-web';
/** `auto`: native, else wasm with a warning. `node`/`web`: that one only. */
export type BackendChoice = 'auto' | 'node' | 'web';

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
  backend: BackendName;
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
 * Choose and load the onnxruntime package. With the default loaders and `auto`, the choice is made
 * once per process (so the fallback warning is given once); injected loaders resolve every call.
 */
export function resolveRuntime(opts: RuntimeOptions = {}): Promise<Runtime> {
  const choice = opts.backend ?? 'auto';
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

/** A session on the chosen runtime. Runs are serialised (onnxruntime-web cannot overlap runs of one session). */
export async function createSession(bytes: Uint8Array, opts: RuntimeOptions = {}): Promise<ModelSession & { warning?: string }> {
  const rt = await resolveRuntime(opts);
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
