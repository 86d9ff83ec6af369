/**
 * Synthetic test signals with known ground truth, one per way an onset detector fails (seeded,
 * generated in code; every hit's onset is the first sample of its attack):
 * - `ringing`: loud hits whose decay rings (damped resonances) and rattles (short wire bursts
 *   20–80 ms after the stroke, each louder than the decay around it);
 * - `flams`: two strokes 15, 25 or 50 ms apart, equal level, a softer second stroke, or a soft
 *   grace note before the main stroke;
 * - `roll`: 12, 16 and 20 strokes per second, levels ±1.5 dB, each tail running under the next;
 * - `quietAfterLoud`: a loud hit, then a quiet one 100–250 ms later (−10 … −30 dB);
 * - `hum`: mains hum (50 or 60 Hz with 40 harmonics, a buzz) plus a DC offset, from sample 0;
 * - `loudStart`: noise at −40 … −20 dBFS from sample 0 (the stream starts loud), hits later.
 * Hits are either synthetic (`synthHit`: stick click, three damped modes above the detector's
 * 600 Hz high-pass, snare-wire noise, optional rattle bursts) or the example recording's real hits
 * (crescendo.ts `exampleHits`), so that no case rests on one hit model.
 */
import { mulberry32 } from '../helpers/random';
import { exampleHits, gaussian, makeNoise, resample } from './crescendo';

export interface TestSignal {
  signal: Float32Array;
  sampleRateHz: number;
  /** Ground-truth onsets (first sample of each hit's attack), ascending. */
  onsets: number[];
}

export interface SynthHitOptions {
  /** Decay time constant of the resonances (ms; default 40: a snare; 150: a ringing tom). */
  ringMs?: number;
  /** Decay time constant of the snare-wire noise (ms, default 60). */
  wireMs?: number;
  /** Rattle bursts 20–80 ms after the stroke (default 0). */
  rattles?: number;
  /** Each rattle burst's peak relative to the RMS of the hit's decay at that time (linear, default 2: the 1 ms level rises ~5 dB, as the loudest rattle measured in examples/other). */
  rattleGain?: number;
  /** Length (ms, default 400). */
  lengthMs?: number;
}

/**
 * One synthetic drum hit, peak 1, attack starting at index 0: a stick click (noise, 0.1 ms rise,
 * 2 ms decay, 2.5× the modes), three damped modes (900, 1450, 2300 Hz, random phase, 0.2 ms rise), snare-wire
 * noise, and optional rattle bursts (2 ms Hann-windowed noise, one in each equal part of 20–80 ms).
 */
export function synthHit(sampleRateHz: number, seed: number, opts: SynthHitOptions = {}): Float64Array {
  const rng = mulberry32(seed);
  const g = gaussian(rng);
  const sr = sampleRateHz;
  const ringMs = opts.ringMs ?? 40;
  const wireMs = opts.wireMs ?? 60;
  const n = Math.round(((opts.lengthMs ?? 400) / 1000) * sr);
  const out = new Float64Array(n);
  const rms = new Float64Array(n); // RMS envelope of the decay (modes + wires), for scaling the rattles
  const modes = [900, 1450, 2300].map((f, k) => ({ f: f * (1 + 0.03 * (rng() - 0.5)), a: [0.5, 0.35, 0.25][k], ph: 2 * Math.PI * rng(), tau: (ringMs * (1 - 0.2 * k)) / 1000 }));
  for (let i = 0; i < n; i++) {
    const t = i / sr;
    const click = 2.5 * g() * (1 - Math.exp(-t / 1e-4)) * Math.exp(-t / 2e-3);
    const rise = 1 - Math.exp(-t / 2e-4);
    let ring = 0;
    let ringPower = 0;
    for (const m of modes) {
      const e = m.a * Math.exp(-t / m.tau);
      ring += e * Math.sin(2 * Math.PI * m.f * t + m.ph);
      ringPower += (e * e) / 2;
    }
    const wireEnv = 0.3 * Math.exp(-t / (wireMs / 1000));
    out[i] = click + rise * (ring + wireEnv * g());
    rms[i] = rise * Math.sqrt(ringPower + wireEnv * wireEnv);
  }
  const burst = Math.round(0.002 * sr);
  const rattles = opts.rattles ?? 0;
  for (let r = 0; r < rattles; r++) {
    // one burst in each of `rattles` equal parts of 20–80 ms: separate slaps of the wires, not overlapping
    const part = 0.06 / Math.max(1, rattles);
    const at = Math.round((0.02 + part * r + (part - 0.002) * rng()) * sr);
    const gain = (opts.rattleGain ?? 2) * rms[at];
    for (let k = 0; k < burst && at + k < n; k++) out[at + k] += gain * g() * (0.5 - 0.5 * Math.cos((2 * Math.PI * k) / burst));
  }
  let peak = 0;
  for (const v of out) peak = Math.max(peak, Math.abs(v));
  for (let i = 0; i < n; i++) out[i] /= peak;
  return out;
}

