/**
 * Adaptive onset detector (default mode): the reference's idea (a fast level minus a slower
 * background level, triggered with hysteresis and a hold), but measured against an estimated noise
 * floor instead of a fixed −55 dBFS floor, with every time in ms so that it behaves the same at any rate.
 *
 *   h[n] = HPF600(x[n])                                    the reference's 600 Hz, Q 0.707 high-pass
 *   p[n] = p + a·(h² − p),   a = 1 − exp(−1/(levelMs·sr))   short-term power
 *   L[n] = 10·log10(p + 1e-30)                              short-term level (dBFS)
 *   F[n] = max(min(L, F + floorRiseDbPerSec/sr), minFloorDb) noise floor: falls at once, rises slowly
 *   g[n] = max(L, F + gateDb)                               level gated at the floor (reference: max(d, −55))
 *   s[n] = s + c·(g − s),  c = rise fraction if g > s, else fall fraction (slowRiseMs / slowFallMs)
 *   odf  = g − s  (dB)                                      → trigger.ts (training logic, hold in ms)
 *
 * Why it catches quiet hits: the reference floors its per-sample level at −55 dBFS, so a hit
 * peaking at −45 dBFS rises at most ~10 dB above that floor and never reaches a 16 dB threshold,
 * however quiet the room. Here the floor is the input's own noise floor, so a hit is judged by how
 * far it rises above the noise and above the background, whatever its absolute level.
 * Why noise does not trigger: in stationary noise L wanders by a few dB and F sits at the bottom of
 * that wander, so g = F + gateDb stays flat and odf ≈ 0.
 *
 * Defaults (settings.ts ADAPTIVE_DEFAULT_SETTINGS) and why:
 * - levelMs 1: shorter than a drum's attack (1–3 ms to peak), so detection lags a clear attack by
 *   well under 1 ms; long enough that white noise's short-term power averages ~2·44 independent
 *   samples at 44.1 kHz (std of L ≈ 4.34·√(2/88) ≈ 0.65 dB).
 * - gateDb 6: F tracks the minima of L; over 30 s of noise L stays within ~5 dB (white) to ~7 dB
 *   (pink, fewer degrees of freedom after the high-pass) of F. 6 dB keeps white noise out entirely
 *   and lets pink noise leak ≤ ~1 dB into odf, far below the trigger threshold.
 * - slowRiseMs 10: the background must catch up with a hit's body within a few tens of ms, so
 *   that the body's own ripples (snare-wire buzz, room reflections 30–70 ms after the stroke, a few
 *   dB each) are measured against the hit rather than against the noise before it; 10 ms is ≥ 3×
 *   a drum's attack, so the attack itself is still measured against the level before it.
 * - slowFallMs 50: the reference's slow follower (2205 samples at 44.1 kHz): a new hit in a
 *   decaying tail is measured against that tail.
 * - triggerDb 5, rearmDb 2.5: a stroke must raise the level ≥ 5 dB (≈ 3× power) above the
 *   background and so ≥ gateDb + 5 = 11 dB above the noise floor's minima. 5 dB lies between the
 *   ripples inside a hit (≤ ~3–4 dB over the risen background) and the contrast of the quietest
 *   hits one can separate from noise; the re-arm at half the trigger (as the reference's training
 *   setting, 10 → 4.67 dB) is the hysteresis. Measured margin (see the report/tests): 4–5.5 dB works.
 * - holdMs 30: the reference's default hold (1323 samples = 30 ms at 44.1 kHz): shorter than the
 *   fastest single strokes (~60 ms), longer than stick-bounce ripples.
 * - floorRiseDbPerSec 3: noise floors change over seconds; a 250 ms hit lifts the estimate by
 *   only 0.75 dB, while a real rise of the room noise by 20 dB is followed within ~7 s.
 * - initialFloorDb −55: before any input, assume the reference's own floor (and start p and s
 *   there), so a stream that starts with noise below it gives no onset while a hit at sample 0
 *   (a trimmed one-shot sample) still does.
 * - minFloorDb −96: the 16-bit quantisation floor; below it a recording holds no information, and
 *   clamping keeps digital silence from turning the first bit of dither into a "hit".
 * - The floor never goes below the input's own quantisation step either: the smallest non-zero
 *   |x| seen so far (−90 dBFS for 16-bit, −42 dBFS for 8-bit; negligible for float recordings).
 *   A decaying tail in a coarse format breaks up into lone 1-LSB blips between stretches of
 *   digital zero; measured against the zero stretches each blip looks like a hit. The step counts
 *   only up to 8-bit's (1/128, −42.1 dBFS), the coarsest format we read: a larger "smallest
 *   sample" is signal (a one-shot starting at full level), not a format's step.
 * Per-sample, no allocation.
 */
import { highpassCoeffs, newBiquadState, biquadStep, type BiquadCoeffs, type BiquadState } from '../dsp/biquad';
import { onePoleFraction } from '../dsp/follower';
import { REFERENCE_HIGHPASS_HZ, REFERENCE_HIGHPASS_Q } from './reference';
import type { AdaptiveOnsetSettings } from './settings';
import type { TraceSink } from './trace';
import { Trigger } from './trigger';

