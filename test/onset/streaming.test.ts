import { createOnsetDetector, detectOnsets, type OnsetMode } from '../../src/onset';
import { exampleAudio } from '../helpers/audio';
import { buildCrescendo, mulberry32 } from './crescendo';

function streamed(x: Float32Array, sr: number, mode: OnsetMode, sizes: (k: number) => number): number[] {
  const det = createOnsetDetector(sr, { mode });
  const out: number[] = [];
  for (let start = 0, k = 0; start < x.length; k++) {
    const end = Math.min(x.length, start + sizes(k));
    for (const o of det.process(x.subarray(start, end))) out.push(o);
    start = end;
  }
  return out;
}

describe('streaming = whole file, for any block size', () => {
  const c = buildCrescendo({ seed: 9, count: 12, spanDb: 40 });
  const signals = [
    ['crescendo', c.signal, c.sampleRateHz],
    ['example (first 4 s)', exampleAudio().mono.subarray(0, 4 * 44100), 44100],
  ] as const;
  const rng = mulberry32(7);
  const random = (): number => 1 + Math.floor(rng() * 3000);
  describe.each(['adaptive', 'reference'] as const)('%s mode', (mode) => {
    it.each(signals)('%s: block sizes 1, 64, 128, 441, 4096 and random give identical onsets', (_n, x, sr) => {
      const whole = detectOnsets(x, sr, { mode });
      expect(whole.length).toBeGreaterThan(3);
      for (const size of [1, 64, 128, 441, 4096]) expect(streamed(x, sr, mode, () => size)).toEqual(whole);
      expect(streamed(x, sr, mode, random)).toEqual(whole);
    });
  });

  it('reset() restarts at sample 0 with a fresh state', () => {
    const det = createOnsetDetector(44100);
    const first = det.process(c.signal);
    expect(det.process(c.signal.subarray(0, 1000)).every((o) => o >= c.signal.length)).toBe(true);
    det.reset();
    expect(det.process(c.signal)).toEqual(first);
  });

  it('an empty block returns no onsets and does not advance time', () => {
    const det = createOnsetDetector(44100, { mode: 'reference' });
    expect(det.process(new Float32Array(0))).toEqual([]);
    expect(det.process(c.signal)).toEqual(detectOnsets(c.signal, 44100, { mode: 'reference' }));
  });
});
