/**
 * Make the pictures of docs/tutorial.md by running the tutorial's own commands, so that the
 * pictures stay true to what the tool does. Run from the repository root:
 *   npx tsx scripts/tutorial-pictures.ts [--epochs N] [--skip-train]
 * Writes docs/img/*.png and the tutorial's models under out/tutorial/. --epochs (default 250 = the
 * tutorial's) shortens training for a quick check; --skip-train reuses models already trained.
 * Every command is printed before it runs; the script stops at the first one that fails.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, processIO } from '../src/cli/main';

const ROOT = join(__dirname, '..');
const WAV = 'examples/gmrock-snare-performance.wav';
const CSV = 'examples/gmrock-snare-performance.onsets.csv';

/** The tutorial's commands, in its order (`timbre-remap` arguments; the same lines as docs/tutorial.md). */
function steps(epochs: number, train: boolean): string[][] {
  const model = 'out/tutorial/my-snare';
  const open = 'out/tutorial/my-open-snare';
  const trainArgs = (preset: string, out: string) => ['train', WAV, '--preset', preset, '--out', out, '--force', ...(epochs !== 250 ? ['--epochs', String(epochs)] : [])];
  return [
    ['plot', 'onsets', WAV, '--truth', CSV, '--out', 'docs/img/onsets.png', '--force'],
    ['plot', 'onsets', WAV, '--detector', 'reference', '--out', 'docs/img/onsets-reference.png', '--force'],
    ...(train ? [trainArgs('808_snare_1', model)] : []),
    ['plot', 'training', model, '--out', 'docs/img/training.png', '--force'],
    ['plot', 'timbre', WAV, '--model', model, '--out', 'docs/img/timbre.png', '--force'],
    ['plot', 'params', WAV, '--model', model, '--out', 'docs/img/params.png', '--force'],
    ['plot', 'timbre', WAV, '--model', model, '--sensitivity', '2', '--out', 'docs/img/timbre-sensitivity-2.png', '--force'],
    ...(train ? [trainArgs('808_open_snare', open)] : []),
    ['plot', 'timbre', WAV, '--model', open, '--out', 'docs/img/timbre-open-snare.png', '--force'],
  ];
}

async function main(): Promise<void> {
  process.chdir(ROOT);
  const args = process.argv.slice(2);
  const at = args.indexOf('--epochs');
  const epochs = at >= 0 ? Number(args[at + 1]) : 250;
  if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`--epochs must be a positive integer; got ${args[at + 1]}`);
  const train = !args.includes('--skip-train');
  if (!train && !existsSync('out/tutorial/my-snare.json')) throw new Error('--skip-train needs out/tutorial/my-snare.json; run once without it.');
  for (const argv of steps(epochs, train)) {
    process.stderr.write(`\n$ npx timbre-remap ${argv.join(' ')}\n`);
    const code = await runCli(argv, processIO());
    if (code !== 0) throw new Error(`"timbre-remap ${argv.join(' ')}" failed (exit ${code})`);
  }
  process.stderr.write('\npictures written to docs/img/\n');
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exitCode = 1;
});
