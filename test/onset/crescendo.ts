/**
 * Test-signal builder: a quiet-to-loud crescendo of real snare hits over a noise floor, with its
 * ground-truth onsets. The hits are cut out of the example recording at its ground-truth onsets
 * (examples/gmrock-snare-performance.onsets.csv), each normalised to peak 1, then placed
 * `spacingMs` apart with peak levels ramping linearly in dB over `spanDb` up to `topPeakDbfs`,
 * summed (a hit's tail runs on under the next one, as in playing), and seeded white or pink noise
 * at `noiseDbfs` RMS is added. At other rates the hits are resampled (windowed sinc) first.
 * Everything is seeded: the same options give the same signal.
 */
import { readFileSync } from 'node:fs';
import { readWav } from '../../src/io/wav';
import { EXAMPLE_ONSETS_CSV, EXAMPLE_WAV } from '../helpers/audio';

export interface CrescendoOptions {
  seed?: number;
  /** Number of hits (default 40). */
  count?: number;
  /** Onset-to-onset spacing (default 250 ms). */
  spacingMs?: number;
  /** Random extra spacing, uniform in ±jitterMs (default 0). */
  jitterMs?: number;
  /** Peak level range from the first to the last hit (default 40 dB). */
  spanDb?: number;
  /** Peak level of the last (loudest) hit (default −1 dBFS). */
  topPeakDbfs?: number;
  /** Noise RMS level (default −66 dBFS); −Infinity for none. */
  noiseDbfs?: number;
  noise?: 'white' | 'pink';
  /** Output rate (default 44 100 Hz, the example's rate). */
  sampleRateHz?: number;
  /** Silence-free lead-in before the first hit, noise only (default 500 ms). */
  leadInMs?: number;
}

export interface Crescendo {
  signal: Float32Array;
  sampleRateHz: number;
  /** Ground-truth onsets (sample indices at `sampleRateHz`). */
  onsets: number[];
  /** Each hit's peak level as placed (dBFS). */
  peaksDbfs: number[];
}

/** Samples kept before each ground-truth onset when cutting (the CSV marks the first sample above 1 % of the peak). */
const PRE_SAMPLES = 64;
/** Fade-out at the end of each cut (before the next hit of the recording starts). */
const FADE_SAMPLES = 441;

import { mulberry32 } from '../helpers/random';
export { mulberry32 };

