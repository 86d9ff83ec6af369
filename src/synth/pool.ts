/**
 * A small pool of synth voices for live playing: overlapping hits each keep their own tail.
 *
 * A new hit takes a free voice; when all `voices` are sounding, the oldest one is stolen: it fades
 * out linearly over `stealFadeMs` (no click) while the new hit starts in a spare voice, so no hit is
 * cut and no sounding voice's tail is touched except the stolen one. The pool owns 2 × `voices`
 * `SynthVoice`s (spares for the fading ones); everything is allocated up front, `process` allocates
 * nothing and never throws.
 *
 * A hit triggered at an offset into the next block is held until `process` reaches that sample, and
 * the voice is chosen there, from the voices' state on that sample: exactly what the gen~ pool
 * (tr.808~, one sample at a time) does. (Choosing at `trigger` time re-used a fading voice from the
 * start of the block, cutting its tail up to the offset.)
 */
import { checkInteger, checkOptions, checkSampleRate } from '../util/validate';
import { SynthVoice } from './voice';
import { loadNoiseBuffer } from './noise';
import { NUM_PARAMS } from './params';

/** Hits that may wait for their sample inside one block (more start at once, at their offset). */
const MAX_PENDING = 32;
/** Voices that may sound at once by default. */
export const DEFAULT_POOL_VOICES = 4;
/** Fade length of a stolen voice by default, ms. */
export const DEFAULT_STEAL_FADE_MS = 5;

export interface VoicePoolOptions {
  /** Voices that may sound at once (default 4; at least 1). */
  voices?: number;
  /** Fade length of a stolen voice, ms (default 5). */
  stealFadeMs?: number;
  /** Noise buffer shared by all voices (default: the reference's). */
  noise?: Float32Array;
  /** Output level under which a decaying voice stops (default: the voice's, 1e-5). */
  silenceThreshold?: number;
}

export class VoicePool {
  readonly sampleRateHz: number;
  /** Voices that may sound at once. */
  readonly maxVoices: number;
  readonly stealFadeSamples: number;
  private readonly slots: SynthVoice[];
  /** Trigger order of each slot (larger = newer), for choosing the oldest. */
  private readonly startedAt: Float64Array;
  private triggers = 0;
  /** Hits waiting for their sample: parameters and samples left until they start (from the next `process`). */
  private readonly pendingParams: Float64Array[];
  private readonly pendingDelay: Float64Array;
  private pendingCount = 0;

  /**
   * @param sampleRateHz host sample rate, Hz
   */
  constructor(sampleRateHz: number, opts: VoicePoolOptions = {}) {
    checkSampleRate('VoicePool', sampleRateHz);
    opts = checkOptions('VoicePool', opts);
    if (opts.voices !== undefined) checkInteger('VoicePool', 'voices', opts.voices, 1, 64, 'Use e.g. 4.');
    this.sampleRateHz = sampleRateHz;
    this.maxVoices = Math.max(1, Math.floor(opts.voices ?? DEFAULT_POOL_VOICES) || 1);
    const fadeMs = opts.stealFadeMs ?? DEFAULT_STEAL_FADE_MS;
    this.stealFadeSamples = Math.max(1, Math.round(((Number.isFinite(fadeMs) && fadeMs > 0 ? fadeMs : 0) * sampleRateHz) / 1000));
    const noise = opts.noise ?? loadNoiseBuffer();
    this.slots = Array.from({ length: 2 * this.maxVoices }, () => new SynthVoice(sampleRateHz, { noise, silenceThreshold: opts.silenceThreshold }));
    this.startedAt = new Float64Array(this.slots.length);
    this.pendingParams = Array.from({ length: MAX_PENDING }, () => new Float64Array(NUM_PARAMS));
    this.pendingDelay = new Float64Array(MAX_PENDING);
  }

  /** Voices currently producing sound (including fading ones). */
  get activeVoices(): number {
    let n = 0;
    for (const v of this.slots) if (v.active) n++;
    return n;
  }

