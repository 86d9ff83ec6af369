/**
 * Live playing, simulated on a recording: streaming onset detection block by block, the onset
 * window captured from the past input, the engine's parameters, the voice pool triggered at
 * onset + window (the live latency, 240 samples at 44.1 kHz), and an equal-power dry/wet mix
 * (`out = synth·√w + dry·√(1 − w)`), all at the input's sample rate. The CLI's `render` and the
 * benchmarks use it; it is also the reference for what the Max and Pd chains do.
 *
 * `Remapper` takes the input in chunks of any length and returns the output of each chunk at once
 * (a 2-hour recording is rendered in bounded memory); `remapRecording` is the same on a whole
 * array. Both cut the input into the same host blocks, so their results are identical.
 */
import { createOnsetDetector, type OnsetMode, type OnsetOptions } from '../onset';
import { VoicePool } from '../synth/pool';
import { UserError } from '../util/errors';
import { Engine } from './engine';
import { backtrackSamplesAt, triggerDelaySamplesAt, windowSamplesAt } from './constants';

export interface RemapOptions {
  /** Onset detector mode (default adaptive); ignored when `detectorOptions` is given. */
  detector?: OnsetMode;
  /** Complete detector options (e.g. the loaded model's `engine.detectorOptions()`). */
  detectorOptions?: OnsetOptions;
  /** 0 = dry input only, 1 = synth only (default 1). */
  dryWet?: number;
  /** Host block size in samples (default 128). Results do not depend on it. */
  blockSamples?: number;
  /** Extra output after the input ends so the last hit's tail is kept (default 1 s). */
  tailSec?: number;
  /** Voices in the pool (default 4). */
  voices?: number;
  /** Called now and then with the fraction done (0…1). */
  onProgress?: (fraction: number) => void;
}

export interface RemapHit {
  /** Detected onset (input sample index). */
  sample: number;
  /** Sample at which the synth was triggered (onset + window − backtrack). */
  triggerSample: number;
  params01: number[];
  physical: number[];
  features: number[];
}

export interface RemapResult {
  output: Float32Array;
  hits: RemapHit[];
  /** Frames the engine refused (should be empty; kept for reporting). */
  errors: string[];
}

function numberIn(name: string, v: unknown, min: number, max: number, fix: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new UserError(`${name} must be a number within ${min}…${max}; got ${typeof v === 'number' ? v : typeof v}. ${fix}`, 'E_ARG');
  }
  return v;
}

/** Input history kept for onset windows: detections are never later than one block, so 1 s is ample. */
const HISTORY_SEC = 1;

export class Remapper {
  readonly hits: RemapHit[] = [];
  readonly errors: string[] = [];
  private readonly wetGain: number;
  private readonly dryGain: number;
  private readonly block: number;
  private readonly tail: number;
  private readonly window: number;
  private readonly backtrack: number;
  private readonly delay: number;
  private readonly detector: ReturnType<typeof createOnsetDetector>;
  private readonly pool: VoicePool;
  private readonly pending: number[] = [];
  private readonly frame: Float32Array;
  /** Ring of the last `history.length` input samples (zeros after the input ends). */
  private readonly history: Float32Array;
  /** Input samples of an incomplete host block, carried to the next chunk. */
  private readonly carry: Float32Array;
  private carried = 0;
  private readonly synth: Float32Array;
  private readonly inBlock: Float32Array;
  /** Samples processed (input, then tail). */
  private pos = 0;
  private finished = false;
  private readonly onProgress?: (fraction: number) => void;

