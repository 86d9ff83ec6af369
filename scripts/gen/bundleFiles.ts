/** Files the engine bundle is made of, beside the engine in externals/ (scripts/gen/bundle.ts). */
/** The training workers src/train spawns by file name. */
export const TRAIN_WORKER_FILES = ['trainWorker.js', 'dspWorker.js'];
/** onnxruntime-web's WebAssembly runtime (src/model/runtime.ts looks beside the bundle). */
export const ORT_WASM_FILES = ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'];
