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
import { highpassDesignGrad } from './biquadAdjoint';
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

/** ∂L/∂decayMs of an envelope from ∂L/∂r = Σ_j ∂L/∂env[A+j]·j·r^(j−1): ∂r/∂decayMs = 6.91/N² · sr/1000, N = decayMs·sr/1000. */
function decayGrad(gr: number, decayMs: number, sampleRateHz: number): number {
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
    this.ge1 = mk(); this.ge2 = mk(); this.gh = mk();
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
    const { ge1, ge2, gh, sin1: s1, sin2: s2 } = this;
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
    // one pass backwards in time, scalar state only (it replaced nine passes over the render):
    // - the noise filter's adjoint (biquadAdjoint.ts): λ[k] = ḡ[k] − a1·λ[k+1] − a2·λ[k+2],
    //   ∂L/∂v[k] = b0·λ[k] + b1·λ[k+1] + b2·λ[k+2], ∂L/∂b_i = Σ λ[k]·v[k−i], ∂L/∂a_i = −Σ λ[k]·h[k−i];
    //   ∂L/∂en = ∂L/∂v · u (v = u·en)
    // - the oscillators (φ[k] = Σ_{m<k} w·(1 + m·fe[m])): with S[k] = Σ_{m>k} ∂L/∂φ[m],
    //   ∂L/∂w = Σ S[k]·(1 + m·fe[k]), ∂L/∂m = Σ S[k]·w·fe[k], ∂L/∂fe[k] = Σ_osc S[k]·w·m
    // - the envelopes' decay factors: ∂L/∂r = Σ_{j≥1} ∂L/∂env[A+j]·j·r^(j−1) = Σ ∂L/∂env[A+j]·j·env[A+j]/r
    const { b0, b1, b2, a1, a2 } = c;
    const att = attackSamplesAt(sr);
    const rd = this.round;
    const rFe = decayFactor(p.decFe, sr, rd), r1 = decayFactor(p.dec1, sr, rd), r2 = decayFactor(p.dec2, sr, rd), rN = decayFactor(p.decN, sr, rd);
    const w1 = (2 * Math.PI * p.f1) / sr, w2 = (2 * Math.PI * p.f2) / sr, m1 = p.m1, m2 = p.m2;
    let l1 = 0, l2 = 0, gb0 = 0, gb1 = 0, gb2 = 0, ga1 = 0, ga2 = 0;
    let suf1 = 0, suf2 = 0, gw1 = 0, gm1 = 0, gw2 = 0, gm2 = 0;
    let grFe = 0, gr1 = 0, gr2 = 0, grN = 0;
    for (let k = n - 1; k >= 0; k--) {
      const l = gh[k] - a1 * l1 - a2 * l2;
      const gvk = b0 * l + b1 * l1 + b2 * l2;
      gb0 += l * v[k];
      if (k >= 1) {
        gb1 += l * v[k - 1];
        ga1 -= l * h[k - 1];
      }
      if (k >= 2) {
        gb2 += l * v[k - 2];
        ga2 -= l * h[k - 2];
      }
      l2 = l1;
      l1 = l;
      if (k + 1 < n) {
        suf1 += gphi1[k + 1];
        suf2 += gphi2[k + 1];
      }
      const fek = fe[k];
      gw1 += suf1 * (1 + m1 * fek);
      gm1 += suf1 * w1 * fek;
      gw2 += suf2 * (1 + m2 * fek);
      gm2 += suf2 * w2 * fek;
      if (k > att) {
        const j = k - att;
        const gfe = suf1 * w1 * m1 + suf2 * w2 * m2;
        grFe += gfe * j * (fek / rFe);
        gr1 += ge1[k] * j * (e1[k] / r1);
        gr2 += ge2[k] * j * (e2[k] / r2);
        grN += gvk * noise[k] * j * (en[k] / rN);
      }
    }
    const gFilter = highpassDesignGrad({ b0: gb0, b1: gb1, b2: gb2, a1: ga1, a2: ga2 }, p.fc, p.q, sr);
    const g = new Float64Array(NUM_PARAMS);
    g[P.osc1_freq] = (gw1 * 2 * Math.PI) / sr;
    g[P.osc1_mod] = gm1;
    g[P.osc2_freq] = (gw2 * 2 * Math.PI) / sr;
    g[P.osc2_mod] = gm2;
    g[P.freq_env_decay] = decayGrad(grFe, p.decFe, sr);
    g[P.osc1_env_decay] = decayGrad(gr1, p.dec1, sr);
    g[P.osc2_env_decay] = decayGrad(gr2, p.dec2, sr);
    g[P.noise_env_decay] = decayGrad(grN, p.decN, sr);
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
