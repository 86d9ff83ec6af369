/**
 * The 7 full features (reference-implementation.md §3.4) of a signal, differentiable: a forward
 * pass that keeps what the adjoint needs, and the exact adjoint ∂L/∂features → ∂L/∂signal.
 *
 * Frames of 2048 samples, hop 512; group T = frames 0–1, group S = frames 2–65 (the mean of the
 * per-frame values), so only the first 35 328 samples are read; TC reads the first 5 512.
 *   loudness  −0.691 + 10·log10(mean(K(frame)²) + 1e-8), K = clamp∘HP(38 Hz, Q .5)∘clamp∘shelf(+4 dB)
 *             each stage from zero state (pyloudnorm K-weighting, torchaudio lfilter clamp)
 *   centroid  flat-top window, |rfft| floored at 1e-4, log(1+·), L1-normalised, Σ k·p_k·sr/N Hz,
 *             Kazazis scaling −34.61·Hz^−0.1621 + 21.2985
 *   flatness  periodic Hann, P = max(|X|², 1e-10), 20·log10(exp(mean ln P)/mean P + 1e-8)
 *   TC        env = x² ⋆ Hann(2048) ("same": 1023 left, 1024 right), Σ n·env/(Σ env + 1e-8)
 *             samples → ms, Schlauch scaling 0.03·ms^1.864
 * The TC convolution is linear in x², so Σ n·env = Σ_k x²[k]·a_k and Σ env = Σ_k x²[k]·b_k with
 * precomputed a, b: exact and O(5512).
 */
import { rbjHighpassCoeffs, rbjHighShelfCoeffs, type BiquadCoeffs } from '../../dsp/biquad';
import { biquadAdjointInput } from './biquadAdjoint';
import { TwoRealSpectra } from './spectra';
import { getWindow } from '../../dsp/window';
import { FULL_FEATURE_SAMPLES, FULL_FRAME_SAMPLES, FULL_GROUPS, FULL_HOP_SAMPLES, FULL_NUM_FRAMES } from '../../features/frames';
import { TC_FRAME_SAMPLES, TC_KERNEL_SAMPLES, temporalCentroidWeights } from '../../features/temporalCentroid';
import { MAGNITUDE_FLOOR, kazazisFromHz } from '../../features/centroidKazazis';

// The framing, windows, floors and scalings are the engine's own (src/features, src/dsp): this
// file adds only the adjoints. Names kept for the kernels' readability.
export const FRAME_SAMPLES = FULL_FRAME_SAMPLES;
export const HOP_SAMPLES = FULL_HOP_SAMPLES;
export const NUM_FRAMES = FULL_NUM_FRAMES;
export const T_FRAMES = FULL_GROUPS[0].numFrames;
/** Samples the full features read: 65·512 + 2048 = 35 328. */
export const FEATURE_SAMPLES = FULL_FEATURE_SAMPLES;
export const TC_SAMPLES = TC_FRAME_SAMPLES;
const BINS = FRAME_SAMPLES / 2 + 1;
const MAG_FLOOR = MAGNITUDE_FLOOR;
const POW_FLOOR = 1e-10;
const EPS = 1e-8;

/** a_k = Σ_n n·h[k − n + 1023], b_k = Σ_n h[k − n + 1023] over n = 0…5511 (h = periodic Hann 2048). */
function tcWeights(): { a: Float64Array; b: Float64Array } {
  const w = temporalCentroidWeights(TC_FRAME_SAMPLES, TC_KERNEL_SAMPLES);
  return { a: w.moment, b: w.sum };
}

const kazazis = kazazisFromHz;

/**
 * Reusable differentiable feature extractor (buffers allocated once; one per thread).
 * `forward(signal)` → Float64Array(7) [SPL_T, SPL_S, SC_T, SC_S, SF_T, SF_S, TC];
 * `backward(gFeatures, gSignal)` writes ∂L/∂signal for the first FEATURE_SAMPLES samples.
 */
