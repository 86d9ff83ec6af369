import { VoicePool } from '../../src/synth/pool';
import { renderHit } from '../../src/synth/render';
import { loadPreset } from '../../src/synth/presets';
import { maxAbsDiff, maxStep, patch } from './helpers';

const SR = 44100;
const snare1 = loadPreset('808_snare_1').normalised;
const open = loadPreset('808_open_snare').normalised; // long (558 ms) low tone

/** A pure decaying sine (noise at −60 dB): its steps are small, so a cut would stand out. */
const tonal = (freqHz: number, decayMs: number) =>
  patch({
    'osc1.freq': freqHz, 'osc1.mod': 0, 'osc2.freq': freqHz, 'osc2.mod': 0, 'freq_env.decay': 10, 'osc1_env.decay': decayMs,
    'osc2_env.decay': 10, 'noise_env.decay': 10, 'noise_filter.freq': 1000, 'noise_filter.q': 0.707,
    'osc1_gain.gain': 0, 'osc2_gain.gain': -60, 'noise_gain.gain': -60, 'tanh.in_gain': 0,
  });

/** Sum of single renders placed at the given samples (what overlapping hits must sound like). */
function mix(total: number, hits: Array<[ArrayLike<number>, number]>): Float64Array {
  const out = new Float64Array(total);
  for (const [p, at] of hits) {
    const r = renderHit(p, { numSamples: total - at });
    for (let i = 0; i < r.length; i++) out[at + i] += r[i];
  }
  return out;
}

/** Run the pool over `total` samples in 128-sample blocks, triggering each hit inside its block. */
function play(pool: VoicePool, total: number, hits: Array<[ArrayLike<number>, number]>): Float32Array {
  const out = new Float32Array(total);
  for (let start = 0; start < total; start += 128) {
    const end = Math.min(total, start + 128);
    for (const [p, at] of hits) if (at >= start && at < end) pool.trigger(p, at - start);
    pool.process(out, start, end);
  }
  return out;
}

describe('VoicePool', () => {
  test('overlapping hits: the first hit’s tail continues under the second', () => {
    const total = 30000;
    const hits: Array<[Float64Array, number]> = [[open, 0], [snare1, 5000]];
    const exact = play(new VoicePool(SR, { silenceThreshold: 0 }), total, hits);
    expect(maxAbsDiff(exact, mix(total, hits))).toBeLessThan(1e-6);
    // With the default silence cut-off, voices stop only below 1e-5.
    const gated = play(new VoicePool(SR), total, hits);
    expect(maxAbsDiff(gated, mix(total, hits))).toBeLessThan(2e-5);
  });

  test('stealing: 5 hits in 4 voices fade the oldest out without a click', () => {
    const total = 20000;
    const low = tonal(100, 1000);
    const high = tonal(150, 300);
    const hits: Array<[Float64Array, number]> = [[low, 0], [high, 1500], [high, 3000], [high, 4500], [high, 6000]];
    const pool = new VoicePool(SR, { voices: 4, stealFadeMs: 5, silenceThreshold: 0 });
    const out = play(pool, total, hits);
    const fade = pool.stealFadeSamples;
    expect(fade).toBe(Math.round(0.005 * SR));

    // The signal's own steepest step (all five hits, nothing stolen) bounds the steps around the steal.
    const unstolen = mix(total, hits);
    const ownMaxStep = maxStep(unstolen);
    expect(maxStep(out, 5990, 6000 + fade + 10)).toBeLessThanOrEqual(ownMaxStep);
    // A hard cut would have jumped by the first hit's level there (so this test can fail).
    const first = renderHit(low, { numSamples: 6001 });
    expect(Math.abs(first[6000])).toBeGreaterThan(ownMaxStep);

    // Before the steal: all five; after the fade: the last four exactly, the first one gone.
    expect(maxAbsDiff(out, unstolen, 0, 6000)).toBeLessThan(1e-6);
    expect(maxAbsDiff(out, mix(total, hits.slice(1)), 6000 + fade, total)).toBeLessThan(1e-6);
    expect(pool.activeVoices).toBe(4);
  });

  test('a hit at an offset inside a block starts on that sample', () => {
    const pool = new VoicePool(SR, { silenceThreshold: 0 });
    const out = new Float32Array(2000);
    pool.trigger(snare1, 37);
    pool.process(out, 0, 128);
    pool.process(out, 128, 2000);
    expect(maxAbsDiff(out, mix(2000, [[snare1, 37]]))).toBeLessThan(1e-7);
    expect(out[36]).toBe(0);
  });

  test('an idle pool adds nothing; reset silences everything', () => {
    const pool = new VoicePool(SR);
    const out = new Float32Array(512).map((_, i) => Math.sin(i));
    const before = out.slice();
    pool.process(out);
    expect(out).toEqual(before);
    pool.trigger(snare1);
    pool.trigger(open);
    expect(pool.activeVoices).toBe(2);
    pool.reset();
    expect(pool.activeVoices).toBe(0);
    pool.process(out);
    expect(out).toEqual(before);
  });

  test('voices free themselves after their tails', () => {
    const pool = new VoicePool(SR);
    pool.trigger(snare1);
    const out = new Float32Array(128);
    for (let i = 0; i < 3 * SR / 128; i++) pool.process(out);
    expect(pool.activeVoices).toBe(0);
  });

  test('a burst of hits (more than twice the voices within one fade) stays finite and bounded', () => {
    const pool = new VoicePool(SR, { voices: 2 });
    const out = new Float32Array(4000);
    for (let i = 0; i < 10; i++) pool.trigger(i % 2 ? snare1 : open, i * 3);
    pool.process(out);
    expect(out.every((v) => Number.isFinite(v) && Math.abs(v) <= 4)).toBe(true);
    expect(pool.activeVoices).toBeLessThanOrEqual(4);
    expect(pool.trigger([0.1, 0.2])).toBe(false);
  });
});
