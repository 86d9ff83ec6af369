/**
 * Training for hosts and the CLI: `startTraining` runs a job in a worker thread (the caller's event
 * loop stays free), reports progress per epoch and can be stopped: `cancel` keeps the best model
 * so far (written once at least one epoch has finished), `abort` stops at once and writes nothing.
 * `evaluateModel` computes the paper's table and the follow check for a recording and a model.
 */
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { UserError } from '../util/errors';
import { spawnWorker } from './workerSpawn';
import { checkTrainOptions, runTraining, type TrainOptions, type TrainProgress, type TrainReport } from './run';

export type { TrainOptions, TrainReport, TrainProgress } from './run';
export type { EpochProgress } from './trainer';
export { runTraining } from './run';
export { evaluateModel, type EvaluateOptions, type EvaluateReport } from './evaluateModel';

/** Progress event: one per finished epoch (of the model, then of each cross-validation fold). */
export type TrainingProgress = TrainProgress;

/**
 * How long a cancelled job may take to stop by itself before its worker is terminated: short
 * before the first epoch (there is nothing to keep), longer after (the best model is evaluated and
 * written, atomically).
 */
export const CANCEL_GRACE_MS = { beforeFirstEpoch: 2000, afterFirstEpoch: 20000 };

export interface TrainingJob {
  /** Resolves with the report when the bundle is written (also after `cancel`); rejects on errors. */
  readonly done: Promise<TrainReport>;
  /** Stop after the current step; the best model so far is evaluated and written. */
  cancel(): void;
  /** Stop now: the worker is terminated, nothing is written, `done` rejects with E_CANCELLED. */
  abort(): void;
  on(event: 'progress', cb: (p: TrainingProgress) => void): TrainingJob;
}

const cancelledError = () => new UserError('training was stopped before a model could be kept; nothing was written.', 'E_CANCELLED');

/**
 * Start training in a worker thread. Options are checked first (bad options or an existing output
 * without `force` reject `done` with a UserError before any work). `inProcess: true` runs in this
 * thread instead (tests, or hosts that already run in a worker).
 */
export function startTraining(opts: TrainOptions & { inProcess?: boolean }): TrainingJob {
  const events = new EventEmitter();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker | null = null;
  let settled = false;
  let sawEpoch = false;
  let fail: (e: Error) => void = () => undefined;
  let graceTimer: NodeJS.Timeout | null = null;
  const { inProcess, ...trainOpts } = opts;
  const stopWorker = () => {
    if (graceTimer) clearTimeout(graceTimer);
    graceTimer = null;
    const w = worker;
    worker = null;
    void w?.terminate();
  };
  const done = new Promise<TrainReport>((resolve, reject) => {
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
      stopWorker();
    };
    fail = (e) => finish(() => reject(e));
    try {
      checkTrainOptions(trainOpts);
    } catch (e) {
      settled = true;
      reject(e);
      return;
    }
    const onProgress = (p: TrainingProgress) => {
      sawEpoch = true;
      events.emit('progress', p);
    };
    if (inProcess) {
      runTraining(trainOpts, { onProgress, isCancelled: () => Atomics.load(flag, 0) !== 0 }).then((r) => finish(() => resolve(r)), (e) => finish(() => reject(e)));
      return;
    }
    const w = spawnWorker('trainWorker', { options: trainOpts, cancel: flag });
    worker = w;
    w.on('message', (m: { type: string; progress?: TrainingProgress; report?: TrainReport; message?: string; code?: string; user?: boolean; stack?: string }) => {
      if (m.type === 'progress') onProgress(m.progress as TrainingProgress);
      else if (m.type === 'done') finish(() => resolve(m.report as TrainReport));
      else if (m.type === 'error') {
        const err = m.user ? new UserError(m.message ?? 'training failed', m.code) : Object.assign(new Error(m.message), { stack: m.stack });
        finish(() => reject(err));
      }
    });
    w.on('error', (e) => finish(() => reject(e)));
    w.on('exit', (code) => finish(() => reject(Atomics.load(flag, 0) ? cancelledError() : new Error(`training worker exited (code ${code}) before finishing`))));
  });
  const job: TrainingJob = {
    done,
    cancel() {
      if (settled || Atomics.load(flag, 0)) return;
      Atomics.store(flag, 0, 1);
      if (worker) graceTimer = setTimeout(() => fail(cancelledError()), sawEpoch ? CANCEL_GRACE_MS.afterFirstEpoch : CANCEL_GRACE_MS.beforeFirstEpoch);
    },
    abort() {
      Atomics.store(flag, 0, 1);
      if (worker) fail(cancelledError());
    },
    on(event, cb) {
      events.on(event, cb);
      return job;
    },
  };
  return job;
}
