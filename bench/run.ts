/**
 * `npm run bench`: runs every `bench/*.bench.ts` (or those named on the command line) and prints
 * one JSON document per line on stdout: `{"bench": name, …figures}`. Benchmarks measure; they do
 * not assert (goals are in the issue texts and the notes).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts')).sort();
  for (const f of files) {
    const name = f.replace(/\.bench\.ts$/, '');
    if (only.length && !only.includes(name)) continue;
    const mod = (await import(join(__dirname, f))) as { run: () => Promise<Array<Record<string, unknown>>> };
    try {
      for (const rec of await mod.run()) process.stdout.write(JSON.stringify(rec) + '\n');
    } catch (e) {
      process.stdout.write(JSON.stringify({ bench: name, error: (e as Error).message }) + '\n');
      process.exitCode = 1;
    }
  }
}

void main();