  /**
   * Start a hit.
   * @param params01 the 14 normalised parameters (see `SynthVoice.trigger`)
   * @param offsetSamples samples into the next `process` call at which the hit starts
   * @returns false if the parameters were rejected (fewer than 14)
   */
  trigger(params01: ArrayLike<number>, offsetSamples = 0): boolean {
    if (!params01 || params01.length < NUM_PARAMS) return false;
    const offset = offsetSamples > 0 ? Math.floor(offsetSamples) : 0;
    if (offset > 0 && this.pendingCount < MAX_PENDING) {
      // keep the queue in start order (a later hit with the same offset goes after)
      let k = this.pendingCount++;
      while (k > 0 && this.pendingDelay[k - 1] > offset) {
        this.pendingDelay[k] = this.pendingDelay[k - 1];
        const t = this.pendingParams[k];
        this.pendingParams[k] = this.pendingParams[k - 1];
        this.pendingParams[k - 1] = t;
        k--;
      }
      this.pendingDelay[k] = offset;
      const dst = this.pendingParams[k];
      for (let i = 0; i < NUM_PARAMS; i++) dst[i] = params01[i];
      return true;
    }
    return this.start(params01, offset);
  }

  /** Choose a voice and start the hit in it (now, or `offset` samples into the next block when the queue is full). */
  private start(params01: ArrayLike<number>, offset: number): boolean {
    // Steal the oldest sounding (not already fading) voice when all are in use.
    let sounding = 0;
    let oldest = -1;
    for (let i = 0; i < this.slots.length; i++) {
      const v = this.slots[i];
      if (!v.active || v.fading) continue;
      sounding++;
      if (oldest < 0 || this.startedAt[i] < this.startedAt[oldest]) oldest = i;
    }
    if (sounding >= this.maxVoices && oldest >= 0) this.slots[oldest].fadeOut(this.stealFadeSamples, offset);

    // A free slot; if every spare is still fading (many hits within one fade), the oldest fading one.
    let slot = -1;
    for (let i = 0; i < this.slots.length; i++) {
      if (!this.slots[i].active) {
        slot = i;
        break;
      }
    }
    if (slot < 0) {
      for (let i = 0; i < this.slots.length; i++) {
        if (this.slots[i].fading && (slot < 0 || this.startedAt[i] < this.startedAt[slot])) slot = i;
      }
    }
    if (slot < 0) slot = oldest >= 0 ? oldest : 0;
    this.startedAt[slot] = ++this.triggers;
    return this.slots[slot].trigger(params01, offset);
  }

  /** Add every voice's output for out[start … end−1] into `out`. No allocation; never throws. */
  process(out: Float32Array, start = 0, end = out?.length): void {
    if (!(out instanceof Float32Array)) return; // a wrong call adds nothing (never throws into a host)
    let n = start;
    while (this.pendingCount > 0 && this.pendingDelay[0] < end - n) {
      const at = n + this.pendingDelay[0];
      this.render(out, n, at);
      this.advancePending(at - n);
      n = at;
      // every hit due on this sample, in trigger order
      while (this.pendingCount > 0 && this.pendingDelay[0] === 0) {
        this.start(this.pendingParams[0], 0);
        this.shiftPending();
      }
    }
    this.render(out, n, end);
    this.advancePending(end - n);
  }

  /** Silence every voice at once (and drop hits not yet started). */
  reset(): void {
    for (const v of this.slots) v.reset();
    this.pendingCount = 0;
  }

  private render(out: Float32Array, start: number, end: number): void {
    if (end > start) for (let i = 0; i < this.slots.length; i++) this.slots[i].process(out, start, end);
  }

  private advancePending(samples: number): void {
    for (let k = 0; k < this.pendingCount; k++) this.pendingDelay[k] = Math.max(0, this.pendingDelay[k] - samples);
  }

  private shiftPending(): void {
    const first = this.pendingParams[0];
    for (let k = 1; k < this.pendingCount; k++) {
      this.pendingParams[k - 1] = this.pendingParams[k];
      this.pendingDelay[k - 1] = this.pendingDelay[k];
    }
    this.pendingCount--;
    this.pendingParams[this.pendingCount] = first;
  }
}
