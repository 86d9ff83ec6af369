/**
 * The adaptive detector on a synthetic signal for each way a detector fails (signals.ts: seeded,
 * ground truth = each hit's first attack sample), scored ±20 ms one-to-one (flams: ±5 ms, since
 * their strokes are 15–50 ms apart).
 *
 * Limits measured with the defaults (asserted where they are goals; the real-hit cases pool 6 seeds):
 * a second stroke 3 dB softer than the first is separated 50 ms after it, 6 dB softer not (at
 * 15–25 ms it stays below the first's retrigger mask: as loud as the rattle such a mask must
 * ignore); on the example's real hits (a GMRock snare whose level falls only 1–5 dB in its first
 * 25 ms) a same-level second stroke 15 ms after the first adds ≤ 3 dB and is not separated (25 ms:
 * 86 %, 50 ms: 89 % of strokes found); rolls of those hits keep 99 / 91 / 84 % of strokes at 12 /
 * 16 / 20 strokes/s without false onsets (the rest rise < 5 dB over the previous stroke's decay or
 * stay under its mask); a quiet hit needs the loud one's decay to have fallen below it: −10 dB
 * after 100 ms, −20 dB after 150 ms, −30 dB after 250 ms (synthetic snare); on the example's hits
 * −10 dB is found from 150 ms (all 18), at 60–100 ms in 1–8 of 18, −20 dB at 60–150 ms in ≤ 2 of
 * 18 (their decay is still within ~10 dB of the peak there); hits must rise ≥ gate + trigger
 * (11 dB) over the noise floor's minima.
 */
import { detectOnsets } from '../../src/onset';
import { exampleAudio, exampleTruth } from '../helpers/audio';
import { resample } from './crescendo';
import { flams, hum, loudStart, mixHits, quantise, quietAfterLoud, ringing, roll, synthHit, type HitSource, type TestSignal } from './signals';
import { onsetsInDecays, score } from './score';

const run = (t: TestSignal) => detectOnsets(t.signal, t.sampleRateHz);

/** Seeds of the pooled real-hit cases (each draws other hits of the example). */
const SEEDS = [1, 2, 3, 4, 5, 6];

/** Recall and precision over all hits of several signals (one-to-one within ±toleranceMs). */
function pooled(cases: TestSignal[], toleranceMs = 20): { recall: number; precision: number } {
  let tp = 0, found = 0, truth = 0;
  for (const t of cases) {
    const on = run(t);
    tp += score(on, t.onsets, t.sampleRateHz, toleranceMs).tp;
    found += on.length;
    truth += t.onsets.length;
  }
  return { recall: tp / truth, precision: tp / found };
}

describe('synthetic hit model', () => {
  it('peaks at 1, starts at sample 0, is reproducible from its seed and rattles 20–80 ms in', () => {
    const plain = synthHit(44100, 7);
    const rattling = synthHit(44100, 7, { rattles: 3 });
    expect(plain[0]).toBe(0);
    expect(Math.max(...plain.map(Math.abs))).toBeCloseTo(1, 12);
    expect(synthHit(44100, 7)).toEqual(plain);
    expect(synthHit(44100, 8)).not.toEqual(plain);
    // the rattle bursts change only 20–82 ms (before the peak normalisation scales everything alike)
    const k = Math.max(...rattling.map(Math.abs)) / Math.max(...synthHit(44100, 7, { rattles: 0 }).map(Math.abs));
    expect(k).toBeLessThanOrEqual(1);
  });
});

describe('ringing, rattling decays after loud hits', () => {
  it.each([
    [150, 1, 44100],
    [40, 2, 44100],
    [150, 3, 48000],
    [80, 4, 96000],
  ])('ring %i ms (seed %i, %i Hz): one onset per hit, none in the decays', (ringMs, seed, sr) => {
    const t = ringing('synth', seed, ringMs, sr);
    const on = run(t);
    expect(onsetsInDecays(on, t.onsets, sr)).toEqual([]);
    expect(score(on, t.onsets, sr).f).toBe(1);
  });
});

