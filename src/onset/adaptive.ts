/**
 * Adaptive onset detector (default mode): the reference's idea (a fast level minus a slower
 * background level, triggered with hysteresis and a hold), measured against an estimated noise
 * floor instead of a fixed −55 dBFS floor, with a retrigger mask after each hit (as hardware drum
 * triggers' "retrigger cancel" / mask time) and every time in ms, so that it behaves the same at
 * any rate.
 *
 *   h[n] = HPF600(x[n])                                    the reference's 600 Hz, Q 0.707 high-pass
 *   p[n] = p + a·(h² − p),   a = 1 − exp(−1/(levelMs·sr))   short-term power
 *   L[n] = 10·log10(p + 1e-30)                              short-term level (dBFS)
 *   F[n] = max(min(L, F + floorRiseDbPerSec/sr), minFloorDb) noise floor: falls at once, rises slowly
 *   g[n] = max(L, F + gateDb)                               level gated at the floor (reference: max(d, −55))
 *   s[n] = s + c·(g − s),  c = rise fraction if g > s or the last onset is < 2·maskMs ago, else
 *                          fall fraction (slowRiseMs / slowFallMs)
 *   odf  = g − s  (dB)                                      contrast: how far the level stands out
 *   M[n] = g if g > M, else M + m·(g − M),  m from maskMs   retrigger mask: the last hit's peak, released
 *                                                           towards the present level
 *   onset when armed, out of hold, odf ≥ triggerDb and g > M[n−1] (the level rises above the mask);
 *   then hold for holdMs; re-arm once odf < rearmDb or g < M − 2·triggerDb.
 *   Opening: during the first 3·levelMs of a stream F = L, s = g, M = g and nothing fires.
 *
 * Why it catches quiet hits: the reference floors its per-sample level at −55 dBFS, so a hit
 * peaking at −45 dBFS rises at most ~10 dB above that floor and never reaches a 16 dB threshold,
 * however quiet the room. Here the floor is the input's own noise floor, so a hit is judged by how
 * far it rises above the noise and above the background, whatever its absolute level.
 * Why noise does not trigger: in stationary noise L wanders by a few dB and F sits at the bottom of
 * that wander, so g = F + gateDb stays flat and odf ≈ 0.
 * Why ring, rattle and buzz after a hit do not trigger: a hit's decay wanders by ±3–5 dB (wire
 * buzz, a rattle burst, modes beating) around a falling level, and the contrast odf sees those
 * wanders as rises of 4–5 dB: the 30 ms hold used before hid most of them, and a flam or a roll
 * with it. The mask M starts at the hit's own peak (it follows g up at once) and falls towards the
 * present level with maskMs, so it falls as fast as the hit's observed decay, delayed: the decay
 * and its wanders stay below it, while a new stroke, which brings the level back towards a peak,
 * rises above it. A new stroke is therefore told from the decay by where its level goes relative to
 * the last hit's decaying peak, not only by its contrast.
 * Why flams and rolls still fire: the hold is short (10 ms) and the trigger re-arms as soon as the
 * level has fallen 2·triggerDb below the mask (the hit has visibly decayed), not only when the
 * contrast has fallen, which after a loud stroke takes 20–30 ms. And inside a hit's decay the
 * background follows the level down as fast as up: falling with slowFallMs (50 ms) it lags 3–4 dB
 * above a decaying snare, so the next stroke of a roll, which rises 6–12 dB over the decay just
 * before it (measured on the example's real hits), reached only 4–5 dB of contrast and was missed
 * (real-hit rolls at 12/16/20 strokes/s: 94/79/72 % of strokes found). Following the decay is
 * safe only while the mask guards it (its wanders stay below the mask), so it lasts
 * DECAY_FOLLOW_MASK_TIMES·maskMs after each onset; afterwards the slow fall keeps the end of a
 * tail, where the mask has released to the level, from firing on its wander (following whenever
 * the level was 2·triggerDb below the mask instead, which a steady tail's decay keeps true, gave
 * 17 extra onsets 0.42–0.56 s after hits on examples/other/millo). Now 99/91/84 %.
 * Measured: windows of 0.75–2·maskMs and decay-following time constants of 5–20 ms give similar
 * gains (20 ms: 80 % at 20/s) and no false onset on any case here; 2·maskMs (the mask still ~14 %
 * of the hit's drop above the level) also covers a quiet hit 150 ms after a loud one.
 * What was tried and does not help (measured on the example's real hits, 6 seeds): a second,
 * higher band (2nd-order high-pass at 4 or 8 kHz, 4th order) with its own background and mask,
 * onset when either band fires. The missed roll strokes rise less in the high band than in the
 * 600 Hz band (median 4.3 dB at 5 kHz against 7.9 dB), the missed 15–25 ms flam strokes rise
 * 7.6–10 dB there (5/10 kHz medians) but so do the high band's own decay wanders: at the 600 Hz
 * band's trigger it added false onsets on every recording (42 in decays on colombo); with its
 * trigger at 10–15 dB it still added some (colombo precision 0.75–0.84) and separated no real
 * flam or roll stroke more than without it. A level-only detector does not separate a second stroke that adds
 * < ~3 dB; stick and wire clicks of these samples do not stand out more at high frequencies.
 * Limits (test/onset/*.test.ts measure them): a second stroke must bring the level above the
 * first's mask: comparable strokes do from 15 ms on (synthetic snare; the example's real snare
 * from 25 ms, 86 % at 25 ms, 89 % at 50 ms, none at 15 ms); one 3 dB softer needs ~50 ms, one
 * 6 dB softer more. A quiet hit after a loud one is found once the loud one's decay has fallen
 * about triggerDb below it (synthetic snare: −10 dB after 100 ms, −20 dB after 150 ms, −30 dB
 * after 250 ms; real hits: −10 dB from 150 ms, at 60–100 ms 1–8 of 18, −20 dB at 60–150 ms ≤ 2 of
 * 18: there the loud hit's decay is still within ~10 dB of its peak, louder than the quiet hit).
 * A stroke over a long-ringing tail must still rise ≥ triggerDb above the background.
 * At the start of a stream nothing was heard before it: the first 3·levelMs are taken as its
 * opening level (a stream that starts with noise, hum, DC or inside a decay gives no onset), so
 * a hit that is already sounding in them (a one-shot trimmed to its first sample) is not
 * reported; give such a file ≥ 3·levelMs of lead-in.
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
 *   decaying tail is measured against that tail. (Faster falls let the tail's end in the noise
 *   fire: 10–30 ms gave 2–70 extra onsets 0.4–0.9 s after hits on examples/other.)
 * - triggerDb 5, rearmDb 2.5: a stroke must raise the level ≥ 5 dB (≈ 3× power) above the
 *   background and so ≥ gateDb + 5 = 11 dB above the noise floor's minima. 5 dB lies between the
 *   ripples inside a hit (≤ ~3–4 dB over the risen background) and the contrast of the quietest
 *   hits one can separate from noise; the re-arm at half the trigger (as the reference's training
 *   setting, 10 → 4.67 dB) is the hysteresis. Measured margin (see the report/tests): 4–5.5 dB works.
 * - Re-arm by decay at 2·triggerDb below the mask: a hit has visibly decayed once its level is
 *   twice the contrast a stroke needs below its own peak envelope; a shallower drop (the wander
 *   of a body) must not re-arm. Measured: 8–15 dB give the same onsets on every case here.
 * - holdMs 10: the shortest gap between two strokes a player makes (a buzz/press stroke ~15 ms,
 *   a flam 15–50 ms) is longer; the attack of one stroke (stick bounce, a body that builds up
 *   over 5–10 ms after the click) is shorter. The mask, not the hold, keeps decays from firing.
 * - maskMs 80: the mask must stay above a decay's wander (±3–5 dB) for as long as that wander is
 *   comparable to how far the decay has fallen from its peak, i.e. the first ~50–80 ms in which
 *   rattle and ring are loudest; released with 80 ms it is still (P − L)·e^(−t/80 ms) above the
 *   level: ~70 % of the drop at 25 ms, ~35 % at 80 ms, ~10 % at 200 ms, so a quiet hit a few
 *   hundred ms after a loud one is again judged by contrast alone. Measured on 480 synthetic
 *   ringing, rattling hits (test/onset/signals.ts, rattles ~5 dB over the decay): 50 ms lets 4
 *   rattles of a 150 ms ring fire (39–57 ms after the stroke), 65 ms 1, 80 ms none; longer masks
 *   cost softer second strokes (from 80 ms on a stroke 6 dB softer 50 ms after the first is
 *   missed, 3 dB softer is found). examples/other and the example are clean for 30–200 ms.
 * - DECAY_FOLLOW_MASK_TIMES 2, follow with slowRiseMs: see "why flams and rolls still fire";
 *   the follow uses the background's own rise time constant, so no new time scale is introduced.
 * - floorRiseDbPerSec 3: noise floors change over seconds; a 250 ms hit lifts the estimate by
 *   only 0.75 dB, while a real rise of the room noise by 20 dB is followed within ~7 s.
 * - Opening 3·levelMs: the level follower settles to within 0.2 dB of a step after 3 time
 *   constants, so the level it reads then is the stream's own opening level.
 * - initialFloorDb −55: the power the level follower starts from (the reference's own floor).
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

/** Coarsest quantisation step we treat as a format's (8-bit PCM), dBFS. */
export const COARSEST_QUANTUM_DB = 20 * Math.log10(1 / 128);

