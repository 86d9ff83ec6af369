/**
 * Worker thread for the DSP kernels: holds the `HitLoss` kernels (synth + features + adjoints) and answers
 * `DspRequest`s for its share of a batch. Entry point for the build: `src/train/dspWorker.ts`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { makeKernels, runDspRequest, type DspRequest } from './dspPool';

const port = parentPort;
if (port) {
  const { noise, sustainStride } = workerData as { noise: Float32Array; sustainStride?: number };
  const kernel = makeKernels(noise, sustainStride);
  port.on('message', (req: DspRequest & { id: number }) => {
    try {
      const res = runDspRequest(kernel, req);
      port.postMessage({ id: req.id, ...res });
    } catch (e) {
      port.postMessage({ id: req.id, error: (e as Error).stack ?? String(e) });
    }
  });
}
