/**
 * Training data: hits of the example recording against the reference's golden onsets and
 * features, the median-loudness reference hit, normalisation, the stratified split, resampling,
 * and the too-few-hits error.
 */
import { join } from 'node:path';
import { buildDataset, resampleTo44k, MIN_HITS, expandInputs } from '../../src/train/data';
import { writeWav } from '../../src/io/wav';
import { UserError } from '../../src/util/errors';
import { EXAMPLE_WAV, exampleAudio, tempDir } from '../helpers/audio';
import { goldenJson } from './goldenFixtures';

const gm = goldenJson('gmrock-snare-performance-golden.json');

describe('buildDataset on the example recording', () => {
  const d = buildDataset([EXAMPLE_WAV], { seed: 1 });

  it('finds the reference training-settings onsets and their features', () => {
    expect(d.hits.map((h) => h.onsetSample)).toEqual(gm.onsets_training_settings);
    d.hits.forEach((h, i) => {
      h.full.forEach((v, j) => expect(Math.abs(v - gm.full_features[i][j])).toBeLessThan(0.01));
      h.onset.forEach((v, j) => expect(Math.abs(v - gm.onset_features[i][j])).toBeLessThan(0.01));
    });
  });

  it('picks the median-loudness reference hit (index 26, as the golden README) and centres inputs on it', () => {
    expect(d.refIndex).toBe(26);
    d.inputs[d.refIndex].forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-12));
    d.targets[d.refIndex].forEach((v) => expect(v).toBe(0));
    for (const x of d.inputs) x.forEach((v, j) => expect(v + d.norm.ref[j]).toBeGreaterThanOrEqual(-1e-12));
    for (const x of d.inputs) x.forEach((v, j) => expect(v + d.norm.ref[j]).toBeLessThanOrEqual(1 + 1e-12));
  });

  it('splits 10 % / 10 % by loudness strata, disjoint, never the reference hit, repeatable by seed', () => {
    const { train, val, test } = d.split;
    expect(val).toHaveLength(Math.floor(28 * 0.1) + 1);
    expect(test).toHaveLength(Math.floor(28 * 0.1) + 1);
    expect(new Set([...train, ...val, ...test]).size).toBe(28);
    expect([...val, ...test]).not.toContain(d.refIndex);
    // one validation hit per loudness third: their loudness ranks are spread out
    const byLoud = d.hits.map((_, i) => i).sort((a, b) => d.hits[b].full[0] - d.hits[a].full[0]);
    const ranks = val.map((i) => byLoud.indexOf(i)).sort((a, b) => a - b);
    expect(ranks[0]).toBeLessThan(10);
    expect(ranks[2]).toBeGreaterThanOrEqual(18);
    expect(buildDataset([EXAMPLE_WAV], { seed: 1 }).split).toEqual(d.split);
  });
});

describe('inputs', () => {
  it('resamples other rates to 44.1 kHz (a 1 kHz sine at 48 kHz stays a 1 kHz sine)', () => {
    const sr = 48000;
    const x = Float32Array.from({ length: sr / 2 }, (_, n) => Math.sin((2 * Math.PI * 1000 * n) / sr));
    const y = resampleTo44k(x, sr);
    expect(Math.abs(y.length - 22050)).toBeLessThanOrEqual(2);
    // away from the edges: amplitude kept (RMS 1/√2) and frequency kept (zero crossings at 44.1 kHz)
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
    const hz = ((crossings - 1) * 44100) / (last - first);
    expect(Math.abs(hz - 1000)).toBeLessThan(0.5);
  });

  it('says how many hits are needed when there are too few', () => {
    const dir = tempDir();
    const audio = exampleAudio();
    const short = join(dir, 'three-hits.wav');
    writeWav(short, [audio.mono.subarray(0, 60000)], audio.sampleRate, '16');
    expect(() => buildDataset([short], { seed: 1 })).toThrow(UserError);
    expect(() => buildDataset([short], { seed: 1 })).toThrow(new RegExp(`at least ${MIN_HITS}`));
  });

  it('expands folders to their wav files and rejects missing paths with a clear message', () => {
    expect(expandInputs([join(EXAMPLE_WAV, '..')])).toEqual([EXAMPLE_WAV]);
    expect(() => expandInputs(['/no/such.wav'])).toThrow(/no such file/);
  });
});
