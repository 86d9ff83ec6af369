/**
 * Magnitude spectra of real frames of any length N, exactly as `torch.fft.rfft` defines them:
 *   X_k = Σ_{n=0}^{N−1} w[n]·x[n]·e^{−2πi·k·n/N},   k = 0…⌊N/2⌋   (unnormalised, ⌊N/2⌋+1 bins)
 * so bin k is k·sr/N Hz.
 *
 * Power-of-two N: fft.js's radix-4 real transform. Other N (e.g. the 279-sample onset window at
 * 48 kHz): Bluestein's chirp-z algorithm on a power-of-two fft.js complex transform of size
 * M ≥ N + ⌊N/2⌋ (512 for N = 279). That is the exact N-point DFT, not a zero-padded, interpolated
 * spectrum: zero padding would change the bin spacing and the bin count, and with them centroid
 * and flatness.
 *
 * Plans (twiddles, chirps, buffers) are built once per N and cached; `magnitude` allocates nothing.
 * Not re-entrant across `await` (buffers are shared), which is fine for synchronous callers.
 */
import FFT from 'fft.js';

type FftPlan = InstanceType<typeof FFT>;
// fft.js is typed with `any[]`; it only indexes, so typed arrays work.
type Buf = number[];

const isPowerOfTwo = (n: number): boolean => n >= 2 && (n & (n - 1)) === 0;

function nextPowerOfTwo(n: number): number {
  let m = 2;
  while (m < n) m *= 2;
  return m;
}

export class RealSpectrum {
  /** Frame length N (samples). */
  readonly size: number;
  /** Number of bins ⌊N/2⌋ + 1 (0 Hz … Nyquist). */
  readonly bins: number;
  private readonly fft: FftPlan | null;
  private readonly inBuf: Float64Array;
  private readonly outBuf: Float64Array;
  // Bluestein only.
  private readonly chirpRe: Float64Array | null = null;
  private readonly chirpIm: Float64Array | null = null;
  private readonly kernelFft: Float64Array | null = null;
  private readonly prodBuf: Float64Array | null = null;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`spectrum size must be a positive integer, got ${size}`);
    this.size = size;
    this.bins = Math.floor(size / 2) + 1;
    if (size === 1) {
      this.fft = null;
      this.inBuf = new Float64Array(1);
      this.outBuf = new Float64Array(2);
    } else if (isPowerOfTwo(size)) {
      this.fft = new FFT(size);
      this.inBuf = new Float64Array(size);
      this.outBuf = new Float64Array(2 * size);
    } else {
      // Bluestein: n·k = (n² + k² − (k − n)²)/2, so X_k = c*_k · Σ_n (x_n·c*_n)·c_{k−n}, c_m = e^{iπm²/N}:
      // a circular convolution, done with one FFT and one inverse (the kernel's FFT is precomputed).
      // Only outputs k < bins are needed, so c is needed at k − n ∈ [−(N−1), bins−1]: those N + bins − 1
      // values fit without wrapping onto each other when M ≥ N + bins − 1 (512 for N = 279, not 1024).
      const m = nextPowerOfTwo(size + this.bins - 1);
      this.fft = new FFT(m);
      this.inBuf = new Float64Array(2 * m); // a_n, zero beyond N (never written there)
      this.outBuf = new Float64Array(2 * m);
      this.prodBuf = new Float64Array(2 * m);
      this.chirpRe = new Float64Array(size);
      this.chirpIm = new Float64Array(size);
      const kernel = new Float64Array(2 * m);
      for (let i = 0; i < size; i++) {
        // m² mod 2N keeps the angle exact for large i.
        const angle = (Math.PI * ((i * i) % (2 * size))) / size;
        this.chirpRe[i] = Math.cos(angle); // c*_i = e^{−iπi²/N}
        this.chirpIm[i] = -Math.sin(angle);
        if (i < this.bins) {
          kernel[2 * i] = Math.cos(angle); // c_i for the outputs' positive lags
          kernel[2 * i + 1] = Math.sin(angle);
        }
        if (i > 0) {
          // c_{−i} = c_i, wrapped to M − i (disjoint from 0…bins−1 since M ≥ N + bins − 1)
          kernel[2 * (m - i)] = Math.cos(angle);
          kernel[2 * (m - i) + 1] = Math.sin(angle);
        }
      }
      this.kernelFft = new Float64Array(2 * m);
      this.fft.transform(this.kernelFft as unknown as Buf, kernel as unknown as Buf);
    }
  }

  /**
   * |X_k| for k = 0…bins−1 into `out` (length ≥ bins), of the frame `src[offset … offset+N)`
   * times `window` (length N, or null for none). Samples past the end of `src` count as 0.
   */
  magnitude(src: ArrayLike<number>, window: Float64Array | null, out: Float64Array, offset = 0): Float64Array {
    const n = this.size;
    const avail = Math.max(0, Math.min(n, src.length - offset));
    if (this.chirpRe === null) {
      const d = this.inBuf;
      if (window === null) for (let i = 0; i < avail; i++) d[i] = src[offset + i];
      else for (let i = 0; i < avail; i++) d[i] = src[offset + i] * window[i];
      for (let i = avail; i < n; i++) d[i] = 0;
      if (this.fft === null) {
        out[0] = Math.abs(d[0]);
        return out;
      }
      const z = this.outBuf;
      this.fft.realTransform(z as unknown as Buf, d as unknown as Buf);
      for (let k = 0; k < this.bins; k++) {
        const re = z[2 * k], im = z[2 * k + 1];
        out[k] = Math.sqrt(re * re + im * im);
      }
      return out;
    }
    return this.bluestein(src, window, out, offset, avail);
  }

  private bluestein(src: ArrayLike<number>, window: Float64Array | null, out: Float64Array, offset: number, avail: number): Float64Array {
    const n = this.size;
    const a = this.inBuf, z = this.outBuf, p = this.prodBuf!, kf = this.kernelFft!, cr = this.chirpRe!, ci = this.chirpIm!;
    const fft = this.fft!;
    for (let i = 0; i < n; i++) {
      const x = i < avail ? (window === null ? src[offset + i] : src[offset + i] * window[i]) : 0;
      a[2 * i] = x * cr[i];
      a[2 * i + 1] = x * ci[i];
    }
    fft.transform(z as unknown as Buf, a as unknown as Buf);
    for (let j = 0; j < z.length; j += 2) {
      const zr = z[j], zi = z[j + 1], kr = kf[j], ki = kf[j + 1];
      p[j] = zr * kr - zi * ki;
      p[j + 1] = zr * ki + zi * kr;
    }
    fft.inverseTransform(z as unknown as Buf, p as unknown as Buf);
    // |X_k| = |c*_k · conv_k| = |conv_k| since |c*_k| = 1.
    for (let k = 0; k < this.bins; k++) {
      const re = z[2 * k], im = z[2 * k + 1];
      out[k] = Math.sqrt(re * re + im * im);
    }
    return out;
  }
}

const plans = new Map<number, RealSpectrum>();

/** The cached `RealSpectrum` plan for frames of `size` samples. */
export function getSpectrum(size: number): RealSpectrum {
  let s = plans.get(size);
  if (s === undefined) {
    s = new RealSpectrum(size);
    plans.set(size, s);
  }
  return s;
}
