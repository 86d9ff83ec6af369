/** The pure parts of the pictures: data reduction, rows, checks (no drawing; runs in jest). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onsetPlotData, onsetsSpec, TRACE_NAMES } from '../../src/plot/onsets';
import { timbreRows, timbreSpec, SOURCE_DRUM, SOURCE_SYNTH } from '../../src/plot/timbre';
import { paramsCells, PARAM_ROW_LABELS } from '../../src/plot/params';
import { evaluationRows, lossRows, trainingHistoryOf, trainingSpec } from '../../src/plot/training';
import { readTruthCsv } from '../../src/plot/truth';
import { formatOf } from '../../src/plot/render';
import { PARAMS } from '../../src/synth/params';
import { UserError } from '../../src/util/errors';
import type { ModelBundleMeta } from '../../src/model/bundle';
import { EXAMPLE_ONSETS_CSV, exampleTruth } from '../helpers/audio';

const tmp = () => mkdtempSync(join(tmpdir(), 'tr-plot-spec-'));

describe('onsets data', () => {
  const sr = 1000;
  const signal = new Float32Array(10000);
  // Spikes that a plain decimation (every 10th sample) would miss: min/max per column keeps them.
  signal[1234] = 0.9;
  signal[5677] = -0.7;
  const odf = new Float32Array(10000).fill(-3);
  odf[3333] = 25;

  test('min/max per column keeps every peak of the waveform and the ODF', () => {
    const d = onsetPlotData({ sampleRateHz: sr, signal, onsets: [1234], columns: 1000, trace: { odfDb: odf, triggerDb: 16, rearmDb: 4.6666 } });
    expect(d.wave).toHaveLength(1000);
    expect(Math.max(...d.wave.map((w) => w.hi))).toBeCloseTo(0.9, 6);
    expect(Math.min(...d.wave.map((w) => w.lo))).toBeCloseTo(-0.7, 6);
    const odfRows = d.traces.filter((r) => r.series === TRACE_NAMES.odf);
    expect(Math.max(...odfRows.map((r) => r.db))).toBe(25);
    expect(odfRows.find((r) => r.db === 25)!.t).toBeCloseTo(3.33, 2); // column of sample 3333
    expect(d.traces.filter((r) => r.series === TRACE_NAMES.trigger).every((r) => r.db === 16)).toBe(true);
    expect(d.onsets).toEqual([{ t: 1.234, sample: 1234 }]);
  });

  test('per-sample thresholds and the noise floor are followed; truth rows in seconds', () => {
    const floor = Float32Array.from({ length: 10000 }, (_, i) => -60 + i / 1000);
    const level = Float32Array.from({ length: 10000 }, (_, i) => (i === 4321 ? -3 : -40));
    const d = onsetPlotData({ sampleRateHz: sr, signal, onsets: [], truth: [500, 2500], columns: 10, trace: { odfDb: odf, triggerDb: floor, rearmDb: 0, noiseFloorDb: floor, levelDb: level } });
    expect(d.traces.filter((r) => r.series === TRACE_NAMES.trigger).map((r) => r.db)).toEqual([-60, -59, -58, -57, -56, -55, -54, -53, -52, -51]);
    expect(d.levels.filter((r) => r.series === TRACE_NAMES.noiseFloor).map((r) => r.db)).toEqual([-60, -59, -58, -57, -56, -55, -54, -53, -52, -51]);
    expect(d.levels.filter((r) => r.series === TRACE_NAMES.level).map((r) => r.db)).toEqual([-40, -40, -40, -40, -3, -40, -40, -40, -40, -40]);
    expect(d.truth.map((r) => r.t)).toEqual([0.5, 2.5]);
  });

  test('without a trace only the waveform panel is drawn', () => {
    const spec = onsetsSpec({ sampleRateHz: sr, signal, onsets: [1] }) as unknown as { vconcat: unknown[] };
    expect(spec.vconcat).toHaveLength(1);
    const withOdf = onsetsSpec({ sampleRateHz: sr, signal, onsets: [1], trace: { odfDb: odf, triggerDb: 16, rearmDb: 4 } }) as unknown as { vconcat: unknown[] };
    expect(withOdf.vconcat).toHaveLength(2); // no level trace → no level panel
  });
});

describe('timbre rows', () => {
  test('one drum row and one synth row per hit, features in ONSET_FEATURE_NAMES order', () => {
    const hits = [
      { index: 0, timeSec: 0.5, input: [-20, 80, -10], synth: [-22, 82, -12] },
      { index: 1, timeSec: 1.0, input: [-30, 70, -15], synth: [-31, 71, -16] },
    ];
    const rows = timbreRows({ hits });
    expect(rows).toHaveLength(4);
    expect(rows.filter((r) => r.source === SOURCE_DRUM).map((r) => [r.loudnessDb, r.brightnessSt, r.noisinessDb])).toEqual([[-20, 80, -10], [-30, 70, -15]]);
    expect(rows.filter((r) => r.source === SOURCE_SYNTH).map((r) => r.hit)).toEqual([0, 1]);
    const spec = JSON.stringify(timbreSpec({ hits, reference: { input: [-25, 75, -12] } }));
    expect(spec).toContain('"name":"drum_hits"');
    expect(spec).toContain('"name":"synth_hits"');
    expect(spec).toContain('reference drum hit (training)');
  });
});

describe('params cells', () => {
  test('14 cells per hit, rows named with the units of src/synth/params.ts', () => {
    const hits = [0, 1, 2].map((i) => ({ index: i, timeSec: i, modulation: PARAMS.map((_, k) => (k - 7) / 7) }));
    const cells = paramsCells({ hits });
    expect(cells).toHaveLength(3 * 14);
    expect(new Set(cells.map((c) => c.param)).size).toBe(14);
    expect(PARAM_ROW_LABELS[0]).toBe(`${PARAMS[0].label} (Hz)`);
    expect(PARAM_ROW_LABELS[13]).toBe(`${PARAMS[13].label} (dB)`);
    expect(cells.find((c) => c.hit === 2 && c.row === 0)!.modulation).toBe(-1);
  });

  test('a modulation of the wrong length is refused', () => {
    expect(() => paramsCells({ hits: [{ index: 0, timeSec: 0, modulation: [0, 1] }] })).toThrow(/expected 14/);
  });
});

describe('training log', () => {
  const meta = (training: unknown): ModelBundleMeta => ({ name: 'm', training } as unknown as ModelBundleMeta);

  test('a missing or empty log is a UserError that says how to get one', () => {
    for (const t of [undefined, {}, { history: [] }]) {
      try {
        trainingHistoryOf(meta(t), 'models/m.json');
        throw new Error('no error');
      } catch (e) {
        expect(e).toBeInstanceOf(UserError);
        expect((e as UserError).code).toBe('E_NO_TRAINING_LOG');
        expect((e as Error).message).toMatch(/models\/m\.json.*no training log.*timbre-remap train/);
      }
    }
  });

  test('malformed epochs are named', () => {
    expect(() => trainingHistoryOf(meta({ history: [{ epoch: 0, trainLoss: 1, lr: 1e-3 }, { epoch: 1, lr: 1e-3 }] }))).toThrow(/history\[1\]/);
  });

  test('loss rows skip a missing validation loss; evaluation rows follow the paper order', () => {
    const h = trainingHistoryOf(meta({ history: [{ epoch: 0, trainLoss: 1, valLoss: 2, lr: 1e-3 }, { epoch: 1, trainLoss: 0.5, lr: 5e-4 }] }));
    expect(lossRows(h)).toEqual([
      { epoch: 0, split: 'train', loss: 1 },
      { epoch: 0, split: 'validation', loss: 2 },
      { epoch: 1, split: 'train', loss: 0.5 },
    ]);
    const table = { TC: { preset: 1, model: 0.5 }, SPL_T: { preset: 2, model: 1, direct: 0.1 } };
    const rows = evaluationRows({ hits: 3, table, mean: { preset: 1.5, model: 0.75 } });
    expect(rows.map((r) => `${r.feature}/${r.column}`)).toEqual(['SPL_T/preset', 'SPL_T/model', 'SPL_T/direct', 'TC/preset', 'TC/model']);
    const spec = trainingSpec({ history: h }) as unknown as { vconcat?: unknown; hconcat?: unknown[] };
    expect(spec.vconcat).toBeUndefined(); // no evaluation → no bar chart
    expect(spec.hconcat).toHaveLength(2);
  });
});

describe('ground-truth CSV', () => {
  test('the example CSV gives the same samples as its sample column', () => {
    expect(readTruthCsv(EXAMPLE_ONSETS_CSV, 44100)).toEqual(exampleTruth());
  });

  test('seconds (header time_s, or headerless decimals) are converted with the sample rate', () => {
    const d = tmp();
    writeFileSync(join(d, 'a.csv'), 'time_s\n0.5\n1.25\n');
    writeFileSync(join(d, 'b.csv'), '0.5\n0.25\n');
    writeFileSync(join(d, 'c.csv'), '100\n50\n');
    expect(readTruthCsv(join(d, 'a.csv'), 48000)).toEqual([24000, 60000]);
    expect(readTruthCsv(join(d, 'b.csv'), 1000)).toEqual([250, 500]);
    expect(readTruthCsv(join(d, 'c.csv'), 1000)).toEqual([50, 100]);
  });

  test('bad CSVs get messages naming the file, line or columns', () => {
    const d = tmp();
    writeFileSync(join(d, 'x.csv'), 'foo,bar\n1,2\n');
    writeFileSync(join(d, 'y.csv'), 'sample\n12\nabc\n');
    expect(() => readTruthCsv(join(d, 'x.csv'), 44100)).toThrow(/columns foo, bar.*"sample"/);
    expect(() => readTruthCsv(join(d, 'y.csv'), 44100)).toThrow(/line 3/);
    expect(() => readTruthCsv(join(d, 'missing.csv'), 44100)).toThrow(/cannot read.*ENOENT/);
  });
});

test('picture format comes from the extension', () => {
  expect(formatOf('a/b.PNG')).toBe('png');
  expect(formatOf('x.svg')).toBe('svg');
  expect(() => formatOf('x.jpg')).toThrow(/\.png or \.svg/);
});
