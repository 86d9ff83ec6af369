/**
 * Worker thread for the DSP kernels: holds one `HitLoss` (synth + features + adjoints) and answers
 * `DspRequest`s for its share of a batch. Entry point for the build: `src/train/dspWorker.ts`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { HitLoss } from './diff/hitLoss';
import { runDspRequest, type DspRequest } from './dspPool';

const port = parentPort;
if (port) {
  const kernel = new HitLoss((workerData as { noise: Float32Array }).noise);
  port.on('message', (req: DspRequest & { id: number }) => {
    try {
      const res = runDspRequest(kernel, req);
      port.postMessage({ id: req.id, ...res });
    } catch (e) {
      port.postMessage({ id: req.id, error: (e as Error).stack ?? String(e) });
    }
  });
}
