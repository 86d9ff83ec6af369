/**
 * Analysis windows, as the reference computes them, cached per length.
 *
 * - periodic Hann (`torch.hann_window(n)`, the default `periodic=True`):
 *     w[i] = 0.5 − 0.5·cos(2π·i / n),        i = 0…n−1   (w[0] = 0, w[n−1] ≠ 0)
 * - symmetric Hann (`np.hanning(n)`, Meyda's `hanning`, JUCE):
 *     w[i] = 0.5 − 0.5·cos(2π·i / (n − 1))   (w[0] = w[n−1] = 0; n = 1 → [1])
 * - symmetric 5-term flat-top (the reference's `flat_top_window`, full-feature centroid):
 *     w[i] = a0 − a1·cos(t) + a2·cos(2t) − a3·cos(3t) + a4·cos(4t),  t = 2π·i / (n − 1)
 *
 * The cached arrays are shared: treat them as read-only.
 */
export type WindowKind = 'hannPeriodic' | 'hannSymmetric' | 'flatTop';

const FLAT_TOP_A = [0.21557895, 0.41663158, 0.277263158, 0.083578947, 0.006947368] as const;

/** Periodic Hann of `n` samples (torch.hann_window default). */
export function hannPeriodic(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
  return w;
}

/** Symmetric Hann of `n` samples (np.hanning, Meyda `hanning`); n = 1 gives [1] like numpy. */
export function hannSymmetric(n: number): Float64Array {
  const w = new Float64Array(n);
  if (n === 1) {
    w[0] = 1;
    return w;
  }
  for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1));
  return w;
}

/** Symmetric 5-term flat-top of `n` samples (reference `flat_top_window`); n = 1 gives [1]. */
export function flatTop(n: number): Float64Array {
  const w = new Float64Array(n);
  if (n === 1) {
    w[0] = 1;
    return w;
  }
  const [a0, a1, a2, a3, a4] = FLAT_TOP_A;
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / (n - 1);
    w[i] = a0 - a1 * Math.cos(t) + a2 * Math.cos(2 * t) - a3 * Math.cos(3 * t) + a4 * Math.cos(4 * t);
  }
  return w;
}

const MAKERS: Record<WindowKind, (n: number) => Float64Array> = { hannPeriodic, hannSymmetric, flatTop };
const cache = new Map<string, Float64Array>();

/** The window of `kind` and length `n` (≥ 1), computed once and cached; do not modify it. */
export function getWindow(kind: WindowKind, n: number): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`window length must be a positive integer, got ${n}`);
  const key = `${kind}:${n}`;
  let w = cache.get(key);
  if (w === undefined) {
    w = MAKERS[kind](n);
    cache.set(key, w);
  }
  return w;
}
