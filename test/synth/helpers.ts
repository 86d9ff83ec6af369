import { PARAMS, toNormalised } from '../../src/synth/params';

/** Normalised parameters from physical values given by name; unnamed ones at their minimum. */
export function patch(physical: Record<string, number>): Float64Array {
  return toNormalised(PARAMS.map((p) => physical[p.name] ?? p.min));
}

/** Deterministic uniform [0, 1) generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>, from = 0, to = a.length): number {
  let m = 0;
  for (let i = from; i < to; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Largest |x[n+1] − x[n]| for n in [from, to−1). */
export function maxStep(x: ArrayLike<number>, from = 0, to = x.length): number {
  let m = 0;
  for (let i = Math.max(0, from); i + 1 < Math.min(to, x.length); i++) m = Math.max(m, Math.abs(x[i + 1] - x[i]));
  return m;
}
