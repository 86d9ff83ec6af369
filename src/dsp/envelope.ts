/**
 * The reference synth's exponential-decay envelope (`ExpDecayEnvelope`), float32-faithful.
 *
 * Sequence at sample rate sr (Hz) for a decay time `decayMs` (time to −60 dB):
 *   attack: A = floor(0.001·sr) samples (44 @ 44.1 kHz), values k·(1/A), k = 1…A (last ≈ 1.0);
 *   decay:  1, r, r², r³, …   with N = decayMs·sr/1000 samples and r = 1 − 6.91/N (6.91 ≈ ln 1000,
 *           so r^N ≈ 10⁻³ = −60 dB).
 *
 * Float32 fidelity: the reference computes r and the attack step in float32 and forms the envelope
 * with PyTorch's CPU `cumsum`/`cumprod`, which accumulate in float64 and store float32. Here r and
 * the step are rounded to float32 exactly like the reference's tensor operations, the running
 * product is kept in float64 and each output is rounded to float32 (`Math.fround`). Over a second
 * the rounding of r alone moves the envelope by up to ~0.3 %, so it matters for the golden renders.
 *
 * Two forms that give the same numbers: `expDecayEnvelope` (whole buffer) and the per-sample stepper
 * (`createExpDecayEnvelope` → `triggerExpDecayEnvelope` → `stepExpDecayEnvelope`), which the synth
 * voice uses.
 */

const F = Math.fround;
/** ln(1000) as the reference writes it: a decay of N samples falls by 6.91 nepers (−60 dB). */
export const DECAY_NEPERS = 6.91;
/** 6.91 as the reference's float32 tensor multiplies it. */
const LN_1000_F32 = F(DECAY_NEPERS);
/** Attack length: 1 ms (the reference's `int(0.001*sr)` samples). */
export const ATTACK_SECONDS = 0.001;
/**
 * Below this the float64 running product is flushed to 0: rounding values under float32's smallest
 * normal (1.2e-38) to float32 is very slow on x86 (denormal assists), and 1e-30 is −600 dB.
 */
const FLUSH_LEVEL = 1e-30;

/** Attack length in samples: floor(0.001·sr) (Python `int(0.001*sr)`): 44 @ 44.1 kHz, 48 @ 48 kHz. */
export function attackSamplesAt(sampleRateHz: number): number {
  return Math.max(0, Math.floor(ATTACK_SECONDS * sampleRateHz));
}

/**
 * Per-sample decay factor r = 1 − 6.91/N, N = decayMs·sr/1000, rounded like the reference's float32
 * ops: N = f32(f32(decayMs·sr)/1000), 6.91/N = f32(f32(1/N)·f32(6.91)) (PyTorch's `scalar / tensor`
 * is `reciprocal(tensor)·scalar`), r = f32(1 − that). Decay times shorter than 6.91 samples give 0
 * (instant decay) instead of a negative, oscillating factor.
 */
export function expDecayFactor(decayMs: number, sampleRateHz: number): number {
  const decaySamples = F(F(decayMs * sampleRateHz) / 1000);
  if (!(decaySamples > DECAY_NEPERS)) return 0;
  const r = F(1 - F(F(1 / decaySamples) * LN_1000_F32));
  return r < 0 ? 0 : r;
}

/** State of one envelope for sample-by-sample use. */
export interface ExpDecayEnvelopeState {
  /** Attack length A in samples. */
  attackSamples: number;
  /** f32(1/A): the attack increment. */
  attackStep: number;
  /** Decay factor r (float32 value). */
  decayFactor: number;
  /** Samples of the attack produced so far (0…A). */
  attackIndex: number;
  /** Running product r^n in float64 (the next decay output before rounding). */
  level: number;
}

/** A silent envelope (level 0, attack finished) until triggered. */
export function createExpDecayEnvelope(): ExpDecayEnvelopeState {
  return { attackSamples: 0, attackStep: 0, decayFactor: 0, attackIndex: 0, level: 0 };
}

/** Restart the envelope from the beginning of its attack (training semantics: no carry-over). */
export function triggerExpDecayEnvelope(s: ExpDecayEnvelopeState, decayMs: number, sampleRateHz: number): void {
  s.attackSamples = attackSamplesAt(sampleRateHz);
  s.attackStep = s.attackSamples > 0 ? F(1 / s.attackSamples) : 0;
  s.decayFactor = expDecayFactor(decayMs, sampleRateHz);
  s.attackIndex = 0;
  s.level = 1;
}

/**
 * Next envelope value (float32-rounded). Attack: f32(k·step), which equals the reference's float64
 * cumsum of k float32 steps (exact for k ≤ 2²⁹). Decay: f32(level), then level ← level·r.
 */
export function stepExpDecayEnvelope(s: ExpDecayEnvelopeState): number {
  if (s.attackIndex < s.attackSamples) {
    s.attackIndex++;
    return F(s.attackIndex * s.attackStep);
  }
  const v = F(s.level);
  const next = s.level * s.decayFactor;
  s.level = next < FLUSH_LEVEL ? 0 : next;
  return v;
}

/** True while the envelope is still in its attack (its level is not yet decaying). */
export function envelopeInAttack(s: ExpDecayEnvelopeState): boolean {
  return s.attackIndex < s.attackSamples;
}

/**
 * The whole envelope from its trigger: `numSamples` values (attack then decay), float32.
 * @param decayMs time to −60 dB, ms (the reference's range is 10…2000)
 * @param sampleRateHz sample rate, Hz
 * @param numSamples output length, samples
 */
export function expDecayEnvelope(decayMs: number, sampleRateHz: number, numSamples: number, out: Float32Array = new Float32Array(numSamples)): Float32Array {
  const s = createExpDecayEnvelope();
  triggerExpDecayEnvelope(s, decayMs, sampleRateHz);
  for (let n = 0; n < numSamples; n++) out[n] = stepExpDecayEnvelope(s);
  return out;
}
