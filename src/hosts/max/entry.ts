/**
 * node.script entry (bundled to externals/timbreremap.engine.js): wires the real `max-api` to the
 * host. Crashes never pass silently: uncaught errors are posted to the Max console and shown on
 * the status outlet (`status crashed`); `script start` recovers.
 */
import { join } from 'node:path';
import { Engine } from '../../engine/engine';
import { startTraining } from '../../train';
import { createMaxHost, type MaxStartTraining } from './host';
import { requireMaxApi } from './maxApi';
import { DEFAULT_MODEL } from './defaults';

const api = requireMaxApi();
const modelsDir = join(__dirname, '..', 'models');

function crash(e: unknown): void {
  const msg = e instanceof Error ? e.stack ?? e.message : String(e);
  void api.post(`timbreremap: engine error: ${msg}. Send "script start" to restart it.`, api.POST_LEVELS.ERROR);
  void api.outlet('status', 'crashed');
}
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

createMaxHost(api, () => new Engine({ sampleRateHz: 44100 }), {
  modelsDir,
  startTraining: startTraining as unknown as MaxStartTraining,
  // the first sound in Max is the remapping (a shipped model), not a bare preset
  defaultModel: DEFAULT_MODEL,
});
