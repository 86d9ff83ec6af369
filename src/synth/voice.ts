/**
 * One voice of the 14-parameter 808 snare synth, sample by sample, with the training semantics of
 * the reference (`Snare808`, reference-implementation.md §1.1):
 *
 *   fe, e1, e2, en = ExpDecayEnvelopes (src/dsp/envelope), restarted on each trigger
 *   phiₖ[0] = 0,  phiₖ[n+1] = phiₖ[n] + wₖ·(1 + modₖ·fe[n]),  wₖ = 2π·fₖ/sr       (k = 1, 2)
 *   tone[n]  = g1·e1[n]·sin(phi1[n]) + g2·e2[n]·sin(phi2[n])
 *   noise[n] = gn · clamp±1( HPF(fc, Q)( u[n mod L]·en[n] ) )   (u = the fixed noise buffer, from index 0)
 *   out[n]   = tanh( G·(tone[n] + noise[n]) ),   g = 10^(dB/20)
 *
 * Every time constant uses the host sample rate (attack length, decay factors, oscillator increments,
 * filter). The noise buffer is read at one sample per output sample whatever the rate (it is a fixed
 * white-noise sequence, not a recording).
 *
 * Float32 fidelity (why the `Math.fround` calls): the reference runs in float32 but PyTorch's CPU
 * `cumsum`/`cumprod` accumulate in float64 and store float32. So the parameters, the per-sample phase
 * increments and the envelope factors are rounded to float32 like the reference's tensor ops, the
 * phase and envelope products are accumulated in float64, and the phase is rounded to float32 before
 * `sin` (it is stored as a float32 tensor). Without the increment rounding the high-frequency random
 * renders drift by up to 6e-3; without the phase rounding by 5e-5. The noise filter runs in float64
 * with `highpassCoeffs` (within 1e-5 of the reference's float32 filter). All 16 golden renders match
 * within 8e-6 per sample. `sin` is `fastSin` (|error| < 1e-10, ~1.4× faster than Math.sin here).
 *
 * Real-time use: `process` adds into the caller's buffer, allocates nothing and never throws.
 */
import { highpassCoeffs, type BiquadCoeffs } from '../dsp/biquad';
import {
  createExpDecayEnvelope,
  envelopeInAttack,
  stepExpDecayEnvelope,
  triggerExpDecayEnvelope,
  type ExpDecayEnvelopeState,
} from '../dsp/envelope';
import { NUM_PARAMS, P, PARAMS } from './params';
import { loadNoiseBuffer } from './noise';
import { UserError } from '../util/errors';
import { checkOptions, checkSampleRate } from '../util/validate';
import { fastSin } from './fastMath';

const F = Math.fround;
// Direct references for the inner loop: when the sources run unbundled (tsx, jest) every imported
// binding is a getter on the module object, which made the loop ~2× slower than the bundled build.
const stepEnvelope = stepExpDecayEnvelope;
const sin = fastSin;
const TWO_PI_F32 = F(2 * Math.PI);
/** Output level (dBFS −100) under which a decaying voice stops. */
export const DEFAULT_SILENCE_THRESHOLD = 1e-5;
/** Highest noise-filter cutoff as a fraction of the sample rate: just below Nyquist, where tan(π·fc/sr) blows up. */
export const MAX_CUTOFF_FRACTION = 0.4999;
/** Filter outputs smaller than this are flushed to 0 (far below float32 resolution of any audible signal). */
const TINY = 1e-30;

export interface SynthVoiceOptions {
  /** Noise buffer (default: the reference's, `loadNoiseBuffer()`). */
  noise?: Float32Array;
  /**
   * The voice stops when an upper bound of its output level falls below this (default 1e-5). 0 keeps
   * it playing for ever (offline renders that must match the reference to the last sample).
   */
  silenceThreshold?: number;
}

/** Normalised → physical like the reference's float32 `min + (max − min)·x` (x clamped, NaN → 0). */
function physicalF32(index: number, x: number): number {
  const p = PARAMS[index];
  const v = x > 0 ? (x < 1 ? F(x) : 1) : 0;
  return F(p.min + F(F(p.max - p.min) * v));
}

/** 10^(dB/20) as the reference computes it in float32. */
function dbToGainF32(db: number): number {
  return F(10 ** F(db / 20));
}

/** Peak magnitude response of the Butterworth-form high-pass with resonance Q (1 for Q ≤ 1/√2). */
function highpassPeakGain(q: number): number {
  return q > Math.SQRT1_2 ? q / Math.sqrt(1 - 1 / (4 * q * q)) : 1;
}

export class SynthVoice {
  readonly sampleRateHz: number;
  private readonly noise: Float32Array;
  private readonly silenceThreshold: number;

