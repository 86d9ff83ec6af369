/**
 * The report page, as one self-contained HTML string: inline CSS, pictures as `data:` URIs (SVG),
 * no scripts, no external resources, so it opens offline, in any browser, and can be mailed.
 * Pure: data in, HTML out; every text is escaped.
 */
import { PARAMS } from '../synth/params';
import { FULL_FEATURE_NAMES, type EvaluationTable, type ModelBundleMeta } from '../model/bundle';

export interface ReportFigure {
  id: string;
  title: string;
  caption: string;
  /** The picture as SVG text (vega's output). */
  svg: string;
  widthPx: number;
  heightPx: number;
}

export interface ReportPage {
  kind: 'train' | 'evaluate';
  modelBase: string;
  meta: ModelBundleMeta;
  evaluation?: EvaluationTable;
  figures: readonly ReportFigure[];
  /** Things the reader should know (missing pictures, warnings). */
  notes: readonly string[];
  generatedAt: string;
  toolVersion: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const num = (x: unknown, digits = 4): string => (typeof x === 'number' && Number.isFinite(x) ? Number(x.toPrecision(digits)).toString() : '–');

/** A value for a settings table: numbers and strings as text, small arrays inline, objects as JSON. */
function valueText(v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') return num(v, 6);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.map((x) => (typeof x === 'number' ? num(x, 6) : String(x))).join(', ');
  return JSON.stringify(v);
}

function keyValueTable(id: string, obj: Record<string, unknown> | undefined, skip: readonly string[] = []): string {
  const rows = Object.entries(obj ?? {}).filter(([k]) => !skip.includes(k));
  if (rows.length === 0) return `<p class="muted" id="${id}">none recorded</p>`;
  return `<table class="kv" id="${id}"><tbody>${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${cellHtml(v)}</td></tr>`).join('')}</tbody></table>`;
}

/** A list of records (e.g. the training inputs) as a small table; anything else as text. */
function cellHtml(v: unknown): string {
  if (!Array.isArray(v) || v.length === 0 || !v.every((x) => x && typeof x === 'object' && !Array.isArray(x))) return escapeHtml(valueText(v));
  const keys = [...new Set(v.flatMap((x) => Object.keys(x as object)))];
  const head = keys.map((k) => `<th>${escapeHtml(k)}</th>`).join('');
  const body = v.map((x) => `<tr>${keys.map((k) => `<td>${escapeHtml(valueText((x as Record<string, unknown>)[k]))}</td>`).join('')}</tr>`).join('');
  return `<table class="sub"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** The paper's table: rows SPL_T…TC and the mean; columns preset, model, (direct), change. */
export function evaluationTableHtml(ev: EvaluationTable): string {
  const hasDirect = Object.values(ev.table).some((c) => typeof c.direct === 'number');
  const names = [...FULL_FEATURE_NAMES.filter((f) => f in ev.table), ...Object.keys(ev.table).filter((f) => !(FULL_FEATURE_NAMES as readonly string[]).includes(f))];
  const change = (p: number, m: number) => (p > 0 ? `${(((m - p) / p) * 100).toFixed(0)} %` : '–');
  const row = (label: string, c: { preset: number; model: number; direct?: number }, cls = '') =>
    `<tr class="${cls}"><th>${escapeHtml(label)}</th><td>${num(c.preset)}</td><td${c.model < c.preset ? ' class="better"' : ''}>${num(c.model)}</td>${hasDirect ? `<td>${num(c.direct)}</td>` : ''}<td>${change(c.preset, c.model)}</td></tr>`;
  return [
    `<table class="eval" id="evaluation-table"><thead><tr><th>feature</th><th>preset</th><th>model</th>${hasDirect ? '<th>direct</th>' : ''}<th>model vs preset</th></tr></thead><tbody>`,
    ...names.map((f) => row(f, ev.table[f])),
    row('mean', ev.mean, 'mean'),
    `</tbody></table>`,
    `<p class="muted">Mean absolute error between the feature difference the synth achieved and the one the drum asked for, on ${ev.hits} test hits (lower is better). “preset” = the preset unmodulated.</p>`,
  ].join('');
}

