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
import { escapeHtml, evaluationTableHtml } from '../../src/report/html';
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
