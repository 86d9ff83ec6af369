/**
 * Training data: the live detector's hits by default (exactly `detectOnsets` with the default
 * settings, and the settings recorded for the bundle), the reference's segmentation still
 * reproducing the golden onsets and features, the median-loudness reference hit, normalisation,
 * resampling, folders, and the refusals: too few hits, most hits overlapping, identical hits.
 */
import { join } from 'node:path';
import { buildDataset, loadHits, resampleTo44k, MIN_HITS, expandInputs, resolveDetector } from '../../src/train/data';
import { createOnsetDetector, detectOnsets, ONSET_SETTINGS } from '../../src/onset';
import { writeWav } from '../../src/io/wav';
import { UserError } from '../../src/util/errors';
import { EXAMPLE_WAV, exampleAudio, tempDir } from '../helpers/audio';
import { goldenJson } from './goldenFixtures';
import { mixHits } from '../onset/signals';

const gm = goldenJson('gmrock-snare-performance-golden.json');

/** The UserError thrown by f. */
function userError(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error('expected a UserError');
}

describe('buildDataset on the example recording', () => {
  const d = buildDataset([EXAMPLE_WAV]);

  it('uses exactly the hits the live detector finds with its default settings, and records those settings', () => {
    const audio = exampleAudio();
    expect(d.allHits.map((h) => h.onsetSample)).toEqual(detectOnsets(audio.mono, 44100));
    expect(d.hits).toHaveLength(d.allHits.length); // nothing inside a decay on the example
    expect(d.detector.mode).toBe('adaptive');
    const live = createOnsetDetector(44100).settings as unknown as Record<string, unknown>;
    expect(d.detector.settings).toEqual(live);
    // every declared setting of the mode is recorded (the list comes from ONSET_SETTINGS)
    for (const s of ONSET_SETTINGS.filter((x) => x.defaults.adaptive !== undefined)) expect(d.detector.settings).toHaveProperty(s.id);
  });

  it('picks the median-loudness reference hit and centres inputs on it; targets carry 7 full + 3 onset features', () => {
    const byLoud = d.hits.map((_, i) => i).sort((a, b) => d.hits[b].full[0] - d.hits[a].full[0] || a - b);
    expect(d.refIndex).toBe(byLoud[Math.floor(d.hits.length / 2)]);
    d.inputs[d.refIndex].forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-12));
    expect(Array.from(d.targets[d.refIndex])).toEqual(new Array(10).fill(0));
    d.targets.forEach((t, i) => {
      expect(t).toHaveLength(10);
      expect(t[0]).toBeCloseTo(d.hits[i].full[0] - d.hits[d.refIndex].full[0], 12);
      expect(t[8]).toBeCloseTo(d.hits[i].onset[1] - d.hits[d.refIndex].onset[1], 12);
    });
    for (const x of d.inputs) x.forEach((v, j) => expect(v + d.norm.ref[j]).toBeGreaterThanOrEqual(-1e-12));
  });

  it('labels hits from the onsets CSV beside the recording (articulation column)', () => {
    expect(d.files[0].labels).toMatch(/gmrock-snare-performance\.onsets\.csv$/);
    const labels = d.hits.map((h) => h.label);
    expect(labels.filter((l) => l === 'center').length).toBeGreaterThan(5);
    expect(labels.filter((l) => l === 'rimshot').length).toBeGreaterThan(3);
    expect(labels.every((l) => l !== null)).toBe(true);
  });

  it('the reference\'s training segmentation still gives the golden onsets and features', () => {
    const r = loadHits([EXAMPLE_WAV], { detector: 'reference-training' });
    expect(r.hits.map((h) => h.onsetSample)).toEqual(gm.onsets_training_settings);
    expect(r.detector).toEqual(resolveDetector({ mode: 'reference', base: { triggerDb: 10, rearmDb: 4.6666, holdSamples: 10000, minDb: -55, epsilon: 1e-8, rearmLogic: 'training' } }).record);
    r.hits.forEach((h, i) => {
      h.full.forEach((v, j) => expect(Math.abs(v - gm.full_features[i][j])).toBeLessThan(0.01));
      h.onset.forEach((v, j) => expect(Math.abs(v - gm.onset_features[i][j])).toBeLessThan(0.01));
    });
  });
});

