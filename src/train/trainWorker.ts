/**
 * Worker thread running one training job for `startTraining` (so hosts' event loops never block).
 * Messages in: {type: 'cancel'}. Out: {type: 'progress', progress}, {type: 'done', report},
 * {type: 'error', message, code, user}. Entry point for the build: `src/train/trainWorker.ts`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../util/errors';
import { runTraining, type TrainOptions } from './run';

const port = parentPort;
if (port) {
  let cancelled = false;
  port.on('message', (m: { type: string }) => {
    if (m?.type === 'cancel') cancelled = true;
  });
  runTraining(workerData as TrainOptions, {
    onProgress: (progress) => port.postMessage({ type: 'progress', progress }),
    isCancelled: () => cancelled,
  }).then(
    (report) => port.postMessage({ type: 'done', report }),
    (e: unknown) => {
      const user = e instanceof UserError;
      port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e), code: user ? (e as UserError).code : 'E_INTERNAL', user, stack: e instanceof Error ? e.stack : undefined });
    },
  );
}