export class DiffFullFeatures {
  readonly sampleRateHz: number;
  private readonly shelf: BiquadCoeffs;
  private readonly hp: BiquadCoeffs;
  private readonly flatTop = getWindow('flatTop', FRAME_SAMPLES);
  private readonly hann = getWindow('hannPeriodic', FRAME_SAMPLES);
  private readonly spectra = new TwoRealSpectra(FRAME_SAMPLES);
  // tape, per frame
  private readonly z1 = new Float64Array(NUM_FRAMES * FRAME_SAMPLES); // shelf output (unclamped)
  private readonly z2 = new Float64Array(NUM_FRAMES * FRAME_SAMPLES); // HP output (unclamped)
  private readonly ms = new Float64Array(NUM_FRAMES);
  private readonly cRe = new Float64Array(NUM_FRAMES * BINS);
  private readonly cIm = new Float64Array(NUM_FRAMES * BINS);
  private readonly fRe = new Float64Array(NUM_FRAMES * BINS);
  private readonly fIm = new Float64Array(NUM_FRAMES * BINS);
  private readonly scHz = new Float64Array(NUM_FRAMES);
  private readonly cLog = new Float64Array(NUM_FRAMES * BINS); // log(1 + max(|X|, floor)) per bin
  private readonly cSum = new Float64Array(NUM_FRAMES);
  private readonly pSum = new Float64Array(NUM_FRAMES);
  private readonly flat = new Float64Array(NUM_FRAMES);
  private tcNum = 0;
  private tcDen = 0;
  private signal: ArrayLike<number> | null = null;
  // scratch
  private readonly w1 = new Float64Array(FRAME_SAMPLES);
  private readonly w2 = new Float64Array(FRAME_SAMPLES);
  private readonly b1 = new Float64Array(FRAME_SAMPLES);
  private readonly b2 = new Float64Array(FRAME_SAMPLES);
  private readonly gr1 = new Float64Array(BINS);
  private readonly gi1 = new Float64Array(BINS);
  private readonly gr2 = new Float64Array(BINS);
  private readonly gi2 = new Float64Array(BINS);

  /** Frames this extractor analyses (all 66, or T plus every `sustainStride`-th S frame). */
  readonly frames: readonly number[];
  private readonly sustainFrames: number;

  /**
   * @param sustainStride 1 = the exact features; s > 1 estimates each sustain mean from every s-th
   *   frame of group S (frames 2 + ⌊(s−1)/2⌋ + j·s; with s = 4 non-overlapping frames that still
   *   cover the sustain once), for training steps: s× less work on the S frames. The transient
   *   frames and TC stay exact.
   */
  constructor(sampleRateHz = 44100, sustainStride = 1) {
    this.sampleRateHz = sampleRateHz;
    const frames = [...Array(T_FRAMES).keys()];
    for (let f = T_FRAMES + Math.floor((sustainStride - 1) / 2); f < NUM_FRAMES; f += sustainStride) frames.push(f);
    this.frames = frames;
    this.sustainFrames = frames.length - T_FRAMES;
    this.shelf = rbjHighShelfCoeffs(4, 1 / Math.sqrt(2), 1500, sampleRateHz);
    this.hp = rbjHighpassCoeffs(0.5, 38, sampleRateHz);
  }