describe('flams', () => {
  it.each([15, 25, 50])('two strokes of equal level %i ms apart: both found (synthetic)', (gapMs) => {
    const t = flams([{ gapMs, secondDb: 0 }, { gapMs, secondDb: 0 }, { gapMs, secondDb: 0 }], 'synth', 3);
    expect(score(run(t), t.onsets, t.sampleRateHz, 5).f).toBe(1);
  });

  it.each([15, 25, 50])('grace note 12 dB below the main stroke %i ms later: both found (synthetic)', (gapMs) => {
    const t = flams([{ gapMs, secondDb: 12 }, { gapMs, secondDb: 12 }], 'synth', 4, -15);
    expect(score(run(t), t.onsets, t.sampleRateHz, 5).f).toBe(1);
  });

  it.each([-3])('a second stroke %i dB softer 50 ms later: both found (synthetic)', (secondDb) => {
    const t = flams([{ gapMs: 50, secondDb }, { gapMs: 50, secondDb }, { gapMs: 50, secondDb }], 'synth', 3);
    expect(score(run(t), t.onsets, t.sampleRateHz, 5).f).toBe(1);
  });

  it.each([25, 50])('real hits of equal level %i ms apart: both found', (gapMs) => {
    const t = flams([{ gapMs, secondDb: 0 }, { gapMs, secondDb: 0 }, { gapMs, secondDb: 0 }], 'real', 3);
    expect(score(run(t), t.onsets, t.sampleRateHz, 5).f).toBe(1);
  });
});

describe('rolls', () => {
  it.each([12, 16, 20])('%i strokes/s, tails overlapping: every stroke, nothing else (synthetic)', (rate) => {
    const t = roll(rate, 'synth', 5);
    expect(score(run(t), t.onsets, t.sampleRateHz).f).toBe(1);
  });

  it.each([
    [12, 0.98],
    [16, 0.88],
    [20, 0.8],
  ])('%i strokes/s of real hits (6 seeds, 144 strokes): no false onset (precision 1), recall ≥ %d', (rate, minRecall) => {
    const m = pooled(SEEDS.map((seed) => roll(rate, 'real', seed)));
    expect(m.precision).toBe(1);
    // measured 0.993 / 0.910 / 0.840 (main before the decay-following background: 0.938 / 0.792 / 0.715)
    expect(m.recall).toBeGreaterThanOrEqual(minRecall);
  });
});

describe('flams of real hits (6 seeds, 3 flams each, ±5 ms)', () => {
  const flamsOf = (gapMs: number) => pooled(SEEDS.map((seed) => flams([0, 1, 2].map(() => ({ gapMs, secondDb: 0 })), 'real', seed)), 5);

  it.each([
    [25, 0.83, 0.94],
    [50, 0.88, 1],
  ])('equal level %i ms apart: recall ≥ %d, precision ≥ %d', (gapMs, minRecall, minPrecision) => {
    const m = flamsOf(gapMs);
    // measured 25 ms: recall 0.861, precision 0.969; 50 ms: 0.889, 1 (before: 0.861 at 50 ms)
    expect(m.recall).toBeGreaterThanOrEqual(minRecall);
    expect(m.precision).toBeGreaterThanOrEqual(minPrecision);
  });

  it('equal level 15 ms apart (limit): one onset per flam, the second stroke not separated', () => {
    // Measured recall 0.5 (18 of 36), precision 0.947: the example's snare falls only 1–5 dB in its
    // first 25 ms, so the second stroke adds ≤ ~3 dB to the 600 Hz band's level. A 4 or 8 kHz band
    // with its own background and mask separates none of them either (see adaptive.ts).
    const m = flamsOf(15);
    expect(m.recall).toBeCloseTo(0.5, 9);
    expect(m.precision).toBeGreaterThanOrEqual(0.9);
  });
});

describe('quiet hits right after loud ones', () => {
  it.each([
    [-10, [100, 150, 250]],
    [-20, [150, 250]],
    [-30, [250]],
  ] as Array<[number, number[]]>)('%i dB below a loud hit, %j ms after it: found (synthetic)', (quietDb, gaps) => {
    const t = quietAfterLoud(gaps.map((gapMs) => ({ gapMs, quietDb })), 'synth', 6);
    expect(score(run(t), t.onsets, t.sampleRateHz).f).toBe(1);
  });

  it('real hits 10 dB below a loud one 150 ms after it (6 seeds, 3 pairs each): every loud and every quiet hit', () => {
    // main before the decay-following background missed 5 of these 18 quiet hits
    for (const seed of SEEDS) {
      const t = quietAfterLoud([0, 1, 2].map(() => ({ gapMs: 150, quietDb: -10 })), 'real', seed);
      expect(score(run(t), t.onsets, t.sampleRateHz).f).toBe(1);
    }
  });

  it('real hits 10 dB below a loud one 250 and 400 ms after it: found', () => {
    const t = quietAfterLoud([{ gapMs: 250, quietDb: -10 }, { gapMs: 400, quietDb: -10 }], 'real', 6);
    expect(score(run(t), t.onsets, t.sampleRateHz).f).toBe(1);
  });
});