/** A hit source: synthetic or the example's real hits (resampled to the rate). */
export type HitSource = 'synth' | 'real';

function hitAt(source: HitSource, sr: number, seed: number, opts: SynthHitOptions = {}): { hit: Float64Array; pre: number } {
  if (source === 'synth') return { hit: synthHit(sr, seed, opts), pre: 0 };
  const hits = exampleHits();
  const h = hits[seed % hits.length];
  // exampleHits keep 64 samples before the ground-truth onset (at 44.1 kHz)
  return sr === 44100 ? { hit: h, pre: 64 } : { hit: resample(h, 44100, sr), pre: Math.round((64 * sr) / 44100) };
}

export interface Placement {
  atMs: number;
  peakDbfs: number;
  source: HitSource;
  seed: number;
  opts?: SynthHitOptions;
}

/** Mix hits (each at its onset time and peak level) over seeded noise; ground truth = their onsets. */
export function mixHits(placements: Placement[], opts: { sampleRateHz?: number; lengthMs?: number; noiseDbfs?: number; noise?: 'white' | 'pink'; seed?: number } = {}): TestSignal {
  const sr = opts.sampleRateHz ?? 44100;
  const lastMs = Math.max(0, ...placements.map((p) => p.atMs));
  const n = Math.round((((opts.lengthMs ?? lastMs + 600) as number) / 1000) * sr);
  const noiseDbfs = opts.noiseDbfs ?? -70;
  const mix = Number.isFinite(noiseDbfs) ? makeNoise(n, noiseDbfs, opts.noise ?? 'white', opts.seed ?? 1) : new Float64Array(n);
  const onsets: number[] = [];
  for (const p of placements) {
    const { hit, pre } = hitAt(p.source, sr, p.seed, p.opts);
    const onset = Math.round((p.atMs / 1000) * sr);
    const start = onset - pre;
    const gain = 10 ** (p.peakDbfs / 20);
    for (let i = Math.max(0, -start); i < hit.length && start + i < n; i++) mix[start + i] += gain * hit[i];
    onsets.push(onset);
  }
  onsets.sort((a, b) => a - b);
  return { signal: Float32Array.from(mix), sampleRateHz: sr, onsets };
}

/** Loud ringing, rattling hits 500 ms apart (peaks −1 … −7 dBFS). */
export function ringing(source: HitSource = 'synth', seed = 1, ringMs = 150, sampleRateHz = 44100): TestSignal {
  const rng = mulberry32(seed);
  const placements: Placement[] = Array.from({ length: 8 }, (_, k) => ({
    atMs: 300 + 500 * k,
    peakDbfs: -1 - 6 * rng(),
    source,
    seed: seed * 100 + k,
    opts: { ringMs, rattles: 3 },
  }));
  return mixHits(placements, { sampleRateHz, seed });
}

export interface FlamCase {
  gapMs: number;
  /** Level of the second stroke relative to the first (dB). */
  secondDb: number;
}

/** Flams 800 ms apart: first stroke at `firstDbfs`, the second `gapMs` later at first + secondDb. */
export function flams(cases: FlamCase[], source: HitSource = 'synth', seed = 1, firstDbfs = -3, sampleRateHz = 44100): TestSignal {
  const placements: Placement[] = [];
  cases.forEach((c, k) => {
    const at = 300 + 800 * k;
    placements.push({ atMs: at, peakDbfs: firstDbfs, source, seed: seed * 100 + 2 * k });
    placements.push({ atMs: at + c.gapMs, peakDbfs: firstDbfs + c.secondDb, source, seed: seed * 100 + 2 * k + 1 });
  });
  return mixHits(placements, { sampleRateHz, seed });
}

