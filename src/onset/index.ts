/**
 * Onset detection, streaming and whole-file, in two modes (settings.ts): `adaptive` (default,
 * noise-floor relative, sample-rate independent) and `reference` (the published detector exactly).
 *
 *   const det = createOnsetDetector(44100);            // adaptive
 *   for (const block of blocks) onsets.push(...det.process(block));
 *   detectOnsets(signal, 44100, { mode: 'reference' }) // the same code on a whole signal
 *
 * `process` is per-block: no allocation per sample (one small array per block for the result),
 * never throws; the onsets it returns are absolute sample indices since the last `reset()`, and do
 * not depend on how the stream is cut into blocks.
 */
import { UserError } from '../util/errors';
import { AdaptiveOnsetCore } from './adaptive';
import { ReferenceOnsetCore } from './reference';
import { ONSET_MODES, resolveAdaptiveSettings, resolveReferenceSettings, type AdaptiveOnsetSettings, type OnsetMode, type OnsetOptions, type ReferenceOnsetSettings } from './settings';
import type { OnsetTrace, TraceSink } from './trace';

export * from './settings';
export type { OnsetTrace } from './trace';
export { AdaptiveOnsetCore } from './adaptive';
export { ReferenceOnsetCore } from './reference';

export interface OnsetDetector {
  readonly mode: OnsetMode;
  readonly sampleRateHz: number;
  /** The complete settings in use (after defaults and clamping). */
  readonly settings: Readonly<AdaptiveOnsetSettings> | Readonly<ReferenceOnsetSettings>;
  /** Messages about options that were clamped or ignored (empty when all were fine). */
  readonly warnings: readonly string[];
  /** Absolute sample indices of the onsets detected in `block` (ascending). */
  process(block: ArrayLike<number>): number[];
  /** Back to the initial state; the next sample is index 0 again. */
  reset(): void;
}

function checkRate(sampleRateHz: number): void {
  if (!(typeof sampleRateHz === 'number' && Number.isFinite(sampleRateHz) && sampleRateHz >= 1000 && sampleRateHz <= 768000)) {
    throw new UserError(`onset detector: sample rate ${typeof sampleRateHz === 'number' ? sampleRateHz : typeof sampleRateHz} Hz is not usable; give the stream's rate in Hz (1000…768000, e.g. 44100)`, 'E_SAMPLE_RATE');
  }
}

/** A signal or block: an array or typed array (values are the detector's business: NaN counts as 0). */
const isSignal = (x: unknown): x is ArrayLike<number> => Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));

function makeCore(sampleRateHz: number, opts: OnsetOptions): { mode: OnsetMode; core: AdaptiveOnsetCore | ReferenceOnsetCore; warnings: string[] } {
  checkRate(sampleRateHz);
  if (opts === null || typeof opts !== 'object') throw new UserError(`onset detector: options must be an object such as { mode: 'adaptive' }; got ${opts === null ? 'null' : typeof opts}`, 'E_ONSET_MODE');
  const mode = opts.mode ?? 'adaptive';
  if (!ONSET_MODES.includes(mode)) throw new UserError(`onset detector mode "${String(mode)}" is unknown; use one of: ${ONSET_MODES.join(', ')}`, 'E_ONSET_MODE');
  if (mode === 'reference') {
    const r = resolveReferenceSettings(sampleRateHz, opts);
    return { mode, core: new ReferenceOnsetCore(sampleRateHz, r.settings), warnings: r.warnings };
  }
  const r = resolveAdaptiveSettings(opts);
  return { mode, core: new AdaptiveOnsetCore(sampleRateHz, r.settings), warnings: r.warnings };
}

/**
 * A streaming detector. Throws UserError only for an unusable sample rate or unknown mode (hosts
 * check these once at set-up); out-of-range settings are clamped and reported in `warnings`.
 */
export function createOnsetDetector(sampleRateHz: number, opts: OnsetOptions = {}): OnsetDetector {
  const { mode, core, warnings } = makeCore(sampleRateHz, opts);
  return {
    mode,
    sampleRateHz,
    settings: core.settings,
    warnings,
    process(block: ArrayLike<number>): number[] {
      const out: number[] = [];
      if (!isSignal(block)) return out; // never throws into a host's audio thread
      core.process(block, out);
      return out;
    },
    reset(): void {
      core.reset();
    },
  };
}

/** Onsets (sample indices) of a whole signal: the streaming detector run once over it. */
export function detectOnsets(signal: ArrayLike<number>, sampleRateHz: number, opts: OnsetOptions = {}): number[] {
  if (!isSignal(signal)) throw new UserError(`detectOnsets: the signal must be an array or typed array of samples; got ${signal === null ? 'null' : typeof signal}`, 'E_ARG');
  const { core } = makeCore(sampleRateHz, opts);
  const out: number[] = [];
  core.process(signal, out);
  return out;
}

/** Onsets plus the detector's internals per sample (for `plot onsets`). */
export function detectOnsetsWithTrace(signal: ArrayLike<number>, sampleRateHz: number, opts: OnsetOptions = {}): { onsets: number[]; trace: OnsetTrace } {
  const { core } = makeCore(sampleRateHz, opts);
  const n = signal.length;
  const sink: TraceSink = { odfDb: new Float32Array(n) };
  const adaptive = core instanceof AdaptiveOnsetCore;
  if (adaptive) {
    sink.noiseFloorDb = new Float32Array(n);
    sink.levelDb = new Float32Array(n);
    sink.maskDb = new Float32Array(n);
  }
  const onsets: number[] = [];
  core.process(signal, onsets, sink);
  const s = core.settings;
  const trace: OnsetTrace = {
    odfDb: sink.odfDb,
    triggerDb: s.triggerDb,
    rearmDb: s.rearmDb,
    noiseFloorDb: adaptive ? (sink.noiseFloorDb as Float32Array) : (s as ReferenceOnsetSettings).minDb,
  };
  if (sink.levelDb) trace.levelDb = sink.levelDb;
  if (sink.maskDb) trace.maskDb = sink.maskDb;
  return { onsets, trace };
}