  // Per-hit constants (set by trigger).
  private w1 = 0;
  private w2 = 0;
  private mod1 = 0;
  private mod2 = 0;
  private gain1 = 0;
  private gain2 = 0;
  private gainNoise = 0;
  private drive = 0;
  private noisePeak = 1;
  private coeffs: BiquadCoeffs = { b0: 0, b1: 0, b2: 0, a1: 0, a2: 0 };

  // Running state.
  private readonly freqEnv: ExpDecayEnvelopeState = createExpDecayEnvelope();
  private readonly env1: ExpDecayEnvelopeState = createExpDecayEnvelope();
  private readonly env2: ExpDecayEnvelopeState = createExpDecayEnvelope();
  private readonly envNoise: ExpDecayEnvelopeState = createExpDecayEnvelope();
  private phase1 = 0;
  private phase2 = 0;
  private noiseIndex = 0;
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;
  private playing = false;
  /** Samples of silence before the triggered hit starts (counted from the next `process`). */
  private startDelay = 0;
  /** Fade-out: samples before it starts, gain now, gain step per sample (0 = not fading). */
  private fadeDelay = 0;
  private fadeGain = 1;
  private fadeStep = 0;

  /**
   * @param sampleRateHz host sample rate, Hz (> 0)
   */
  constructor(sampleRateHz: number, opts: SynthVoiceOptions = {}) {
    checkSampleRate('SynthVoice', sampleRateHz);
    opts = checkOptions('SynthVoice', opts);
    if (opts.noise !== undefined && !(opts.noise instanceof Float32Array)) throw new UserError('SynthVoice: noise must be a Float32Array (or left out for the shipped noise).', 'E_ARG');
    this.sampleRateHz = sampleRateHz;
    this.noise = opts.noise ?? loadNoiseBuffer();
    if (this.noise.length === 0) throw new UserError('synth noise buffer is empty; pass a non-empty Float32Array or omit it.', 'E_ARG');
    this.silenceThreshold = Math.max(0, opts.silenceThreshold ?? DEFAULT_SILENCE_THRESHOLD);
  }

  /** True while the voice is sounding, fading, or waiting to start. */
  get active(): boolean {
    return this.playing;
  }

  /** True while a fade-out is pending or running. */
  get fading(): boolean {
    return this.playing && this.fadeStep > 0;
  }

  /**
   * Start a hit (restarts everything: phase 0, envelopes from their attack, filter state 0, noise
   * from index 0). Values are clamped to [0, 1]; NaN counts as 0.
   * @param params01 the 14 normalised parameters in `PARAMS` order
   * @param delaySamples samples into the next `process` call at which the hit starts
   * @returns false (and nothing changes) if fewer than 14 parameters are given
   */
  trigger(params01: ArrayLike<number>, delaySamples = 0): boolean {
    if (!params01 || params01.length < NUM_PARAMS) return false;
    const sr = this.sampleRateHz;
    const phys = (i: number) => physicalF32(i, params01[i]);

    // Oscillator increments w = 2π·f/sr in float32 (the reference's order of operations).
    this.w1 = F(F(TWO_PI_F32 * phys(P.osc1_freq)) / sr);
    this.w2 = F(F(TWO_PI_F32 * phys(P.osc2_freq)) / sr);
    this.mod1 = phys(P.osc1_mod);
    this.mod2 = phys(P.osc2_mod);
    triggerExpDecayEnvelope(this.freqEnv, phys(P.freq_env_decay), sr);
    triggerExpDecayEnvelope(this.env1, phys(P.osc1_env_decay), sr);
    triggerExpDecayEnvelope(this.env2, phys(P.osc2_env_decay), sr);
    triggerExpDecayEnvelope(this.envNoise, phys(P.noise_env_decay), sr);

    const cutoffHz = Math.min(phys(P.noise_filter_freq), MAX_CUTOFF_FRACTION * sr);
    const q = phys(P.noise_filter_q);
    this.coeffs = highpassCoeffs(cutoffHz, q, sr);
    this.noisePeak = highpassPeakGain(q);

    this.gain1 = dbToGainF32(phys(P.osc1_gain));
    this.gain2 = dbToGainF32(phys(P.osc2_gain));
    this.gainNoise = dbToGainF32(phys(P.noise_gain));
    this.drive = dbToGainF32(phys(P.drive));

    this.phase1 = 0;
    this.phase2 = 0;
    this.noiseIndex = 0;
    this.x1 = this.x2 = this.y1 = this.y2 = 0;
    this.startDelay = delaySamples > 0 ? Math.floor(delaySamples) : 0;
    this.fadeDelay = 0;
    this.fadeGain = 1;
    this.fadeStep = 0;
    this.playing = true;
    return true;
  }

