/**
 * The reference onset detector, exactly (reference-implementation.md §2.1; Python
 * `timbreremap/np/core.py` `OnsetDetection`, which made the golden onsets):
 *
 *   h = HPF(x)                      600 Hz, Q 0.707 biquad (EarLevel form), float64
 *   d = max(20·log10(|h| + ε), minDb)          dBFS, ε = 1e-8, minDb = −55
 *   fast = follower(d, up 3, down 383 samples), slow = follower(d, 2205, 2205), both from minDb
 *   odf = fast − slow                           dB
 *   trigger/re-arm/hold: trigger.ts (`training` logic by default).
 *
 * Time constants and hold are in samples and are NOT scaled with the sample rate (as in the
 * reference); only the high-pass is designed at the true rate. Per-sample, no allocation.
 */
import { highpassCoeffs, newBiquadState, biquadStep, type BiquadCoeffs, type BiquadState } from '../dsp/biquad';
import { followerCoeffsFromSamples, followerStep, type FollowerCoeffs } from '../dsp/follower';
import type { ReferenceOnsetSettings } from './settings';
import type { TraceSink } from './trace';
import { Trigger } from './trigger';

export const REFERENCE_HIGHPASS_HZ = 600;
export const REFERENCE_HIGHPASS_Q = 0.707;
export const REFERENCE_FAST_UP_SAMPLES = 3;
export const REFERENCE_FAST_DOWN_SAMPLES = 383;
export const REFERENCE_SLOW_SAMPLES = 2205;

export class ReferenceOnsetCore {
  private readonly hpf: BiquadCoeffs;
  private readonly hpfState: BiquadState = newBiquadState();
  private readonly fastC: FollowerCoeffs = followerCoeffsFromSamples(REFERENCE_FAST_UP_SAMPLES, REFERENCE_FAST_DOWN_SAMPLES);
  private readonly slowC: FollowerCoeffs = followerCoeffsFromSamples(REFERENCE_SLOW_SAMPLES, REFERENCE_SLOW_SAMPLES);
  private fast: number;
  private slow: number;
  private readonly trigger: Trigger;
  /** Samples processed so far (= absolute index of the next sample). */
  position = 0;

  constructor(sampleRateHz: number, readonly settings: ReferenceOnsetSettings) {
    this.hpf = highpassCoeffs(REFERENCE_HIGHPASS_HZ, REFERENCE_HIGHPASS_Q, sampleRateHz);
    this.fast = this.slow = settings.minDb;
    this.trigger = new Trigger(settings.triggerDb, settings.rearmDb, settings.holdSamples, settings.rearmLogic);
  }

  reset(): void {
    const s = this.hpfState;
    s.x1 = s.x2 = s.y1 = s.y2 = 0;
    this.fast = this.slow = this.settings.minDb;
    this.trigger.reset();
    this.position = 0;
  }

  /** Run `block`; push the absolute sample index of every onset into `out`. */
  process(block: ArrayLike<number>, out: number[], trace?: TraceSink): void {
    const { minDb, epsilon } = this.settings;
    let fast = this.fast;
    let slow = this.slow;
    for (let i = 0; i < block.length; i++) {
      const x = block[i];
      const h = biquadStep(this.hpf, this.hpfState, x - x === 0 ? x : 0); // NaN/±Inf → 0 keeps the state finite
      let d = 20 * Math.log10(Math.abs(h) + epsilon);
      if (!(d >= minDb)) d = minDb; // also catches NaN and log(0) = −∞ (plugin: no ε)
      fast = followerStep(fast, d, this.fastC);
      slow = followerStep(slow, d, this.slowC);
      const odf = fast - slow;
      const n = this.position + i;
      if (trace && n < trace.odfDb.length) trace.odfDb[n] = odf;
      if (this.trigger.step(odf)) out.push(n);
    }
    this.fast = fast;
    this.slow = slow;
    this.position += block.length;
  }
}
