/**
 * Worker thread running one training job for `startTraining` (so hosts' event loops never block).
 * Cancellation is a shared flag (workerData.cancel, an Int32Array on a SharedArrayBuffer) read
 * synchronously, so it is seen even while the worker is busy in synchronous work (reading and
 * analysing recordings) that would never let a 'cancel' message through.
 * Out: {type: 'progress', progress}, {type: 'done', report}, {type: 'error', message, code, user}.
 * Entry point for the build: `src/train/trainWorker.ts`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../util/errors';
import { runTraining, type TrainOptions } from './run';

const port = parentPort;
if (port) {
  const { options, cancel } = workerData as { options: TrainOptions; cancel: Int32Array };
  runTraining(options, {
    onProgress: (progress) => port.postMessage({ type: 'progress', progress }),
    isCancelled: () => Atomics.load(cancel, 0) !== 0,
  }).then(
    (report) => port.postMessage({ type: 'done', report }),
    (e: unknown) => {
      const user = e instanceof UserError;
      port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e), code: user ? (e as UserError).code : 'E_INTERNAL', user, stack: e instanceof Error ? e.stack : undefined });
    },
  );
}
