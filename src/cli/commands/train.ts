import type { Command } from '../types';
import { EXIT } from '../types';
import { helpText, needPositionals, parseArgs } from '../args';
import { progressBar } from '../progress';
import { startTraining, type TrainReport } from '../../train';
import { DEFAULT_EPOCHS, DEFAULT_FOLDS, DEFAULT_SEED, RECIPES } from '../../train/run';
import { DETECTOR_CHOICES, type DetectorMode } from '../../train/data';
import { LOSS_KINDS, type LossKind } from '../../train/loss';
import { listPresets } from '../../synth/presets';
import { ONSET_SETTINGS } from '../../onset';
import { readWav } from '../../io/wav';
import { UserError } from '../../util/errors';
import { formatFollow, formatSaturation, formatTable, waveformStrip } from '../../report/summary';
import { writeTrainingReport } from '../../report/report';
import { checkOutputs } from '../output';
import { outPaths } from '../../train/run';
import { expandInputs } from '../../train/data';

/** `--onset-setting ID=VALUE` → settings (ids from ONSET_SETTINGS, plus the reference's rearmLogic). */
export function parseOnsetSettings(values: readonly string[]): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  const ids = [...ONSET_SETTINGS.map((s) => s.id as string), 'rearmLogic'];
  for (const v of values) {
    const m = /^([A-Za-z]+)=(.+)$/.exec(v.trim());
    if (!m || !ids.includes(m[1])) throw new UserError(`--onset-setting "${v}": expected ID=VALUE with ID one of ${ids.join(', ')} (e.g. --onset-setting holdMs=15).`, 'E_USAGE');
    if (m[1] === 'rearmLogic') out[m[1]] = m[2];
    else {
      const x = Number(m[2]);
      if (!Number.isFinite(x)) throw new UserError(`--onset-setting ${m[1]}: "${m[2]}" is not a number.`, 'E_USAGE');
      out[m[1]] = x;
    }
  }
  return out;
}

