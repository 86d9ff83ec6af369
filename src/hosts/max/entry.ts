/**
 * node.script entry (bundled to externals/timbreremap.engine.js): wires the real `max-api` to the
 * host. Crashes never pass silently: uncaught errors are posted to the Max console and shown on
 * the status outlet (`status crashed`); `script start` recovers.
 *
 * Where the data is: in the package, `../models` beside externals/. In a frozen Max for Live
 * device the engine file stands alone (Max embeds the files the device lists, flat): the presets,
 * noise buffer and shipped models are inside this file (embedded.ts) and unpacked to a folder of
 * their own. The files the engine opens beside itself (the training workers, onnxruntime-web's
 * wasm) are checked at start: a missing one is named in the console.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../engine/engine';
import { startTraining } from '../../train';
import { messageOf } from '../../util/errors';
import { createMaxHost, type MaxStartTraining } from './host';
import { requireMaxApi } from './maxApi';
import { DEFAULT_MODEL } from './defaults';
import { unpackEmbedded, type EmbeddedData } from './embedded';

/** Set by the bundler (scripts/gen/bundle.ts): the embedded data as JSON, and the files beside the engine. */
declare const __TIMBRE_REMAP_EMBEDDED__: string | undefined;
declare const __TIMBRE_REMAP_BESIDE__: string | undefined;

const api = requireMaxApi();

function crash(e: unknown): void {
  const msg = e instanceof Error ? e.stack ?? e.message : String(e);
  void api.post(`timbreremap: engine error: ${msg}. Send "script start" to restart it.`, api.POST_LEVELS.ERROR);
  void api.outlet('status', 'crashed');
}
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

/** The models folder: the package's, else the embedded copy unpacked (frozen device). */
function modelsFolder(): string {
  const packaged = join(__dirname, '..', 'models');
  if (existsSync(join(packaged, 'presets'))) return packaged;
  if (typeof __TIMBRE_REMAP_EMBEDDED__ !== 'string') return packaged;
  const dir = unpackEmbedded(JSON.parse(__TIMBRE_REMAP_EMBEDDED__) as EmbeddedData);
  process.env.TIMBRE_REMAP_DATA = dir; // presets and noise (src/synth), also in training workers
  return dir;
}

let modelsDir: string;
try {
  modelsDir = modelsFolder();
} catch (e) {
  modelsDir = join(__dirname, '..', 'models');
  void api.post(`timbreremap: the engine could not unpack its models and presets (${messageOf(e)}); check that the temporary folder is writable.`, api.POST_LEVELS.ERROR);
}
const beside: string[] = typeof __TIMBRE_REMAP_BESIDE__ === 'string' ? (JSON.parse(__TIMBRE_REMAP_BESIDE__) as string[]) : [];
const missing = beside.filter((f) => !existsSync(join(__dirname, f)));
if (missing.length) {
  void api.post(
    `timbreremap: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing beside ${join(__dirname, 'timbreremap.engine.js')} (models need onnxruntime's wasm files, training its worker files). ` +
      'In the package: reinstall it (or run npm run build). A frozen device: freeze it again from the package, whose device lists these files.',
    api.POST_LEVELS.ERROR,
  );
}

createMaxHost(api, () => new Engine({ sampleRateHz: 44100 }), {
  modelsDir,
  startTraining: startTraining as unknown as MaxStartTraining,
  // the first sound in Max is the remapping (a shipped model), not a bare preset
  defaultModel: DEFAULT_MODEL,
});
