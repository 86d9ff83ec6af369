/**
 * Ground-truth onsets from a CSV (for `plot onsets --truth`). Accepted: a header with a `sample`
 * column (sample indices) or a `time_s` / `time` / `seconds` column (seconds), as in
 * examples/*.onsets.csv; or no header and one number per line (integers = samples, otherwise
 * seconds).
 */
import { FILE_LIMITS, readTextFileBounded } from '../io/files';
import { UserError } from '../util/errors';

/** Onset sample indices, sorted. UserError naming the file and line when it cannot be read. */
export function readTruthCsv(path: string, sampleRateHz: number): number[] {
  let text: string;
  try {
    text = readTextFileBounded(path, { what: 'ground-truth CSV', maxBytes: FILE_LIMITS.csvBytes });
  } catch (e) {
    if (e instanceof UserError && e.code === 'E_NOFILE') throw new UserError(`cannot read the ground-truth CSV "${path}": no such file (ENOENT). Give a CSV with a "sample" or "time_s" column.`, 'E_TRUTH');
    throw e;
  }
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (lines.length === 0) throw new UserError(`the ground-truth CSV "${path}" is empty.`, 'E_TRUTH');
  const head = lines[0].split(',').map((c) => c.trim().toLowerCase());
  const hasHeader = head.some((c) => c !== '' && !Number.isFinite(Number(c)));
  let column = 0;
  let unit: 'samples' | 'seconds' | 'auto' = 'auto';
  if (hasHeader) {
    const s = head.indexOf('sample');
    const t = head.findIndex((c) => c === 'time_s' || c === 'time' || c === 'seconds');
    if (s >= 0) [column, unit] = [s, 'samples'];
    else if (t >= 0) [column, unit] = [t, 'seconds'];
    else throw new UserError(`the ground-truth CSV "${path}" has columns ${head.join(', ')}; it needs a "sample" (sample index) or "time_s" (seconds) column.`, 'E_TRUTH');
  }
  const values = lines.slice(hasHeader ? 1 : 0).map((l, i) => {
    const v = Number(l.split(',')[column]);
    if (!Number.isFinite(v) || v < 0) throw new UserError(`the ground-truth CSV "${path}", line ${i + (hasHeader ? 2 : 1)}: "${l}" is not a non-negative number in column ${column + 1}.`, 'E_TRUTH');
    return v;
  });
  if (unit === 'auto') unit = values.every(Number.isInteger) ? 'samples' : 'seconds';
  return values.map((v) => (unit === 'seconds' ? Math.round(v * sampleRateHz) : v)).sort((a, b) => a - b);
}
