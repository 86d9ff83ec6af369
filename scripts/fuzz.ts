/**
 * `npm run fuzz [-- --seconds N] [--seed N] [TARGET…]`: runs every `test/fuzz/<target>.fuzz.ts`
 * (or those named) for N seconds each (default 30) and prints one JSON line per target with the
 * counts (cases, crash, hang, clearError, silentWrong, dataLost) and notes, then a table. Exits 1
 * when any crash, hang, silent-wrong result or lost file was found.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { failures, type FuzzCounts, type FuzzOptions } from '../test/fuzz/counts';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const num = (flag: string, dflt: number) => {
    const i = args.indexOf(flag);
    if (i < 0) return dflt;
    const v = Number(args[i + 1]);
    args.splice(i, 2);
    if (!Number.isFinite(v) || v < 0) throw new Error(`${flag} needs a number`);
    return v;
  };
  const seconds = num('--seconds', 30);
  const seed = num('--seed', Date.now() % 2 ** 31);
  const dir = join(__dirname, '../test/fuzz');
  const targets = readdirSync(dir).filter((f) => f.endsWith('.fuzz.ts')).map((f) => f.replace(/\.fuzz\.ts$/, '')).sort().filter((t) => !args.length || args.includes(t));
  const rows: Array<[string, FuzzCounts]> = [];
  for (const t of targets) {
    const mod = (await import(join(dir, `${t}.fuzz.ts`))) as { fuzz: (o: FuzzOptions) => Promise<FuzzCounts> };
    const c = await mod.fuzz({ seconds, seed });
    rows.push([t, c]);
    process.stdout.write(JSON.stringify({ fuzz: t, seed, seconds, ...c }) + '\n');
  }
  const cols = ['cases', 'crash', 'hang', 'clearError', 'silentWrong', 'dataLost'] as const;
  process.stderr.write(`\n${'target'.padEnd(10)} ${cols.map((k) => k.padStart(11)).join(' ')}\n`);
  for (const [t, c] of rows) process.stderr.write(`${t.padEnd(10)} ${cols.map((k) => String(c[k]).padStart(11)).join(' ')}\n`);
  const bad = rows.reduce((n, [, c]) => n + failures(c), 0);
  process.stderr.write(bad ? `\n${bad} failure(s); notes in the JSON lines above (seed ${seed}).\n` : `\nno crash, hang, silent-wrong result or lost file (seed ${seed}).\n`);
  process.exitCode = bad ? 1 : 0;
}

void main();
