/**
 * The HTML report: written by writeTrainingReport (in a child process: it draws with vega), then
 * opened in headless Chromium over the DevTools pipe: no console errors, no network, every
 * picture decoded and laid out, a screenshot saved and checked to be non-blank.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FULL_FEATURE_NAMES } from '../../src/model/bundle';
import { PARAMS } from '../../src/synth/params';
import { escapeHtml, evaluationTableHtml, followHtml, reportHtml } from '../../src/report/html';
import { formatFollow, formatTable, waveformStrip } from '../../src/report/summary';
import { decodePng, pixelStats, runTsx, SRC } from '../plot/helpers';
import { requireTool } from '../helpers/tools';
import { inspectPage } from './chromium';

const dir = mkdtempSync(join(tmpdir(), 'tr-report-'));
const history = Array.from({ length: 25 }, (_, e) => ({ epoch: e, trainLoss: 1 / (1 + e), valLoss: 1.2 / (1 + e), lr: 5e-4 * 0.5 ** Math.floor(e / 10) }));
const table = Object.fromEntries(FULL_FEATURE_NAMES.map((f, i) => [f, { preset: 1 + i / 10, model: 0.4 + i / 20 }]));
const meta = {
  format: 'timbre-remap-model', formatVersion: 1, name: 'snare<1>', paramOrder: PARAMS.map((p) => p.name),
  preset: { name: '808_snare_1', physical: Object.fromEntries(PARAMS.map((p) => [p.name, p.defaultValue])), normalised: PARAMS.map(() => 0.5) },
  damping: PARAMS.map(() => 0.5),
  featureNorm: { names: ['rms_db', 'spectral_centroid_semitones', 'spectral_flatness_db'], min: [-60, 60, -40], max: [-5, 100, -3], ref: [0.5, 0.5, 0.5] },
  onsetWindow: { samples: 256, backtrackSamples: 16, sampleRateHz: 44100 }, architecture: 'mlp', onnx: { input: 'features', output: 'modulation', opset: 17 },
  training: { optimizer: 'adam', learningRate: 5e-4, epochs: 25, history },
  provenance: { inputs: [{ path: 'examples/gmrock-snare-performance.wav', sha256: 'ab12', hits: 27 }], date: '2025-01-01T00:00:00Z' },
  evaluation: { hits: 4, table, mean: { preset: 1.3, model: 0.55 } },
};

describe('report page (pure)', () => {
  test('text is escaped; the table has rows SPL_T…TC and the mean, model better marked', () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    const html = evaluationTableHtml(meta.evaluation);
    const rows = [...html.matchAll(/<tr class="[^"]*"><th>([^<]+)<\/th>/g)].map((m) => m[1]);
    expect(rows).toEqual([...FULL_FEATURE_NAMES, 'mean']);
    expect((html.match(/class="better"/g) ?? []).length).toBe(8);
    expect(html).toContain('-58 %'); // mean: (0.55 − 1.3) / 1.3
  });
});

describe('held-out figures, follow check, saturation, exact seed (pure)', () => {
  const follow = {
    onset: { hits: 4, features: [{ name: 'rms_db', rho: 0.95, rangeRatio: 0.9, drumRange: 9, synthRange: 8.1 }, { name: 'spectral_centroid_semitones', rho: 0.4, rangeRatio: 0.2, drumRange: 8, synthRange: 1.6 }], articulation: { source: 'labels' as const, feature: 'spectral_centroid_semitones', centreHits: 3, rimHits: 1, drumDiff: 6.8, synthDiff: -0.5, sameSign: false } },
    full: { hits: 4, features: [{ name: 'SPL_T', rho: 0.9, rangeRatio: 1, drumRange: 7, synthRange: 7 }], articulation: null },
  };
  const saturated = { hits: 4, hitsAtLimit: 3, atLimit: { 'osc1_gain.gain': 3 }, clippedHits: 2, peak: 1, saturated: true, message: 'saturated: 3 of 4 hits have a parameter at a range limit (osc1_gain.gain 3); 2 of 4 synth hits clip (peak 1.000)' };

  test('mean ± spread over folds and the scheme; a saturated model is never marked better and says so', () => {
    const ev = { ...meta.evaluation, scheme: '3-fold cross-validation over 4 hits', spread: { preset: 0.1, model: 0.05 } };
    const html = evaluationTableHtml(ev);
    expect(html).toContain('0.55 ± 0.05');
    expect(html).toContain('held-out hits (3-fold cross-validation over 4 hits)');
    const sat = evaluationTableHtml({ ...ev, saturation: saturated });
    expect(sat).not.toContain('class="better"');
    expect(sat).toMatch(/Not an improvement over the preset: the model is saturated: 3 of 4 hits/);
    expect(formatTable({ ...ev, saturation: saturated })).toMatch(/NOT an improvement over the preset/);
    expect(formatTable(ev)).toMatch(/mean\s+1\.300 ± 0\.100 0\.550 ± 0\.050/);
  });

  test('the follow section: ρ and range ratio per feature, goals marked, the rim/centre verdict', () => {
    const html = followHtml(follow, 4);
    expect(html).toMatch(/<th>rms_db<\/th><td class="better">0\.95<\/td><td class="better">0\.9<\/td>/);
    expect(html).toMatch(/<th>spectral_centroid_semitones<\/th><td>0\.4<\/td><td>0\.2<\/td>/);
    expect(html).toMatch(/not the same sign<\/b> \(1 rim and 3 centre hits from the labels\)/);
    const text = formatFollow(follow, 4);
    expect(text).toMatch(/spectral_centroid_semitones\s+ρ\s+0\.40\s+range ratio\s+0\.20/);
    expect(text).toMatch(/NOT the same sign/);
  });

  test('the seed and other whole numbers are printed exactly; the hits section lists the onsets', () => {
    const page = reportHtml({ kind: 'train', modelBase: 'm', meta: { ...meta, provenance: { ...meta.provenance, seed: 3608013887, inputs: [{ path: 'a.wav', sha256: 'x', hits: 2, onsets: [100, 200, 300], insideDecay: [200] }] } } as never, figures: [], notes: [], generatedAt: 'now', toolVersion: '0' });
    expect(page).toContain('3608013887');
    expect(page).not.toContain('3608010000');
    expect(page).toMatch(/<b>2<\/b> hits used of <b>3<\/b> detected, 1 left out/);
    expect(page).toContain('<span class="onset-list"><span class="">100</span>, <span class="warn">200</span>, <span class="">300</span></span>');
  });

  test('the text waveform strip marks used hits | and left-out ones x in their columns', () => {
    const sr = 1000;
    const x = new Float32Array(1000);
    x[100] = 1; x[500] = 0.5;
    const strip = waveformStrip(x, sr, [0.1, 0.5], [true, false], 10);
    const [wave, marks] = strip.split('\n');
    expect(wave.trim().length).toBeGreaterThan(0);
    expect(marks).toBe('   |   x');
  });
});

describe('report in Chromium', () => {
  const base = join(dir, 'snare');
  let written: { ok: boolean; path?: string; error?: string; warnings?: string[] };
  let failed: { ok: boolean; error?: string };

  beforeAll(() => {
    writeFileSync(`${base}.json`, JSON.stringify(meta));
    const r = runTsx(`
      import { writeTrainingReport } from ${JSON.stringify(join(SRC, 'report/report'))};
      (async () => {
        const a = await writeTrainingReport(${JSON.stringify(`${base}.onnx`)}, { notes: ['trained on <one> file'] });
        const b = await writeTrainingReport(${JSON.stringify(join(dir, 'absent'))});
        process.stdout.write('@@' + JSON.stringify([a, b]));
      })();
    `);
    const at = r.stdout.indexOf('@@');
    if (at < 0) throw new Error(r.stderr);
    [written, failed] = JSON.parse(r.stdout.slice(at + 2));
  });

  test('BASE.report.html is written beside the model; a missing model gives an error and no file', () => {
    expect(written).toMatchObject({ ok: true, path: `${base}.report.html` });
    expect(failed.ok).toBe(false);
    expect(failed.error).toMatch(/absent\.json/);
    expect(existsSync(join(dir, 'absent.report.html'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  test('self-contained: no scripts, no external resources; settings and provenance shown', () => {
    const html = readFileSync(`${base}.report.html`, 'utf8');
    expect(html).not.toMatch(/<script|<link|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).toContain('Training report: model snare&lt;1&gt;');
    expect(html).toContain('trained on &lt;one&gt; file');
    expect(html).toContain('learningRate');
    expect(html).toContain('gmrock-snare-performance.wav');
    expect(html).not.toContain('"history"'); // the log is drawn, not dumped
  });

  test('opens in headless Chromium with no console errors, all pictures rendered, a non-blank screenshot', async () => {
    requireTool('chromium'); // `npm test` installs it; without it this test must fail (at once), not pass
    const page = await inspectPage(`file://${base}.report.html`, `JSON.stringify({
      images: [...document.images].map((i) => ({ complete: i.complete, w: i.naturalWidth, h: i.naturalHeight, boxW: i.getBoundingClientRect().width, boxH: i.getBoundingClientRect().height })),
      svgs: document.querySelectorAll('svg').length,
      tables: document.querySelectorAll('table').length,
      title: document.title,
    })`);
    expect(page.errors).toEqual([]);
    expect(page.requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
    const v = JSON.parse(page.value as string);
    expect(v.images.length).toBeGreaterThanOrEqual(1);
    for (const img of v.images) {
      expect(img.complete).toBe(true);
      expect(img.w).toBeGreaterThan(100);
      expect(img.boxW).toBeGreaterThan(100);
      expect(img.boxH).toBeGreaterThan(50);
    }
    expect(v.tables).toBeGreaterThanOrEqual(4);
    const shotPath = join(dir, 'report-screenshot.png');
    writeFileSync(shotPath, page.screenshot);
    const shot = decodePng(readFileSync(shotPath));
    expect(shot.width).toBeGreaterThanOrEqual(1000);
    const s = pixelStats(shot.pixels);
    expect(s.distinct).toBeGreaterThan(200);
    expect(s.inkFraction).toBeGreaterThan(0.02);
  });

  test('the Chromium check itself sees console errors, broken pictures and network requests', async () => {
    const bad = join(dir, 'bad.html');
    writeFileSync(bad, '<!DOCTYPE html><html><body><script>console.error("boom")</script><img src="missing.png"><img src="http://127.0.0.1:9/x.png"></body></html>');
    const page = await inspectPage(`file://${bad}`, 'document.images[0].naturalWidth');
    expect(page.errors.some((e) => e.includes('boom'))).toBe(true);
    expect(page.errors.some((e) => e.includes('missing.png'))).toBe(true);
    expect(page.requests).toContain('http://127.0.0.1:9/x.png');
    expect(page.value).toBe(0);
  });
});