/** Coarsest quantisation step we treat as a format's (8-bit PCM), dBFS. */
const COARSEST_QUANTUM_DB = 20 * Math.log10(1 / 128);

/** Keeps log10 finite on digital silence (−300 dB, far below any floor). */
const POWER_EPSILON = 1e-30;

export class AdaptiveOnsetCore {
  private readonly hpf: BiquadCoeffs;
  private readonly hpfState: BiquadState = newBiquadState();
  private readonly levelFraction: number;
  private readonly slowRiseFraction: number;
  private readonly slowFallFraction: number;
  private readonly floorRiseDbPerSample: number;
  private readonly trigger: Trigger;
  private power = 0;
  private floorDb = 0;
  private slowDb = 0;
  /** Smallest non-zero |x| seen (the format's quantisation step, at most) and its level in dBFS. */
  private minAbs = Infinity;
  private quantumDb = -Infinity;
  /** Samples processed so far (= absolute index of the next sample). */
  position = 0;

  constructor(readonly sampleRateHz: number, readonly settings: AdaptiveOnsetSettings) {
    this.hpf = highpassCoeffs(REFERENCE_HIGHPASS_HZ, REFERENCE_HIGHPASS_Q, sampleRateHz);
    this.levelFraction = onePoleFraction(settings.levelMs, sampleRateHz);
    this.slowRiseFraction = onePoleFraction(settings.slowRiseMs, sampleRateHz);
    this.slowFallFraction = onePoleFraction(settings.slowFallMs, sampleRateHz);
    this.floorRiseDbPerSample = settings.floorRiseDbPerSec / sampleRateHz;
    const holdSamples = Math.round((settings.holdMs * sampleRateHz) / 1000);
    this.trigger = new Trigger(settings.triggerDb, settings.rearmDb, holdSamples, 'training');
    this.reset();
  }

  reset(): void {
    const s = this.hpfState;
    s.x1 = s.x2 = s.y1 = s.y2 = 0;
    const f0 = Math.max(this.settings.initialFloorDb, this.settings.minFloorDb);
    this.power = 10 ** (f0 / 10);
    this.floorDb = f0;
    this.slowDb = f0 + this.settings.gateDb;
    this.minAbs = Infinity;
    this.quantumDb = -Infinity;
    this.trigger.reset();
    this.position = 0;
  }

  /** Current noise-floor estimate (dBFS). */
  get noiseFloorDb(): number {
    return this.floorDb;
  }

  /** Run `block`; push the absolute sample index of every onset into `out`. */
  process(block: ArrayLike<number>, out: number[], trace?: TraceSink): void {
    const { gateDb, minFloorDb } = this.settings;
    const a = this.levelFraction;
    const rise = this.slowRiseFraction;
    const fall = this.slowFallFraction;
    const floorRise = this.floorRiseDbPerSample;
    let power = this.power;
    let floorDb = this.floorDb;
    let slowDb = this.slowDb;
    let lowestFloorDb = this.quantumDb;
    for (let i = 0; i < block.length; i++) {
      const x = block[i];
      const ax = x < 0 ? -x : x;
      if (ax > 0 && ax < this.minAbs) {
        this.minAbs = ax;
        this.quantumDb = Math.min(20 * Math.log10(ax), COARSEST_QUANTUM_DB);
        lowestFloorDb = this.quantumDb;
        // A newly learnt step above the floor lifts it, and the background with it, so the onset
        // function does not jump (this happens at the first non-zero sample after digital silence).
        if (floorDb < lowestFloorDb) {
          floorDb = lowestFloorDb;
          if (slowDb < floorDb + gateDb) slowDb = floorDb + gateDb;
        }
      }
      const h = biquadStep(this.hpf, this.hpfState, x - x === 0 ? x : 0); // NaN/±Inf → 0 keeps the state finite
      power += a * (h * h - power);
      const levelDb = 10 * Math.log10(power + POWER_EPSILON);
      floorDb += floorRise;
      // Falls at once to the level, but not below the quantisation step (nor is it raised to it:
      // a jump of the floor would be a step in the onset function).
      if (levelDb < floorDb) floorDb = Math.min(floorDb, levelDb > lowestFloorDb ? levelDb : lowestFloorDb);
      if (floorDb < minFloorDb) floorDb = minFloorDb;
      const gatedDb = levelDb > floorDb + gateDb ? levelDb : floorDb + gateDb;
      slowDb += (gatedDb > slowDb ? rise : fall) * (gatedDb - slowDb);
      const odf = gatedDb - slowDb;
      const n = this.position + i;
      if (trace && n < trace.odfDb.length) {
        trace.odfDb[n] = odf;
        if (trace.noiseFloorDb) trace.noiseFloorDb[n] = floorDb;
        if (trace.levelDb) trace.levelDb[n] = levelDb;
      }
      if (this.trigger.step(odf)) out.push(n);
    }
    this.power = power;
    this.floorDb = floorDb;
    this.slowDb = slowDb;
    this.position += block.length;
  }
}
