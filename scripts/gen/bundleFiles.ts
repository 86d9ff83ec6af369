/** The training workers src/train spawns by file name, bundled beside the engine (scripts/gen/bundle.ts). */
export const TRAIN_WORKER_FILES = ['trainWorker.js', 'dspWorker.js'];
