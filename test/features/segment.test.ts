/** segmentHits: the reference's OnsetFrames semantics (timbreremap/np/core.py), on ramps. */
import { segmentHits } from '../../src/features';

const ramp = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => (i + 1) / n);
/** Like the reference on float32 audio: the sample is float32, the product rounded to float32. */
const faded = (v: number, f: number): number => Math.fround(Math.fround(v) * f);
/** np.hanning(2048)[1024 + i] = 0.5 − 0.5·cos(2π(1024 + i)/2047). */
const npFade = (i: number, fade = 1024): number => 0.5 - 0.5 * Math.cos((2 * Math.PI * (fade + i)) / (2 * fade - 1));

describe('segmentHits', () => {
  const x = ramp(100000);

  test('isolatedHitStartsBacktrackBeforeItsOnset', () => {
    const [h] = segmentHits(x, [20000], 44100);
    expect(h).toBeInstanceOf(Float32Array);
    expect(h.length).toBe(44100);
    for (const i of [0, 1, 1000, 44099]) expect(h[i]).toBe(Math.fround(x[20000 - 16 + i]));
  });

  test('overlappingHitIsCutFadeSamplesBeforeTheNextOnsetWithAHalfHannFade', () => {
    const [h, next] = segmentHits(x, [10000, 30000], 44100);
    const start = 10000 - 16, end = 30000 - 1024, n = end - start;
    expect(h[0]).toBe(Math.fround(x[start]));
    expect(h[n - 1024 - 1]).toBe(Math.fround(x[end - 1024 - 1])); // untouched before the fade
    for (const i of [0, 1, 500, 1022, 1023]) expect(h[n - 1024 + i]).toBe(faded(x[end - 1024 + i], npFade(i)));
    expect(h[n - 1]).toBe(0); // the fade ends at exactly 0
    for (let i = n; i < 44100; i++) if (h[i] !== 0) throw new Error(`sample ${i} after the cut is ${h[i]}`);
    expect(next[0]).toBe(Math.fround(x[30000 - 16])); // the next hit is not faded
  });

  test('nextOnsetExactlyOneLengthAwayIsNotCut', () => {
    // Cut only when next − start < length: here next − start = 44100.
    const [h] = segmentHits(x, [10000, 10000 - 16 + 44100], 44100);
    expect(h[44099]).toBe(Math.fround(x[10000 - 16 + 44099]));
  });

  test('startClampsAtZeroAndThePastEndIsZeroPadded', () => {
    const [first, last] = segmentHits(x, [5, 99990], 44100);
    expect(first[0]).toBe(Math.fround(x[0]));
    expect(first[5]).toBe(Math.fround(x[5]));
    expect(last[0]).toBe(Math.fround(x[99990 - 16]));
    expect(last[25]).toBe(Math.fround(x[99999]));
    expect(last[26]).toBe(0);
  });

  test('optionsScaleTheSegmentation', () => {
    const [h] = segmentHits(x, [1000, 1600], 48000, { backtrackSamples: 17, lengthSamples: 1000, fadeSamples: 100 });
    expect(h.length).toBe(1000);
    expect(h[0]).toBe(Math.fround(x[983]));
    const n = 1600 - 100 - 983;
    expect(h[n - 100]).toBe(faded(x[983 + n - 100], npFade(0, 100)));
    expect(h[n - 1]).toBe(0);
    expect(h[n]).toBe(0);
    expect(segmentHits(x, [1000], 48000)[0].length).toBe(48000); // default length = 1 s at the given rate
  });

  test('veryShortCutHitEndsWithTheEndOfTheFade', () => {
    // Cut hit of 300 samples (< fade): documented deviation, the last 300 fade values are used.
    const [h] = segmentHits(x, [1000, 1000 - 16 + 300 + 1024], 44100);
    expect(h[299]).toBe(0);
    expect(h[0]).toBe(faded(x[984], npFade(1024 - 300)));
    expect(h[300]).toBe(0);
  });

  test('noOnsetsGiveNoHitsAndBadInputIsNamed', () => {
    expect(segmentHits(x, [], 44100)).toEqual([]);
    expect(() => segmentHits(x, [500, 100], 44100)).toThrow(/ascending/);
    expect(() => segmentHits(x, [NaN], 44100)).toThrow(/finite/);
    expect(() => segmentHits(x, [100], 44100, { fadeSamples: -1 })).toThrow(/fadeSamples/);
  });
});
