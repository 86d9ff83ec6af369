/**
 * Start a worker thread from a sibling module, in source (TypeScript under tsx/jest) or built form.
 * From .ts sources the worker first registers tsx's CommonJS loader so Node can load TypeScript;
 * from dist/*.js it runs plain. Built layout: the lead's tsup config emits `dspWorker.js` and `trainWorker.js`
 * (entries `src/train/dspWorker.ts`, `src/train/trainWorker.ts`) next to the bundle or in `train/`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export function spawnWorker(baseName: 'dspWorker' | 'trainWorker', workerData?: unknown): Worker {
  const fromTs = __filename.endsWith('.ts');
  const ext = fromTs ? '.ts' : '.js';
  const candidates = [join(__dirname, baseName + ext), join(__dirname, 'train', baseName + ext), join(__dirname, '..', baseName + ext)];
  const file = candidates.find((c) => existsSync(c));
  if (!file) throw new Error(`worker module ${baseName}${ext} not found (looked in ${candidates.join(', ')}); the build must emit it`);
  if (!fromTs) return new Worker(file, { workerData });
  // TypeScript sources (tsx, jest): register tsx's CommonJS loader inside the worker, then load it
  const boot = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(file)});`;
  return new Worker(boot, { eval: true, workerData });
}
