/**
 * The 808 snare voice (reference-implementation.md §1.1–§1.2, training semantics) as a
 * differentiable kernel: a forward render that keeps its intermediate signals and an exact
 * hand-written adjoint from ∂L/∂out[n] to ∂L/∂params01 (the 14 normalised parameters).
 *
 *   fe, e1, e2, en = ExpDecayEnvelope(decay): attack k/A (k = 1…A, A = ⌊0.001·sr⌋), then 1, r, r², …
 *                    with r = 1 − 6.91/N, N = decayMs·sr/1000
 *   φi[n] = Σ_{k<n} wi·(1 + mi·fe[k]),  wi = 2π·fi/sr,   yi = sin φi
 *   h     = HPF(fc, Q)(u·en)  (u = the fixed noise buffer),  hc = clamp(h, −1, 1)
 *   out   = tanh(G·(g1·e1·y1 + g2·e2·y2 + gn·hc)),  g = 10^(dB/20)
 *
 * Float32 faithfulness as the reference (golden README): per-sample increments and envelope
 * factors are rounded to float32, accumulation is in float64. The adjoint treats the rounding as
 * identity (its derivative almost everywhere). Only the first `numSamples` samples are rendered:
 * the full features read 35 328 samples (see `FEATURE_SAMPLES`).
 */
import { highpassCoeffs, type BiquadCoeffs } from '../../dsp/biquad';
import { attackSamplesAt, expDecayFactor } from '../../dsp/envelope';
import { NUM_PARAMS, PARAMS, P } from '../../synth/params';
import { biquadAdjoint, highpassDesignGrad } from './biquadAdjoint';
import { fastSin } from '../../synth/fastMath';

// sin/cos as the voice's inlinable polynomial (|error| < 1e-10, far below the float32 rounding
// reproduced here): Math.sin/cos were the largest cost of a training step. Local bindings: imported
// ones are getters when the sources run unbundled (tsx, jest).
const sin = fastSin;
const cos = (x: number): number => fastSin(x + Math.PI / 2);

const f32 = Math.fround;
/** |out| at or above this counts as clipped (1 % below full scale). */
export const CLIP_LEVEL = 0.99;
/** tanh input where the clipping penalty starts: |out| = 0.9, a strongly but not yet flatly driven tanh. */
export const CLIP_PENALTY_ONSET = Math.atanh(0.9);
const identity = (x: number): number => x;
const LN10_20 = Math.LN10 / 20;

export { attackSamplesAt };

/**
 * Decay factor r = 1 − 6.91/N (−60 dB after decayMs), N = decayMs·sr/1000: in float32 the voice's
 * own `expDecayFactor` (one definition of the reference's rounding); with `round` = identity the
 * exact value, for finite-difference checks.
 */
export function decayFactor(decayMs: number, sampleRateHz: number, round: (x: number) => number = f32): number {
  return round === f32 ? expDecayFactor(decayMs, sampleRateHz) : round(1 - 6.91 / ((decayMs * sampleRateHz) / 1000));
}

/** ExpDecayEnvelope into `out`: attack ramp k/A, then r^j (float32 factors, float64 product). */
export function expDecayEnvelope(decayMs: number, sampleRateHz: number, out: Float64Array, round: (x: number) => number = f32): Float64Array {
  const a = attackSamplesAt(sampleRateHz);
  const r = decayFactor(decayMs, sampleRateHz, round);
  const n = out.length;
  for (let k = 0; k < a && k < n; k++) out[k] = round((k + 1) / a);
  let p = 1;
  for (let k = a; k < n; k++) {
    out[k] = round(p);
    p *= r;
  }
  return out;
}

/** ∂L/∂decayMs of an envelope given ∂L/∂env: Σ_j ḡ[A+j]·j·r^(j−1) · ∂r/∂decayMs. */
function envelopeDecayGrad(decayMs: number, sampleRateHz: number, env: Float64Array, genv: Float64Array, round: (x: number) => number): number {
  const a = attackSamplesAt(sampleRateHz);
  const r = decayFactor(decayMs, sampleRateHz, round);
  let gr = 0;
  for (let k = a + 1; k < env.length; k++) gr += genv[k] * (k - a) * (env[k] / r);
  const n = (decayMs * sampleRateHz) / 1000;
  return gr * (6.91 / (n * n)) * (sampleRateHz / 1000);
}