/** Keeps log10 finite on digital silence (−300 dB, far below any floor). */
export const POWER_EPSILON = 1e-30;

/** The opening (see the header) lasts this many level time constants. */
export const OPENING_LEVEL_TIME_CONSTANTS = 3;

/** Re-arm once the level is this many trigger thresholds below the retrigger mask. */
export const REARM_MASK_TRIGGERS = 2;

/** For this many mask times (maskMs) after an onset the background follows the level down as fast as up. */
export const DECAY_FOLLOW_MASK_TIMES = 2;

/** A sample counter's ceiling (exact in float32, so gen~ and Pd count the same; ≫ any window here). */
export const COUNTER_CEILING = 1e7;

/** Per-rate constants of the adaptive detector, derived from its settings (shared by gen~ and Pd generators). */
export interface AdaptiveRateConstants {
  levelFraction: number;
  slowRiseFraction: number;
  slowFallFraction: number;
  maskFraction: number;
  floorRiseDbPerSample: number;
  holdSamples: number;
  openingSamples: number;
  rearmMaskDb: number;
  /** After an onset, for this many samples the background falls with slowRiseFraction (follows the decay). */
  decayFollowSamples: number;
}

export function adaptiveRateConstants(settings: AdaptiveOnsetSettings, sampleRateHz: number): AdaptiveRateConstants {
  return {
    levelFraction: onePoleFraction(settings.levelMs, sampleRateHz),
    slowRiseFraction: onePoleFraction(settings.slowRiseMs, sampleRateHz),
    slowFallFraction: onePoleFraction(settings.slowFallMs, sampleRateHz),
    maskFraction: onePoleFraction(settings.maskMs, sampleRateHz),
    floorRiseDbPerSample: settings.floorRiseDbPerSec / sampleRateHz,
    holdSamples: Math.round((settings.holdMs * sampleRateHz) / 1000),
    openingSamples: Math.round((OPENING_LEVEL_TIME_CONSTANTS * settings.levelMs * sampleRateHz) / 1000),
    rearmMaskDb: REARM_MASK_TRIGGERS * settings.triggerDb,
    decayFollowSamples: Math.round((DECAY_FOLLOW_MASK_TIMES * settings.maskMs * sampleRateHz) / 1000),
  };
}