export const command: Command = {
  name: 'train',
  summary: 'Train a mapping model from a recording of your drum (writes PATH.onnx + PATH.json + PATH.report.html)',
  usage: 'train IN.wav… --preset NAME|FILE --out PATH [--arch linear|mlp|mlp-large] [--loss scaled|reference] [--epochs N] [--folds K] [--seed N] [--force] [--json]',
  positionals: [{ name: 'IN.wav…', description: 'Recordings (WAV files or folders of them), about a minute of hits', required: true, multiple: true }],
  options: [
    { name: 'preset', type: 'string', valueName: 'NAME|FILE', required: true, description: `Synth preset to remap onto (shipped: ${listPresets().join(', ')}; or a preset .json)` },
    { name: 'out', type: 'string', valueName: 'PATH', required: true, description: 'Output path without extension' },
    { name: 'arch', type: 'string', choices: ['linear', 'mlp', 'mlp-large'], default: 'mlp', description: 'Network: linear (42 parameters), mlp (590), mlp-large (9 486)' },
    { name: 'loss', type: 'string', choices: LOSS_KINDS, default: 'scaled', description: 'scaled: every feature\'s error divided by the drum\'s spread of it, with saturation guards; reference: the paper\'s loss and recipe (batch 16, lr 5e-4, 250 epochs, no early stopping)' },
    { name: 'epochs', type: 'number', valueName: 'N', default: DEFAULT_EPOCHS, min: 1, max: 100000, description: 'Most epochs per training (early stopping usually ends sooner)' },
    { name: 'early-stopping', type: 'number', valueName: 'N', min: 0, max: 100000, description: `Stop after N epochs without validation improvement, keeping the best (default ${RECIPES.scaled.earlyStopping}; reference loss: 0 = off)` },
    { name: 'folds', type: 'number', valueName: 'K', default: DEFAULT_FOLDS, min: 0, max: 1000, description: 'Cross-validation folds for the evaluation (K more trainings; 0 = none)' },
    { name: 'batch-size', type: 'number', valueName: 'N', min: 1, max: 4096, description: `Hits per step (default ${RECIPES.scaled.batchSize}; reference loss: ${RECIPES.reference.batchSize})` },
    { name: 'learning-rate', type: 'number', valueName: 'LR', min: 1e-7, max: 0.5, description: 'Adam learning rate (default 3e-3, linear 5e-3; reference loss: 5e-4, linear 5e-3)' },
    { name: 'seed', type: 'number', valueName: 'N', default: DEFAULT_SEED, min: 0, max: 4294967295, description: 'Seed for the initial weights, shuffling and the folds (same seed, same model)' },
    { name: 'detector', type: 'string', choices: DETECTOR_CHOICES, default: 'adaptive', description: 'Onset detector for finding hits: the live one (adaptive, as onsets/render/the hosts), reference (plugin defaults), reference-training (the reference\'s training segmentation: trigger 10 dB, hold 10 000 samples). The model records it and hosts use it.' },
    { name: 'onset-setting', type: 'string', valueName: 'ID=VALUE', multiple: true, description: 'Change one detector setting (repeatable), e.g. holdMs=15' },
    { name: 'labels', type: 'string', valueName: 'CSV', multiple: true, description: 'Onsets CSV with an "articulation" column, one per input (default: NAME.onsets.csv beside NAME.wav, when present)' },
    { name: 'direct', type: 'boolean', description: 'Add the direct-optimisation baseline column to the evaluation (slow)' },
    { name: 'force', type: 'boolean', description: 'Overwrite an existing PATH.onnx / PATH.json / PATH.report.html' },
    { name: 'json', type: 'boolean', description: 'Print the final report as JSON (with "table" and "mean" as evaluate)' },
  ],
  details: [
    'Hits: found with the live onset detector (its settings go into the model; hosts use them). Hits that start inside another hit\'s decay are left out, and hits hidden by the hold, clipped input and too few hits are reported.',
    'Recipe: Adam, batch 8, lr 3e-3 halved after 10 epochs without validation improvement; training stops 30 epochs after the validation loss last fell by 1 % and keeps the best epoch. Evaluation: 3-fold cross-validation (each hit predicted by a model that did not train on it): the paper\'s table as mean ± spread over folds, "does the synth follow the drum?" (Spearman ρ and range ratio per feature, rim − centre brightness) and saturation.',
    'Ctrl-C stops after the current step and writes the best model so far (nothing if no epoch finished); a second Ctrl-C stops at once and writes nothing.',
    'To reproduce the paper: --loss reference --detector reference-training.',
  ].join('\n'),
  async run(argv, io) {
    const a = parseArgs(this, argv);
    if (a.help) return io.stdout(helpText(this)), EXIT.OK;
    needPositionals(this, a.positionals, 1, Infinity);
    const json = Boolean(a.options.json);
    const labels = a.options.labels as string[] | undefined;
    if (labels && labels.length !== a.positionals.length) throw new UserError(`--labels given ${labels.length} time(s) for ${a.positionals.length} recording(s); give one CSV per recording, in the same order.`, 'E_USAGE');
    const num = (k: string) => (a.options[k] === undefined ? undefined : Number(a.options[k]));
    // the CLI's one output rule, before any work: the model's two files and its report page
    const outs = outPaths(String(a.options.out));
    checkOutputs([outs.onnx, outs.json, outs.onnx.replace(/\.onnx$/, '.report.html')], { inputs: [...expandInputs(a.positionals), ...(labels ?? [])], force: Boolean(a.options.force) });
    const job = startTraining({
      inputs: a.positionals,
      preset: String(a.options.preset),
      arch: a.options.arch as 'linear' | 'mlp' | 'mlp-large',
      loss: a.options.loss as LossKind,
      epochs: Number(a.options.epochs),
      earlyStopping: num('early-stopping'),
      folds: Number(a.options.folds),
      batchSize: num('batch-size'),
      learningRate: num('learning-rate'),
      seed: Number(a.options.seed),
      out: String(a.options.out),
      force: Boolean(a.options.force),
      detector: a.options.detector as DetectorMode,
      onsetSettings: parseOnsetSettings((a.options['onset-setting'] as string[] | undefined) ?? []),
      labels,
      direct: Boolean(a.options.direct),
    });
    const bar = progressBar(io, !json, '{bar} {stage} epoch {epoch}/{epochs} | train {train} | val {val} | lr {lr}');
    let interrupts = 0;
    const onSigint = () => {
      interrupts++;
      if (interrupts === 1) {
        io.stderr('\nstopping after the current step; writing the best model so far (Ctrl-C again to stop at once and write nothing)…\n');
        job.cancel();
      } else {
        io.stderr('\nstopping now; nothing is written.\n');
        job.abort();
      }
    };
    process.on('SIGINT', onSigint);
    job.on('progress', (p) => bar.update(p.epoch / p.epochs, {
      stage: p.stage === 'fold' ? `fold ${p.fold}/${p.folds}` : 'model', epoch: p.epoch, epochs: p.epochs,
      train: p.trainLoss.toFixed(4), val: p.valLoss.toFixed(4), lr: p.lr.toExponential(2),
    }));
    let report: TrainReport;
    try {
      report = await job.done;
    } catch (e) {
      if (e instanceof UserError && e.code === 'E_CANCELLED') {
        io.stderr(`${e.message}\n`);
        return EXIT.INTERRUPTED;
      }
      throw e;
    } finally {
      bar.stop();
      process.off('SIGINT', onSigint);
    }
    // The workshop report beside the model (pictures, tables, settings, provenance); a failure to
    // draw it is a warning, never a lost model.
    const page = await writeTrainingReport(report.out.onnx, { kind: 'train' });
    if (!page.ok) io.stderr(`warning: the HTML report was not written: ${page.error}\n`);
    else if (!json) for (const w of page.warnings) if (!report.warnings.includes(w)) io.stderr(`note: ${w}\n`);
    if (json) {
      io.stdout(JSON.stringify({ ...report, hits: report.hitsEvaluated, hitCounts: report.hits, reportHtml: page.ok ? page.path : null }) + '\n');
      return interrupts ? EXIT.INTERRUPTED : EXIT.OK;
    }
    io.stdout(trainSummary(report));
    if (page.ok) io.stdout(`report: ${page.path}\n`);
    return interrupts ? EXIT.INTERRUPTED : EXIT.OK;
  },
};

