import type { Command } from '../types';
import { EXIT } from '../types';
import { helpText, needPositionals, parseArgs } from '../args';
import { round } from '../common';
import { evaluateModel } from '../../train';
import { FULL_FEATURE_NAMES, type EvaluationTable } from '../../model/bundle';
import { writeTrainingReport } from '../../report/report';

/** The paper's table as text: rows SPL_T…TC and mean; columns preset, model (, direct). */
export function formatTable(t: EvaluationTable): string {
  const cols = (['preset', 'model', 'direct'] as const).filter((c) => t.mean[c] !== undefined);
  const lines = [`feature error on ${t.hits} test hit(s) (mean |achieved − wanted feature difference|; lower is better)`, ['feature', ...cols].map((c) => c.padEnd(9)).join(' ')];
  for (const name of FULL_FEATURE_NAMES) lines.push([name.padEnd(9), ...cols.map((c) => (t.table[name][c] ?? NaN).toFixed(3).padEnd(9))].join(' '));
  lines.push(['mean'.padEnd(9), ...cols.map((c) => (t.mean[c] ?? NaN).toFixed(3).padEnd(9))].join(' '));
  return lines.join('\n') + '\n';
}

function rounded(t: EvaluationTable): EvaluationTable {
  const r = (o: Record<string, number | undefined>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === undefined ? v : round(v)]));
  return { hits: t.hits, table: Object.fromEntries(Object.entries(t.table).map(([k, v]) => [k, r(v)])) as EvaluationTable['table'], mean: r(t.mean) as EvaluationTable['mean'] };
}

export const command: Command = {
  name: 'evaluate',
  summary: 'The paper\'s feature-error table for a model on a recording',
  usage: 'evaluate IN.wav --model PATH [--direct] [--json]',
  positionals: [{ name: 'IN.wav', description: 'Recording of the drum', required: true }],
  options: [
    { name: 'model', type: 'string', valueName: 'PATH', required: true, description: 'Model bundle (PATH.onnx + PATH.json, as written by "train")' },
    { name: 'direct', type: 'boolean', description: 'Add the per-hit direct optimisation baseline (Adam 5e-3, 1000 iterations; slow)' },
    { name: 'detector', type: 'string', choices: ['reference', 'adaptive'], description: 'Onset detector (default: the one the model was trained with)' },
    { name: 'json', type: 'boolean', description: 'Print {"hits", "table":{"SPL_T":{"preset","model"},…}, "mean":{…}}' },
  ],
  details: 'Rows: SPL_T, SPL_S (loudness, transient/sustain), SC_T, SC_S (spectral centroid), SF_T, SF_S (spectral flatness), TC (temporal centroid). Cell = mean over the test hits of |(F(synth) − F(preset)) − (F(hit) − F(reference hit))|. Column preset = no modulation. On the recording a model was trained on, the test hits are its held-out test split; on other recordings, every hit but the reference hit.',
  async run(argv, io) {
    const a = parseArgs(this, argv);
    if (a.help) return io.stdout(helpText(this)), EXIT.OK;
    needPositionals(this, a.positionals, 1);
    const json = Boolean(a.options.json);
    const r = await evaluateModel({ input: a.positionals[0], model: String(a.options.model), direct: Boolean(a.options.direct), detector: a.options.detector as 'reference' | 'adaptive' | undefined });
    const page = await writeTrainingReport(String(a.options.model), { kind: 'evaluate', evaluation: { hits: r.hits, table: r.table, mean: r.mean }, recording: a.positionals[0] });
    if (!page.ok) io.stderr(`warning: the HTML report was not written: ${page.error}\n`);
    if (json) io.stdout(JSON.stringify({ ...rounded(r), selection: r.selection, reportHtml: page.ok ? page.path : null }) + '\n');
    else io.stdout(`${r.selection}\n` + formatTable(r) + (page.ok ? `report: ${page.path}\n` : ''));
    return EXIT.OK;
  },
};