/** The voice's physical parameters, decoded once per render. */
interface Physical {
  f1: number; m1: number; f2: number; m2: number;
  decFe: number; dec1: number; dec2: number; decN: number;
  fc: number; q: number; g1: number; g2: number; gn: number; drive: number;
}

function decode(params01: ArrayLike<number>, f32: (x: number) => number): Physical {
  const v = (i: number) => {
    const x = params01[i];
    const c = x < 0 ? 0 : x > 1 ? 1 : x;
    // float32 like the reference's parameter tensors
    return f32(PARAMS[i].min + f32((PARAMS[i].max - PARAMS[i].min) * f32(c)));
  };
  return {
    f1: v(P.osc1_freq), m1: v(P.osc1_mod), f2: v(P.osc2_freq), m2: v(P.osc2_mod),
    decFe: v(P.freq_env_decay), dec1: v(P.osc1_env_decay), dec2: v(P.osc2_env_decay), decN: v(P.noise_env_decay),
    fc: v(P.noise_filter_freq), q: v(P.noise_filter_q),
    g1: 10 ** (v(P.osc1_gain) / 20), g2: 10 ** (v(P.osc2_gain) / 20), gn: 10 ** (v(P.noise_gain) / 20), drive: 10 ** (v(P.drive) / 20),
  };
}

/**
 * A reusable differentiable voice: `forward` renders and records, `backward` returns ∂L/∂params01
 * for the last forward. Buffers are allocated once (one instance per worker thread).
 */
export class DiffSynth {
  readonly numSamples: number;
  readonly sampleRateHz: number;
  private readonly noise: Float64Array;
  private readonly fe: Float64Array;
  private readonly e1: Float64Array;
  private readonly e2: Float64Array;
  private readonly en: Float64Array;
  private readonly phi1: Float64Array;
  private readonly phi2: Float64Array;
  private readonly v: Float64Array; // filter input u·en
  private readonly h: Float64Array; // filter output (unclamped)
  private readonly s: Float64Array; // tanh input before drive
  private readonly out: Float64Array;
  private readonly sin1: Float64Array;
  private readonly sin2: Float64Array;
  private readonly tmp: Float64Array;
  private readonly tmp2: Float64Array;
  // backward scratch (allocated once)
  private readonly ge1: Float64Array;
  private readonly ge2: Float64Array;
  private readonly gh: Float64Array;
  private readonly gv: Float64Array;
  private readonly gfe: Float64Array;
  // clipping statistics of the last forward
  private peak = 0;
  private clipped = 0;
  private overSq = 0; // Σ relu(|u| − U)²
  private phys: Physical | null = null;
  private coeffs: BiquadCoeffs | null = null;

  private readonly round: (x: number) => number;

  /**
   * @param noise the fixed white-noise buffer (looped if shorter than numSamples)
   * @param numSamples samples to render (35 328 for the full features)
   * @param float32 round like the reference (default); false = plain float64 maths (smooth, for
   *   finite-difference checks)
   */
  constructor(noise: ArrayLike<number>, numSamples: number, sampleRateHz = 44100, float32 = true) {
    this.round = float32 ? f32 : identity;
    this.numSamples = numSamples;
    this.sampleRateHz = sampleRateHz;
    const mk = () => new Float64Array(numSamples);
    this.noise = mk();
    for (let i = 0; i < numSamples; i++) this.noise[i] = noise[i % noise.length];
    this.fe = mk(); this.e1 = mk(); this.e2 = mk(); this.en = mk();
    this.phi1 = mk(); this.phi2 = mk(); this.v = mk(); this.h = mk(); this.s = mk(); this.out = mk();
    this.tmp = mk(); this.tmp2 = mk(); this.sin1 = mk(); this.sin2 = mk();
    this.ge1 = mk(); this.ge2 = mk(); this.gh = mk(); this.gv = mk(); this.gfe = mk();
  }

