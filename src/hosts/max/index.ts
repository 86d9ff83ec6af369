/** The Max host (node.script): see host.ts. The entry file is entry.ts (bundled, not exported here). */
export { createMaxHost, maxPathToNative, MAX_PENDING, CHECK_TOLERANCE, type MaxEngine, type MaxHost, type MaxHostOptions, type MaxStartTraining, type MaxTrainingJob } from './host';
export { MAX_IN, MAX_OUT, KNOWN_SELECTORS, type MaxMessageSpec } from './messages';
export type { MaxApiLike } from './maxApi';
export type { MaxTrainReport } from './trainSummary';