  constructor(private readonly engine: Engine, readonly sampleRateHz: number, opts: RemapOptions = {}) {
    if (!(engine instanceof Engine)) throw new UserError(`the remapper needs an Engine (new Engine()); got ${engine === null ? 'null' : typeof engine}.`, 'E_ARG');
    const rateStatus = engine.setSampleRate(sampleRateHz);
    if (!rateStatus.ok) throw new UserError(rateStatus.error, 'E_ARG');
    if (opts === null || typeof opts !== 'object') throw new UserError(`remap options must be an object; got ${opts === null ? 'null' : typeof opts}.`, 'E_ARG');
    const dryWet = numberIn('dryWet', opts.dryWet ?? 1, 0, 1, 'Use 0 for the drum only, 1 for the synth only.');
    this.wetGain = Math.sqrt(dryWet);
    this.dryGain = Math.sqrt(1 - dryWet);
    this.block = Math.floor(numberIn('blockSamples', opts.blockSamples ?? 128, 1, 65536, 'Use a host block size such as 64, 128 or 512.'));
    this.tail = Math.round(numberIn('tailSec', opts.tailSec ?? 1, 0, 60, 'Use e.g. 1 (s) to keep the last hit’s tail.') * sampleRateHz);
    const voices = numberIn('voices', opts.voices ?? 4, 1, 64, 'Use e.g. 4.');
    if (!Number.isInteger(voices)) throw new UserError(`voices must be a whole number; got ${voices}.`, 'E_ARG');
    if (opts.onProgress !== undefined && typeof opts.onProgress !== 'function') throw new UserError(`onProgress must be a function; got ${typeof opts.onProgress}.`, 'E_ARG');
    this.onProgress = opts.onProgress;
    this.window = windowSamplesAt(sampleRateHz);
    this.backtrack = backtrackSamplesAt(sampleRateHz);
    this.delay = triggerDelaySamplesAt(sampleRateHz);
    this.detector = createOnsetDetector(sampleRateHz, opts.detectorOptions ?? { mode: opts.detector ?? 'adaptive' });
    this.pool = new VoicePool(sampleRateHz, { voices });
    this.frame = new Float32Array(this.window);
    this.history = new Float32Array(Math.max(2 * this.block + this.window, Math.round(HISTORY_SEC * sampleRateHz)));
    this.carry = new Float32Array(this.block);
    this.synth = new Float32Array(this.block);
    this.inBlock = new Float32Array(this.block);
  }

  /** Detector warnings (clamped settings), for the host to show once. */
  get detectorWarnings(): readonly string[] {
    return this.detector.warnings;
  }

  /**
   * Feed the next `input.length` input samples (any chunk length). Returns the output of every
   * host block completed so far (samples of an incomplete block come with a later call or
   * `finish`): the concatenation of all returned arrays is the output stream.
   */
  async process(input: Float32Array): Promise<Float32Array> {
    if (this.finished) throw new UserError('the remapper has finished; create a new one for another recording.', 'E_ARG');
    if (!(input instanceof Float32Array)) throw new UserError(`input must be a Float32Array of samples; got ${input === null ? 'null' : typeof input}.`, 'E_ARG');
    for (let i = 0; i < input.length; i++) if (!Number.isFinite(input[i])) throw new UserError(`input sample ${this.pos + this.carried + i} is ${input[i]}; every sample must be finite.`, 'E_ARG');
    const out = new Float32Array(Math.floor((this.carried + input.length) / this.block) * this.block);
    let at = 0;
    let outAt = 0;
    while (at < input.length) {
      if (this.carried === 0 && input.length - at >= this.block) {
        // Whole blocks straight from the input (no copy); the same blocks as through the carry.
        await this.runBlock(input.subarray(at, at + this.block), this.block, this.block, out, outAt);
        at += this.block;
        outAt += this.block;
        continue;
      }
      const take = Math.min(this.block - this.carried, input.length - at);
      this.carry.set(input.subarray(at, at + take), this.carried);
      this.carried += take;
      at += take;
      if (this.carried === this.block) {
        await this.runBlock(this.carry, this.block, this.block, out, outAt);
        outAt += this.block;
        this.carried = 0;
      }
    }
    return out;
  }

