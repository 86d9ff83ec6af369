import { basename, extname, join } from 'node:path';
import type { Command } from '../types';
import { EXIT } from '../types';
import { helpText, needPositionals, parseArgs } from '../args';
import { round } from '../common';
import { evaluateModel } from '../../train';
import { DETECTOR_CHOICES, type DetectorMode } from '../../train/data';
import type { EvaluationTable } from '../../model/bundle';
import { UserError } from '../../util/errors';
import { writeTrainingReport } from '../../report/report';
import { checkOutputs } from '../output';
import { formatFollow, formatSaturation, formatTable } from '../../report/summary';

export { formatTable } from '../../report/summary';

function rounded(t: EvaluationTable): Pick<EvaluationTable, 'hits' | 'table' | 'mean'> {
  const r = (o: Record<string, number | undefined>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === undefined ? v : round(v)]));
  return { hits: t.hits, table: Object.fromEntries(Object.entries(t.table).map(([k, v]) => [k, r(v)])) as EvaluationTable['table'], mean: r(t.mean) as EvaluationTable['mean'] };
}

const stem = (p: string) => basename(p, extname(p)).replace(/\.(onnx|json)$/i, '');

/** Default page: out/MODEL-on-RECORDING.evaluation.html (never beside the model: that is the training's report). */
export const evaluationReportPath = (model: string, input: string): string => join('out', `${stem(model)}-on-${stem(input)}.evaluation.html`);

export const command: Command = {
  name: 'evaluate',
  summary: 'The paper\'s feature-error table and "does the synth follow the drum?" for a model on a recording',
  usage: 'evaluate IN.wav --model PATH [--report FILE.html] [--direct] [--force] [--json]',
  positionals: [{ name: 'IN.wav', description: 'Recording of the drum', required: true }],
  options: [
    { name: 'model', type: 'string', valueName: 'PATH', required: true, description: 'Model bundle (PATH.onnx + PATH.json, as written by "train")' },
    { name: 'report', type: 'string', valueName: 'FILE', description: 'HTML page to write (default out/MODEL-on-RECORDING.evaluation.html; the model\'s own training report is never touched)' },
    { name: 'direct', type: 'boolean', description: 'Add the per-hit direct optimisation baseline (Adam 5e-3, 1000 iterations; slow)' },
    { name: 'detector', type: 'string', choices: DETECTOR_CHOICES, description: 'Onset detector (default: the one the model was trained with, from its bundle)' },
    { name: 'labels', type: 'string', valueName: 'CSV', description: 'Onsets CSV with an "articulation" column (default: IN.onsets.csv beside IN.wav, when present)' },
    { name: 'force', type: 'boolean', description: 'Overwrite an existing report page' },
    { name: 'json', type: 'boolean', description: 'Print {"hits", "table":{"SPL_T":{"preset","model"},…}, "mean":{…}, "follow":{…}, "saturation":{…}, …}' },
  ],
  details: 'Rows: SPL_T, SPL_S (loudness, transient/sustain), SC_T, SC_S (spectral centroid), SF_T, SF_S (spectral flatness), TC (temporal centroid). Cell = mean over the hits of |(F(synth) − F(preset)) − (F(hit) − F(reference hit))|. Column preset = no modulation. Every hit but the recording\'s reference hit is evaluated; on the recording a model was trained on these figures are in-sample (said so), and the held-out figures of its training are shown beside them.',
  async run(argv, io) {
    const a = parseArgs(this, argv);
    if (a.help) return io.stdout(helpText(this)), EXIT.OK;
    needPositionals(this, a.positionals, 1);
    const json = Boolean(a.options.json);
    const model = String(a.options.model);
    const input = a.positionals[0];
    const reportPath = String(a.options.report ?? evaluationReportPath(model, input));
    if (!/\.html?$/i.test(reportPath)) throw new UserError(`--report ${reportPath}: the page is HTML; give a path ending in .html.`, 'E_USAGE');
    const base = model.replace(/\.(onnx|json)$/i, '');
    checkOutputs([reportPath], { inputs: [input, `${base}.onnx`, `${base}.json`, ...(a.options.labels ? [String(a.options.labels)] : [])], force: Boolean(a.options.force), option: '--report' });
    const r = await evaluateModel({ input, model, direct: Boolean(a.options.direct), detector: a.options.detector as DetectorMode | undefined, labels: a.options.labels as string | undefined });
    if (!json) for (const w of r.warnings) io.stderr(`warning: ${w}\n`);
    const page = await writeTrainingReport(model, {
      kind: 'evaluate', evaluation: r, recording: input, reportPath, notes: r.warnings,
      hitLists: [{ path: input, onsetsSec: r.hitList.onsets.map((s) => s / 44100), used: r.hitList.used, swallowedSec: r.hitList.swallowed.map((s) => s / 44100) }],
    });
    if (!page.ok) io.stderr(`warning: the HTML report was not written: ${page.error}\n`);
    if (json) {
      io.stdout(JSON.stringify({
        ...rounded(r), scheme: r.scheme, selection: r.selection, inSample: r.inSample, follow: r.follow, saturation: r.saturation,
        ...(r.training ? { training: { hits: r.training.hits, scheme: r.training.scheme, mean: r.training.mean, spread: r.training.spread, follow: r.training.follow } } : {}),
        warnings: r.warnings, reportHtml: page.ok ? page.path : null,
      }) + '\n');
      return EXIT.OK;
    }
    const out = [`${r.selection}\n`, formatTable(r)];
    if (r.follow) out.push(formatFollow(r.follow, r.hits, r.inSample ? 'in-sample hits' : 'hits'));
    if (r.saturation) out.push(formatSaturation(r.saturation, r.inSample ? 'in-sample hits' : 'these hits'));
    if (r.inSample && r.training) {
      out.push(`\nheld-out figures of its training (${r.training.scheme ?? 'test split'}):\n`, formatTable(r.training));
      if (r.training.follow) out.push(formatFollow(r.training.follow, r.training.hits));
    }
    if (page.ok) out.push(`report: ${page.path}\n`);
    io.stdout(out.join(''));
    return EXIT.OK;
  },
};
