/**
 * The report page, as one self-contained HTML string: inline CSS, pictures as `data:` URIs (SVG),
 * no scripts, no external resources, so it opens offline, in any browser, and can be mailed.
 * Pure: data in, HTML out; every text is escaped.
 */
import { PARAMS } from '../synth/params';
import { FULL_FEATURE_NAMES, type EvaluationTable, type FollowEvaluation, type FollowReport, type ModelBundleMeta, type SaturationReport } from '../model/bundle';

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
/** Whole numbers exactly (seeds, sample indices), others to `digits` significant digits. */
const numExact = (x: unknown, digits = 6): string => (typeof x === 'number' && Number.isInteger(x) ? String(x) : num(x, digits));

/** A value for a settings table: numbers and strings as text, small arrays inline, objects as JSON. */
function valueText(v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') return numExact(v, 6);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.map((x) => (typeof x === 'number' ? numExact(x, 6) : String(x))).join(', ');
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

/** The paper's table: rows SPL_T…TC and the mean (± over folds); columns preset, model, (direct), change. */
export function evaluationTableHtml(ev: EvaluationTable): string {
  const hasDirect = Object.values(ev.table).some((c) => typeof c.direct === 'number');
  const names = [...FULL_FEATURE_NAMES.filter((f) => f in ev.table), ...Object.keys(ev.table).filter((f) => !(FULL_FEATURE_NAMES as readonly string[]).includes(f))];
  const change = (p: number, m: number) => (p > 0 ? `${(((m - p) / p) * 100).toFixed(0)} %` : '–');
  const saturated = Boolean(ev.saturation?.saturated);
  const pm = (v: number, sp?: number) => (sp !== undefined ? `${num(v)} ± ${num(sp, 2)}` : num(v));
  const row = (label: string, c: { preset: number; model: number; direct?: number }, cls = '', spread?: { preset: number; model: number }) =>
    `<tr class="${cls}"><th>${escapeHtml(label)}</th><td>${pm(c.preset, spread?.preset)}</td><td${c.model < c.preset && !saturated ? ' class="better"' : ''}>${pm(c.model, spread?.model)}</td>${hasDirect ? `<td>${num(c.direct)}</td>` : ''}<td>${change(c.preset, c.model)}</td></tr>`;
  return [
    `<table class="eval" id="evaluation-table"><thead><tr><th>feature</th><th>preset</th><th>model</th>${hasDirect ? '<th>direct</th>' : ''}<th>model vs preset</th></tr></thead><tbody>`,
    ...names.map((f) => row(f, ev.table[f])),
    row('mean', ev.mean, 'mean', ev.spread),
    `</tbody></table>`,
    `<p class="muted">Mean absolute error between the feature difference the synth achieved and the one the drum asked for, on ${ev.hits} ${ev.scheme ? `held-out hits (${escapeHtml(ev.scheme)})` : 'test hits'} (lower is better). “preset” = the preset unmodulated.${ev.spread ? ' ± = standard deviation of the mean over the folds.' : ''}</p>`,
    saturated ? `<p class="warn" id="saturation-verdict">Not an improvement over the preset: the model is ${escapeHtml(ev.saturation?.message ?? 'saturated')}.</p>` : '',
  ].join('');
}

function followTable(id: string, title: string, r: FollowReport): string {
  const rows = r.features.map((f) => `<tr><th>${escapeHtml(f.name)}</th><td${f.rho >= 0.8 ? ' class="better"' : ''}>${num(f.rho, 2)}</td><td${f.rangeRatio >= 0.5 ? ' class="better"' : ''}>${num(f.rangeRatio, 2)}</td><td>${num(f.drumRange, 3)}</td><td>${num(f.synthRange, 3)}</td></tr>`);
  const a = r.articulation;
  const art = a
    ? `<p id="${id}-articulation">Rim − centre <b>${escapeHtml(a.feature)}</b>: drum ${num(a.drumDiff, 3)}, synth ${num(a.synthDiff, 3)}: <b>${a.sameSign ? 'same sign' : 'not the same sign'}</b> (${a.source === 'labels' ? `${a.rimHits} rim and ${a.centreHits} centre hits from the labels` : `no labels: the ${a.rimHits} hits brighter than expected for their loudness vs the ${a.centreHits} darker ones`}).</p>`
    : '';
  return `<h3>${escapeHtml(title)}</h3><table class="grid" id="${id}"><thead><tr><th>feature</th><th>Spearman ρ</th><th>range ratio</th><th>drum spread</th><th>synth spread</th></tr></thead><tbody>${rows.join('')}</tbody></table>${art}`;
}

/** "Does the synth follow the drum?" */
export function followHtml(f: FollowEvaluation, hits: number): string {
  return [
    `<p class="muted">Across ${hits} held-out hits: Spearman ρ between each drum hit's feature and the feature of the synth hit the model made of it (1 = the synth orders the hits as the drum does, 0 = it does not follow), and the synth's spread over the drum's (p90 − p10; 1 = as much variation). Goals: ρ ≥ 0.8 and range ratio ≥ 0.5 (marked). Without articulation labels the rim/centre check splits the hits at the median of brightness after loudness (a rim shot is brighter than a centre hit of the same loudness).</p>`,
    followTable('follow-onset', 'Onset window (the first 5.8 ms: what the player hears first, and the network input)', f.onset),
    followTable('follow-full', 'Full features (the paper’s: transient T = first 58 ms, sustain S, temporal centroid)', f.full),
  ].join('');
}

function saturationHtml(id: string, s: SaturationReport | undefined, where: string): string {
  if (!s) return '';
  const per = Object.entries(s.atLimit).sort((a, b) => b[1] - a[1]).map(([p, c]) => `${escapeHtml(p)} ${c}`).join(', ');
  return `<p id="${id}" class="${s.saturated ? 'warn' : ''}">${escapeHtml(where)}: ${s.hitsAtLimit} of ${s.hits} hits with a parameter at a range limit${per ? ` (${per})` : ''}; ${s.clippedHits} synth hits clip; peak ${num(s.peak, 3)}.${s.saturated ? ' <b>Saturated.</b>' : ''}</p>`;
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

/** The hit counts the training recorded (provenance), with the list of onsets per input. */
function hitsSummary(m: ModelBundleMeta): string {
  const inputs = ((m.provenance as { inputs?: unknown } | undefined)?.inputs ?? []) as Array<{ path?: unknown; onsets?: unknown; insideDecay?: unknown; swallowed?: unknown; clipped?: unknown; hits?: unknown }>;
  if (!Array.isArray(inputs) || inputs.length === 0) return '<p class="muted">no hit list recorded</p>';
  const arr = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);
  const items = inputs.map((f, i) => {
    const onsets = arr(f.onsets), out = arr(f.insideDecay), hidden = arr(f.swallowed), clipped = arr(f.clipped);
    const list = onsets.map((s) => `<span class="${out.includes(s) ? 'warn' : ''}">${s}</span>`).join(', ');
    return `<li id="hits-input-${i}"><code>${escapeHtml(String(f.path ?? '?'))}</code>: <b>${typeof f.hits === 'number' ? f.hits : onsets.length - out.length}</b> hits used of <b>${onsets.length}</b> detected${out.length ? `, ${out.length} left out (inside another hit's decay, in red)` : ''}${hidden.length ? `, ${hidden.length} likely hidden by the hold (${hidden.join(', ')})` : ''}${clipped.length ? `, ${clipped.length} clipped` : ''}. Onsets (samples at 44.1 kHz): <span class="onset-list">${list}</span></li>`;
  });
  const det = m.detector ? `Detector: <b>${escapeHtml(m.detector.mode)}</b> (${Object.entries(m.detector.settings).map(([k, v]) => `${escapeHtml(k)} ${escapeHtml(typeof v === 'number' ? numExact(v, 6) : String(v))}`).join(', ')}); hosts playing this model use the same.` : 'Detector: not recorded (an older bundle: the default detector).';
  return `<p>${det}</p><ul class="hits">${items.join('')}</ul>`;
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
ul.notes li{color:#8a5a00}.warn{color:#b00020}`;

/** The whole page. */
export function reportHtml(page: ReportPage): string {
  const m = page.meta;
  const title = `${page.kind === 'train' ? 'Training' : 'Evaluation'} report: model ${m.name}`;
  const ev = page.evaluation;
  const summary = [
    `preset <b>${escapeHtml(m.preset?.name ?? '?')}</b>`,
    `architecture <b>${escapeHtml(String(m.architecture))}</b>`,
    `onset window ${m.onsetWindow?.samples ?? '?'} samples at ${m.onsetWindow?.sampleRateHz ?? '?'} Hz`,
    ev ? `mean error: preset ${num(ev.mean.preset)}, model <b>${num(ev.mean.model)}</b>${ev.spread ? ` ± ${num(ev.spread.model, 2)}` : ''} on ${ev.hits} ${ev.scheme ? 'held-out' : 'test'} hits` : 'not evaluated',
  ];
  const training = (m.training ?? {}) as { saturation?: SaturationReport; warnings?: unknown };
  const hitsLine = hitsSummary(m);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${CSS}</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p class="muted">Model files <code>${escapeHtml(page.modelBase)}.onnx</code> + <code>${escapeHtml(page.modelBase)}.json</code>. Written ${escapeHtml(page.generatedAt)} by timbre-remap ${escapeHtml(page.toolVersion)}.</p>
<p>${summary.join(' · ')}</p>
${page.notes.length ? `<ul class="notes">${page.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : ''}
<h2 id="hits">Hits</h2>
${hitsLine}
<h2>Pictures</h2>
${page.figures.length ? page.figures.map(figureHtml).join('\n') : '<p class="muted">no pictures (see the notes above)</p>'}
<h2>Evaluation</h2>
${ev ? evaluationTableHtml(ev) : '<p class="muted">This model has not been evaluated yet: run <code>timbre-remap evaluate IN.wav --model PATH</code>.</p>'}
${ev?.follow ? `<h2 id="follow">Does the synth follow the drum?</h2>${followHtml(ev.follow, ev.hits)}` : ''}
<h2 id="saturation">Saturation</h2>
${saturationHtml('saturation-heldout', ev?.saturation, 'held-out hits')}
${saturationHtml('saturation-model', training.saturation, 'the model on its training hits')}
${!ev?.saturation && !training.saturation ? '<p class="muted">not measured (a bundle from an older version)</p>' : ''}
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
