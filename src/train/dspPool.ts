/**
 * Splits a batch of hits over worker threads running the DSP kernels (both cores), or runs it
 * in-process when `workers` is 0. Each request is independent (the fused loss kernel does forward
 * and backward in one call), so results do not depend on how the batch is split.
 */
import type { Worker } from 'node:worker_threads';
import { HitLoss, NUM_LOSS_FEATURES } from './diff/hitLoss';
import { NUM_PARAMS } from '../synth/params';
import { spawnWorker } from './workerSpawn';

export type DspRequest =
  | { kind: 'features'; params: Float64Array; clipPenalty?: number; fast?: boolean }
  | {
    kind: 'lossAndGrad'; params: Float64Array; targets: Float64Array; presetFeatures: Float64Array; fast?: boolean;
    /** One weight for the 7 full features, or 10 per-loss-feature weights (src/train/loss.ts). */
    weights: number | Float64Array;
    /** Weight of the clipping penalty (0 = none). */
    clipPenalty: number;
  };

export interface DspResult {
  /** n × 10 loss features (7 full + 3 onset, hitLoss.ts). */
  features: Float64Array;
  /** n: samples of each hit's render within 1 % of full scale. */
  clippedSamples: Float64Array;
  /** n: each hit's output peak |out| (features only). */
  peaks?: Float64Array;
  /** n per-hit loss terms, penalty included (lossAndGrad only). */
  losses?: Float64Array;
  /** n per-hit clipping penalties (0 unless a penalty weight was given). */
  penalties?: Float64Array;
  /** n × 14 gradients (lossAndGrad only). */
  grad?: Float64Array;
}

/**
 * The kernels of one thread: `exact` (the features as defined) and `fast` (training steps: sustain
 * means from every SUSTAIN_STRIDE-th frame, see DiffFullFeatures).
 */
export interface Kernels {
  exact: HitLoss;
  fast: HitLoss;
}

/**
 * Training steps estimate the sustain (S) means of the full features from every 4th of the 64
 * frames: with hop 512 and frames of 2048 these 16 frames do not overlap and still cover the
 * sustain once, for 3.5× less feature work per hit. Evaluation always uses the exact features.
 */
export const SUSTAIN_STRIDE = 4;

export function makeKernels(noise: ArrayLike<number>, sustainStride = SUSTAIN_STRIDE): Kernels {
  const exact = new HitLoss(noise);
  return { exact, fast: sustainStride > 1 ? new HitLoss(noise, 44100, true, sustainStride) : exact };
}

/** Run one request on a thread's kernels (used by workers and the in-process path). */
export function runDspRequest(kernels: Kernels, req: DspRequest): DspResult {
  const kernel = req.fast ? kernels.fast : kernels.exact;
  const n = req.params.length / NUM_PARAMS;
  const features = new Float64Array(n * NUM_LOSS_FEATURES);
  const clippedSamples = new Float64Array(n);
  if (req.kind === 'features') {
    const peaks = new Float64Array(n);
    const penalties = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = kernel.featuresAndClip(req.params.subarray(i * NUM_PARAMS, (i + 1) * NUM_PARAMS), req.clipPenalty ?? 0);
      features.set(r.features, i * NUM_LOSS_FEATURES);
      clippedSamples[i] = r.clippedSamples;
      peaks[i] = r.peak;
      penalties[i] = r.clipPenalty;
    }
    return { features, clippedSamples, peaks, penalties };
  }
  const losses = new Float64Array(n);
  const penalties = new Float64Array(n);
  const grad = new Float64Array(n * NUM_PARAMS);
  for (let i = 0; i < n; i++) {
    const r = kernel.lossAndGrad(
      req.params.subarray(i * NUM_PARAMS, (i + 1) * NUM_PARAMS),
      req.targets.subarray(i * NUM_LOSS_FEATURES, (i + 1) * NUM_LOSS_FEATURES),
      req.presetFeatures,
      req.weights,
      req.clipPenalty,
    );
    features.set(r.features, i * NUM_LOSS_FEATURES);
    clippedSamples[i] = r.clippedSamples;
    losses[i] = r.loss;
    penalties[i] = r.clipPenalty;
    grad.set(r.grad, i * NUM_PARAMS);
  }
  return { features, clippedSamples, losses, penalties, grad };
}