describe('inputs', () => {
  it('resamples other rates to 44.1 kHz (a 1 kHz sine at 48 kHz stays a 1 kHz sine)', () => {
    const sr = 48000;
    const x = Float32Array.from({ length: sr / 2 }, (_, n) => Math.sin((2 * Math.PI * 1000 * n) / sr));
    const y = resampleTo44k(x, sr);
    expect(Math.abs(y.length - 22050)).toBeLessThanOrEqual(2);
    let ss = 0, crossings = 0, first = -1, last = -1;
    for (let n = 2000; n < 20000; n++) {
      ss += y[n] * y[n];
      if (y[n - 1] < 0 && y[n] >= 0) {
        crossings++;
        const t = n - 1 + -y[n - 1] / (y[n] - y[n - 1]);
        if (first < 0) first = t;
        last = t;
      }
    }
    expect(Math.abs(Math.sqrt(ss / 18000) - Math.SQRT1_2)).toBeLessThan(0.01);
    expect(Math.abs(((crossings - 1) * 44100) / (last - first) - 1000)).toBeLessThan(0.5);
  });

  it('expands folders to their wav files and rejects missing paths with a clear message', () => {
    expect(expandInputs([join(EXAMPLE_WAV, '..')])).toEqual([EXAMPLE_WAV]);
    expect(() => expandInputs(['/no/such.wav'])).toThrow(/no such file/);
  });
});

describe('bad input: refused with the count and what to do', () => {
  const dir = tempDir();

  it('fewer than 8 hits', () => {
    const audio = exampleAudio();
    const short = join(dir, 'three-hits.wav');
    writeWav(short, [audio.mono.subarray(0, 60000)], audio.sampleRate, '16');
    const e = userError(() => buildDataset([short]));
    expect(e.code).toBe('E_TOO_FEW_HITS');
    expect(e.message).toMatch(new RegExp(`found \\d usable hit\\(s\\).*at least ${MIN_HITS}.*Record more hits.*Nothing was written`));
  });

  it('most hits start inside another hit\'s decay', () => {
    // 10 strokes whose "hits" after the first are barely louder than the ring they land in:
    // one long ringing stroke with small bumps every 120 ms
    const sr = 44100;
    const n = 3 * sr;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = 0.8 * Math.exp(-i / (1.2 * sr)) * Math.sin((2 * Math.PI * 1200 * i) / sr) * (1 + 0.6 * Math.max(0, Math.sin((2 * Math.PI * i) / (0.12 * sr))) ** 40);
    const path = join(dir, 'bumps.wav');
    writeWav(path, [x], sr, '16');
    const loaded = loadHits([path]);
    const inside = loaded.files[0].insideDecay.length;
    if (inside > loaded.hits.length / 2) {
      const e = userError(() => buildDataset([path]));
      expect(e.code).toBe('E_OVERLAPPING_HITS');
      expect(e.message).toContain(`${inside} of the ${loaded.hits.length} hits`);
      expect(e.message).toMatch(/space between them/);
    } else {
      // the detector did not fire on the bumps: then it is too few hits
      expect(userError(() => buildDataset([path])).code).toBe('E_TOO_FEW_HITS');
    }
  });

  it('a performance of one repeated stroke (identical hits): nothing for a mapping to follow', () => {
    const placements = Array.from({ length: 12 }, (_, k) => ({ atMs: 200 + 400 * k, peakDbfs: -6, source: 'synth' as const, seed: 5 }));
    const s = mixHits(placements, { noiseDbfs: -Infinity });
    const path = join(dir, 'same.wav');
    writeWav(path, [s.signal], s.sampleRateHz, '32f');
    const e = userError(() => buildDataset([path]));
    expect(e.code).toBe('E_NO_VARIATION');
    expect(e.message).toMatch(/all 12 hits have the same loudness, brightness and noisiness \(they span [0-9.]+ dB/);
  });
});