describe('hum and DC', () => {
  it.each([
    [50, -20, 0.1, 'synth'],
    [60, -30, -0.05, 'synth'],
    [50, -30, 0.2, 'real'],
  ] as Array<[50 | 60, number, number, HitSource]>)('%i Hz hum (40 harmonics, fundamental %i dBFS) + DC %d from sample 0: only the hits', (hz, db, dc, src) => {
    const t = hum(hz, db, dc, 6, src);
    const on = run(t);
    expect(score(on, t.onsets, t.sampleRateHz).f).toBe(1);
    expect(on[0]).toBeGreaterThan(t.onsets[0] - Math.round(0.02 * t.sampleRateHz));
  });

  it.each([50, 60] as const)('%i Hz hum and DC alone: no onset', (hz) => {
    const t = hum(hz, -20, 0.1, 0);
    expect(run(t)).toEqual([]);
  });

  it('a DC offset of 0.5 from sample 0: no onset', () => {
    expect(detectOnsets(new Float32Array(44100).fill(0.5), 44100)).toEqual([]);
  });
});

describe('a stream that starts loud', () => {
  it.each([
    [-40, 'white'],
    [-30, 'pink'],
    [-20, 'white'],
    [-20, 'pink'],
  ] as Array<[number, 'white' | 'pink']>)('noise at %i dBFS (%s) from sample 0: no onset', (db, kind) => {
    expect(run(loudStart(db, kind, 0))).toEqual([]);
  });

  it.each([
    [-40, 'white', 'synth'],
    [-30, 'pink', 'real'],
  ] as Array<[number, 'white' | 'pink', HitSource]>)('noise at %i dBFS (%s) from sample 0, hits 24 dB above it later (%s): only the hits', (db, kind, src) => {
    const t = loudStart(db, kind, 4, src);
    expect(score(run(t), t.onsets, t.sampleRateHz).f).toBe(1);
  });

  it('a stream cut 10 ms after a loud hit (inside its decay) starts with no onset; the next hits are found', () => {
    const a = exampleAudio();
    const truth = exampleTruth();
    const cut = truth[5] + Math.round(0.01 * a.sampleRate);
    const on = detectOnsets(a.mono.subarray(cut), a.sampleRate);
    const later = truth.filter((t) => t > cut).map((t) => t - cut);
    expect(score(on, later, a.sampleRate).f).toBe(1);
  });

  it('a hit at sample 0 is the stream opening (no onset); the same hit 10 ms in is one onset', () => {
    const at0 = mixHits([{ atMs: 0, peakDbfs: -3, source: 'synth', seed: 9 }], { noiseDbfs: -70 });
    expect(run(at0)).toEqual([]);
    const at10 = mixHits([{ atMs: 10, peakDbfs: -3, source: 'synth', seed: 9 }], { noiseDbfs: -70 });
    expect(score(run(at10), at10.onsets, at10.sampleRateHz).f).toBe(1);
  });
});

describe('gain, rate and format', () => {
  const a = exampleAudio();
  const truth = exampleTruth();

  it.each([-30, -50])('the example %i dB quieter (peak %i dBFS − 1), over its own noise: F = 1', (db) => {
    const x = a.mono.map((v) => v * 10 ** (db / 20));
    expect(score(detectOnsets(x, a.sampleRate), truth, a.sampleRate).f).toBe(1);
  });

  it.each([8, 24])('the example quantised to %i bits: F = 1', (bits) => {
    expect(score(detectOnsets(quantise(a.mono, bits), a.sampleRate), truth, a.sampleRate).f).toBe(1);
  });

  it('the example at 96 kHz: F = 1', () => {
    const x = Float32Array.from(resample(a.mono, 44100, 96000));
    const t96 = truth.map((t) => Math.round((t * 96000) / 44100));
    expect(score(detectOnsets(x, 96000), t96, 96000).f).toBe(1);
  });
});
