/**
 * Drawing: vega-lite → SVG → PNG in a child process (see helpers.ts), on synthetic data whose
 * marks are known, and `plot training` end to end on a model JSON written here.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FULL_FEATURE_NAMES } from '../../src/model/bundle';
import { PARAMS } from '../../src/synth/params';
import { decodePng, labelNumber, pixelStats, pngSize, runPlotInChild, runTsx, svgMarkItems, ROOT, SRC } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'tr-plot-render-'));

/** A bundle JSON with a training log and an evaluation table (no network needed to plot training). */
function writeMeta(name: string, training: unknown, evaluation?: unknown): string {
  const base = join(dir, name);
  writeFileSync(`${base}.json`, JSON.stringify({
    format: 'timbre-remap-model', formatVersion: 1, name, paramOrder: PARAMS.map((p) => p.name),
    preset: { name: '808_snare_1', physical: {}, normalised: PARAMS.map(() => 0.5) }, damping: PARAMS.map(() => 1),
    featureNorm: { names: ['rms_db', 'spectral_centroid_semitones', 'spectral_flatness_db'], min: [0, 0, 0], max: [1, 1, 1], ref: [0, 0, 0] },
    onsetWindow: { samples: 256, backtrackSamples: 16, sampleRateHz: 44100 }, architecture: 'mlp', onnx: { input: 'features', output: 'modulation', opset: 17 },
    training, evaluation,
  }));
  return base;
}

const EPOCHS = 30;
const history = Array.from({ length: EPOCHS }, (_, e) => ({ epoch: e, trainLoss: 2 / (1 + e), valLoss: 2.2 / (1 + e), lr: 5e-4 * 0.5 ** Math.floor(e / 10) }));
const table = Object.fromEntries(FULL_FEATURE_NAMES.map((f, i) => [f, { preset: 1 + i / 10, model: 0.5 + i / 20 }]));

describe('synthetic charts drawn in a child process', () => {
  let result: { timbre: { svg: string; marks: Record<string, number> }; params: { svg: string; marks: Record<string, number> }; text: { ink: number; noText: number }; png: string; warnings: string[] };
  const hits = Array.from({ length: 9 }, (_, i) => ({ index: i, timeSec: i / 2, input: [-40 + 3 * i, 70 + i, -30 + i], synth: [-38 + 3 * i, 72 + i, -28 + i] }));

  beforeAll(() => {
    const r = runTsx(`
      import { renderSvg, svgToPng } from ${JSON.stringify(join(SRC, 'plot/render'))};
      import { timbreSpec } from ${JSON.stringify(join(SRC, 'plot/timbre'))};
      import { paramsSpec } from ${JSON.stringify(join(SRC, 'plot/params'))};
      import { Resvg } from ${JSON.stringify(join(ROOT, 'node_modules/@resvg/resvg-js'))};
      (async () => {
        const hits = ${JSON.stringify(hits)};
        const t = await renderSvg(timbreSpec({ hits, reference: { input: [-25, 75, -20] } }));
        const p = await renderSvg(paramsSpec({ hits: hits.map((h) => ({ ...h, modulation: Array.from({ length: 14 }, (_, k) => Math.sin(h.index + k)) })) }));
        // Text must render: a picture of one word has ink; the same picture without the word has none.
        const word = (s) => '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><rect width="200" height="60" fill="white"/>' + s + '</svg>';
        const ink = (png) => { const px = new Resvg(Buffer.from(word('<image width="400" height="120" href="data:image/png;base64,' + Buffer.from(png).toString('base64') + '"/>')), { fitTo: { mode: 'zoom', value: 2 } }).render().pixels; let n = 0; for (let i = 0; i < px.length; i += 4) if (px[i] < 128) n++; return n; };
        const withText = svgToPng(word('<text x="10" y="40" font-family="sans-serif" font-size="30">Timbre</text>'));
        const without = svgToPng(word(''));
        process.stdout.write('@@' + JSON.stringify({ timbre: { svg: t.svg, marks: t.markCounts }, params: { svg: p.svg, marks: p.markCounts }, text: { ink: ink(withText), noText: ink(without) }, png: Buffer.from(svgToPng(t.svg)).toString('base64'), warnings: [...t.warnings, ...p.warnings] }));
      })();
    `);
    const at = r.stdout.indexOf('@@');
    if (at < 0) throw new Error(r.stderr);
    result = JSON.parse(r.stdout.slice(at + 2));
  });

  test('timbre: one drum point and one synth point per hit, one join per hit, at the data values', () => {
    const drum = svgMarkItems(result.timbre.svg, 'drum_hits');
    const synth = svgMarkItems(result.timbre.svg, 'synth_hits');
    expect(drum).toHaveLength(hits.length);
    expect(synth).toHaveLength(hits.length);
    expect(svgMarkItems(result.timbre.svg, 'joins')).toHaveLength(hits.length);
    expect(svgMarkItems(result.timbre.svg, 'reference')).toHaveLength(1);
    const loud = drum.map((l) => labelNumber(l, 'loudness: RMS of the onset window (dB)')).sort((a, b) => a - b);
    expect(loud).toEqual(hits.map((h) => h.input[0]).sort((a, b) => a - b));
    expect(result.timbre.marks.drum_hits_marks).toBe(hits.length);
  });

  test('params: 14 rows named with units, one cell per hit and parameter', () => {
    const cells = svgMarkItems(result.params.svg, 'cells');
    expect(cells).toHaveLength(14 * hits.length);
    const rows = new Set(cells.map((c) => /parameter: ([^;]+)/.exec(c)![1]));
    expect([...rows].sort()).toEqual(PARAMS.map((p) => `${p.label} (${p.unit})`).sort());
  });

  test('PNG is a valid image at twice the SVG size, not blank; text renders with the bundled font setup', () => {
    const png = Buffer.from(result.png, 'base64');
    const w = Number(/width="(\d+)"/.exec(result.timbre.svg)![1]);
    expect(pngSize(png).width).toBe(2 * w);
    const img = decodePng(png);
    const s = pixelStats(img.pixels);
    expect(s.distinct).toBeGreaterThan(100);
    expect(s.inkFraction).toBeGreaterThan(0.01);
    expect(result.text.noText).toBe(0);
    expect(result.text.ink).toBeGreaterThan(200);
    expect(result.warnings).toEqual([]);
  });
});

