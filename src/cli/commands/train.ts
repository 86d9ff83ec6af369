import type { Command } from '../types';
import { EXIT } from '../types';
import { helpText, needPositionals, parseArgs } from '../args';
import { progressBar } from '../progress';
import { startTraining, type TrainReport } from '../../train';
import { DEFAULT_EPOCHS, DEFAULT_SEED } from '../../train/run';
import { listPresets } from '../../synth/presets';
import { formatTable } from './evaluate';
import { writeTrainingReport } from '../../report/report';

export const command: Command = {
  name: 'train',
  summary: 'Train a mapping model from a recording of your drum (writes PATH.onnx + PATH.json)',
  usage: 'train IN.wav… --preset NAME|FILE [--arch linear|mlp|mlp-large] [--epochs N] [--seed N] --out PATH [--force] [--json]',
  positionals: [{ name: 'IN.wav…', description: 'Recordings (WAV files or folders of them), about a minute of hits', required: true, multiple: true }],
  options: [
    { name: 'preset', type: 'string', valueName: 'NAME|FILE', required: true, description: `Synth preset to remap onto (shipped: ${listPresets().join(', ')}; or a preset .json)` },
    { name: 'arch', type: 'string', choices: ['linear', 'mlp', 'mlp-large'], default: 'mlp', description: 'Network: linear (42 parameters), mlp (590), mlp-large (9 486)' },
    { name: 'epochs', type: 'number', valueName: 'N', default: DEFAULT_EPOCHS, min: 1, max: 100000, description: 'Training epochs' },
    { name: 'seed', type: 'number', valueName: 'N', default: DEFAULT_SEED, min: 0, max: 4294967295, description: 'Seed for the initial weights, shuffling and the validation/test split (same seed, same model)' },
    { name: 'out', type: 'string', valueName: 'PATH', required: true, description: 'Output path without extension' },
    { name: 'detector', type: 'string', choices: ['reference', 'adaptive'], default: 'reference', description: 'Onset detector for finding hits (reference = the reference training settings)' },
    { name: 'direct', type: 'boolean', description: 'Add the direct-optimisation baseline column to the evaluation (slower)' },
    { name: 'force', type: 'boolean', description: 'Overwrite an existing PATH.onnx / PATH.json' },
    { name: 'json', type: 'boolean', description: 'Print the final report as JSON (with "table" and "mean" as evaluate)' },
  ],
  details: 'Recipe: Adam (5e-4; linear 5e-3), batch 16, learning rate halved after 20 epochs without validation improvement, best-validation weights kept. Ctrl-C stops after the current step and still writes the best model so far. The JSON beside the model records the preset, feature normalisation, training log, provenance and the evaluation table on the test hits.',
  async run(argv, io) {
    const a = parseArgs(this, argv);
    if (a.help) return io.stdout(helpText(this)), EXIT.OK;
    needPositionals(this, a.positionals, 1, Infinity);
    const json = Boolean(a.options.json);
    const job = startTraining({
      inputs: a.positionals,
      preset: String(a.options.preset),
      arch: a.options.arch as 'linear' | 'mlp' | 'mlp-large',
      epochs: Number(a.options.epochs),
      seed: Number(a.options.seed),
      out: String(a.options.out),
      force: Boolean(a.options.force),
      detector: a.options.detector as 'reference' | 'adaptive',
      direct: Boolean(a.options.direct),
    });
    const bar = progressBar(io, !json, '{bar} epoch {epoch}/{epochs} | train {train} | val {val} | lr {lr} | ETA {etaSec}s');
    let interrupted = false;
    const onSigint = () => {
      if (interrupted) return;
      interrupted = true;
      io.stderr('\nstopping after the current step; writing the best model so far…\n');
      job.cancel();
    };
    process.on('SIGINT', onSigint);
    job.on('progress', (p) => bar.update(p.epoch / p.epochs, { epoch: p.epoch, epochs: p.epochs, train: p.trainLoss.toFixed(4), val: p.valLoss.toFixed(4), lr: p.lr.toExponential(2), etaSec: Math.round(p.etaSec) }));
    let report: TrainReport;
    try {
      report = await job.done;
    } finally {
      bar.stop();
      process.off('SIGINT', onSigint);
    }
    // The workshop report beside the model (pictures, table, settings, provenance); a failure to
    // draw it is a warning, never a lost model.
    const page = await writeTrainingReport(report.out.onnx, { kind: 'train' });
    if (!page.ok) io.stderr(`warning: the HTML report was not written: ${page.error}\n`);
    else for (const w of page.warnings) if (!json) io.stderr(`note: ${w}\n`);
    if (json) io.stdout(JSON.stringify({ ...report, reportHtml: page.ok ? page.path : null }) + '\n');
    else {
      io.stdout(`wrote ${report.out.onnx} and ${report.out.json} (${report.arch}, ${report.parameters} parameters; ${report.epochsRun}/${report.epochs} epochs${report.cancelled ? ', stopped early' : ''}; best validation loss ${report.bestValLoss.toFixed(4)} at epoch ${report.bestEpoch}; ${report.seconds.toFixed(1)} s)\n`);
      io.stdout(`hits: ${report.hits.total} (train ${report.hits.train}, validation ${report.hits.val}, test ${report.hits.test})\n`);
      io.stdout(formatTable({ hits: report.hits.test, table: report.table, mean: report.mean }));
      if (page.ok) io.stdout(`report: ${page.path}\n`);
    }
    return interrupted ? EXIT.INTERRUPTED : EXIT.OK;
  },
};
