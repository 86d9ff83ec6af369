/**
 * Plain-text summaries for the CLI (`train`, `evaluate`): the hits used as a waveform strip with
 * markers, the paper's table with its spread over folds, "does the synth follow the drum?" and
 * saturation. Pure: data in, text out.
 */
import { FULL_FEATURE_NAMES, type EvaluationTable, type FollowEvaluation, type FollowReport, type SaturationReport } from '../model/bundle';

const LEVELS = ' ▁▂▃▄▅▆▇█';

/**
 * Two text rows over `columns` characters: the recording's peak level per column (9 levels, on a
 * dB scale over the 40 dB below the file's peak) and a marker per hit (`|` used, `x` left out;
 * a digit when several share a column).
 */
export function waveformStrip(signal: ArrayLike<number>, sampleRateHz: number, onsetsSec: readonly number[], used: readonly boolean[], columns = 72): string {
  const n = signal.length;
  const cols = Math.max(1, Math.min(columns, n));
  const peaks = new Array<number>(cols).fill(0);
  for (let i = 0; i < n; i++) {
    const c = Math.min(cols - 1, Math.floor((i * cols) / n));
    const a = Math.abs(signal[i]);
    if (a > peaks[c]) peaks[c] = a;
  }
  const top = Math.max(...peaks);
  const wave = peaks.map((p) => {
    if (!(top > 0) || p <= 0) return LEVELS[0];
    const db = 20 * Math.log10(p / top); // 0 … −40 dB
    return LEVELS[Math.max(0, Math.min(8, Math.round(8 + db / 5)))];
  }).join('');
  const durationSec = n / sampleRateHz;
  const count = new Array<number>(cols).fill(0);
  const dropped = new Array<boolean>(cols).fill(false);
  onsetsSec.forEach((t, i) => {
    const c = Math.max(0, Math.min(cols - 1, Math.floor((t / durationSec) * cols)));
    count[c]++;
    if (!used[i]) dropped[c] = true;
  });
  const marks = count.map((k, c) => (k === 0 ? ' ' : dropped[c] ? 'x' : k === 1 ? '|' : String(Math.min(9, k)))).join('');
  return `  ${wave}\n  ${marks.replace(/\s+$/, '')}\n`;
}

const f3 = (x: number | undefined) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(3) : '–');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const signed = (x: number, digits = 2) => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;

/** The paper's table: rows SPL_T…TC and mean; columns preset, model (, direct), with the ± over folds. */
export function formatTable(t: EvaluationTable): string {
  const cols = (['preset', 'model', 'direct'] as const).filter((c) => t.mean[c] !== undefined);
  const head = t.scheme ? `${t.scheme}; ` : '';
  const lines = [`feature error on ${t.hits} held-out hit(s) (${head}mean |achieved − wanted feature difference|; lower is better)`, ['feature', ...cols].map((c) => c.padEnd(9)).join(' ')];
  for (const name of FULL_FEATURE_NAMES) if (t.table[name]) lines.push([name.padEnd(9), ...cols.map((c) => f3(t.table[name][c]).padEnd(9))].join(' '));
  const mean = cols.map((c) => {
    const sp = t.spread && (c === 'preset' || c === 'model') ? ` ± ${t.spread[c].toFixed(3)}` : '';
    return `${f3(t.mean[c])}${sp}`.padEnd(9);
  });
  lines.push(['mean'.padEnd(9), ...mean].join(' '));
  if (t.spread) lines.push('(± = standard deviation of the mean over the folds)');
  if (t.saturation?.saturated) lines.push(`NOT an improvement over the preset: the model is ${t.saturation.message}.`);
  return lines.join('\n') + '\n';
}

function followBlock(title: string, r: FollowReport, unit: (name: string) => string): string[] {
  const lines = [`  ${title}`];
  for (const f of r.features) lines.push(`    ${f.name.padEnd(28)} ρ ${f2(f.rho).padStart(5)}   range ratio ${f2(f.rangeRatio).padStart(5)}   (drum spans ${f.drumRange.toFixed(2)}${unit(f.name)}, synth ${f.synthRange.toFixed(2)}${unit(f.name)})`);
  const a = r.articulation;
  if (a) {
    const how = a.source === 'labels' ? `${a.rimHits} rim vs ${a.centreHits} centre hits (labels)` : `brighter vs darker half after loudness, ${a.rimHits}/${a.centreHits} hits (no labels)`;
    lines.push(`    rim − centre ${a.feature}: drum ${signed(a.drumDiff, 3)}${unit(a.feature)}, synth ${signed(a.synthDiff, 3)}${unit(a.feature)} — ${a.sameSign ? 'same sign' : 'NOT the same sign'} (${how})`);
  }
  return lines;
}

const unitOf = (name: string): string => (name.endsWith('_db') ? ' dB' : name.includes('semitones') ? ' st' : '');

/** "Does the synth follow the drum?": per feature ρ and range ratio, and the rim/centre sign. */
export function formatFollow(f: FollowEvaluation, hits: number, where = 'held-out hits'): string {
  return [
    `does the synth follow the drum? (${hits} ${where}; ρ = Spearman rank correlation drum vs synth, range ratio = synth spread / drum spread, p90 − p10)`,
    ...followBlock('onset window (what the player hears first; the network input):', f.onset, unitOf),
    ...followBlock('full features (the paper\'s):', f.full, () => ''),
  ].join('\n') + '\n';
}

export function formatSaturation(s: SaturationReport, where: string): string {
  return s.saturated ? `warning: ${where}: ${s.message}.\n` : `saturation (${where}): none (${s.hitsAtLimit} of ${s.hits} hits with a parameter at a range limit, ${s.clippedHits} clipped; peak ${s.peak.toFixed(2)})\n`;
}
