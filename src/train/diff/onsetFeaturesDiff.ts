/**
 * The 3 onset features (src/features/onset.ts) of a signal's first window, differentiable: the
 * forward pass keeps what the adjoint needs, the exact adjoint maps ∂L/∂features → ∂L/∂signal.
 * Training uses them on the synth's first 256 samples (the window the engine would analyse of the
 * synth hit), so the loss can ask the synth's *attack* to follow the drum's attack, the part of the
 * sound the full features (frames of 2048 samples) smear.
 *
 *   rms_db      20·log10(√(mean x² + 1e-8) + 1e-8)
 *   centroid    X = rfft(x · hannPeriodic(N)), m = |X|, c = Σ k·m_k / max(Σ m, 1e-12) bins,
 *               12·log2((c·sr/N + 1e-8)/440) + 69 semitones
 *   flatness    P = max(m², 1e-10), 20·log10(exp(mean ln P)/mean P + 1e-8) dB
 *
 * Windows and floors are the engine's (src/dsp/window, src/features); this file adds only the
 * adjoints. N must be a power of two (256 at 44.1 kHz, the training rate).
 */
import { getWindow } from '../../dsp/window';
import { L1_EPS } from '../../features/centroidSemitones';
import { POWER_FLOOR } from '../../features/flatnessDb';
import { RMS_EPS } from '../../features/rmsDb';
import { TwoRealSpectra } from './spectra';

const HZ_EPS = 1e-8;
const EPS = 1e-8;

export class DiffOnsetFeatures {
  readonly size: number;
  readonly sampleRateHz: number;
  private readonly bins: number;
  private readonly hann: Float64Array;
  private readonly spectra: TwoRealSpectra;
  private readonly zero: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly re2: Float64Array;
  private readonly im2: Float64Array;
  private readonly gr: Float64Array;
  private readonly gi: Float64Array;
  private readonly gx1: Float64Array;
  private readonly gx2: Float64Array;
  private readonly xw: Float64Array;
  // tape
  private x: ArrayLike<number> | null = null;
  private rms = 0;
  private magSum = 0;
  private centroidBin = 0;
  private powSum = 0;
  private flat = 0;

  constructor(size = 256, sampleRateHz = 44100) {
    if (!(size >= 2) || (size & (size - 1)) !== 0) throw new RangeError(`onset window must be a power of two ≥ 2 samples; got ${size}`);
    this.size = size;
    this.sampleRateHz = sampleRateHz;
    this.bins = size / 2 + 1;
    this.hann = getWindow('hannPeriodic', size);
    this.spectra = new TwoRealSpectra(size);
    const mk = (n: number) => new Float64Array(n);
    this.zero = mk(size);
    this.re = mk(this.bins); this.im = mk(this.bins); this.re2 = mk(this.bins); this.im2 = mk(this.bins);
    this.gr = mk(this.bins); this.gi = mk(this.bins);
    this.gx1 = mk(size); this.gx2 = mk(size); this.xw = mk(size);
  }

  /** [rms dB, centroid semitones, flatness dB] of `x[0…size)`. */
  forward(x: ArrayLike<number>): Float64Array {
    const n = this.size;
    this.x = x;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      ss += x[i] * x[i];
      this.xw[i] = x[i] * this.hann[i];
    }
    this.rms = Math.sqrt(ss / n + RMS_EPS);
    this.spectra.forward(this.xw, this.zero, this.re, this.im, this.re2, this.im2);
    let sm = 0, skm = 0, sp = 0, slog = 0;
    for (let k = 0; k < this.bins; k++) {
      const p = this.re[k] * this.re[k] + this.im[k] * this.im[k];
      const m = Math.sqrt(p);
      sm += m;
      skm += k * m;
      const pf = p < POWER_FLOOR ? POWER_FLOOR : p;
      sp += pf;
      slog += Math.log(pf);
    }
    this.magSum = sm;
    this.centroidBin = skm / Math.max(sm, L1_EPS);
    this.powSum = sp;
    this.flat = Math.exp(slog / this.bins) / (sp / this.bins);
    const hz = (this.centroidBin * this.sampleRateHz) / n;
    return Float64Array.of(20 * Math.log10(this.rms + RMS_EPS), 12 * Math.log2((hz + HZ_EPS) / 440) + 69, 20 * Math.log10(this.flat + EPS));
  }

  /** Adds ∂L/∂x[0…size) for the last forward, given ∂L/∂features (3), into `gx`. */
  backward(gF: ArrayLike<number>, gx: Float64Array): void {
    const x = this.x;
    if (!x) throw new Error('DiffOnsetFeatures.backward called before forward');
    const n = this.size, b = this.bins;
    // rms: d/dx_i = 20/(ln10·(rms + ε)) · (1/(2·rms)) · 2·x_i/N
    const gRms = (gF[0] * 20) / (Math.LN10 * (this.rms + RMS_EPS)) / (this.rms * n);
    // centroid: dst/dc = 12/((hz + ε)·ln2) · sr/N; dc/dm_k = (k − c)/Σm (when Σm > 1e-12)
    const hz = (this.centroidBin * this.sampleRateHz) / n;
    const gC = this.magSum > L1_EPS ? ((gF[1] * 12) / ((hz + HZ_EPS) * Math.LN2)) * (this.sampleRateHz / n) / this.magSum : 0;
    // flatness: as the full features' flatness
    const gFlat = (gF[2] * 20) / (Math.LN10 * (this.flat + EPS));
    const meanP = this.powSum / b;
    for (let k = 0; k < b; k++) {
      const re = this.re[k], im = this.im[k];
      const p = re * re + im * im;
      const m = Math.sqrt(p);
      let gr = 0, gi = 0;
      if (m > 0 && gC !== 0) {
        const gm = gC * (k - this.centroidBin);
        gr += (gm * re) / m;
        gi += (gm * im) / m;
      }
      if (p > POWER_FLOOR) {
        const gp = gFlat * this.flat * (1 / (b * p) - 1 / (b * meanP));
        gr += 2 * gp * re;
        gi += 2 * gp * im;
      }
      this.gr[k] = gr;
      this.gi[k] = gi;
    }
    // the second spectrum of the pair is unused (zero input, zero gradient)
    this.spectra.backward(this.gr, this.gi, this.zero.subarray(0, b), this.zero.subarray(0, b), this.gx1, this.gx2);
    for (let i = 0; i < n; i++) gx[i] += this.gx1[i] * this.hann[i] + gRms * x[i];
  }
}
