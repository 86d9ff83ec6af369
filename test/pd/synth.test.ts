/**
 * tr.808~ rendered offline in real Pd (`-batch`) for every golden parameter set
 * (test/fixtures/golden/synth-golden.json): the tonal part (noise off) and the full hit (noise on)
 * match the TypeScript voice sample by sample, and the full hit in its 3 onset and 7 full features
 * (Pd computes in float32, the voice in float64). The bounds are 10× the error measured in Pd 0.53.1
 * (Debian bookworm), per render: the shipped presets 4e-7…1.1e-5, the random sets up to 1.2e-4
 * (high pitches with strong pitch modulation: float32 phase increments), the features 4.6e-3 dB
 * (onset) and 3.8e-3 relative (full). Each render starts with `reset` (tr.808~ is a voice pool:
 * pool.test.ts checks overlapping hits).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHit } from '../../src/synth/render';
import { fullFeatures, onsetFeatures } from '../../src/features';
import { tempDir } from '../helpers/audio';
import { PdPatch, readPdFloatWav, requirePd, runPdBatch } from './pd';

const GOLDEN = join(__dirname, '../fixtures/golden/synth-golden.json');
/** Largest |Pd − TypeScript| per render: 10× the error measured (rounded down to 2 digits). */
const BOUND: Record<string, { tonal: number; full: number }> = {
  '808_kick': { tonal: 6.4e-5, full: 6.4e-5 },
  '808_noisy_snare': { tonal: 4.3e-6, full: 9.2e-6 },
  '808_open_snare': { tonal: 4.3e-5, full: 4.3e-5 },
  '808_snare_1': { tonal: 3.1e-5, full: 3e-5 },
  '808_snare_2': { tonal: 3.8e-5, full: 3.7e-5 },
  '808_snare_3': { tonal: 3.4e-5, full: 3.4e-5 },
  '808_tom_1': { tonal: 4.3e-5, full: 4.3e-5 },
  '808_tom_2': { tonal: 1e-4, full: 1e-4 },
  random_0: { tonal: 8.5e-6, full: 8.5e-6 },
  random_1: { tonal: 3e-4, full: 3e-4 },
  random_2: { tonal: 7.2e-4, full: 7.2e-4 },
  random_3: { tonal: 1.4e-6, full: 1.4e-6 },
  random_4: { tonal: 3.8e-6, full: 3.8e-6 },
  random_5: { tonal: 2.6e-4, full: 2.6e-4 },
  random_6: { tonal: 2.6e-5, full: 2.6e-5 },
  random_7: { tonal: 1.2e-3, full: 1.1e-3 },
};
/** Onset features (dB / semitones): 10× the largest error measured (4.6e-3); full features, relative: 10× 3.8e-3. */
const ONSET_FEATURE_BOUND = 0.046;
const FULL_FEATURE_BOUND = 0.037;
const N = 44100;

interface Render {
  name: string;
  noise: boolean;
  params01: number[];
}

describe('tr.808~ (Pd)', () => {
  const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as { cases: Record<string, { params01: number[] }> };
  const renders: Render[] = Object.entries(golden.cases).flatMap(([name, c]) => [
    { name, noise: false, params01: c.params01 },
    { name, noise: true, params01: c.params01 },
  ]);
  const dir = tempDir('tr-pd-synth-');
  let stderr = '';
  const maxErrs: Record<string, number> = {};
  afterAll(() => {
    // eslint-disable-next-line no-console
    console.log(`tr.808~ vs TypeScript voice, max |error| per render: ${JSON.stringify(maxErrs)}`);
  });

  beforeAll(() => {
    requirePd();
    // One Pd run: render k starts at k·1.1 s (logical time), each into its own array, then all are written.
    const p = new PdPatch();
    const lb = p.obj('loadbang');
    const dsp = p.msg('; pd dsp 1');
    const syn = p.obj('tr.808~');
    p.connect(lb, 0, dsp, 0);
    renders.forEach((r, k) => {
      p.obj(`array define out${k} ${N}`);
      const tw = p.obj(`tabwrite~ out${k}`);
      const dl = p.obj(`delay ${k * 1100}`);
      const tb = p.obj('t b b');
      // reset: tr.808~ is a voice pool; the previous render's tail must not sound into this one
      const m = p.msg(`reset, noise ${r.noise ? 1 : 0}, ${r.params01.map((v) => String(v)).join(' ')}`);
      p.connect(syn, 0, tw, 0).connect(lb, 0, dl, 0).connect(dl, 0, tb, 0).connect(tb, 1, m, 0).connect(m, 0, syn, 0).connect(tb, 0, tw, 0);
    });
    const end = p.obj(`delay ${renders.length * 1100 + 100}`);
    const w = p.msg(renders.map((_, k) => `write -bytes 4 ${join(dir, `r${k}.wav`)} out${k}`).join(', ') + ', ; pd quit');
    const sf = p.obj('soundfiler');
    p.connect(lb, 0, end, 0).connect(end, 0, w, 0).connect(w, 0, sf, 0);
    stderr = runPdBatch(p.save(join(dir, 'render.pd')), 120000).stderr;
  });

  it('loads without errors (noise buffer found, all objects created)', () => {
    expect(stderr).not.toMatch(/error|couldn't create|can't open/i);
  });

  it('has a bound for every golden case', () => expect(Object.keys(golden.cases).sort()).toEqual(Object.keys(BOUND).sort()));

  it.each(Object.keys(golden.cases))('%s: tonal part within its bound of the TypeScript voice, every sample', (name) => {
    const k = renders.findIndex((r) => r.name === name && !r.noise);
    const pd = readPdFloatWav(join(dir, `r${k}.wav`));
    const ts = renderHit(renders[k].params01, { noise: new Float32Array(N) });
    expect(pd.length).toBe(N);
    let maxErr = 0;
    for (let i = 0; i < N; i++) maxErr = Math.max(maxErr, Math.abs(pd[i] - ts[i]));
    maxErrs[`${name} tonal`] = Number(maxErr.toExponential(2));
    expect(maxErr).toBeLessThan(BOUND[name].tonal);
    // Not trivially silent: the comparison means something.
    expect(Math.max(...Array.from(ts.subarray(0, 4410), Math.abs))).toBeGreaterThan(1e-3);
  });

  it.each(Object.keys(golden.cases))('%s: with noise, samples and features within their bounds', (name) => {
    const k = renders.findIndex((r) => r.name === name && r.noise);
    const pd = readPdFloatWav(join(dir, `r${k}.wav`));
    const ts = renderHit(renders[k].params01);
    let maxErr = 0;
    for (let i = 0; i < N; i++) maxErr = Math.max(maxErr, Math.abs(pd[i] - ts[i]));
    maxErrs[`${name} full`] = Number(maxErr.toExponential(2));
    expect(maxErr).toBeLessThan(BOUND[name].full);
    const [fo, fts] = [onsetFeatures(pd.subarray(0, 256)), onsetFeatures(ts.subarray(0, 256))];
    for (let j = 0; j < 3; j++) expect(Math.abs(fo[j] - fts[j])).toBeLessThan(ONSET_FEATURE_BOUND);
    const [Fo, Fts] = [fullFeatures(pd), fullFeatures(ts)];
    for (let j = 0; j < 7; j++) expect(Math.abs(Fo[j] - Fts[j])).toBeLessThan(FULL_FEATURE_BOUND * Math.max(1, Math.abs(Fts[j])));
  });
});
