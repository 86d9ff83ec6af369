/**
 * Splits a batch of hits over worker threads running the DSP kernels (both cores), or runs it
 * in-process when `workers` is 0. Each request is independent (the fused loss kernel does forward
 * and backward in one call), so results do not depend on how the batch is split.
 */
import type { Worker } from 'node:worker_threads';
import { HitLoss, NUM_FULL_FEATURES } from './diff/hitLoss';
import { NUM_PARAMS } from '../synth/params';
import { spawnWorker } from './workerSpawn';

export type DspRequest =
  | { kind: 'features'; params: Float64Array }
  | { kind: 'lossAndGrad'; params: Float64Array; targets: Float64Array; presetFeatures: Float64Array; scale: number };

export interface DspResult {
  /** n × 7 features. */
  features: Float64Array;
  /** n per-hit loss terms (lossAndGrad only). */
  losses?: Float64Array;
  /** n × 14 gradients (lossAndGrad only). */
  grad?: Float64Array;
}

/** Run one request on a kernel (used by workers and the in-process path). */
export function runDspRequest(kernel: HitLoss, req: DspRequest): DspResult {
  const n = req.params.length / NUM_PARAMS;
  const features = new Float64Array(n * NUM_FULL_FEATURES);
  if (req.kind === 'features') {
    for (let i = 0; i < n; i++) features.set(kernel.features(req.params.subarray(i * NUM_PARAMS, (i + 1) * NUM_PARAMS)), i * NUM_FULL_FEATURES);
    return { features };
  }
  const losses = new Float64Array(n);
  const grad = new Float64Array(n * NUM_PARAMS);
  for (let i = 0; i < n; i++) {
    const r = kernel.lossAndGrad(
      req.params.subarray(i * NUM_PARAMS, (i + 1) * NUM_PARAMS),
      req.targets.subarray(i * NUM_FULL_FEATURES, (i + 1) * NUM_FULL_FEATURES),
      req.presetFeatures,
      req.scale,
    );
    features.set(r.features, i * NUM_FULL_FEATURES);
    losses[i] = r.loss;
    grad.set(r.grad, i * NUM_PARAMS);
  }
  return { features, losses, grad };
}

export class DspPool {
  private readonly workers: Worker[] = [];
  private readonly local: HitLoss | null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: DspResult) => void; reject: (e: Error) => void }>();

  /** @param workers worker threads (0 = run in this thread) */
  constructor(noise: Float32Array, workers: number) {
    this.local = workers === 0 ? new HitLoss(noise) : null;
    for (let i = 0; i < workers; i++) {
      const w = spawnWorker('dspWorker', { noise });
      w.on('message', (m: DspResult & { id: number; error?: string }) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.error) p.reject(new Error(`DSP worker failed: ${m.error}`));
        else p.resolve(m);
      });
      w.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(w);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Features of n parameter vectors (n × 14 → n × 7). */
  async features(params: Float64Array): Promise<Float64Array> {
    return (await this.run({ kind: 'features', params })).features;
  }

  /** Loss terms, features and ∂L/∂params for a batch. */
  lossAndGrad(params: Float64Array, targets: Float64Array, presetFeatures: Float64Array, scale: number): Promise<Required<DspResult>> {
    return this.run({ kind: 'lossAndGrad', params, targets, presetFeatures, scale }) as Promise<Required<DspResult>>;
  }

  private async run(req: DspRequest): Promise<DspResult> {
    if (this.local) return runDspRequest(this.local, req);
    const n = req.params.length / NUM_PARAMS;
    const parts = Math.min(this.workers.length, n);
    const bounds = Array.from({ length: parts + 1 }, (_, k) => Math.round((k * n) / parts));
    const results = await Promise.all(
      Array.from({ length: parts }, (_, k) => {
        const [lo, hi] = [bounds[k], bounds[k + 1]];
        const sub: DspRequest = req.kind === 'features'
          ? { kind: 'features', params: req.params.slice(lo * NUM_PARAMS, hi * NUM_PARAMS) }
          : { ...req, params: req.params.slice(lo * NUM_PARAMS, hi * NUM_PARAMS), targets: req.targets.slice(lo * NUM_FULL_FEATURES, hi * NUM_FULL_FEATURES) };
        return this.send(this.workers[k], sub);
      }),
    );
    const features = new Float64Array(n * NUM_FULL_FEATURES);
    const losses = new Float64Array(n);
    const grad = new Float64Array(n * NUM_PARAMS);
    results.forEach((r, k) => {
      features.set(r.features, bounds[k] * NUM_FULL_FEATURES);
      if (r.losses) losses.set(r.losses, bounds[k]);
      if (r.grad) grad.set(r.grad, bounds[k] * NUM_PARAMS);
    });
    return req.kind === 'features' ? { features } : { features, losses, grad };
  }

  private send(w: Worker, req: DspRequest): Promise<DspResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.postMessage({ id, ...req });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
