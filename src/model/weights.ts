/**
 * The mapping networks' plain weights and their shapes (reference-implementation.md §4.1):
 *   linear     y = clip(W·x, −1, 1)                                 W 14×3, no bias      (42 parameters)
 *   mlp        y = tanh(W2·relu(LN(W1·x + b1)) + b2)                hidden 32            (590)
 *   mlp-large  3 × [Linear, LN, ReLU] (3→64→64→64), Linear(64,14), tanh                 (9 486)
 * LN = LayerNorm without affine part: (z − mean z) / sqrt(var z + 1e-5), biased variance.
 * Weights are stored like PyTorch's `nn.Linear.weight`: [outFeatures × inFeatures], row-major.
 */
import type { Architecture } from './bundle';

export const INPUT_FEATURES = 3;
export const OUTPUT_FEATURES = 14;
/** LayerNorm epsilon of the reference (`nn.LayerNorm` default). */
export const LAYER_NORM_EPS = 1e-5;
export const ARCHITECTURES: readonly Architecture[] = ['linear', 'mlp', 'mlp-large'];

export interface LayerWeights {
  /** [outFeatures × inFeatures], row-major (row o holds the weights into output o). */
  weight: Float32Array;
  /** [outFeatures]; absent for the `linear` architecture. */
  bias?: Float32Array;
  outFeatures: number;
  inFeatures: number;
}

export interface MlpWeights {
  arch: Architecture;
  layers: LayerWeights[];
}

export function isArchitecture(a: unknown): a is Architecture {
  return typeof a === 'string' && (ARCHITECTURES as readonly string[]).includes(a);
}

/** Feature sizes from input to output, e.g. mlp → [3, 32, 14]. */
export function layerSizes(arch: Architecture): number[] {
  if (arch === 'linear') return [INPUT_FEATURES, OUTPUT_FEATURES];
  if (arch === 'mlp') return [INPUT_FEATURES, 32, OUTPUT_FEATURES];
  return [INPUT_FEATURES, 64, 64, 64, OUTPUT_FEATURES];
}

/** Whether the architecture's linear layers have biases (the reference's `linear` has none). */
export const hasBias = (arch: Architecture): boolean => arch !== 'linear';

/** Trainable parameter count of the reference architecture: 42, 590 or 9 486. */
export function paramCount(arch: Architecture): number {
  const s = layerSizes(arch);
  let n = 0;
  for (let l = 0; l + 1 < s.length; l++) n += s[l] * s[l + 1] + (hasBias(arch) ? s[l + 1] : 0);
  return n;
}

/**
 * What is wrong with `w` as a network of its architecture, or null. Always checked: known
 * architecture, layer count, bias presence, array lengths, layer chaining, finite values.
 * With `exactSizes` also the reference sizes (3 → hidden → 14); without it any input, hidden and
 * output width is accepted (the bundle loader checks [N,3] → [N,14] on the model itself).
 */
export function weightsProblem(w: MlpWeights, opts: { exactSizes?: boolean } = {}): string | null {
  if (!w || typeof w !== 'object' || !Array.isArray(w.layers)) return 'weights must be {arch, layers: [...]}';
  if (!isArchitecture(w.arch)) return `unknown architecture "${String(w.arch)}"; known: ${ARCHITECTURES.join(', ')}`;
  const sizes = layerSizes(w.arch);
  if (w.layers.length !== sizes.length - 1) return `architecture ${w.arch} has ${sizes.length - 1} linear layer(s), got ${w.layers.length}`;
  for (let l = 0; l < w.layers.length; l++) {
    const L = w.layers[l];
    const where = `layer ${l}`;
    if (!Number.isInteger(L?.outFeatures) || !Number.isInteger(L?.inFeatures) || L.outFeatures < 1 || L.inFeatures < 1) {
      return `${where}: outFeatures and inFeatures must be positive integers (weights are [out × in] like nn.Linear)`;
    }
    if (!(L.weight instanceof Float32Array) || L.weight.length !== L.outFeatures * L.inFeatures) {
      return `${where}: weight must be a Float32Array of ${L.outFeatures}×${L.inFeatures} = ${L.outFeatures * L.inFeatures} values`;
    }
    if (hasBias(w.arch) !== (L.bias !== undefined && L.bias !== null)) {
      return `${where}: architecture ${w.arch} ${hasBias(w.arch) ? 'needs' : 'has no'} biases`;
    }
    if (L.bias && (!(L.bias instanceof Float32Array) || L.bias.length !== L.outFeatures)) return `${where}: bias must be a Float32Array of ${L.outFeatures} values`;
    if (l > 0 && L.inFeatures !== w.layers[l - 1].outFeatures) {
      return `${where}: inFeatures ${L.inFeatures} does not match the previous layer's outFeatures ${w.layers[l - 1].outFeatures}`;
    }
    if (opts.exactSizes && (L.inFeatures !== sizes[l] || L.outFeatures !== sizes[l + 1])) {
      return `${where}: ${w.arch} expects ${sizes[l + 1]}×${sizes[l]}, got ${L.outFeatures}×${L.inFeatures}`;
    }
    for (const v of L.weight) if (!Number.isFinite(v)) return `${where}: weight holds a non-finite value`;
    if (L.bias) for (const v of L.bias) if (!Number.isFinite(v)) return `${where}: bias holds a non-finite value`;
  }
  return null;
}
