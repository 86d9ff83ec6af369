/**
 * "Does the synth follow the drum?": the statistics (ranks with ties, Spearman, percentile
 * spreads, the rim/centre check with labels and without), then the whole check on a generated
 * drum whose brightness varies in a known way: a model trained on it follows its brightness
 * (ρ ≥ 0.8 on held-out hits), and a model made to output constants does not (ρ 0, range ratio 0).
 */
import { join } from 'node:path';
import { articulationFollow, percentile, ranks, residuals, spearman, spread } from '../../src/train/follow';
import { followOf } from '../../src/train/heldOut';
import { runTraining } from '../../src/train/run';
import { renderHit } from '../../src/synth/render';
import { loadPreset } from '../../src/synth/presets';
import { P } from '../../src/synth/params';
import { writeWav } from '../../src/io/wav';
import { loadHits } from '../../src/train/data';
import { DspPool } from '../../src/train/dspPool';
import { loadNoiseBuffer } from '../../src/synth/noise';
import { createRng } from '../../src/train/rng';
import { tempDir } from '../helpers/audio';

describe('statistics', () => {
  it('ranks share ties; Spearman is 1 for any increasing map, −1 decreasing, 0 against a constant', () => {
    expect(ranks([10, 30, 20, 20])).toEqual([1, 4, 2.5, 2.5]);
    const x = [0.3, 1.2, -4, 8, 2.5, 2.6];
    expect(spearman(x, x.map((v) => Math.exp(v)))).toBeCloseTo(1, 12);
    expect(spearman(x, x.map((v) => -(v ** 3)))).toBeCloseTo(-1, 12);
    expect(spearman(x, x.map(() => 7))).toBe(0);
  });

  it('percentiles interpolate; the spread is p90 − p10 (one outlier does not set it)', () => {
    const x = Array.from({ length: 11 }, (_, i) => i);
    expect(percentile(x, 50)).toBe(5);
    expect(percentile(x, 10)).toBeCloseTo(1, 12);
    expect(spread(x)).toBeCloseTo(8, 12);
    expect(spread([...x.slice(0, 10), 1000])).toBeLessThan(100);
  });

  it('rim − centre from labels; without labels, the brighter-than-expected half after loudness', () => {
    const drum = [1, 2, 6, 7, 1.5, 6.5];
    const labels = ['center', 'center', 'rimshot', 'rimshot', 'centre', 'crossstick'];
    const a = articulationFollow('c', drum, [0, 0.1, 0.5, 0.6, 0.05, 0.55], drum.map(() => 0), labels)!;
    expect(a).toMatchObject({ source: 'labels', centreHits: 3, rimHits: 3, sameSign: true });
    expect(a.drumDiff).toBeCloseTo(6.5 - 1.5, 12);
    const b = articulationFollow('c', drum, [0.6, 0.5, 0.1, 0, 0.55, 0.05], drum.map(() => 0), labels)!;
    expect(b.sameSign).toBe(false);
    // no labels: brightness = 2·loudness + articulation offset (±1); the residual split finds the offset
    const loud = [1, 2, 3, 4, 5, 6, 7, 8];
    const offset = [1, -1, 1, -1, -1, 1, -1, 1];
    const bright = loud.map((l, i) => 2 * l + offset[i]);
    expect(residuals(bright, loud).map((r) => Math.sign(r))).toEqual(offset);
    const c = articulationFollow('c', bright, bright.map((v, i) => v + 3 * offset[i]), loud, null)!;
    expect(c).toMatchObject({ source: 'residual', rimHits: 4, centreHits: 4, sameSign: true });
    expect(c.drumDiff).toBeGreaterThan(0);
  });
});

describe('on a generated drum with known brightness variation', () => {
  // The drum is the synth itself (so a perfect mapping exists): 18 strokes, 600 ms apart, each on
  // a random point of a brightness axis (more, higher high-passed noise and less oscillator: a
  // 10-semitone sweep of the onset centroid) and, independently, of a loudness axis (drive).
  const preset = loadPreset('808_snare_1');
  const rng = createRng(12);
  const sr = 44100;
  const n = 18;
  const hitParams = Array.from({ length: n }, () => {
    const p = Float64Array.from(preset.normalised);
    const b = rng.next(), l = rng.next();
    p[P.noise_gain] = preset.normalised[P.noise_gain] - 0.3 + 0.3 * b;
    p[P.osc1_gain] = preset.normalised[P.osc1_gain] - 0.3 * b;
    p[P.osc2_gain] = preset.normalised[P.osc2_gain] - 0.3 * b;
    p[P.noise_filter_freq] = (1000 + 5000 * b) / (22050 - 20);
    p[P.drive] = preset.normalised[P.drive] - 0.15 * l;
    return p;
  });
  const x = new Float32Array(Math.round((0.3 + 0.6 * n) * sr));
  hitParams.forEach((p, i) => {
    const hit = renderHit(p, { numSamples: Math.round(0.55 * sr) });
    const at = Math.round((0.3 + 0.6 * i) * sr);
    x.set(hit, at);
  });
  const dir = tempDir('tr-follow-');
  const wav = join(dir, 'generated.wav');
  writeWav(wav, [x], sr, '32f');
  let report: Awaited<ReturnType<typeof runTraining>>;

  beforeAll(async () => {
    report = await runTraining({ inputs: [wav], preset: '808_snare_1', out: join(dir, 'model'), folds: 2, epochs: 60, earlyStopping: 0, seed: 3 });
  }, 600000);

  it('the drum\'s brightness really varies (the generated sweep), and every stroke is a hit', () => {
    expect(report.hits.total).toBe(n);
    const hits = loadHits([wav]).hits;
    expect(spread(hits.map((h) => h.onset[1]))).toBeGreaterThan(8); // semitones (measured 10.4)
  });

  it('a trained model follows it on held-out hits: ρ ≥ 0.8 for brightness and loudness at the onset', () => {
    const f = report.follow!;
    const get = (rep: 'onset' | 'full', name: string) => f[rep].features.find((x) => x.name === name)!;
    expect(report.hitsEvaluated).toBe(n - 1);
    // measured 0.90 / 0.79 (ρ / range ratio) for brightness, 0.97 / 0.69 for loudness
    expect(get('onset', 'spectral_centroid_semitones').rho).toBeGreaterThanOrEqual(0.8);
    expect(get('onset', 'spectral_centroid_semitones').rangeRatio).toBeGreaterThanOrEqual(0.5);
    expect(get('onset', 'rms_db').rho).toBeGreaterThanOrEqual(0.8);
    expect(get('full', 'SC_T').rho).toBeGreaterThanOrEqual(0.6);
    // without labels, the rim/centre check splits by brightness after loudness, and the synth agrees
    expect(f.onset.articulation).toMatchObject({ source: 'residual', sameSign: true });
  });

  it('a model made to output constants fails the check: ρ 0 and range ratio 0 for every feature', async () => {
    const hits = loadHits([wav]).hits;
    const pool = new DspPool(loadNoiseBuffer(), 0);
    try {
      const params = new Float64Array(hits.length * 14);
      hits.forEach((_, i) => params.set(preset.normalised, i * 14)); // the same parameters for every hit
      const f = followOf(hits, (await pool.analyse(params)).features);
      for (const r of [f.onset, f.full]) {
        for (const feat of r.features) {
          expect(feat.rho).toBe(0);
          expect(feat.rangeRatio).toBe(0);
        }
        expect(r.articulation?.sameSign ?? false).toBe(false);
      }
    } finally {
      await pool.close();
    }
  });
});
