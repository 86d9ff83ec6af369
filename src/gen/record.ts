/**
 * The two records node.script and gen~ (`tr.remap~`) exchange through buffer~ objects; one layout,
 * read by the GenExpr generator (remap.ts) and by the Max host.
 *
 * Net record (node.script → gen~, written into one of two buffer~ banks `#0-tr.net.a|b` by the patch
 * from the host's `net v…` answer, then `bank 0|1` to gen~): everything gen~ needs to turn a hit's
 * onset window into synth parameters exactly as the engine does (src/engine/engine.ts):
 *   scalars, each as a float32 pair hi + lo (hi = fround(x), lo = fround(x − hi): buffer~ memory is
 *   float32, the pair carries a float64 to ~2⁻⁴⁸ relative):
 *     magic, layout, state (the host's state counter), mode (MODE_*), sensitivity,
 *     base[14] (normalised preset with overrides), damping[14], normMin/normMax/normRef[3]
 *     (network input = (f − min)/(max − min) − ref), timbreMin/timbreMax[3] (the 0–1 timbre outputs)
 *   weights (float32 already, one frame each): every linear layer's weight [out × in] then bias
 *   trailer: state again (hi, lo), written last: gen~ takes a copy only when header and trailer agree
 *
 * Hit record (gen~ → node.script, buffer~ `#0-tr.hit`, read out by the patch when gen~ raises its
 * `ready` outlet; float32): state, W, features[3], params[14], timbre[3], window[W].
 */
import { NUM_PARAMS } from '../synth/params';
import { hasBias, layerSizes, type MlpWeights } from '../model/weights';
import type { Architecture } from '../model/bundle';

export const NET_MAGIC = 8081;
export const NET_LAYOUT_VERSION = 1;

/** What gen~ does with a hit. */
export const MODE_PRESET = 0;
export const MODE_LINEAR = 1;
export const MODE_MLP = 2;
/** gen~ captures the window; node.script's engine answers and tr.808~ plays (models gen~ cannot run). */
export const MODE_ROUND_TRIP = 3;

/** Architectures the generated gen~ network runs, with their mode numbers. */
export const GEN_ARCHITECTURES: ReadonlyArray<{ arch: Architecture; mode: number }> = [
  { arch: 'linear', mode: MODE_LINEAR },
  { arch: 'mlp', mode: MODE_MLP },
];

export function genModeFor(arch: Architecture): number {
  return GEN_ARCHITECTURES.find((a) => a.arch === arch)?.mode ?? MODE_ROUND_TRIP;
}

/** Scalar fields of the net record in order: [name, count]. */
const SCALARS: ReadonlyArray<readonly [string, number]> = [
  ['magic', 1], ['layout', 1], ['state', 1], ['mode', 1], ['sensitivity', 1],
  ['base', NUM_PARAMS], ['damping', NUM_PARAMS],
  ['normMin', 3], ['normMax', 3], ['normRef', 3], ['timbreMin', 3], ['timbreMax', 3],
];

/** Index (in values, not frames) of each scalar field. */
export const NET_FIELD: Readonly<Record<string, number>> = (() => {
  const o: Record<string, number> = {};
  let k = 0;
  for (const [name, n] of SCALARS) {
    o[name] = k;
    k += n;
  }
  return o;
})();
export const NET_SCALARS = SCALARS.reduce((s, [, n]) => s + n, 0);

/** One linear layer of a gen~-run network inside the weights region (offsets in values from its start). */
export interface GenLayer {
  inFeatures: number;
  outFeatures: number;
  weightAt: number;
  /** -1 without bias (linear). */
  biasAt: number;
  /** `ln-relu` for hidden layers, then `tanh` (mlp) or `clip` (linear) for the output. */
  activation: 'ln-relu' | 'tanh' | 'clip';
}

/** The layers of `arch` in the weights region (src/model/weights.ts `layerSizes`, `hasBias`). */
export function genLayers(arch: Architecture): GenLayer[] {
  const sizes = layerSizes(arch);
  const layers: GenLayer[] = [];
  let at = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inF = sizes[l], outF = sizes[l + 1];
    const weightAt = at;
    at += inF * outF;
    const biasAt = hasBias(arch) ? at : -1;
    if (hasBias(arch)) at += outF;
    const last = l + 2 === sizes.length;
    layers.push({ inFeatures: inF, outFeatures: outF, weightAt, biasAt, activation: !last ? 'ln-relu' : arch === 'linear' ? 'clip' : 'tanh' });
  }
  return layers;
}

const weightCount = (arch: Architecture) => genLayers(arch).reduce((s, l) => s + l.inFeatures * l.outFeatures + (l.biasAt >= 0 ? l.outFeatures : 0), 0);
/** Room for the largest network gen~ runs (mlp: 590 values). */
export const NET_MAX_WEIGHTS = Math.max(...GEN_ARCHITECTURES.map((a) => weightCount(a.arch)));
/** Frame where the weights start (after the hi/lo scalar pairs). */
export const NET_WEIGHTS_FRAME = 2 * NET_SCALARS;
/** Frame of the trailer (state, hi/lo). */
export const NET_TRAILER_FRAME = NET_WEIGHTS_FRAME + NET_MAX_WEIGHTS;
/** Frames of the net record buffer~. */
export const NET_RECORD_FRAMES = NET_TRAILER_FRAME + 2;