export class AdaptiveOnsetCore {
  private readonly hpf: BiquadCoeffs;
  private readonly hpfState: BiquadState = newBiquadState();
  private readonly k: AdaptiveRateConstants;
  private power = 0;
  private floorDb = 0;
  private slowDb = 0;
  private maskDb = 0;
  /** −1 = armed; > 0 = hold samples left; 0 = hold over, waiting to re-arm. */
  private debounce = -1;
  /** Samples since the last onset (saturating at COUNTER_CEILING; the ceiling also before any onset). */
  private sinceOnset = COUNTER_CEILING;
  /** Smallest non-zero |x| seen (the format's quantisation step, at most) and its level in dBFS. */
  private minAbs = Infinity;
  private quantumDb = -Infinity;
  /** Samples processed so far (= absolute index of the next sample). */
  position = 0;

  constructor(readonly sampleRateHz: number, readonly settings: AdaptiveOnsetSettings) {
    this.hpf = highpassCoeffs(REFERENCE_HIGHPASS_HZ, REFERENCE_HIGHPASS_Q, sampleRateHz);
    this.k = adaptiveRateConstants(settings, sampleRateHz);
    this.reset();
  }

  reset(): void {
    const s = this.hpfState;
    s.x1 = s.x2 = s.y1 = s.y2 = 0;
    const f0 = Math.max(this.settings.initialFloorDb, this.settings.minFloorDb);
    this.power = 10 ** (f0 / 10);
    this.floorDb = f0;
    this.slowDb = f0 + this.settings.gateDb;
    this.maskDb = this.slowDb;
    this.debounce = -1;
    this.sinceOnset = COUNTER_CEILING;
    this.minAbs = Infinity;
    this.quantumDb = -Infinity;
    this.position = 0;
  }

