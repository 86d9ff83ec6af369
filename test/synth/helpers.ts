import { PARAMS, toNormalised } from '../../src/synth/params';

/** Normalised parameters from physical values given by name; unnamed ones at their minimum. */
export function patch(physical: Record<string, number>): Float64Array {
  return toNormalised(PARAMS.map((p) => physical[p.name] ?? p.min));
}

import { mulberry32 } from '../helpers/random';
export const rng = mulberry32;

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
