import { detectOnsets, detectOnsetsWithTrace } from '../../src/onset';
import { readWav } from '../../src/io/wav';
import { join } from 'node:path';
import { exampleAudio, exampleTruth, matchOnsets } from '../helpers/audio';
import { buildCrescendo, makeNoise, resample } from './crescendo';

const within20ms = (sr: number) => Math.round(0.02 * sr);

describe('adaptive detector (default mode)', () => {
  it('finds every hit of the example recording and nothing else (F = 1 at ±20 ms)', () => {
    const a = exampleAudio();
    const m = matchOnsets(detectOnsets(a.mono, a.sampleRate), exampleTruth(), within20ms(a.sampleRate));
    expect(m.f).toBe(1);
  });

  // Crescendo of 40 real hits over 40 dB (−41 → −1 dBFS peaks) over −66 dBFS noise; two independent builds.
  it.each([
    { seed: 1, noise: 'white' as const, spacingMs: 250, sampleRateHz: 44100 },
    { seed: 2, noise: 'pink' as const, spacingMs: 180, jitterMs: 20, sampleRateHz: 48000 },
  ])('recall and precision ≥ 0.95 on a 40 dB crescendo over −66 dBFS noise (%o)', (opts) => {
    const c = buildCrescendo(opts);
    const m = matchOnsets(detectOnsets(c.signal, c.sampleRateHz), c.onsets, within20ms(c.sampleRateHz));
    expect(m.recall).toBeGreaterThanOrEqual(0.95);
    expect(m.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('catches quiet crescendo hits the reference misses', () => {
    const c = buildCrescendo({ seed: 3 });
    const quiet = c.onsets.slice(0, 8); // peaks −41 … −34 dBFS
    const tol = within20ms(c.sampleRateHz);
    const adaptive = matchOnsets(detectOnsets(c.signal, c.sampleRateHz), quiet, tol).tp;
    const reference = matchOnsets(detectOnsets(c.signal, c.sampleRateHz, { mode: 'reference' }), quiet, tol).tp;
    expect(adaptive).toBe(quiet.length);
    expect(reference).toBeLessThan(quiet.length / 2);
  });

  it.each(['white', 'pink'] as const)('no onsets in 20 s of %s noise at −66 dBFS', (kind) => {
    const noise = Float32Array.from(makeNoise(20 * 44100, -66, kind, 42));
    expect(detectOnsets(noise, 44100)).toEqual([]);
  });

  it('no onsets in digital silence', () => {
    expect(detectOnsets(new Float32Array(5 * 48000), 48000)).toEqual([]);
  });

  // A one-shot trimmed to its attack starts inside the stream's opening (3·levelMs): there is
  // nothing before it to rise from, as with a stream that starts with noise, so it is taken as
  // the opening level. With a lead-in (silence before the hit) it is one onset at its attack.
  it.each(['tr808-snare-1.wav', 'tr808-snare-2.wav'])('a one-shot that starts at sample 0 (%s) is the opening: no onset; after 10 ms of lead-in exactly one, at its attack', (f) => {
    const w = readWav(join(__dirname, '../fixtures', f));
    expect(detectOnsets(w.mono, w.sampleRate)).toEqual([]);
    const lead = Math.round(0.01 * w.sampleRate);
    const padded = new Float32Array(lead + w.mono.length);
    padded.set(w.mono, lead);
    const onsets = detectOnsets(padded, w.sampleRate);
    expect(onsets).toHaveLength(1);
    expect(onsets[0] - lead).toBeGreaterThanOrEqual(0);
    expect(onsets[0] - lead).toBeLessThan(Math.round(0.002 * w.sampleRate)); // the hit starts at sample 0
  });

  it('is sample-rate independent: the example at 48 kHz gives the same hits within 1 ms', () => {
    const a = exampleAudio();
    const at44 = detectOnsets(a.mono, 44100).map((s) => s / 44100);
    const x48 = Float32Array.from(resample(a.mono, 44100, 48000));
    const at48 = detectOnsets(x48, 48000).map((s) => s / 48000);
    expect(at48).toHaveLength(at44.length);
    at48.forEach((t, i) => expect(Math.abs(t - at44[i])).toBeLessThanOrEqual(0.001));
  });

  it('reports onsets within a few ms after the true attack (latency for the onset window)', () => {
    const a = exampleAudio();
    const truth = exampleTruth();
    const onsets = detectOnsets(a.mono, a.sampleRate);
    onsets.forEach((o, i) => {
      expect(o - truth[i]).toBeGreaterThanOrEqual(-Math.round(0.001 * a.sampleRate));
      expect(o - truth[i]).toBeLessThanOrEqual(Math.round(0.003 * a.sampleRate));
    });
  });

  it('survives NaN/Inf samples: they count as 0 and later hits are still found', () => {
    const c = buildCrescendo({ seed: 4, count: 6, spanDb: 10 });
    const x = c.signal.slice();
    x[1000] = NaN;
    x[2000] = Infinity;
    const m = matchOnsets(detectOnsets(x, c.sampleRateHz), c.onsets, within20ms(c.sampleRateHz));
    expect(m.f).toBe(1);
  });

  it('trace: same onsets as detectOnsets; odf flat in noise, noise floor near the noise level', () => {
    const c = buildCrescendo({ seed: 5, count: 8 });
    const { onsets, trace } = detectOnsetsWithTrace(c.signal, c.sampleRateHz);
    expect(onsets).toEqual(detectOnsets(c.signal, c.sampleRateHz));
    expect(trace.odfDb).toHaveLength(c.signal.length);
    expect(trace.triggerDb).toBeGreaterThan(trace.rearmDb);
    const floor = trace.noiseFloorDb as Float32Array;
    const lead = Math.round(0.4 * c.sampleRateHz); // noise-only lead-in (500 ms)
    expect(floor[lead]).toBeGreaterThan(-66 - 6);
    expect(floor[lead]).toBeLessThan(-66);
    let maxOdf = -Infinity;
    for (let i = 0; i < lead; i++) maxOdf = Math.max(maxOdf, trace.odfDb[i]);
    expect(maxOdf).toBeLessThan(1); // noise never rises above floor + gate: no positive onset function
  });
});
