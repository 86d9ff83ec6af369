import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectOnsets, REFERENCE_PLUGIN_SETTINGS, REFERENCE_TRAINING_SETTINGS } from '../../src/onset';
import { Trigger } from '../../src/onset/trigger';
import { highpassCoeffs } from '../../src/dsp/biquad';
import { exampleAudio } from '../helpers/audio';

const golden = JSON.parse(readFileSync(join(__dirname, '../fixtures/golden/gmrock-snare-performance-golden.json'), 'utf8')) as {
  onsets_plugin_defaults: number[];
  onsets_training_settings: number[];
};

describe('reference detector reproduces the published Python reference', () => {
  const audio = exampleAudio();
  const cases = [
    ['plugin defaults (16 dB / 4.6666 dB / 1323 samples)', REFERENCE_PLUGIN_SETTINGS, golden.onsets_plugin_defaults],
    ['training settings (10 dB / 4.6666 dB / 10000 samples)', REFERENCE_TRAINING_SETTINGS, golden.onsets_training_settings],
  ] as const;
  it.each(cases)('golden onsets with %s within ±1 sample, same count', (_name, base, expected) => {
    const onsets = detectOnsets(audio.mono, audio.sampleRate, { mode: 'reference', base });
    expect(onsets).toHaveLength(expected.length);
    onsets.forEach((o, i) => expect(Math.abs(o - expected[i])).toBeLessThanOrEqual(1));
  });

  it('the C++ plugin variant (no ε) gives the same onsets on this recording with plugin defaults', () => {
    const onsets = detectOnsets(audio.mono, audio.sampleRate, { mode: 'reference', epsilon: 0 });
    expect(onsets).toHaveLength(golden.onsets_plugin_defaults.length);
    onsets.forEach((o, i) => expect(Math.abs(o - golden.onsets_plugin_defaults[i])).toBeLessThanOrEqual(1));
  });

  it('uses the documented 600 Hz high-pass coefficients (§2.1)', () => {
    const c44 = highpassCoeffs(600, 0.707, 44100);
    expect([c44.b0, c44.b1, c44.b2, c44.a1, c44.a2].map((v) => +v.toFixed(6))).toEqual([0.941334, -1.882667, 0.941334, -1.879224, 0.886111]);
    const c48 = highpassCoeffs(600, 0.707, 48000);
    expect([c48.b0, c48.a1, c48.a2].map((v) => +v.toFixed(6))).toEqual([0.945969, -1.889018, 0.894859]);
  });

  it('detects a full-scale 1 kHz burst after silence within 5 samples (the plugin unit test)', () => {
    const sr = 44100;
    const x = new Float32Array(sr);
    const start = 10000;
    for (let i = start; i < start + 4410; i++) x[i] = Math.sin((2 * Math.PI * 1000 * (i - start)) / sr);
    const onsets = detectOnsets(x, sr, { mode: 'reference' });
    expect(onsets).toHaveLength(1);
    expect(onsets[0] - start).toBeGreaterThanOrEqual(0);
    expect(onsets[0] - start).toBeLessThanOrEqual(5);
  });
});

/** Run an onset-function sequence through the trigger logic. */
function fire(logic: 'training' | 'plugin', odf: number[], on = 10, off = 5, hold = 3): number[] {
  const t = new Trigger(on, off, hold, logic);
  const out: number[] = [];
  odf.forEach((v, i) => t.step(v) && out.push(i));
  return out;
}

describe('trigger logic (hand-traced from the reference sources)', () => {
  it('training (Python detect_onset): sample 0 never triggers; upward crossing only', () => {
    expect(fire('training', [20, 20, 0, 20])).toEqual([3]); // 0: no predecessor; 1: no crossing; 3: crossing while armed
    expect(fire('training', [0, 20, 20, 20])).toEqual([1]);
  });

  it('training: re-arms only once the hold is over AND the function is below the re-arm threshold', () => {
    // trigger at 1 (debounce 3 → 2), 2 → 1, 3 → 0 (0 < off at 3 → armed), crossing at 4 fires.
    expect(fire('training', [0, 20, 0, 0, 20])).toEqual([1, 4]);
    // dips below off only during the hold (samples 2–3: debounce 1 at sample 2), above off after: stays disarmed.
    expect(fire('training', [0, 20, 0, 8, 8, 8, 20, 0, 20])).toEqual([1, 8]);
  });

  it('plugin (C++): re-arms during the hold; the trigger sample does not count down the hold', () => {
    // trigger at 1 (debounce 3, no count-down), 2,3,4 count to 0, crossing at 5 fires (Python: at 4).
    expect(fire('plugin', [0, 20, 0, 0, 0, 20])).toEqual([1, 5]);
    expect(fire('plugin', [0, 20, 0, 0, 20])).toEqual([1]);
    // dip below off inside the hold re-arms the plugin (Python stays disarmed: see above).
    expect(fire('plugin', [0, 20, 0, 8, 8, 8, 20, 0, 20])).toEqual([1, 6]);
  });

  it('plugin: sample 0 can trigger (prevValue starts at 0)', () => {
    expect(fire('plugin', [20, 0])).toEqual([0]);
  });
});
