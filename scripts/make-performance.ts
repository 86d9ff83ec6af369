/**
 * Build a seeded snare "performance" from a Hydrogen drum kit's snare samples, the way
 * examples/gmrock-snare-performance.wav was made, plus its ground-truth onsets CSV:
 *
 *   1. crescendo of the main articulation over its velocity layers (two hits per layer, quarters)
 *   2. decrescendo of the main articulation (one hit per layer, quarters)
 *   3. crescendo + decrescendo of the second articulation (rimshot / cross-stick)
 *   4. a groove of eighth-note bars mixing both articulations: accents (top layers) on the
 *      beats, softer layers off the beat, until `hits` hits in all
 *
 * Tempo 90 bpm (eighth = 333 ms, quarter = 667 ms), one bar of rest between sections; every hit's
 * attack lands on its grid time + uniform ±8 ms "human" jitter; each sample plays to its end and is
 * summed over the previous hit's tail (no choking); the mix is scaled once so its peak is −1 dBFS.
 * Samples are mixed to mono (channel mean) and brought to 44.1 kHz (wavefile sinc + LPF, the
 * training data's resampler) first. Output: 44.1 kHz 16-bit mono WAV.
 *
 * Ground truth (`NAME.onsets.csv`, the example's columns): `sample` = placement of the hit + index
 * of the first sample of the (mono, 44.1 kHz) hit whose |x| ≥ 1 % of that hit's own peak;
 * `time_s` = sample / 44100; `articulation`; `dynamic` (layer index, 0 = softest); `gain_db` (the
 * per-hit gain before the final peak scaling; 0 when the kit's layers carry the dynamics).
 *
 * Run (needs Debian's `hydrogen-data`, and `flac` for kits stored as FLAC):
 *   npx tsx scripts/make-performance.ts                  # all kits below → examples/other/
 *   npx tsx scripts/make-performance.ts forzee --seed 7 --hits 48 --out /tmp/x
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decodeWav, readWav, writeWav } from '../src/io/wav';
import { writeFileAtomic } from '../src/io/atomic';
import { dbToGain } from '../src/dsp/db';
import { resampleTo44k } from '../src/train/data';
import { createRng, type Rng } from '../src/train/rng';

const SAMPLE_RATE_HZ = 44100;
const DRUMKITS = '/usr/share/hydrogen/data/drumkits';
const ROOT = join(__dirname, '..');
const EIGHTH_S = 60 / 90 / 2;
const JITTER_MS = 8;
const LEAD_IN_S = 0.5;
const TAIL_S = 1.5;
const PEAK_DBFS = -1;
/** Attack = first sample at or above this fraction of the hit's peak (the example's definition). */
const ATTACK_FRACTION = 0.01;

/** One velocity layer: one or more round-robin sample files and a gain. */
export interface Layer {
  files: string[];
  gainDb: number;
}
export interface Articulation {
  name: string;
  /** Softest first. */
  layers: Layer[];
}
export interface KitSpec {
  /** Output base name (examples/other/NAME.wav). */
  name: string;
  /** Folder under /usr/share/hydrogen/data/drumkits. */
  kit: string;
  /** [main articulation (centre hits), second articulation]. */
  articulations: [Articulation, Articulation];
  seed: number;
}

const layersOf = (files: string[], gainsDb?: number[]): Layer[] => files.map((f, i) => ({ files: [f], gainDb: gainsDb?.[i] ?? 0 }));

