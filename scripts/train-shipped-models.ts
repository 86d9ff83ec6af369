/**
 * Train the shipped models: an `mlp` for each snare preset on the example recording with the
 * default recipe (the live detector, the scaled loss, early stopping, 3-fold cross-validation),
 * into `models/gmrock_<preset>.onnx/.json` (each JSON holds its held-out evaluation). Run:
 *   npx tsx scripts/train-shipped-models.ts [--epochs N] [--direct] [PRESET…]
 * Prints one line of JSON per model (the training report) and a summary table. No HTML report is
 * written beside them (models/ ships in the packages).
 */
import { join } from 'node:path';
import { runTraining, type TrainReport } from '../src/train';

const PRESETS = ['808_snare_1', '808_snare_2', '808_snare_3', '808_open_snare', '808_noisy_snare'];
const ROOT = join(__dirname, '..');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const epochsAt = args.indexOf('--epochs');
  const epochs = epochsAt >= 0 ? Number(args[epochsAt + 1]) : undefined;
  const direct = args.includes('--direct');
  const only = args.filter((a) => PRESETS.includes(a));
  const reports: TrainReport[] = [];
  for (const preset of only.length ? only : PRESETS) {
    const report = await runTraining(
      { inputs: [join(ROOT, 'examples/gmrock-snare-performance.wav')], preset, arch: 'mlp', epochs, out: join(ROOT, 'models', `gmrock_${preset}`), force: true, direct },
      { onProgress: (p) => { if (p.epoch % 25 === 0) process.stderr.write(`${preset} epoch ${p.epoch}/${p.epochs} train ${p.trainLoss.toFixed(4)} val ${p.valLoss.toFixed(4)} lr ${p.lr.toExponential(2)} step ${p.stepMs.toFixed(0)} ms\n`); } },
    );
    reports.push(report);
    process.stdout.write(JSON.stringify(report) + '\n');
  }
  process.stdout.write('\nmodel                       preset  model ± spread' + (direct ? '  direct' : '') + '  (held-out mean feature error, 3-fold)  ρ onset loudness/brightness  saturation\n');
  for (const r of reports) {
    const rho = (n: string) => r.follow?.onset.features.find((f) => f.name === n)?.rho.toFixed(2) ?? '–';
    process.stdout.write(`${r.name.padEnd(27)} ${r.mean.preset.toFixed(3)}  ${r.mean.model.toFixed(3)} ± ${(r.spread?.model ?? NaN).toFixed(3)}${r.mean.direct !== undefined ? '  ' + r.mean.direct.toFixed(3) : ''}  ${rho('rms_db')}/${rho('spectral_centroid_semitones')}  ${r.saturation?.message ?? 'none'}  (${r.epochsRun} epochs, ${r.seconds.toFixed(0)} s)\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
