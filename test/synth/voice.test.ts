import { SynthVoice } from '../../src/synth/voice';
import { renderHit } from '../../src/synth/render';
import { loadPreset } from '../../src/synth/presets';
import { expDecayFactor, attackSamplesAt } from '../../src/dsp/envelope';
import { NUM_PARAMS } from '../../src/synth/params';
import { maxAbsDiff, patch, rng } from './helpers';

/** One sine at `freqHz` (no pitch modulation) decaying over `decayMs`; the other branches at −60 dB
 * with 10 ms decays, drive −24 dB so the tanh is nearly linear (and inverted below). */
const sinePatch = (freqHz: number, decayMs: number) =>
  patch({
    'osc1.freq': freqHz, 'osc1.mod': 0, 'osc2.freq': 20, 'osc2.mod': 0, 'freq_env.decay': 10,
    'osc1_env.decay': decayMs, 'osc2_env.decay': 10, 'noise_env.decay': 10, 'noise_filter.freq': 1000,
    'noise_filter.q': 0.707, 'osc1_gain.gain': 0, 'osc2_gain.gain': -60, 'noise_gain.gain': -60, 'tanh.in_gain': -24,
  });

describe('SynthVoice at 48 kHz (host sample rate for every time constant)', () => {
  const sr = 48000;
  const decayMs = 150;
  const freqHz = 440;
  const out = renderHit(sinePatch(freqHz, decayMs), { sampleRateHz: sr, numSamples: Math.round(0.2 * sr) });
  const drive = 10 ** (-24 / 20);
  const tone = Float64Array.from(out, (v) => Math.atanh(v) / drive);

  test('oscillator frequency by zero crossings', () => {
    const times: number[] = [];
    for (let n = 2000; n + 1 < tone.length; n++) {
      if ((tone[n] <= 0 && tone[n + 1] > 0) || (tone[n] >= 0 && tone[n + 1] < 0)) times.push(n + tone[n] / (tone[n] - tone[n + 1]));
    }
    const measuredHz = ((times.length - 1) / 2 / (times[times.length - 1] - times[0])) * sr;
    expect(Math.abs(measuredHz - freqHz)).toBeLessThan(0.01);
  });

  test('amplitude decays to −60 dB after the decay time', () => {
    // Peak |tone| of each half period (parabolic interpolation), then a log-linear fit of the decay.
    const xs: number[] = [];
    const ys: number[] = [];
    for (let n = 1000; n + 1 < tone.length; n++) {
      const a = Math.abs(tone[n - 1]), b = Math.abs(tone[n]), c = Math.abs(tone[n + 1]);
      if (b > a && b >= c) {
        const d = (0.5 * (a - c)) / (a - 2 * b + c);
        xs.push(n + d);
        ys.push(Math.log(b - 0.25 * (a - c) * d));
      }
    }
    const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
    const my = ys.reduce((s, y) => s + y, 0) / ys.length;
    let sxy = 0, sxx = 0;
    xs.forEach((x, i) => { sxy += (x - mx) * (ys[i] - my); sxx += (x - mx) ** 2; });
    const slopePerSample = sxy / sxx;
    const samplesTo60Db = Math.log(1e-3) / slopePerSample;
    // Analytic: r^m = 10⁻³ with r = 1 − 6.91/N (float32), N = decayMs·sr/1000 = 7200.
    const expected = Math.log(1e-3) / Math.log(expDecayFactor(decayMs, sr));
    expect(Math.abs(samplesTo60Db - expected)).toBeLessThan(2);
    expect(Math.abs(samplesTo60Db - (decayMs * sr) / 1000)).toBeLessThan(0.001 * 7200 + 5);
    // Linear attack of floor(0.001·sr) = 48 samples: the first samples are tiny, sample 48 is at full level.
    expect(attackSamplesAt(sr)).toBe(48);
  });
});