/** What the host hands to gen~. */
export interface NetState {
  state: number;
  mode: number;
  sensitivity: number;
  base01: ArrayLike<number>;
  damping: ArrayLike<number>;
  norm?: { min: ArrayLike<number>; max: ArrayLike<number>; ref: ArrayLike<number> };
  timbre: { min: ArrayLike<number>; max: ArrayLike<number> };
  weights?: MlpWeights | null;
}

const F = Math.fround;

/** The net record as buffer~ frames (float32). */
export function encodeNetRecord(s: NetState): Float32Array {
  const out = new Float32Array(NET_RECORD_FRAMES);
  const put = (index: number, x: number) => {
    const hi = F(x);
    out[2 * index] = hi;
    out[2 * index + 1] = F(x - hi);
  };
  const putAll = (field: string, xs: ArrayLike<number>, n: number) => {
    for (let i = 0; i < n; i++) put(NET_FIELD[field] + i, xs[i] ?? 0);
  };
  put(NET_FIELD.magic, NET_MAGIC);
  put(NET_FIELD.layout, NET_LAYOUT_VERSION);
  put(NET_FIELD.state, s.state);
  put(NET_FIELD.mode, s.mode);
  put(NET_FIELD.sensitivity, s.sensitivity);
  putAll('base', s.base01, NUM_PARAMS);
  putAll('damping', s.damping, NUM_PARAMS);
  if (s.norm) {
    putAll('normMin', s.norm.min, 3);
    putAll('normMax', s.norm.max, 3);
    putAll('normRef', s.norm.ref, 3);
  }
  putAll('timbreMin', s.timbre.min, 3);
  putAll('timbreMax', s.timbre.max, 3);
  if (s.weights && (s.mode === MODE_LINEAR || s.mode === MODE_MLP)) {
    const layers = genLayers(s.weights.arch);
    s.weights.layers.forEach((L, l) => {
      const g = layers[l];
      out.set(L.weight, NET_WEIGHTS_FRAME + g.weightAt);
      if (L.bias && g.biasAt >= 0) out.set(L.bias, NET_WEIGHTS_FRAME + g.biasAt);
    });
  }
  out[NET_TRAILER_FRAME] = out[2 * NET_FIELD.state];
  out[NET_TRAILER_FRAME + 1] = out[2 * NET_FIELD.state + 1];
  return out;
}

/** Hit record offsets (float32 frames). */
export const HIT_STATE = 0;
export const HIT_W = 1;
export const HIT_FEATURES = 2;
export const HIT_PARAMS = HIT_FEATURES + 3;
export const HIT_TIMBRE = HIT_PARAMS + NUM_PARAMS;
export const HIT_WINDOW = HIT_TIMBRE + 3;
/** Longest onset window gen~ captures: 256 samples at 44.1 kHz scaled to 384 kHz (the engine's highest rate). */
export const MAX_WINDOW_SAMPLES = Math.round((256 * 384000) / 44100);
export const HIT_RECORD_FRAMES = HIT_WINDOW + MAX_WINDOW_SAMPLES;

export interface HitRecord {
  state: number;
  features: number[];
  params01: number[];
  timbre: number[];
  window: number[];
}

/** A hit record read out of the buffer~ (the values after `hitcheck`), or a message saying what is wrong. */
export function decodeHitRecord(v: ArrayLike<unknown>): HitRecord | string {
  const nums: number[] = [];
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) return `value ${i} is ${JSON.stringify(x)}, not a finite number`;
    nums.push(x);
  }
  if (nums.length < HIT_WINDOW) return `${nums.length} values; a hit record has at least ${HIT_WINDOW}`;
  const w = nums[HIT_W];
  if (!Number.isInteger(w) || w < 1 || HIT_WINDOW + w !== nums.length) return `window length ${w} does not match the ${nums.length - HIT_WINDOW} window values`;
  return {
    state: nums[HIT_STATE],
    features: nums.slice(HIT_FEATURES, HIT_FEATURES + 3),
    params01: nums.slice(HIT_PARAMS, HIT_PARAMS + NUM_PARAMS),
    timbre: nums.slice(HIT_TIMBRE, HIT_TIMBRE + 3),
    window: nums.slice(HIT_WINDOW),
  };
}

/**
 * Ranges that map the onset features to the 0–1 timbre outputs when no model is loaded (a model
 * brings its training recording's min/max): loudness RMS dB, brightness semitones, noisiness dB.
 */
export const DEFAULT_TIMBRE_RANGE: ReadonlyArray<{ label: string; range: [number, number] }> = [
  { label: 'loudness (RMS dB)', range: [-60, 0] },
  { label: 'brightness (centroid, semitones)', range: [60, 130] },
  { label: 'noisiness (flatness dB)', range: [-80, 0] },
];
