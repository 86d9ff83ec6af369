/**
 * The training quality goal on recordings other than the example (issue 3: "the model ≤ 0.85 ×
 * preset on held-out hits of other recordings"). For each recording (default: examples/other/*.wav)
 * and seed: train the default `mlp` for a preset (`runTraining`, 250 epochs, into
 * out/quality/NAME-PRESET-seedS.{onnx,json}), then
 *   - test:     the training report's evaluation table on the split's test hits (columns preset, model);
 *   - valTest:  the same table on validation + test hits together (the written ONNX model run on the
 *               rebuilt dataset: same seed → same split, checked against the bundle). Validation hits
 *               chose the kept epoch, so this column is held out from the gradient but not from
 *               model selection; it is reported because the test split is small (⌊0.1·N⌋ + 1 hits);
 *   - shipped:  the shipped models/gmrock_PRESET model (trained on the example recording only) on
 *               all hits of the recording except its reference hit (`evaluateModel`) — no training.
 * ratio = model mean / preset mean of the 7 feature errors; the goal is ratio ≤ 0.85.
 * Trainings run one after another. Prints a JSON summary (also written to out/quality/summary-PRESET-seedsS.json).
 *
 *   npx tsx scripts/quality-other-recordings.ts [--preset 808_snare_1] [--epochs 250] [--seeds 0,1,2] [WAV…]
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { buildDataset } from '../src/train/data';
import { runTraining, evaluateModel } from '../src/train';
import { DspPool } from '../src/train/dspPool';
import { evaluateParams, paramsFromModulation } from '../src/train/evaluate';
import { loadModelBundle } from '../src/model';
import { loadPreset } from '../src/synth/presets';
import { loadNoiseBuffer } from '../src/synth/noise';
import type { EvaluationTable } from '../src/model/bundle';

const ROOT = join(__dirname, '..');
const GOAL_RATIO = 0.85;

interface Column {
  hits: number;
  presetMean: number;
  modelMean: number;
  ratio: number;
  table: EvaluationTable['table'];
}

const column = (t: EvaluationTable): Column => ({ hits: t.hits, presetMean: t.mean.preset, modelMean: t.mean.model, ratio: t.mean.model / t.mean.preset, table: t.table });

function args(): { preset: string; epochs: number; seeds: number[]; inputs: string[] } {
  const a = process.argv.slice(2);
  const value = (flag: string, dflt: string) => {
    const i = a.indexOf(flag);
    return i >= 0 ? a[i + 1] : dflt;
  };
  const inputs = a.filter((x, i) => !x.startsWith('--') && !(i > 0 && a[i - 1].startsWith('--')));
  const dir = join(ROOT, 'examples/other');
  return {
    preset: value('--preset', '808_snare_1'),
    epochs: Number(value('--epochs', '250')),
    seeds: value('--seeds', '0').split(',').map(Number),
    inputs: inputs.length ? inputs : readdirSync(dir).filter((f) => f.endsWith('.wav')).sort().map((f) => join(dir, f)),
  };
}

/** Evaluation of the written bundle on chosen split indices of the rebuilt dataset. */
async function evaluateSplit(wav: string, modelBase: string, seed: number, preset: string, which: Array<'val' | 'test'>): Promise<{ table: EvaluationTable; splitMatches: boolean }> {
  const data = buildDataset([wav], { seed, detector: 'reference' });
  const model = await loadModelBundle(modelBase);
  const stored = model.meta.training?.split as { val?: number[]; test?: number[] } | undefined;
  const splitMatches = JSON.stringify(stored?.val) === JSON.stringify(data.split.val) && JSON.stringify(stored?.test) === JSON.stringify(data.split.test);
  const idx = which.flatMap((k) => data.split[k]);
  const inputs = new Float32Array(idx.length * 3);
  idx.forEach((h, i) => inputs.set(data.inputs[h], i * 3));
  const modulation = await model.run(inputs, idx.length);
  const p = loadPreset(preset);
  const pool = new DspPool(loadNoiseBuffer(), Math.min(2, availableParallelism()));
  try {
    const presetFeatures = await pool.features(Float64Array.from(p.normalised));
    const table = await evaluateParams(pool, p, presetFeatures, idx.map((h) => data.targets[h]), paramsFromModulation(p, modulation, idx.length));
    return { table, splitMatches };
  } finally {
    await pool.close();
  }
}