  /** Render the first `numSamples` samples for normalised parameters (clamped to [0,1]). */
  forward(params01: ArrayLike<number>): Float64Array {
    const sr = this.sampleRateHz;
    const n = this.numSamples;
    const rd = this.round;
    const p = decode(params01, rd);
    this.phys = p;
    expDecayEnvelope(p.decFe, sr, this.fe, rd);
    expDecayEnvelope(p.dec1, sr, this.e1, rd);
    expDecayEnvelope(p.dec2, sr, this.e2, rd);
    expDecayEnvelope(p.decN, sr, this.en, rd);
    oscillatorPhase(p.f1, p.m1, this.fe, sr, this.phi1, rd);
    oscillatorPhase(p.f2, p.m2, this.fe, sr, this.phi2, rd);
    const c = highpassCoeffs(p.fc, p.q, sr);
    this.coeffs = c;
    const { noise, en, v, h, e1, e2, phi1, phi2, s, out, sin1, sin2 } = this;
    const { b0, b1, b2, a1, a2 } = c;
    const { g1, g2, gn, drive } = p;
    // one pass: filter input u·en, direct-form I biquad from zero state (src/dsp/biquad.ts
    // biquadFilter; unclamped output kept for the adjoint), mix, tanh, and the clipping statistics
    let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
    let peak = 0, clipped = 0, overSq = 0;
    for (let i = 0; i < n; i++) {
      const x = rd(noise[i] * en[i]);
      v[i] = x;
      const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      x2 = x1; x1 = x; y2 = y1; y1 = y;
      h[i] = y;
      const hc = y > 1 ? 1 : y < -1 ? -1 : y;
      const sn1 = sin(phi1[i]), sn2 = sin(phi2[i]);
      sin1[i] = sn1;
      sin2[i] = sn2;
      const si = g1 * e1[i] * sn1 + g2 * e2[i] * sn2 + gn * hc;
      s[i] = si;
      const u = drive * si;
      const o = Math.tanh(u);
      out[i] = o;
      const a = Math.abs(o);
      if (a > peak) peak = a;
      if (a >= CLIP_LEVEL) clipped++;
      const over = Math.abs(u) - CLIP_PENALTY_ONSET;
      if (over > 0) overSq += over * over;
    }
    this.peak = peak;
    this.clipped = clipped;
    this.overSq = overSq;
    return out;
  }

  /**
   * How hard the last `forward` drove the waveshaper: the output's peak |out| and the number of
   * samples within 1 % of full scale (|out| ≥ 0.99, i.e. |tanh input| ≥ atanh 0.99 ≈ 2.65: the
   * tanh is flat there and the hit sounds hard-clipped).
   */
  clipStats(): { peak: number; clippedSamples: number } {
    return { peak: this.peak, clippedSamples: this.clipped };
  }

  /**
   * The clipping penalty of the last `forward`: weight · mean_n relu(|u_n| − U)², u = G·s the tanh
   * input and U = `CLIP_PENALTY_ONSET` (|out| = 0.9): zero for a clean hit, growing as the
   * waveshaper is driven towards the flat top of the tanh.
   */
  clipPenalty(weight: number): number {
    if (!(weight > 0)) return 0;
    if (!this.phys) throw new Error('DiffSynth.clipPenalty called before forward');
    return (weight * this.overSq) / this.numSamples;
  }