  /** Features of `signal` (length ≥ FEATURE_SAMPLES; shorter signals count as zero-padded). */
  forward(signal: ArrayLike<number>): Float64Array {
    const x = signal.length >= FEATURE_SAMPLES ? signal : zeroPad(signal, FEATURE_SAMPLES);
    this.signal = x;
    const out = new Float64Array(7);
    const sr = this.sampleRateHz;
    for (const f of this.frames) {
      const off = f * HOP_SAMPLES;
      // loudness
      const z1 = this.z1.subarray(f * FRAME_SAMPLES, (f + 1) * FRAME_SAMPLES);
      const z2 = this.z2.subarray(f * FRAME_SAMPLES, (f + 1) * FRAME_SAMPLES);
      filterFrame(this.shelf, x, off, z1, false);
      filterFrame(this.hp, z1, 0, z2, true);
      let ss = 0;
      for (let i = 0; i < FRAME_SAMPLES; i++) {
        const v = clamp1(z2[i]);
        ss += v * v;
      }
      const ms = ss / FRAME_SAMPLES;
      this.ms[f] = ms;
      const loud = -0.691 + 10 * Math.log10(ms + EPS);
      // spectra: centroid (flat-top) and flatness (Hann) in one FFT
      for (let i = 0; i < FRAME_SAMPLES; i++) {
        this.w1[i] = x[off + i] * this.flatTop[i];
        this.w2[i] = x[off + i] * this.hann[i];
      }
      const bo = f * BINS;
      const cRe = this.cRe.subarray(bo, bo + BINS), cIm = this.cIm.subarray(bo, bo + BINS);
      const fRe = this.fRe.subarray(bo, bo + BINS), fIm = this.fIm.subarray(bo, bo + BINS);
      this.spectra.forward(this.w1, this.w2, cRe, cIm, fRe, fIm);
      let sc = 0, skc = 0;
      for (let k = 0; k < BINS; k++) {
        const m = Math.max(Math.sqrt(cRe[k] * cRe[k] + cIm[k] * cIm[k]), MAG_FLOOR);
        const c = Math.log1p(m);
        this.cLog[bo + k] = c;
        sc += c;
        skc += k * c;
      }
      this.cSum[f] = sc;
      const hz = (skc / sc) * (sr / FRAME_SAMPLES);
      this.scHz[f] = hz;
      // Σ ln P as ln of products of 8 (P ∈ [1e-10, ~1e7]: no under/overflow in float64), 8× fewer logs
      let sumLog = 0, sumP = 0, prod = 1;
      for (let k = 0; k < BINS; k++) {
        const p = Math.max(fRe[k] * fRe[k] + fIm[k] * fIm[k], POW_FLOOR);
        prod *= p;
        if ((k & 7) === 7) {
          sumLog += Math.log(prod);
          prod = 1;
        }
        sumP += p;
      }
      sumLog += Math.log(prod);
      this.pSum[f] = sumP;
      const flat = Math.exp(sumLog / BINS) / (sumP / BINS);
      this.flat[f] = flat;
      const g = f < T_FRAMES ? 0 : 1;
      const wgt = f < T_FRAMES ? 1 / T_FRAMES : 1 / this.sustainFrames;
      out[0 + g] += wgt * loud;
      out[2 + g] += wgt * kazazis(hz);
      out[4 + g] += wgt * 20 * Math.log10(flat + EPS);
    }
    // temporal centroid
    const { a, b } = tcWeights();
    let num = 0, den = 0;
    for (let k = 0; k < TC_SAMPLES; k++) {
      const e = x[k] * x[k];
      num += e * a[k];
      den += e * b[k];
    }
    this.tcNum = num;
    this.tcDen = den;
    const tcMs = (num / (den + EPS) / sr) * 1000;
    out[6] = 0.03 * tcMs ** 1.864;
    return out;
  }

