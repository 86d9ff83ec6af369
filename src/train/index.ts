/**
 * Training for hosts and the CLI: `startTraining` runs a job in a worker thread (the caller's event
 * loop stays free), reports progress per epoch and can be cancelled (the best model so far is still
 * evaluated and written). `evaluateModel` computes the paper's table for a recording and a model.
 */
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { UserError } from '../util/errors';
import { spawnWorker } from './workerSpawn';
import { checkTrainOptions, runTraining, type TrainOptions, type TrainReport } from './run';
import type { EpochProgress } from './trainer';

export type { TrainOptions, TrainReport } from './run';
export type { EpochProgress } from './trainer';
export { runTraining } from './run';
export { evaluateModel, type EvaluateOptions, type EvaluateReport } from './evaluateModel';

/** Progress event: one per finished epoch. */
export type TrainingProgress = Pick<EpochProgress, 'epoch' | 'epochs' | 'trainLoss' | 'valLoss' | 'lr' | 'etaSec'> & Partial<EpochProgress>;

export interface TrainingJob {
  /** Resolves with the report when the bundle is written (also after `cancel`); rejects on errors. */
  readonly done: Promise<TrainReport>;
  /** Stop after the current step; the best model so far is evaluated and written. */
  cancel(): void;
  on(event: 'progress', cb: (p: TrainingProgress) => void): TrainingJob;
}

/**
 * Start training in a worker thread. Options are checked first (bad options or an existing output
 * without `force` reject `done` with a UserError before any work). `inProcess: true` runs in this
 * thread instead (tests, or hosts that already run in a worker).
 */
export function startTraining(opts: TrainOptions & { inProcess?: boolean }): TrainingJob {
  const events = new EventEmitter();
  let cancelled = false;
  let worker: Worker | null = null;
  const { inProcess, ...trainOpts } = opts;
  const done = new Promise<TrainReport>((resolve, reject) => {
    try {
      checkTrainOptions(trainOpts);
    } catch (e) {
      reject(e);
      return;
    }
    if (inProcess) {
      runTraining(trainOpts, { onProgress: (p) => events.emit('progress', p), isCancelled: () => cancelled }).then(resolve, reject);
      return;
    }
    worker = spawnWorker('trainWorker', trainOpts);
    let settled = false;
    worker.on('message', (m: { type: string; progress?: EpochProgress; report?: TrainReport; message?: string; code?: string; user?: boolean; stack?: string }) => {
      if (m.type === 'progress') events.emit('progress', m.progress);
      else if (m.type === 'done') {
        settled = true;
        resolve(m.report!);
        void worker?.terminate();
      } else if (m.type === 'error') {
        settled = true;
        const err = m.user ? new UserError(m.message ?? 'training failed', m.code) : Object.assign(new Error(m.message), { stack: m.stack });
        reject(err);
        void worker?.terminate();
      }
    });
    worker.on('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`training worker exited (code ${code}) before finishing`));
    });
  });
  const job: TrainingJob = {
    done,
    cancel() {
      cancelled = true;
      worker?.postMessage({ type: 'cancel' });
    },
    on(event, cb) {
      events.on(event, cb);
      return job;
    },
  };
  return job;
}
