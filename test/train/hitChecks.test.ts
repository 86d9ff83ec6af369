/**
 * The hit checks on generated recordings with known strokes: decays that fooled the reference's
 * training segmentation (a fast roll: its 10 000-sample hold hid two strokes in three) now give
 * the right count with the live detector, and a warning naming the hidden strokes when the old
 * segmentation is asked for; ringing, rattling hits give one hit per stroke and no "inside a decay"
 * flag; triggers inside ringing tails are flagged and left out (and refused when they are most
 * of the hits); clipped input is reported.
 */
import { join } from 'node:path';
import { checkHits, loadHits } from '../../src/train/data';
import { clippedIn, MIN_RISE_DB, onsetRiseDb, peakOf } from '../../src/train/hitChecks';
import { writeWav } from '../../src/io/wav';
import { tempDir } from '../helpers/audio';
import { mixHits, ringing, roll, type TestSignal } from '../onset/signals';

const dir = tempDir('tr-hitchecks-');
const save = (name: string, s: TestSignal) => {
  const path = join(dir, `${name}.wav`);
  writeWav(path, [s.signal], s.sampleRateHz, '32f');
  return path;
};
/** Detected onsets within ±2 ms of the true ones, one to one. */
const matched = (found: number[], truth: number[]) => truth.filter((t) => found.some((f) => Math.abs(f - t) <= 88)).length;

describe('a fast roll (7 strokes/s): the decays that fooled the reference\'s training segmentation', () => {
  const s = roll(7, 'synth', 3, 24);
  const path = save('roll', s);

  it('the reference training settings miss strokes, and the check names them with the setting to change', () => {
    const old = loadHits([path], { detector: 'reference-training' });
    const f = old.files[0];
    expect(f.onsets.length).toBeLessThan(s.onsets.length); // the 227 ms hold hides strokes 143 ms apart
    expect(f.onsets.length + f.swallowed.length).toBe(s.onsets.length);
    expect(matched(f.swallowed, s.onsets)).toBe(f.swallowed.length);
    const d = checkHits(old);
    expect(d.swallowed).toBe(s.onsets.length - f.onsets.length);
    expect(d.warnings.join('\n')).toMatch(new RegExp(`${d.swallowed} likely hit\\(s\\) come so soon after another hit.*hold 10000 samples.*--onset-setting holdSamples=`));
  });

  it('the live detector (the default) finds every stroke, with no warning about them', () => {
    const live = loadHits([path]);
    expect(live.files[0].onsets).toHaveLength(s.onsets.length);
    expect(matched(live.files[0].onsets, s.onsets)).toBe(s.onsets.length);
    const d = checkHits(live);
    expect(d.used).toBe(s.onsets.length);
    expect(d.swallowed + d.insideDecay + d.clipped).toBe(0);
    expect(d.warnings).toEqual([]);
  });
});

describe('ringing, rattling hits', () => {
  it('one hit per stroke, none flagged as inside a decay (every stroke rises far above the tail)', () => {
    const s = ringing('synth', 2, 150);
    const live = loadHits([save('ringing', s)]);
    expect(live.files[0].onsets).toHaveLength(s.onsets.length);
    expect(live.files[0].insideDecay).toEqual([]);
    for (const h of live.hits) expect(h.riseDb).toBeGreaterThan(MIN_RISE_DB);
  });

  it('triggers inside ringing tails (rattles, a bump) are flagged and left out, every real stroke is kept', () => {
    // 9 strokes 400 ms apart; a bump 4 dB over the 3rd one's ringing tail, 120 ms after it
    const sr = 44100;
    const placements = Array.from({ length: 9 }, (_, k) => ({ atMs: 200 + 400 * k, peakDbfs: -3 - 2 * (k % 3), source: 'synth' as const, seed: 40 + k, opts: { ringMs: 150 } }));
    const s = mixHits(placements, { noiseDbfs: -70, seed: 4 });
    const at = Math.round(((200 + 400 * 2 + 120) / 1000) * sr);
    const x = s.signal;
    for (let i = 0; i < 132; i++) x[at + i] *= 2;
    expect(onsetRiseDb(x, at)).toBeLessThan(MIN_RISE_DB);
    const path = join(dir, 'bump.wav');
    writeWav(path, [x], sr, '32f');
    // a touchy detector (1.5 dB trigger, no retrigger mask) fires on the bump and on the rattles
    const touchy = loadHits([path], { detector: { mode: 'adaptive', triggerDb: 1.5, rearmDb: 0.5, holdMs: 5, maskMs: 1 } });
    const f = touchy.files[0];
    const extra = f.onsets.filter((o) => s.onsets.every((t) => Math.abs(o - t) > 88));
    expect(extra.some((o) => Math.abs(o - at) < 100)).toBe(true);
    expect(extra.length).toBeGreaterThan(5);
    expect(f.insideDecay).toEqual(extra); // every extra trigger, and nothing else
    expect(matched(f.onsets.filter((o) => !f.insideDecay.includes(o)), s.onsets)).toBe(9);
    // most of its "hits" are triggers in decays: refused with the count and what to do
    expect(() => checkHits(touchy)).toThrow(new RegExp(`${extra.length} of the ${f.onsets.length} hits .* start inside another hit's decay.*space between them`));
    // the live detector: every stroke, and whatever else it fires on is flagged too
    const live = loadHits([path]).files[0];
    expect(matched(live.onsets, s.onsets)).toBe(9);
    expect(live.insideDecay).toEqual(live.onsets.filter((o) => s.onsets.every((t) => Math.abs(o - t) > 88)));
  });
});

describe('clipped input', () => {
  it('finds full-scale runs and flat tops, not a clean sine peak', () => {
    const sr = 44100;
    const sine = Float32Array.from({ length: 4410 }, (_, i) => 0.9 * Math.sin((2 * Math.PI * 200 * i) / sr));
    expect(clippedIn(sine, 0, sine.length, 0.9, sr)).toBe(false);
    const hard = Float32Array.from(sine, (v) => Math.max(-1, Math.min(1, 1.5 * v)));
    expect(clippedIn(hard, 0, hard.length, 1, sr)).toBe(true);
    const flat = Float32Array.from(sine, (v) => Math.max(-0.7, Math.min(0.7, v)));
    expect(clippedIn(flat, 0, flat.length, peakOf(flat), sr)).toBe(true);
  });

  it('a recording driven into clipping gets a warning naming the hits', () => {
    const placements = Array.from({ length: 10 }, (_, k) => ({ atMs: 200 + 400 * k, peakDbfs: k % 2 ? -12 : -1, source: 'synth' as const, seed: 60 + k }));
    const s = mixHits(placements, { seed: 6 });
    const x = Float32Array.from(s.signal, (v) => Math.max(-1, Math.min(1, 3 * v)));
    const path = join(dir, 'clipped.wav');
    writeWav(path, [x], s.sampleRateHz, '32f');
    const live = loadHits([path]);
    const d = checkHits(live);
    expect(d.clipped).toBeGreaterThanOrEqual(5);
    expect(d.warnings.join('\n')).toMatch(new RegExp(`${d.clipped} hit\\(s\\) are clipped.*record about 6 dB quieter`));
  });
});
