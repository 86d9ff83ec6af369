/**
 * The node.script engine bundle (Node for Max loads one file): src/hosts/max/entry.ts →
 * externals/timbreremap.engine.js, CommonJS for node16 (the oldest Node Max 8.6 ships), every
 * dependency inlined except `max-api` (exists only inside node.script) and onnxruntime-node (native;
 * the model runtime falls back to onnxruntime-web's wasm, whose two files are copied beside the
 * bundle). The training workers are separate entries because src/train spawns them by file name.
 * The presets, the noise buffer and the shipped models are written into the engine file itself
 * (src/hosts/max/embedded.ts), so a frozen device that carries only the files it lists has them.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ORT_WASM_FILES, TRAIN_WORKER_FILES } from './bundleFiles';

export { ORT_WASM_FILES } from './bundleFiles';
export const ENGINE_BUNDLE = 'timbreremap.engine';
export const BUNDLE_EXTERNAL = ['max-api', 'onnxruntime-node', '@resvg/resvg-js'];

/** The data the engine carries (relative to a models folder → base64). */
export function embeddedData(root: string): { version: string; files: Record<string, string> } {
  const models = join(root, 'models');
  const files: Record<string, string> = {};
  const add = (rel: string) => (files[rel] = readFileSync(join(models, rel)).toString('base64'));
  for (const f of readdirSync(join(models, 'presets')).filter((f) => f.endsWith('.json'))) add(`presets/${f}`);
  add('noise-44100.f32');
  for (const f of readdirSync(models).filter((f) => f.endsWith('.json') && existsSync(join(models, f.replace(/\.json$/, '.onnx'))))) {
    add(f);
    add(f.replace(/\.json$/, '.onnx'));
  }
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  return { version, files };
}

export async function bundleEngine(root: string, outDir = join(root, 'externals')): Promise<string[]> {
  const { build } = await import('tsup');
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
    define: {
      __TIMBRE_REMAP_EMBEDDED__: JSON.stringify(JSON.stringify(embeddedData(root))),
      __TIMBRE_REMAP_BESIDE__: JSON.stringify(JSON.stringify([...TRAIN_WORKER_FILES, ...ORT_WASM_FILES])),
    },
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