describe('plot training (CLI)', () => {
  const good = writeMeta('good', { epochs: EPOCHS, history }, { hits: 12, table, mean: { preset: 1.3, model: 0.65 } });
  const noLog = writeMeta('nolog', { epochs: 10 });
  const noEval = writeMeta('noeval', { history });
  const out = (f: string) => join(dir, 'out', f);
  let runs: ReturnType<typeof runPlotInChild>;

  beforeAll(() => {
    runs = runPlotInChild([
      ['training', good, '--out', out('t.svg'), '--out', out('t.png'), '--json'],
      ['training', noLog, '--out', out('nolog.png')],
      ['training', join(dir, 'missing'), '--out', out('missing.png')],
      ['training', good, '--out', out('t.jpg')],
      ['training', `${noEval}.json`, '--out', out('noeval.svg')],
      ['sideways', good],
      ['--help'],
    ]);
  });

  test('writes SVG and PNG whose marks match the log and the table', () => {
    const [r] = runs;
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.out).toEqual([out('t.svg'), out('t.png')]);
    const svg = readFileSync(out('t.svg'), 'utf8');
    expect(svgMarkItems(svg, 'loss_lines')).toHaveLength(2); // train + validation lines
    expect(svgMarkItems(svg, 'lr_line')).toHaveLength(1);
    const bars = svgMarkItems(svg, 'eval_bars');
    expect(bars).toHaveLength(FULL_FEATURE_NAMES.length * 2);
    for (const f of FULL_FEATURE_NAMES) {
      const b = bars.filter((l) => l.includes(`feature: ${f};`));
      expect(b.map((l) => labelNumber(l, 'mean absolute error')).sort()).toEqual([table[f].preset, table[f].model].sort());
    }
    expect(j.marks.lr_line_marks).toBe(EPOCHS);
    const png = readFileSync(out('t.png'));
    expect(pngSize(png).width).toBe(2 * j.widthPx);
    expect(pixelStats(decodePng(png).pixels).distinct).toBeGreaterThan(100);
  });

  test('a model without a training log: clear message, exit 2, no file', () => {
    expect(runs[1].code).toBe(2);
    expect(runs[1].stderr).toMatch(/no training log/);
    expect(existsSync(out('nolog.png'))).toBe(false);
  });

  test('a missing model, a bad extension, an unknown kind: messages, no files', () => {
    expect(runs[2].code).toBe(2);
    expect(runs[2].stderr).toMatch(/cannot read model .*missing\.json.*no such file/);
    expect(runs[3].code).toBe(2);
    expect(runs[3].stderr).toMatch(/\.png or \.svg/);
    expect(runs[5].code).toBe(2);
    expect(runs[5].stderr).toMatch(/onsets, timbre, params, training; got "sideways"/);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['noeval.svg', 't.png', 't.svg']); // no temporary leftovers either
  });

  test('no evaluation table: loss and LR drawn, with a warning', () => {
    expect(runs[4].code).toBe(0);
    expect(runs[4].stderr).toMatch(/no evaluation table/);
    const svg = readFileSync(out('noeval.svg'), 'utf8');
    expect(svgMarkItems(svg, 'eval_bars')).toHaveLength(0);
    expect(svgMarkItems(svg, 'loss_lines')).toHaveLength(2);
  });

  test('--help lists the four pictures', () => {
    expect(runs[6].code).toBe(0);
    for (const k of ['onsets IN.wav', 'timbre IN.wav', 'params IN.wav', 'training PATH']) expect(runs[6].stdout).toContain(k);
  });
});