/** A roll at `hitsPerSecond` (`count` strokes, peaks −6 dBFS ± 1.5 dB), lead-in 300 ms. */
export function roll(hitsPerSecond: number, source: HitSource = 'synth', seed = 1, count = 24, sampleRateHz = 44100): TestSignal {
  const rng = mulberry32(seed ^ 0x9011);
  const placements: Placement[] = Array.from({ length: count }, (_, k) => ({
    atMs: 300 + (1000 * k) / hitsPerSecond,
    peakDbfs: -6 + 3 * (rng() - 0.5),
    source,
    seed: seed * 100 + k,
  }));
  return mixHits(placements, { sampleRateHz, seed });
}

/** Pairs 1 s apart: a loud hit (−1 dBFS), then a quiet one `gapMs` later, `quietDb` below it. */
export function quietAfterLoud(pairs: Array<{ gapMs: number; quietDb: number }>, source: HitSource = 'synth', seed = 1, sampleRateHz = 44100): TestSignal {
  const placements: Placement[] = [];
  pairs.forEach((p, k) => {
    const at = 300 + 1000 * k;
    placements.push({ atMs: at, peakDbfs: -1, source, seed: seed * 100 + 2 * k });
    placements.push({ atMs: at + p.gapMs, peakDbfs: -1 + p.quietDb, source, seed: seed * 100 + 2 * k + 1 });
  });
  return mixHits(placements, { sampleRateHz, seed });
}

/**
 * Mains hum from sample 0: `mainsHz` (50 or 60) with harmonics 1…40 at 1/k amplitude (a buzz
 * whose upper harmonics pass the detector's high-pass), fundamental at `humDbfs` peak, plus
 * `dcOffset`; hits (peaks −12 … −6 dBFS) from 700 ms on, 400 ms apart.
 */
export function hum(mainsHz: 50 | 60, humDbfs = -20, dcOffset = 0.1, hits = 6, source: HitSource = 'synth', seed = 1, sampleRateHz = 44100): TestSignal {
  const rng = mulberry32(seed ^ 0x4a11);
  const placements: Placement[] = Array.from({ length: hits }, (_, k) => ({ atMs: 700 + 400 * k, peakDbfs: -12 + 6 * rng(), source, seed: seed * 100 + k }));
  const t = mixHits(placements, { sampleRateHz, lengthMs: 700 + 400 * hits + 300, noiseDbfs: -80, seed });
  const a = 10 ** (humDbfs / 20);
  const ph = Array.from({ length: 40 }, () => 2 * Math.PI * rng());
  for (let i = 0; i < t.signal.length; i++) {
    let v = dcOffset;
    for (let k = 1; k <= 40; k++) v += (a / k) * Math.sin((2 * Math.PI * mainsHz * k * i) / sampleRateHz + ph[k - 1]);
    t.signal[i] += v;
  }
  return t;
}

/** Noise at `noiseDbfs` RMS from sample 0 (the stream starts loud); hits 24 dB above the noise from 600 ms on. */
export function loudStart(noiseDbfs: number, noise: 'white' | 'pink' = 'white', hits = 4, source: HitSource = 'synth', seed = 1, sampleRateHz = 44100): TestSignal {
  const placements: Placement[] = Array.from({ length: hits }, (_, k) => ({ atMs: 600 + 450 * k, peakDbfs: Math.min(-1, noiseDbfs + 24), source, seed: seed * 100 + k }));
  return mixHits(placements, { sampleRateHz, noiseDbfs, noise, seed });
}

/** Round to a `bits`-bit PCM grid (as a WAV of that depth would hold). */
export function quantise(x: Float32Array, bits: number): Float32Array {
  const q = 2 ** (bits - 1);
  return x.map((v) => Math.max(-q, Math.min(q - 1, Math.round(v * q))) / q);
}