  /**
   * Fade the voice out linearly to silence (voice stealing), then stop it.
   * @param fadeSamples fade length, samples (≤ 0: stop at once)
   * @param delaySamples samples into the next `process` call at which the fade starts
   */
  fadeOut(fadeSamples: number, delaySamples = 0): void {
    if (!this.playing) return;
    if (!(fadeSamples >= 1) && !(delaySamples >= 1)) {
      this.playing = false;
      return;
    }
    this.fadeDelay = delaySamples > 0 ? Math.floor(delaySamples) : 0;
    // Linear from the current gain (a second fade continues from where the first one is).
    this.fadeStep = this.fadeGain / Math.max(1, fadeSamples);
  }

  /** Stop at once. */
  reset(): void {
    this.playing = false;
    this.fadeStep = 0;
    this.fadeGain = 1;
  }

  /** Add the voice's output for out[start … end−1] into `out`. No allocation; never throws. */
  process(out: Float32Array, start = 0, end = out?.length): void {
    if (!(out instanceof Float32Array)) throw new UserError('SynthVoice.process: out must be a Float32Array (the block to add the voice to).', 'E_ARG');
    if (!this.playing) return;
    let n = Math.max(0, start | 0);
    const stop = Math.min(out.length, end | 0);
    if (this.startDelay > 0) {
      const skip = Math.min(this.startDelay, Math.max(0, stop - n));
      this.startDelay -= skip;
      n += skip;
      if (this.startDelay > 0) return;
    }
    if (this.fadeStep > 0 && this.fadeDelay > 0) {
      // Render up to the fade start without fading, then the rest with it.
      const until = Math.min(stop, n + this.fadeDelay);
      const fadeStep = this.fadeStep;
      this.fadeStep = 0;
      this.render(out, n, until);
      this.fadeStep = fadeStep;
      this.fadeDelay -= until - n;
      n = until;
      if (this.fadeDelay > 0) return;
    }
    this.render(out, n, stop);
    if (this.playing && this.silenceThreshold > 0 && this.outputBound() < this.silenceThreshold) this.playing = false;
  }

  /**
   * Upper bound of |out| from now on while decaying: tanh(x) ≤ |x|, each branch ≤ gain × envelope,
   * the filtered noise ≤ min(1, peak filter gain × envelope). Infinite during an attack.
   */
  private outputBound(): number {
    if (envelopeInAttack(this.env1) || envelopeInAttack(this.env2) || envelopeInAttack(this.envNoise)) return Infinity;
    const noise = Math.min(1, this.noisePeak * this.envNoise.level);
    return this.drive * this.fadeGain * (this.gain1 * this.env1.level + this.gain2 * this.env2.level + this.gainNoise * noise);
  }

  private render(out: Float32Array, start: number, end: number): void {
    const { b0, b1, b2, a1, a2 } = this.coeffs;
    const noiseBuf = this.noise;
    const noiseLen = noiseBuf.length;
    const w1 = this.w1, w2 = this.w2, mod1 = this.mod1, mod2 = this.mod2;
    const g1 = this.gain1, g2 = this.gain2, gn = this.gainNoise, drive = this.drive;
    const fe = this.freqEnv, e1 = this.env1, e2 = this.env2, en = this.envNoise;
    let phase1 = this.phase1, phase2 = this.phase2, noiseIndex = this.noiseIndex;
    let x1 = this.x1, x2 = this.x2, y1 = this.y1, y2 = this.y2;
    let fadeGain = this.fadeGain;
    const fadeStep = this.fadeStep;
    const fadeEnd = 1.5 * fadeStep; // the last step lands on 0 exactly despite rounding

    for (let n = start; n < end; n++) {
      const pitch = stepEnvelope(fe);
      const s1 = sin(F(phase1));
      const s2 = sin(F(phase2));
      phase1 += F(w1 + F(F(pitch * mod1) * w1));
      phase2 += F(w2 + F(F(pitch * mod2) * w2));
      const tone = F(g1 * s1) * stepEnvelope(e1) + F(g2 * s2) * stepEnvelope(e2);

      // Noise × envelope → high-pass (DF-I; the recursion keeps the unclamped output) → clamp.
      const x = F(noiseBuf[noiseIndex] * stepEnvelope(en));
      if (++noiseIndex === noiseLen) noiseIndex = 0;
      let y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      // Flush the ring-down to 0 before it reaches denormals (slow on x86); changes nothing audible.
      if (y < TINY && y > -TINY) y = 0;
      x2 = x1; x1 = x; y2 = y1; y1 = y;
      const noise = y > 1 ? 1 : y < -1 ? -1 : y;

      // The fade gain is 1 unless fading; it stops at 0 (the voice is stopped after the loop).
      out[n] += fadeGain * Math.tanh(drive * (tone + gn * noise));
      fadeGain = fadeGain > fadeEnd ? fadeGain - fadeStep : 0;
    }

    this.phase1 = phase1; this.phase2 = phase2; this.noiseIndex = noiseIndex;
    this.x1 = x1; this.x2 = x2; this.y1 = y1; this.y2 = y2;
    this.fadeGain = fadeGain;
    if (fadeGain <= 0) this.playing = false;
  }
}