function presetTable(meta: ModelBundleMeta): string {
  const rows = PARAMS.map((p, i) => {
    const phys = meta.preset.physical?.[p.name];
    return `<tr><th>${escapeHtml(p.label)}</th><td>${escapeHtml(p.name)}</td><td>${num(phys)} ${escapeHtml(p.unit)}</td><td>${num(meta.preset.normalised?.[i])}</td><td>${num(meta.damping?.[i])}</td></tr>`;
  });
  return `<table class="grid" id="preset-table"><thead><tr><th>parameter</th><th>key</th><th>preset</th><th>normalised</th><th>damping</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function featureNormTable(meta: ModelBundleMeta): string {
  const fn = meta.featureNorm;
  if (!fn) return '';
  const rows = fn.names.map((n, i) => `<tr><th>${escapeHtml(n)}</th><td>${num(fn.min[i])}</td><td>${num(fn.max[i])}</td><td>${num(fn.ref[i])}</td></tr>`);
  return `<table class="grid" id="feature-norm-table"><thead><tr><th>onset feature</th><th>dataset min</th><th>dataset max</th><th>reference (normalised)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function figureHtml(f: ReportFigure): string {
  const uri = `data:image/svg+xml;base64,${Buffer.from(f.svg, 'utf8').toString('base64')}`;
  return `<figure id="${escapeHtml(f.id)}"><img src="${uri}" width="${Math.round(f.widthPx)}" height="${Math.round(f.heightPx)}" alt="${escapeHtml(f.title)}"><figcaption><b>${escapeHtml(f.title)}.</b> ${escapeHtml(f.caption)}</figcaption></figure>`;
}

const CSS = `
body{font-family:"DejaVu Sans",system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.muted{color:#666;font-size:.9rem}figure{margin:1rem 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.9rem;color:#444}table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
th,td{padding:.25rem .6rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
table.eval td,table.grid td{text-align:right;}table.grid td:nth-child(2){text-align:left;font-variant-numeric:tabular-nums}td.better{color:#1a7f37;font-weight:bold}
tr.mean th,tr.mean td{border-top:2px solid #999}table.kv td{font-family:"DejaVu Sans Mono",monospace;word-break:break-all}
ul.notes li{color:#8a5a00}`;

/** The whole page. */
export function reportHtml(page: ReportPage): string {
  const m = page.meta;
  const title = `${page.kind === 'train' ? 'Training' : 'Evaluation'} report: model ${m.name}`;
  const ev = page.evaluation;
  const summary = [
    `preset <b>${escapeHtml(m.preset?.name ?? '?')}</b>`,
    `architecture <b>${escapeHtml(String(m.architecture))}</b>`,
    `onset window ${m.onsetWindow?.samples ?? '?'} samples at ${m.onsetWindow?.sampleRateHz ?? '?'} Hz`,
    ev ? `mean error: preset ${num(ev.mean.preset)}, model <b>${num(ev.mean.model)}</b> on ${ev.hits} test hits` : 'not evaluated',
  ];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${CSS}</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p class="muted">Model files <code>${escapeHtml(page.modelBase)}.onnx</code> + <code>${escapeHtml(page.modelBase)}.json</code>. Written ${escapeHtml(page.generatedAt)} by timbre-remap ${escapeHtml(page.toolVersion)}.</p>
<p>${summary.join(' · ')}</p>
${page.notes.length ? `<ul class="notes">${page.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : ''}
<h2>Pictures</h2>
${page.figures.length ? page.figures.map(figureHtml).join('\n') : '<p class="muted">no pictures (see the notes above)</p>'}
<h2>Evaluation</h2>
${ev ? evaluationTableHtml(ev) : '<p class="muted">This model has not been evaluated yet: run <code>timbre-remap evaluate IN.wav --model PATH</code>.</p>'}
<h2>Settings</h2>
<h3>Training</h3>
${keyValueTable('training-settings', m.training as Record<string, unknown> | undefined, ['history'])}
<h3>Preset and damping</h3>
${presetTable(m)}
<h3>Feature normalisation</h3>
${featureNormTable(m)}
<h2>Data provenance</h2>
${keyValueTable('provenance', m.provenance as Record<string, unknown> | undefined)}
</body></html>
`;
}