  /** Current noise-floor estimate (dBFS). */
  get noiseFloorDb(): number {
    return this.floorDb;
  }

  /** Run `block`; push the absolute sample index of every onset into `out`. */
  process(block: ArrayLike<number>, out: number[], trace?: TraceSink): void {
    const { gateDb, minFloorDb, triggerDb, rearmDb } = this.settings;
    const { levelFraction: a, slowRiseFraction: rise, slowFallFraction: fall, maskFraction: mf, floorRiseDbPerSample: floorRise, holdSamples, openingSamples, rearmMaskDb, decayFollowSamples } = this.k;
    let power = this.power;
    let floorDb = this.floorDb;
    let slowDb = this.slowDb;
    let maskDb = this.maskDb;
    let debounce = this.debounce;
    let sinceOnset = this.sinceOnset;
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
      const n = this.position + i;
      const opening = n < openingSamples;
      floorDb += floorRise;
      // Falls at once to the level, but not below the quantisation step (nor is it raised to it:
      // a jump of the floor would be a step in the onset function). In the opening it is the level.
      if (opening) floorDb = levelDb > lowestFloorDb ? levelDb : lowestFloorDb;
      else if (levelDb < floorDb) floorDb = Math.min(floorDb, levelDb > lowestFloorDb ? levelDb : lowestFloorDb);
      if (floorDb < minFloorDb) floorDb = minFloorDb;
      const gatedDb = levelDb > floorDb + gateDb ? levelDb : floorDb + gateDb;
      // Inside the last hit's decay (the mask guards it) the background follows the level down as
      // fast as up, so that the next stroke is measured against the decay it rises from.
      slowDb += (gatedDb > slowDb || sinceOnset < decayFollowSamples ? rise : fall) * (gatedDb - slowDb);
      const maskBeforeDb = maskDb;
      maskDb = gatedDb > maskDb ? gatedDb : maskDb + mf * (gatedDb - maskDb);
      if (opening) slowDb = maskDb = gatedDb;
      const odf = gatedDb - slowDb;
      if (trace && n < trace.odfDb.length) {
        trace.odfDb[n] = odf;
        if (trace.noiseFloorDb) trace.noiseFloorDb[n] = floorDb;
        if (trace.levelDb) trace.levelDb[n] = levelDb;
        if (trace.maskDb) trace.maskDb[n] = maskBeforeDb;
      }
      let fired = false;
      if (debounce === -1 && !opening && odf >= triggerDb && gatedDb > maskBeforeDb) {
        fired = true;
        debounce = holdSamples;
      }
      if (debounce > 0) debounce--;
      if (debounce === 0 && (odf < rearmDb || gatedDb < maskDb - rearmMaskDb)) debounce = -1;
      sinceOnset = fired ? 0 : sinceOnset < COUNTER_CEILING ? sinceOnset + 1 : COUNTER_CEILING;
      if (fired) out.push(n);
    }
    this.power = power;
    this.floorDb = floorDb;
    this.slowDb = slowDb;
    this.maskDb = maskDb;
    this.debounce = debounce;
    this.sinceOnset = sinceOnset;
    this.position += block.length;
  }
}