  /** The input has ended: the incomplete last block (padded with silence) and the tail. */
  async finish(): Promise<Float32Array> {
    if (this.finished) return new Float32Array(0);
    this.finished = true;
    const total = this.carried + this.tail;
    const out = new Float32Array(total);
    let outAt = 0;
    let inputInBlock = this.carried;
    while (outAt < total) {
      const n = Math.min(this.block, total - outAt);
      this.carry.fill(0, inputInBlock);
      await this.runBlock(this.carry, n, inputInBlock, out, outAt);
      outAt += n;
      inputInBlock = 0;
    }
    this.carried = 0;
    this.onProgress?.(1);
    return out;
  }

  /** Report progress as the fraction of `inputSamples` + tail processed. */
  expectInput(inputSamples: number): void {
    this.progressTotal = inputSamples + this.tail;
  }
  private progressTotal = 0;
  private lastProgress = 0;

  /** One host block of `n` samples starting at `this.pos`; the first `inputN` are input, the rest zeros. */
  private async runBlock(src: Float32Array, n: number, inputN: number, out: Float32Array, outAt: number): Promise<void> {
    const start = this.pos;
    const end = start + n;
    const blockIn = n === this.block ? src : src.subarray(0, n);
    const h = this.history;
    const H = h.length;
    const at0 = start % H; // the ring holds every block whole or split once at its end
    if (at0 + n <= H) h.set(blockIn, at0);
    else {
      h.set(blockIn.subarray(0, H - at0), at0);
      h.set(blockIn.subarray(H - at0), 0);
    }
    for (const d of this.detector.process(blockIn)) this.pending.push(d);
    const synth = this.synth;
    synth.fill(0, 0, n);
    let cursor = start;
    while (this.pending.length && this.pending[0] + this.delay < end) {
      const d = this.pending.shift() as number;
      const at = Math.max(d + this.delay, cursor);
      if (at > cursor) this.pool.process(synth, cursor - start, at - start);
      cursor = at;
      const from = d - this.backtrack;
      if (from + this.window > end || from < end - H) throw new UserError(`internal: onset at sample ${d} reported outside the kept input history; please report this.`, 'E_INTERNAL');
      for (let i = 0; i < this.window; i++) {
        const k = from + i;
        this.frame[i] = k >= 0 ? h[k % H] : 0;
      }
      const r = await this.engine.processFrame(this.frame);
      if (!r.ok) {
        this.errors.push(`onset at sample ${d}: ${r.error}`);
        continue;
      }
      this.pool.trigger(r.params01);
      this.hits.push({ sample: d, triggerSample: at, params01: Array.from(r.params01), physical: Array.from(r.physical), features: Array.from(r.features) });
    }
    if (cursor < end) this.pool.process(synth, cursor - start, n);
    const wet = this.wetGain;
    const dry = this.dryGain;
    for (let i = 0; i < n; i++) out[outAt + i] = wet * synth[i] + dry * (i < inputN ? blockIn[i] : 0);
    this.pos = end;
    const cb = this.onProgress;
    if (cb && this.progressTotal > 0 && end - this.lastProgress >= this.sampleRateHz) {
      this.lastProgress = end;
      cb(Math.min(1, end / this.progressTotal));
    }
  }
}

/** The whole recording at once (the same blocks and arithmetic as streaming through `Remapper`). */
export async function remapRecording(engine: Engine, input: Float32Array, sampleRateHz: number, opts: RemapOptions = {}): Promise<RemapResult> {
  if (!(input instanceof Float32Array)) throw new UserError(`remapRecording: input must be a Float32Array of samples; got ${input === null ? 'null' : typeof input}.`, 'E_ARG');
  const r = new Remapper(engine, sampleRateHz, opts);
  r.expectInput(input.length);
  const head = await r.process(input);
  const rest = await r.finish();
  const output = new Float32Array(head.length + rest.length);
  output.set(head);
  output.set(rest, head.length);
  return { output, hits: r.hits, errors: r.errors };
}
