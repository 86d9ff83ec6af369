/**
 * The node.script engine bundle (Node for Max loads one file): src/hosts/max/entry.ts →
 * externals/timbreremap.engine.js, CommonJS for node16 (the oldest Node Max 8.6 ships), every
 * dependency inlined except `max-api` (exists only inside node.script) and onnxruntime-node (native;
 * the model runtime falls back to onnxruntime-web's wasm, whose two files are copied beside the
 * bundle). The training workers are separate entries because src/train spawns them by file name.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { TRAIN_WORKER_FILES } from './bundleFiles';

export const ENGINE_BUNDLE = 'timbreremap.engine';
export const BUNDLE_EXTERNAL = ['max-api', 'onnxruntime-node', '@resvg/resvg-js'];
export const ORT_WASM_FILES = ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'];

export async function bundleEngine(root: string): Promise<string[]> {
  const { build } = await import('tsup');
  const outDir = join(root, 'externals');
  await build({
    entry: { [ENGINE_BUNDLE]: join(root, 'src/hosts/max/entry.ts'), trainWorker: join(root, 'src/train/trainWorker.ts'), dspWorker: join(root, 'src/train/dspWorker.ts') },
    outDir,
    format: ['cjs'],
    target: 'node16',
    platform: 'node',
    splitting: false,
    sourcemap: false,
    clean: false,
    dts: false,
    silent: true,
    external: BUNDLE_EXTERNAL,
    noExternal: [/^(?!max-api$|onnxruntime-node$|@resvg\/resvg-js$).*/],
    outExtension: () => ({ js: '.js' }),
    config: false,
  });
  const copied: string[] = [];
  const webDir = dirname(require.resolve('onnxruntime-web'));
  mkdirSync(outDir, { recursive: true });
  for (const f of ORT_WASM_FILES) {
    const src = [join(webDir, f), join(webDir, '..', 'dist', f)].find((p) => existsSync(p));
    if (src) {
      copyFileSync(src, join(outDir, f));
      copied.push(f);
    }
  }
  return [`${ENGINE_BUNDLE}.js`, ...TRAIN_WORKER_FILES, ...copied];
}
