/**
 * A small pool of synth voices for live playing: overlapping hits each keep their own tail.
 *
 * A new hit takes a free voice; when all `voices` are sounding, the oldest one is stolen: it fades
 * out linearly over `stealFadeMs` (no click) while the new hit starts in a spare voice, so no hit is
 * cut and no sounding voice's tail is touched except the stolen one. The pool owns 2 × `voices`
 * `SynthVoice`s (spares for the fading ones); everything is allocated up front, `process` allocates
 * nothing and never throws.
 */
import { UserError } from '../util/errors';
import { checkInteger, checkOptions, checkSampleRate } from '../util/validate';
import { SynthVoice } from './voice';
import { loadNoiseBuffer } from './noise';
import { NUM_PARAMS } from './params';

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

  /**
   * @param sampleRateHz host sample rate, Hz
   */
  constructor(sampleRateHz: number, opts: VoicePoolOptions = {}) {
    checkSampleRate('VoicePool', sampleRateHz);
    opts = checkOptions('VoicePool', opts);
    if (opts.voices !== undefined) checkInteger('VoicePool', 'voices', opts.voices, 1, 64, 'Use e.g. 4.');
    this.sampleRateHz = sampleRateHz;
    this.maxVoices = Math.max(1, Math.floor(opts.voices ?? 4) || 1);
    const fadeMs = opts.stealFadeMs ?? 5;
    this.stealFadeSamples = Math.max(1, Math.round(((Number.isFinite(fadeMs) && fadeMs > 0 ? fadeMs : 0) * sampleRateHz) / 1000));
    const noise = opts.noise ?? loadNoiseBuffer();
    this.slots = Array.from({ length: 2 * this.maxVoices }, () => new SynthVoice(sampleRateHz, { noise, silenceThreshold: opts.silenceThreshold }));
    this.startedAt = new Float64Array(this.slots.length);
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
    if (!(out instanceof Float32Array)) throw new UserError('VoicePool.process: out must be a Float32Array (the block to add the voices to).', 'E_ARG');
    for (let i = 0; i < this.slots.length; i++) this.slots[i].process(out, start, end);
  }

  /** Silence every voice at once. */
  reset(): void {
    for (const v of this.slots) v.reset();
  }
}