/** The committed recordings (examples/other/README.md). */
export const KITS: Record<string, KitSpec> = {
  forzee: {
    name: 'forzee-snare-performance',
    kit: 'ForzeeStereo',
    seed: 1,
    articulations: [
      { name: 'center', layers: layersOf([0, 1, 2, 3, 4].map((i) => `Snare-${i}.wav`)) },
      { name: 'rimshot', layers: layersOf([0, 1, 2, 3, 4].map((i) => `SnareRim-${i}.wav`)) },
    ],
  },
  millo: {
    name: 'millo-snare-performance',
    kit: 'Millo_MultiLayered2',
    seed: 2,
    articulations: [
      { name: 'center', layers: layersOf([1, 2, 3, 4, 5].map((i) => `rsnare_0${i}.flac`)) },
      { name: 'crossstick', layers: layersOf([1, 2, 3, 4].map((i) => `rim_0${i}.flac`)) },
    ],
  },
  colombo: {
    // One velocity per sample in this kit: dynamics come from the gain (5 levels over 20 dB), the
    // round-robin shots give the hit-to-hit variation.
    name: 'colombo-snare-performance',
    kit: 'ColomboAcousticDrumkit',
    seed: 3,
    articulations: [
      {
        name: 'center',
        layers: [-20, -14, -9, -4, 0].map((gainDb) => ({ files: ['snare-opaque-normal-mic-normal_shot2.flac', 'snare-opaque-normal-mic-normal_shot3.flac'], gainDb })),
      },
      {
        name: 'rimshot',
        layers: [-20, -14, -9, -4, 0].map((gainDb) => ({ files: ['snare-opaque-normal-mic-rimshot2.flac', 'snare-opaque-normal-mic-rimshot6.flac', 'snare-opaque-normal-mic-rimshot7.flac'], gainDb })),
      },
    ],
  },
};

export interface PlacedHit {
  /** Ground-truth onset (sample index in the output). */
  sample: number;
  articulation: string;
  dynamic: number;
  gainDb: number;
  file: string;
}

interface Sample {
  audio: Float32Array;
  /** Index of the first sample ≥ 1 % of the peak. */
  attack: number;
}

/** Read a kit sample as mono 44.1 kHz (FLAC through the `flac` decoder). */
function loadSample(path: string): Sample {
  let audio;
  if (/\.flac$/i.test(path)) {
    let bytes: Buffer;
    try {
      bytes = execFileSync('flac', ['-d', '-c', '-s', path], { maxBuffer: 1 << 28 });
    } catch (e) {
      throw new Error(`cannot decode ${path} with the "flac" command (${(e as Error).message}); install it: apt-get install flac`);
    }
    audio = decodeWav(bytes, path);
  } else audio = readWav(path);
  const mono = resampleTo44k(audio.mono, audio.sampleRate);
  return { audio: mono, attack: attackIndex(mono) };
}

/** First index with |x| ≥ 1 % of max |x|. */
export function attackIndex(x: Float32Array): number {
  let peak = 0;
  for (const v of x) peak = Math.max(peak, Math.abs(v));
  const threshold = ATTACK_FRACTION * peak;
  const i = x.findIndex((v) => Math.abs(v) >= threshold);
  return Math.max(0, i);
}

interface Note {
  slot: number; // in eighths from the start
  art: 0 | 1;
  dynamic: number;
}

/** The score: sections 1–4 of the header, in eighth-note slots. */
function score(kit: KitSpec, hits: number, rng: Rng): Note[] {
  const [main, second] = kit.articulations;
  const nMain = main.layers.length;
  const nSecond = second.layers.length;
  const notes: Note[] = [];
  let slot = 0;
  const quarter = (art: 0 | 1, dynamic: number) => {
    notes.push({ slot, art, dynamic });
    slot += 2;
  };
  for (let d = 0; d < nMain; d++) for (let k = 0; k < 2; k++) quarter(0, d);
  for (let d = nMain - 1; d >= 0; d--) quarter(0, d);
  slot += 8;
  for (let d = 0; d < nSecond; d++) quarter(1, d);
  for (let d = nSecond - 2; d >= 0; d--) quarter(1, d);
  slot += 8;
  // Groove bars (8 eighths): which slots are played; beats are slots 0, 2, 4, 6.
  const bars = [[0, 2, 3, 6], [0, 3, 4, 6], [0, 2, 4, 5], [0, 1, 4, 6], [0, 3, 4, 7], [0, 2, 5, 6]];
  while (notes.length < hits) {
    const bar = bars[rng.int(bars.length)];
    for (const s of bar) {
      if (notes.length >= hits) break;
      const onBeat = s % 2 === 0;
      const accent = s === 0 || s === 4;
      const art: 0 | 1 = rng.next() < (accent ? 0.4 : 0.15) ? 1 : 0;
      const n = art === 0 ? nMain : nSecond;
      // accents: top two layers; other beats: middle; off-beats: the softer half
      const dynamic = accent ? n - 1 - rng.int(2) : onBeat ? Math.floor(n / 2) - 1 + rng.int(3) : rng.int(Math.ceil(n / 2));
      notes.push({ slot: slot + s, art, dynamic: Math.max(0, Math.min(n - 1, dynamic)) });
    }
    slot += 8;
  }
  return notes;
}