  /**
   * ∂L/∂params01 for the last `forward`, given ∂L/∂out (length ≥ numSamples; only the first
   * numSamples are read) and optionally the weight of the clipping penalty (`clipPenalty`), whose
   * gradient is added. Gradients are with respect to the unclamped normalised inputs, inside
   * [0,1]; the caller's clip handles the boundary.
   */
  backward(gout: ArrayLike<number>, clipPenaltyWeight = 0): Float64Array {
    const p = this.phys, c = this.coeffs;
    if (!p || !c) throw new Error('DiffSynth.backward called before forward');
    const sr = this.sampleRateHz, n = this.numSamples;
    const { e1, e2, en, fe, phi1, phi2, h, s, out, noise, v } = this;
    const gphi1 = this.tmp, gphi2 = this.tmp2;
    const { ge1, ge2, gh, gv, gfe, sin1: s1, sin2: s2 } = this;
    const penaltyScale = clipPenaltyWeight > 0 ? (2 * clipPenaltyWeight) / n : 0;
    let gG = 0, gg1 = 0, gg2 = 0, ggn = 0;
    for (let i = 0; i < n; i++) {
      let d = gout[i] * (1 - out[i] * out[i]);
      if (penaltyScale) {
        // ∂/∂u of weight · mean relu(|u| − U)², u = G·s
        const u = p.drive * s[i];
        const over = Math.abs(u) - CLIP_PENALTY_ONSET;
        if (over > 0) d += penaltyScale * over * Math.sign(u);
      }
      gG += d * s[i];
      const gs = d * p.drive;
      const sin1 = s1[i], sin2 = s2[i];
      gg1 += gs * e1[i] * sin1;
      gg2 += gs * e2[i] * sin2;
      ge1[i] = gs * p.g1 * sin1;
      ge2[i] = gs * p.g2 * sin2;
      gphi1[i] = gs * p.g1 * e1[i] * cos(phi1[i]);
      gphi2[i] = gs * p.g2 * e2[i] * cos(phi2[i]);
      const hi = h[i];
      const hc = hi > 1 ? 1 : hi < -1 ? -1 : hi;
      ggn += gs * hc;
      gh[i] = hi >= -1 && hi <= 1 ? gs * p.gn : 0;
    }
    const gc = biquadAdjoint(c, v, h, gh, gv);
    const gFilter = highpassDesignGrad(gc, p.fc, p.q, sr);
    const gen = gv; // reuse: ∂L/∂en = ∂L/∂v · u
    for (let i = 0; i < n; i++) gen[i] = gv[i] * noise[i];
    gfe.fill(0);
    const o1 = oscillatorAdjoint(p.f1, p.m1, fe, sr, gphi1, gfe);
    const o2 = oscillatorAdjoint(p.f2, p.m2, fe, sr, gphi2, gfe);
    const g = new Float64Array(NUM_PARAMS);
    g[P.osc1_freq] = o1.freqHz;
    g[P.osc1_mod] = o1.mod;
    g[P.osc2_freq] = o2.freqHz;
    g[P.osc2_mod] = o2.mod;
    g[P.freq_env_decay] = envelopeDecayGrad(p.decFe, sr, fe, gfe, this.round);
    g[P.osc1_env_decay] = envelopeDecayGrad(p.dec1, sr, e1, ge1, this.round);
    g[P.osc2_env_decay] = envelopeDecayGrad(p.dec2, sr, e2, ge2, this.round);
    g[P.noise_env_decay] = envelopeDecayGrad(p.decN, sr, en, gen, this.round);
    g[P.noise_filter_freq] = gFilter.cutoffHz;
    g[P.noise_filter_q] = gFilter.q;
    g[P.osc1_gain] = gg1 * p.g1 * LN10_20;
    g[P.osc2_gain] = gg2 * p.g2 * LN10_20;
    g[P.noise_gain] = ggn * p.gn * LN10_20;
    g[P.drive] = gG * p.drive * LN10_20;
    // physical = min + (max − min)·params01
    for (let i = 0; i < NUM_PARAMS; i++) g[i] *= PARAMS[i].max - PARAMS[i].min;
    return g;
  }
}

/** φ[0] = 0, φ[n] = φ[n−1] + inc[n−1], inc[k] = f32(w·f32(1 + f32(m·fe[k]))), w = f32(f32(f32(2π)·f)/sr). */
function oscillatorPhase(freqHz: number, mod: number, fe: Float64Array, sampleRateHz: number, phi: Float64Array, f32: (x: number) => number): void {
  const w = f32(f32(f32(2 * Math.PI) * freqHz) / sampleRateHz); // float32 ops as the reference
  const m = f32(mod);
  let acc = 0;
  for (let k = 0; k < phi.length; k++) {
    phi[k] = acc;
    acc += f32(w * f32(1 + f32(m * fe[k])));
  }
}

/**
 * Adjoint of `oscillatorPhase`: with S[k] = Σ_{n>k} ∂L/∂φ[n],
 * ∂L/∂w = Σ_k S[k](1 + m·fe[k]), ∂L/∂m = Σ_k S[k]·w·fe[k], ∂L/∂fe[k] += S[k]·w·m.
 */
function oscillatorAdjoint(freqHz: number, mod: number, fe: Float64Array, sampleRateHz: number, gphi: Float64Array, gfe: Float64Array): { freqHz: number; mod: number } {
  const w = (2 * Math.PI * freqHz) / sampleRateHz;
  let suffix = 0, gw = 0, gm = 0;
  for (let k = gphi.length - 1; k >= 0; k--) {
    // S[k] = Σ_{n>k} gphi[n]: add gphi[k+1] before using it
    if (k + 1 < gphi.length) suffix += gphi[k + 1];
    gw += suffix * (1 + mod * fe[k]);
    gm += suffix * w * fe[k];
    gfe[k] += suffix * w * mod;
  }
  return { freqHz: (gw * 2 * Math.PI) / sampleRateHz, mod: gm };
}
