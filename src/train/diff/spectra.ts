/**
 * Two real spectra per complex FFT, forward and adjoint (fft.js radix-4 FFT).
 *
 * Forward: Z = FFT(x1 + i·x2) gives X1_k = (Z_k + conj Z_{N−k})/2, X2_k = (Z_k − conj Z_{N−k})/(2i),
 * bins k = 0…N/2 (X_k = Σ_n x[n]·e^{−2πikn/N}, unnormalised, as `torch.fft.rfft`).
 *
 * Adjoint: with G_k = ∂L/∂Re X_k + i·∂L/∂Im X_k, ∂L/∂x[n] = Re Σ_{k=0}^{N/2} conj(G_k)·e^{−2πikn/N}.
 * Spreading conj(G) Hermitian-symmetrically (A_0 = Re, A_{N/2} = Re, A_k = A_{N−k}* = conj(G_k)/2)
 * makes that sum a real DFT, so two adjoints share one complex FFT as well.
 */
import FFT from 'fft.js';

export class TwoRealSpectra {
  readonly size: number;
  readonly bins: number;
  private readonly fft: FFT;
  private readonly inBuf: Float64Array;
  private readonly outBuf: Float64Array;

  constructor(size: number) {
    this.size = size;
    this.bins = size / 2 + 1;
    this.fft = new FFT(size);
    this.inBuf = new Float64Array(2 * size);
    this.outBuf = new Float64Array(2 * size);
  }

  /** Spectra of two real signals (length N) into re/im arrays of N/2+1 bins each. */
  forward(x1: ArrayLike<number>, x2: ArrayLike<number>, re1: Float64Array, im1: Float64Array, re2: Float64Array, im2: Float64Array): void {
    const n = this.size, d = this.inBuf, z = this.outBuf;
    for (let i = 0; i < n; i++) {
      d[2 * i] = x1[i];
      d[2 * i + 1] = x2[i];
    }
    this.fft.transform(z as unknown as number[], d as unknown as number[]);
    for (let k = 0; k <= n / 2; k++) {
      const j = k === 0 ? 0 : n - k;
      const zr = z[2 * k], zi = z[2 * k + 1], cr = z[2 * j], ci = z[2 * j + 1];
      re1[k] = 0.5 * (zr + cr);
      im1[k] = 0.5 * (zi - ci);
      re2[k] = 0.5 * (zi + ci);
      im2[k] = -0.5 * (zr - cr);
    }
  }

  /**
   * Adjoint of `forward`: from ∂L/∂(Re, Im) of both spectra to ∂L/∂x1 and ∂L/∂x2 (overwritten).
   */
  backward(gr1: ArrayLike<number>, gi1: ArrayLike<number>, gr2: ArrayLike<number>, gi2: ArrayLike<number>, gx1: Float64Array, gx2: Float64Array): void {
    const n = this.size, h = n / 2, d = this.inBuf, z = this.outBuf;
    // A = Hermitian spread of conj(G1), B = of conj(G2); transform A + i·B.
    // conj(G) = gr − i·gi. A_k = (gr − i gi)/2, A_{N−k} = (gr + i gi)/2 for 0 < k < N/2.
    d[0] = gr1[0];
    d[1] = gr2[0];
    d[2 * h] = gr1[h];
    d[2 * h + 1] = gr2[h];
    for (let k = 1; k < h; k++) {
      const ar = 0.5 * gr1[k], ai = -0.5 * gi1[k];
      const br = 0.5 * gr2[k], bi = -0.5 * gi2[k];
      // A_k + i·B_k
      d[2 * k] = ar - bi;
      d[2 * k + 1] = ai + br;
      // A_{N−k} = conj(A_k), B_{N−k} = conj(B_k): conj(A_k) + i·conj(B_k)
      const j = n - k;
      d[2 * j] = ar + bi;
      d[2 * j + 1] = -ai + br;
    }
    this.fft.transform(z as unknown as number[], d as unknown as number[]);
    for (let i = 0; i < n; i++) {
      gx1[i] = z[2 * i];
      gx2[i] = z[2 * i + 1];
    }
  }
}
