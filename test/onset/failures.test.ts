/**
 * The adaptive detector on a synthetic signal for each way a detector fails (signals.ts: seeded,
 * ground truth = each hit's first attack sample), scored ±20 ms one-to-one (flams: ±5 ms, since
 * their strokes are 15–50 ms apart).
 *
 * Limits measured with the defaults (printed by the "limits" test, not asserted as goals): a second
 * stroke 3 dB softer than the first is separated 50 ms after it, 6 dB softer not (at 15–25 ms it
 * stays below the first's retrigger mask: as loud as the rattle such a mask must ignore); on the example's real hits (a GMRock snare whose level falls only 1–5 dB
 * in its first 25 ms) a same-level second stroke 15 ms after the first adds ≤ 3 dB and is not
 * separated, and rolls of those hits lose 12–25 % of strokes (soft samples with slow attacks rise
 * < 5 dB over the background), without false onsets; a quiet hit needs the loud one's decay to
 * have fallen below it: −10 dB after 100 ms, −20 dB after 150 ms, −30 dB after 250 ms (synthetic
 * snare); on the example's hits −10 dB at 100–150 ms after a loud one is missed in 2 of 3 draws
 * (their decay is still within ~10 dB of the peak there); hits must rise ≥ gate + trigger (11 dB) over the noise floor's minima.
 */
import { detectOnsets } from '../../src/onset';
import { exampleAudio, exampleTruth } from '../helpers/audio';
import { resample } from './crescendo';
import { flams, hum, loudStart, mixHits, quantise, quietAfterLoud, ringing, roll, synthHit, type HitSource, type TestSignal } from './signals';
import { onsetsInDecays, score } from './score';

const run = (t: TestSignal) => detectOnsets(t.signal, t.sampleRateHz);

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

  it.each([12, 16, 20])('%i strokes/s of real hits: no false onset (precision 1), most strokes', (rate) => {
    const t = roll(rate, 'real', 5);
    const m = score(run(t), t.onsets, t.sampleRateHz);
    expect(m.precision).toBe(1);
    expect(m.recall).toBeGreaterThanOrEqual(0.7); // measured 0.88 / 0.75 / 0.75 (see header)
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