/** Features and clipping statistics of n parameter vectors. */
export interface SynthAnalysis {
  /** n × 10 loss features (7 full + 3 onset, hitLoss.ts). */
  features: Float64Array;
  clippedSamples: Float64Array;
  peaks: Float64Array;
  /** Clipping penalty per hit (0 without a weight). */
  penalties: Float64Array;
}

export class DspPool {
  private readonly workers: Worker[] = [];
  private readonly local: Kernels | null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: DspResult) => void; reject: (e: Error) => void }>();

  /**
   * @param workers worker threads (0 = run in this thread)
   * @param sustainStride frame stride of the `fast` requests (SUSTAIN_STRIDE; 1 = always exact)
   */
  constructor(noise: Float32Array, workers: number, sustainStride = SUSTAIN_STRIDE) {
    this.local = workers === 0 ? makeKernels(noise, sustainStride) : null;
    for (let i = 0; i < workers; i++) {
      const w = spawnWorker('dspWorker', { noise, sustainStride });
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

  /** Loss features of n parameter vectors (n × 14 → n × 10). */
  async features(params: Float64Array): Promise<Float64Array> {
    return (await this.run({ kind: 'features', params })).features;
  }

  /** Features, clipped-sample counts and peaks of n parameter vectors. */
  async analyse(params: Float64Array, clipPenalty = 0, fast = false): Promise<SynthAnalysis> {
    const r = await this.run({ kind: 'features', params, clipPenalty, fast });
    return { features: r.features, clippedSamples: r.clippedSamples, peaks: r.peaks as Float64Array, penalties: r.penalties as Float64Array };
  }

  /**
   * Loss terms, features and ∂L/∂params for a batch.
   * @param weights one weight for the 7 full features (the reference's 1/(n·7)) or 10 per-feature weights
   * @param clipPenalty weight of the clipping penalty (0 = none)
   */
  lossAndGrad(params: Float64Array, targets: Float64Array, presetFeatures: Float64Array, weights: number | Float64Array, clipPenalty = 0, fast = false): Promise<Required<Omit<DspResult, 'peaks'>>> {
    return this.run({ kind: 'lossAndGrad', params, targets, presetFeatures, weights, clipPenalty, fast }) as Promise<Required<Omit<DspResult, 'peaks'>>>;
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
          ? { ...req, params: req.params.slice(lo * NUM_PARAMS, hi * NUM_PARAMS) }
          : { ...req, params: req.params.slice(lo * NUM_PARAMS, hi * NUM_PARAMS), targets: req.targets.slice(lo * NUM_LOSS_FEATURES, hi * NUM_LOSS_FEATURES) };
        return this.send(this.workers[k], sub);
      }),
    );
    const features = new Float64Array(n * NUM_LOSS_FEATURES);
    const clippedSamples = new Float64Array(n);
    const peaks = new Float64Array(n);
    const losses = new Float64Array(n);
    const penalties = new Float64Array(n);
    const grad = new Float64Array(n * NUM_PARAMS);
    results.forEach((r, k) => {
      features.set(r.features, bounds[k] * NUM_LOSS_FEATURES);
      clippedSamples.set(r.clippedSamples, bounds[k]);
      if (r.peaks) peaks.set(r.peaks, bounds[k]);
      if (r.losses) losses.set(r.losses, bounds[k]);
      if (r.penalties) penalties.set(r.penalties, bounds[k]);
      if (r.grad) grad.set(r.grad, bounds[k] * NUM_PARAMS);
    });
    return req.kind === 'features' ? { features, clippedSamples, peaks, penalties } : { features, clippedSamples, losses, penalties, grad };
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