describe('SynthVoice', () => {
  const snare = loadPreset('808_snare_1').normalised;

  test('any block size gives the same samples as one render', () => {
    const whole = renderHit(snare, { numSamples: 20000 });
    const voice = new SynthVoice(44100, { silenceThreshold: 0 });
    voice.trigger(snare);
    const out = new Float32Array(20000);
    const next = rng(7);
    for (let start = 0; start < out.length; ) {
      const end = Math.min(out.length, start + 1 + Math.floor(next() * 300));
      voice.process(out, start, end);
      start = end;
    }
    expect(out).toEqual(whole);
  });

  test('process adds into the buffer', () => {
    const whole = renderHit(snare, { numSamples: 3000 });
    const voice = new SynthVoice(44100, { silenceThreshold: 0 });
    voice.trigger(snare);
    const out = new Float32Array(3000).fill(0.25);
    voice.process(out);
    expect(maxAbsDiff(out, Float32Array.from(whole, (v) => v + 0.25))).toBeLessThan(1e-7);
  });

  test('a trigger delay starts the hit that many samples into the next block', () => {
    const whole = renderHit(snare, { numSamples: 3000 });
    const voice = new SynthVoice(44100, { silenceThreshold: 0 });
    voice.trigger(snare, 100);
    const out = new Float32Array(3100);
    voice.process(out, 0, 64);
    voice.process(out, 64, 3100);
    expect(maxAbsDiff(out, new Float32Array(3100), 0, 100)).toBe(0);
    expect(out.subarray(100)).toEqual(whole);
  });

  test('retriggering restarts the hit (phase 0, envelopes, filter, noise from index 0)', () => {
    const whole = renderHit(snare, { numSamples: 2000 });
    const voice = new SynthVoice(44100, { silenceThreshold: 0 });
    voice.trigger(loadPreset('808_noisy_snare').normalised);
    voice.process(new Float32Array(5000));
    voice.trigger(snare);
    const out = new Float32Array(2000);
    voice.process(out);
    expect(out).toEqual(whole);
  });

  test('fadeOut ramps linearly to silence and frees the voice', () => {
    const whole = renderHit(snare, { numSamples: 4000 });
    const voice = new SynthVoice(44100, { silenceThreshold: 0 });
    voice.trigger(snare);
    const out = new Float32Array(4000);
    voice.process(out, 0, 1000);
    voice.fadeOut(220);
    expect(voice.fading).toBe(true);
    voice.process(out, 1000, 4000);
    for (let k = 0; k < 220; k++) expect(out[1000 + k]).toBeCloseTo(whole[1000 + k] * (1 - k / 220), 6);
    expect(maxAbsDiff(out, new Float32Array(4000), 1220, 4000)).toBe(0);
    expect(voice.active).toBe(false);
  });

  test('stops once its output bound is below 1e-5, where the uncut render is below 1e-5 too', () => {
    const params = loadPreset('808_open_snare').normalised;
    const voice = new SynthVoice(44100);
    voice.trigger(params);
    const total = 3 * 44100;
    const out = new Float32Array(total);
    let stoppedAt = -1;
    for (let start = 0; start < total; start += 128) {
      voice.process(out, start, Math.min(total, start + 128));
      if (!voice.active && stoppedAt < 0) stoppedAt = start + 128;
    }
    expect(stoppedAt).toBeGreaterThan(0);
    const uncut = renderHit(params, { numSamples: total });
    expect(maxAbsDiff(out, uncut, 0, stoppedAt)).toBe(0);
    expect(maxAbsDiff(uncut, new Float32Array(total), stoppedAt, total)).toBeLessThan(1e-5);
  });

  test('output is finite for random and extreme parameters at several sample rates', () => {
    const next = rng(42);
    const cases: number[][] = [new Array(NUM_PARAMS).fill(0), new Array(NUM_PARAMS).fill(1)];
    for (let i = 0; i < 40; i++) cases.push(Array.from({ length: NUM_PARAMS }, () => (next() < 0.3 ? (next() < 0.5 ? 0 : 1) : next())));
    for (const sr of [22050, 44100, 48000, 96000]) {
      for (const p of cases) {
        const out = renderHit(p, { sampleRateHz: sr, numSamples: Math.round(0.1 * sr) });
        let peak = 0;
        for (const v of out) {
          if (!Number.isFinite(v)) throw new Error(`non-finite sample at ${sr} Hz for ${p.join(',')}`);
          peak = Math.max(peak, Math.abs(v));
        }
        expect(peak).toBeLessThanOrEqual(1);
      }
    }
  });

  test('NaN parameters count as 0; too few parameters are refused', () => {
    const voice = new SynthVoice(44100);
    expect(voice.trigger([1, 2, 3])).toBe(false);
    expect(voice.active).toBe(false);
    const nan = new Array(NUM_PARAMS).fill(Number.NaN);
    expect(voice.trigger(nan)).toBe(true);
    const out = new Float32Array(1000);
    voice.process(out);
    expect(out).toEqual(renderHit(new Array(NUM_PARAMS).fill(0), { numSamples: 1000 }));
  });

  test('renderHit refuses bad input with a message', () => {
    expect(() => renderHit([0.5])).toThrow(/14 normalised parameters/);
    expect(() => renderHit(new Array(NUM_PARAMS).fill(Number.NaN))).toThrow(/parameter 0/);
    expect(() => renderHit(snare, { numSamples: -1 })).toThrow(/numSamples/);
  });
});