/** The text summary after a training: hits used (strip), warnings, recipe, table, follow, saturation. */
export function trainSummary(r: TrainReport): string {
  const out: string[] = [];
  const h = r.hits;
  out.push(`hits: ${h.total} used of ${h.detected} detected (train ${h.train}, validation ${h.val}${h.insideDecay ? `, ${h.insideDecay} left out: inside another hit's decay` : ''}${h.swallowed ? `; ${h.swallowed} likely hidden by the hold` : ''}${h.clipped ? `; ${h.clipped} clipped` : ''})\n`);
  for (const f of r.hitList) {
    let strip = '';
    try {
      const audio = readWav(f.path);
      strip = waveformStrip(audio.mono, audio.sampleRate, f.onsets.map((s) => s / 44100), f.used);
    } catch {
      strip = '';
    }
    out.push(`  ${f.path} (${f.durationSec.toFixed(1)} s, ${f.onsets.length} hits; | used, x left out)\n${strip}`);
  }
  for (const w of r.warnings) out.push(`warning: ${w}\n`);
  const stop = r.cancelled ? 'stopped by Ctrl-C' : r.stoppedEarly ? 'stopped early: no validation improvement' : 'all epochs';
  out.push(`wrote ${r.out.onnx} and ${r.out.json} (${r.arch}, ${r.parameters} parameters, ${r.loss} loss; ${r.epochsRun}/${r.epochs} epochs, ${stop}; kept epoch ${r.bestEpoch}, validation loss ${r.bestValLoss.toFixed(4)}; ${r.seconds.toFixed(1)} s)\n`);
  if (r.hitsEvaluated > 0) {
    out.push(formatTable({ hits: r.hitsEvaluated, table: r.table, mean: r.mean, scheme: r.scheme, spread: r.spread, saturation: r.saturation }));
    if (r.follow) out.push(formatFollow(r.follow, r.hitsEvaluated));
    if (r.saturation) out.push(formatSaturation(r.saturation, 'held-out hits'));
  } else out.push(`not evaluated: ${r.scheme}\n`);
  out.push(formatSaturation(r.modelSaturation, 'the written model on its training hits'));
  return out.join('');
}