/** Render a kit's performance: the mono 44.1 kHz signal and the ground-truth hits. */
export function buildPerformance(kit: KitSpec, opts: { seed?: number; hits?: number } = {}): { signal: Float32Array; hits: PlacedHit[]; peakGainDb: number } {
  const rng = createRng(opts.seed ?? kit.seed);
  const cache = new Map<string, Sample>();
  const sample = (file: string) => {
    if (!cache.has(file)) cache.set(file, loadSample(join(DRUMKITS, kit.kit, file)));
    return cache.get(file)!;
  };
  const notes = score(kit, opts.hits ?? 48, rng);
  const roundRobin = new Map<string, number>();
  const placed: Array<PlacedHit & { start: number; s: Sample }> = notes.map((n) => {
    const art = kit.articulations[n.art];
    const layer = art.layers[n.dynamic];
    const key = `${n.art}:${n.dynamic}`;
    const rr = roundRobin.get(key) ?? rng.int(layer.files.length);
    roundRobin.set(key, (rr + 1) % layer.files.length);
    const file = layer.files[rr];
    const s = sample(file);
    const jitterS = (2 * rng.next() - 1) * (JITTER_MS / 1000);
    const onset = Math.round((LEAD_IN_S + n.slot * EIGHTH_S + jitterS) * SAMPLE_RATE_HZ);
    return { sample: onset, articulation: art.name, dynamic: n.dynamic, gainDb: layer.gainDb, file, start: onset - s.attack, s };
  });
  const end = Math.max(...placed.map((p) => p.start + p.s.audio.length)) + Math.round(TAIL_S * SAMPLE_RATE_HZ);
  const mix = new Float64Array(end);
  for (const p of placed) {
    const g = dbToGain(p.gainDb);
    p.s.audio.forEach((v, i) => { mix[p.start + i] += g * v; });
  }
  let peak = 0;
  for (const v of mix) peak = Math.max(peak, Math.abs(v));
  const scale = dbToGain(PEAK_DBFS) / peak;
  return {
    signal: Float32Array.from(mix, (v) => v * scale),
    hits: placed.map(({ sample: s, articulation, dynamic, gainDb, file }) => ({ sample: s, articulation, dynamic, gainDb, file })),
    peakGainDb: 20 * Math.log10(scale),
  };
}

export function onsetsCsv(hits: readonly PlacedHit[]): string {
  const rows = hits.map((h) => `${h.sample},${(h.sample / SAMPLE_RATE_HZ).toFixed(6)},${h.articulation},${h.dynamic},${h.gainDb.toFixed(1)}`);
  return ['sample,time_s,articulation,dynamic,gain_db', ...rows].join('\n') + '\n';
}

function main(): void {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const names = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
  const unknown = names.filter((n) => !KITS[n]);
  if (unknown.length) throw new Error(`unknown kit(s) ${unknown.join(', ')}; choose from ${Object.keys(KITS).join(', ')}`);
  if (!existsSync(DRUMKITS)) throw new Error(`${DRUMKITS} not found: install the Debian package hydrogen-data (apt-get install hydrogen-data)`);
  const seed = value('--seed') !== undefined ? Number(value('--seed')) : undefined;
  const hits = value('--hits') !== undefined ? Number(value('--hits')) : undefined;
  for (const key of names.length ? names : Object.keys(KITS)) {
    const kit = KITS[key];
    const base = value('--out') && names.length === 1 ? value('--out')! : join(ROOT, 'examples/other', kit.name);
    mkdirSync(dirname(base), { recursive: true });
    const perf = buildPerformance(kit, { seed, hits });
    writeWav(`${base}.wav`, perf.signal, SAMPLE_RATE_HZ, '16');
    writeFileAtomic(`${base}.onsets.csv`, onsetsCsv(perf.hits));
    const counts = kit.articulations.map((a) => `${a.name} ${perf.hits.filter((h) => h.articulation === a.name).length}`).join(', ');
    process.stdout.write(`${base}.wav: ${perf.hits.length} hits (${counts}), ${(perf.signal.length / SAMPLE_RATE_HZ).toFixed(1)} s, mix scaled ${perf.peakGainDb.toFixed(1)} dB to peak ${PEAK_DBFS} dBFS\n`);
  }
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`make-performance: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