  /** ∂L/∂signal[0…FEATURE_SAMPLES) for the last forward, given ∂L/∂features (7). */
  backward(gF: ArrayLike<number>, gx: Float64Array): Float64Array {
    const x = this.signal;
    if (!x) throw new Error('DiffFullFeatures.backward called before forward');
    const sr = this.sampleRateHz;
    gx.fill(0, 0, FEATURE_SAMPLES);
    for (const f of this.frames) {
      const off = f * HOP_SAMPLES;
      const g = f < T_FRAMES ? 0 : 1;
      const wgt = f < T_FRAMES ? 1 / T_FRAMES : 1 / this.sustainFrames;
      // loudness
      const gLoud = gF[0 + g] * wgt;
      const z1 = this.z1.subarray(f * FRAME_SAMPLES, (f + 1) * FRAME_SAMPLES);
      const z2 = this.z2.subarray(f * FRAME_SAMPLES, (f + 1) * FRAME_SAMPLES);
      const gMs = (gLoud * 10) / (Math.LN10 * (this.ms[f] + EPS));
      const gz = this.b1;
      for (let i = 0; i < FRAME_SAMPLES; i++) {
        const v = z2[i];
        gz[i] = v >= -1 && v <= 1 ? (gMs * 2 * v) / FRAME_SAMPLES : 0;
      }
      biquadAdjointInput(this.hp, gz, gz);
      for (let i = 0; i < FRAME_SAMPLES; i++) {
        const v = z1[i];
        if (!(v >= -1 && v <= 1)) gz[i] = 0;
      }
      biquadAdjointInput(this.shelf, gz, gz);
      for (let i = 0; i < FRAME_SAMPLES; i++) gx[off + i] += gz[i];
      // centroid
      const bo = f * BINS;
      const hz = this.scHz[f];
      const gHz = gF[2 + g] * wgt * (-34.61 * -0.1621 * hz ** -1.1621);
      const gCb = gHz * (sr / FRAME_SAMPLES);
      const sc = this.cSum[f];
      const cb = (hz * FRAME_SAMPLES) / sr;
      for (let k = 0; k < BINS; k++) {
        const re = this.cRe[bo + k], im = this.cIm[bo + k];
        const mag = Math.sqrt(re * re + im * im);
        if (mag > MAG_FLOOR) {
          const gc = (gCb * (k - cb)) / sc; // ∂cb/∂c_k = (k − cb)/Σc
          const gm = gc / (1 + mag);
          this.gr1[k] = (gm * re) / mag;
          this.gi1[k] = (gm * im) / mag;
        } else {
          this.gr1[k] = 0;
          this.gi1[k] = 0;
        }
      }
      // flatness
      const flat = this.flat[f];
      const gFlat = (gF[4 + g] * wgt * 20) / (Math.LN10 * (flat + EPS));
      const meanP = this.pSum[f] / BINS;
      for (let k = 0; k < BINS; k++) {
        const re = this.fRe[bo + k], im = this.fIm[bo + k];
        const p = re * re + im * im;
        if (p > POW_FLOOR) {
          const gp = gFlat * flat * (1 / (BINS * p) - 1 / (BINS * meanP));
          this.gr2[k] = 2 * gp * re;
          this.gi2[k] = 2 * gp * im;
        } else {
          this.gr2[k] = 0;
          this.gi2[k] = 0;
        }
      }
      this.spectra.backward(this.gr1, this.gi1, this.gr2, this.gi2, this.w1, this.w2);
      for (let i = 0; i < FRAME_SAMPLES; i++) gx[off + i] += this.w1[i] * this.flatTop[i] + this.w2[i] * this.hann[i];
    }
    // temporal centroid
    const { a, b } = tcWeights();
    const den = this.tcDen + EPS;
    const tcSamples = this.tcNum / den;
    const tcMs = (tcSamples / sr) * 1000;
    const gTcMs = gF[6] * 0.03 * 1.864 * tcMs ** 0.864;
    const gTc = (gTcMs * 1000) / sr;
    for (let k = 0; k < TC_SAMPLES; k++) {
      const gE = gTc * (a[k] - tcSamples * b[k]) / den;
      gx[k] += gE * 2 * x[k];
    }
    return gx;
  }
}

const clamp1 = (v: number) => (v > 1 ? 1 : v < -1 ? -1 : v);

/** Zero-state biquad over `len = out.length` samples of `x` from `offset`; input clamped first if asked. */
function filterFrame(c: BiquadCoeffs, x: ArrayLike<number>, offset: number, out: Float64Array, clampInput: boolean): void {
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
  for (let n = 0; n < out.length; n++) {
    const v = x[offset + n];
    const xn = clampInput ? clamp1(v) : v;
    const y = c.b0 * xn + c.b1 * x1 + c.b2 * x2 - c.a1 * y1 - c.a2 * y2;
    x2 = x1; x1 = xn; y2 = y1; y1 = y;
    out[n] = y;
  }
}

function zeroPad(x: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < Math.min(n, x.length); i++) out[i] = x[i];
  return out;
}