async function main(): Promise<void> {
  const o = args();
  const outDir = join(ROOT, 'out/quality');
  mkdirSync(outDir, { recursive: true });
  const recordings: Array<Record<string, unknown>> = [];
  for (const wav of o.inputs) {
    const name = basename(wav, '.wav');
    const shipped = await evaluateModel({ input: wav, model: join(ROOT, 'models', `gmrock_${o.preset}`) });
    for (const seed of o.seeds) {
      const out = join(outDir, `${name}-${o.preset}-seed${seed}`);
      const t0 = Date.now();
      const report = await runTraining(
        { inputs: [wav], preset: o.preset, arch: 'mlp', epochs: o.epochs, seed, out, force: true },
        { onProgress: (p) => { if (p.epoch % 50 === 0) process.stderr.write(`${name} seed ${seed} epoch ${p.epoch}/${p.epochs} train ${p.trainLoss.toFixed(3)} val ${p.valLoss.toFixed(3)} lr ${p.lr.toExponential(1)}\n`); } },
      );
      const test = column({ hits: report.hits.test, table: report.table, mean: report.mean });
      const recheck = await evaluateSplit(wav, out, seed, o.preset, ['test']);
      const valTest = await evaluateSplit(wav, out, seed, o.preset, ['val', 'test']);
      const rec = {
        recording: name, seed,
        hits: report.hits.total, trainHits: report.hits.train, valHits: report.hits.val, testHits: report.hits.test,
        presetMean: test.presetMean, modelMean: test.modelMean, ratio: test.ratio,
        valTest: { ...column(valTest.table), note: 'validation + test hits (validation chose the kept epoch)' },
        shippedGmrockModel: { ...column(shipped), selection: shipped.selection },
        // the ONNX bundle re-run on the rebuilt test split must reproduce the training report's table
        recheckTestModelMean: recheck.table.mean.model, splitMatchesBundle: recheck.splitMatches && valTest.splitMatches,
        bestEpoch: report.bestEpoch, epochsRun: report.epochsRun, seconds: report.seconds, meanStepMs: report.meanStepMs,
        testTable: test.table,
      };
      recordings.push(rec);
      process.stderr.write(`${name} seed ${seed}: test ${test.hits} hits preset ${test.presetMean.toFixed(3)} model ${test.modelMean.toFixed(3)} ratio ${test.ratio.toFixed(3)}; val+test ${valTest.table.hits} hits ratio ${(valTest.table.mean.model / valTest.table.mean.preset).toFixed(3)} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
    }
  }
  const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
  const ratios = recordings.map((r) => r.ratio as number);
  const vtRatios = recordings.map((r) => (r.valTest as Column).ratio);
  const shippedRatios = [...new Map(recordings.map((r) => [r.recording, (r.shippedGmrockModel as Column).ratio])).values()];
  const summary = {
    preset: o.preset, arch: 'mlp', epochs: o.epochs, seeds: o.seeds, goalRatio: GOAL_RATIO,
    recordings,
    overall: {
      meanRatioTest: mean(ratios), meetsGoalTest: mean(ratios) <= GOAL_RATIO,
      meanRatioValTest: mean(vtRatios), meetsGoalValTest: mean(vtRatios) <= GOAL_RATIO,
      meanRatioShippedGmrockModel: mean(shippedRatios),
      recordingsMeetingGoalTest: ratios.filter((r) => r <= GOAL_RATIO).length, runs: ratios.length,
    },
  };
  const json = JSON.stringify(summary, null, 2);
  writeFileSync(join(outDir, `summary-${o.preset}-seeds${o.seeds.join('_')}.json`), json + '\n');
  process.stdout.write(json + '\n');
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