/** Standard normal samples (Box–Muller). */
export function gaussian(rng: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** White or pink (Kellett's filter, −3 dB/octave) noise scaled to exactly `rmsDbfs`. */
export function makeNoise(length: number, rmsDbfs: number, kind: 'white' | 'pink', seed: number): Float64Array {
  const g = gaussian(mulberry32(seed));
  const out = new Float64Array(length);
  let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
  for (let i = 0; i < length; i++) {
    const w = g();
    if (kind === 'white') out[i] = w;
    else {
      b0 = 0.99886 * b0 + w * 0.0555179;
      b1 = 0.99332 * b1 + w * 0.0750759;
      b2 = 0.969 * b2 + w * 0.153852;
      b3 = 0.8665 * b3 + w * 0.3104856;
      b4 = 0.55 * b4 + w * 0.5329522;
      b5 = -0.7616 * b5 - w * 0.016898;
      out[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
      b6 = w * 0.115926;
    }
  }
  let ss = 0;
  for (let i = 0; i < length; i++) ss += out[i] * out[i];
  const scale = 10 ** (rmsDbfs / 20) / Math.sqrt(ss / Math.max(1, length));
  for (let i = 0; i < length; i++) out[i] *= scale;
  return out;
}

/**
 * Band-limited resampling by a Hann-windowed sinc (32 zero crossings each side), polyphase: the
 * rates are integers, so output j sits at input position j·M/L with L/M the reduced rate ratio and
 * only L distinct fractional phases (one kernel table each). Test use only.
 */
export function resample(x: ArrayLike<number>, fromHz: number, toHz: number): Float64Array {
  if (fromHz === toHz) return Float64Array.from(x);
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const g = gcd(Math.round(toHz), Math.round(fromHz));
  const up = Math.round(toHz) / g; // L
  const down = Math.round(fromHz) / g; // M
  const ratio = up / down;
  const cutoff = Math.min(1, ratio); // fraction of the input Nyquist kept
  const half = Math.ceil(32 / cutoff); // taps each side, in input samples
  const taps = 2 * half + 1;
  const table = new Float64Array(up * taps);
  for (let phase = 0; phase < up; phase++) {
    const frac = phase / up; // output position − floor(position), in input samples
    for (let k = 0; k < taps; k++) {
      const u = k - half - frac;
      const arg = Math.PI * u * cutoff;
      const sinc = u === 0 ? 1 : Math.sin(arg) / arg;
      const win = Math.abs(u) >= half ? 0 : 0.5 + 0.5 * Math.cos((Math.PI * u) / half);
      table[phase * taps + k] = sinc * win * cutoff;
    }
  }
  const n = Math.floor((x.length * up) / down);
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const num = j * down;
    const base = Math.floor(num / up);
    const phase = num - base * up;
    let acc = 0;
    const row = phase * taps;
    for (let k = 0; k < taps; k++) {
      const i = base - half + k;
      if (i >= 0 && i < x.length) acc += x[i] * table[row + k];
    }
    out[j] = acc;
  }
  return out;
}

export function exampleTruthSamples(): number[] {
  return readFileSync(EXAMPLE_ONSETS_CSV, 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
}

let cachedHits: Float64Array[] | undefined;

/** The example's hits, each from 64 samples before its onset to just before the next hit, faded out, peak 1. */
export function exampleHits(): Float64Array[] {
  if (cachedHits) return cachedHits;
  const x = readWav(EXAMPLE_WAV).mono;
  const truth = exampleTruthSamples();
  cachedHits = truth.map((t, i) => {
    const start = t - PRE_SAMPLES;
    const end = i + 1 < truth.length ? truth[i + 1] - PRE_SAMPLES : Math.min(x.length, start + 44100);
    const hit = Float64Array.from(x.subarray(start, end));
    for (let k = 0; k < FADE_SAMPLES; k++) hit[hit.length - 1 - k] *= 0.5 - 0.5 * Math.cos((Math.PI * k) / FADE_SAMPLES);
    let peak = 0;
    for (const v of hit) peak = Math.max(peak, Math.abs(v));
    for (let k = 0; k < hit.length; k++) hit[k] /= peak;
    return hit;
  });
  return cachedHits;
}

export function buildCrescendo(opts: CrescendoOptions = {}): Crescendo {
  const seed = opts.seed ?? 1;
  const count = opts.count ?? 40;
  const spacingMs = opts.spacingMs ?? 250;
  const jitterMs = opts.jitterMs ?? 0;
  const spanDb = opts.spanDb ?? 40;
  const topPeakDbfs = opts.topPeakDbfs ?? -1;
  const noiseDbfs = opts.noiseDbfs ?? -66;
  const sr = opts.sampleRateHz ?? 44100;
  const leadInMs = opts.leadInMs ?? 500;
  const rng = mulberry32(seed ^ 0x5eed);
  const hits = exampleHits().map((h) => (sr === 44100 ? h : resample(h, 44100, sr)));
  const pre = Math.round((PRE_SAMPLES * sr) / 44100);

  const placements: Array<{ at: number; hit: Float64Array; gain: number }> = [];
  const onsets: number[] = [];
  const peaksDbfs: number[] = [];
  let t = (leadInMs / 1000) * sr;
  for (let k = 0; k < count; k++) {
    const at = Math.round(t);
    const hit = hits[Math.floor(rng() * hits.length)];
    const peakDb = topPeakDbfs - spanDb + (count > 1 ? (spanDb * k) / (count - 1) : spanDb);
    placements.push({ at, hit, gain: 10 ** (peakDb / 20) });
    onsets.push(at + pre);
    peaksDbfs.push(peakDb);
    t += ((spacingMs + jitterMs * (2 * rng() - 1)) / 1000) * sr;
  }
  const last = placements[placements.length - 1];
  const length = last.at + last.hit.length + Math.round(0.5 * sr);
  const mix = Number.isFinite(noiseDbfs) ? makeNoise(length, noiseDbfs, opts.noise ?? 'white', seed) : new Float64Array(length);
  for (const p of placements) for (let i = 0; i < p.hit.length; i++) mix[p.at + i] += p.gain * p.hit[i];
  return { signal: Float32Array.from(mix), sampleRateHz: sr, onsets, peaksDbfs };
}
