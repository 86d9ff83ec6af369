/**
 * CLI runs with hostile command lines: every command (but train/evaluate/osc, fuzzed by their
 * owners) with random options and values (valid, out of range, misspelt, missing), inputs that are
 * malformed recordings, folders, FIFOs, devices or missing files, and outputs that are the inputs,
 * existing files, read-only files or folders. Exit 2 with an "error:" line is a clear error; exit
 * 1, a throw or a stack trace is a crash; a protected file (input, model, existing output without
 * --force) changed or gone is data lost.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/types';
import { emptyCounts, record, rng, type FuzzCounts, type FuzzOptions } from './counts';
import { mutate, seeds } from './wav.fuzz';

const ROOT = join(__dirname, '../..');
const HANG_MS = 60000;

const hash = (p: string) => (existsSync(p) ? createHash('sha1').update(readFileSync(p)).digest('hex') : 'missing');

export async function fuzz(opts: FuzzOptions): Promise<FuzzCounts> {
  const c = emptyCounts();
  const r = rng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const dir = mkdtempSync(join(tmpdir(), 'tr-fuzz-cli-'));
  // Protected files: none of them may change in any run (outputs use --force only on fresh names).
  const input = join(dir, 'in.wav');
  copyFileSync(join(ROOT, 'test/fixtures/formats/ex.wav'), input);
  const flac = join(dir, 'in.flac');
  copyFileSync(join(ROOT, 'test/fixtures/formats/ex.flac'), flac);
  const model = join(dir, 'model');
  copyFileSync(join(ROOT, 'models/gmrock_808_snare_1.json'), `${model}.json`);
  copyFileSync(join(ROOT, 'models/gmrock_808_snare_1.onnx'), `${model}.onnx`);
  const preset = join(dir, 'preset.json');
  copyFileSync(join(ROOT, 'models/presets/808_snare_2.json'), preset);
  const existing = join(dir, 'existing.wav');
  writeFileSync(existing, 'keep');
  const readonly = join(dir, 'readonly.wav');
  writeFileSync(readonly, 'keep too');
  chmodSync(readonly, 0o444);
  const fifo = join(dir, 'fifo.wav');
  execFileSync('mkfifo', [fifo]);
  mkdirSync(join(dir, 'folder'));
  const protectedFiles = [input, flac, `${model}.json`, `${model}.onnx`, preset, existing, readonly];
  const before = new Map(protectedFiles.map((p) => [p, hash(p)]));
  const bases = seeds();

  const inputs = () => {
    const k = r();
    if (k < 0.3) return input;
    if (k < 0.4) return flac;
    if (k < 0.75) {
      const s = pick(bases);
      const m = mutate(r, s.bytes);
      const p = join(dir, `bad${Math.floor(r() * 4)}.${s.name.includes('flac') ? 'flac' : s.name.includes('aif') ? 'aiff' : 'wav'}`);
      writeFileSync(p, m.bytes);
      return p;
    }
    return pick([fifo, join(dir, 'folder'), join(dir, 'nope.wav'), '/dev/zero', '/dev/null', preset, `${model}.onnx`, '', '-']);
  };
  let fresh = 0;
  const outputs = () => pick([input, flac, `${model}.onnx`, `${model}.json`, preset, existing, readonly, join(dir, 'folder'), fifo, '/dev/null', join(existing, 'x.wav'), '', join(dir, `new${fresh++}.wav`), join(dir, `new${fresh++}.png`), join(dir, 'sub', `n${fresh++}.svg`)]);
  const values = ['0', '1', '-1', 'NaN', 'Infinity', '1e9', '', 'x', '0.5', '44100', '8000', '384001', 'reference', 'adaptive', '808_snare_1', 'no_such'];
  const optionsFor: Record<string, string[]> = {
    onsets: ['--detector', '--json', '--quiet'],
    features: ['--detector', '--json', '--quiet'],
    render: ['--model', '--preset', '--out', '-o', '--dry-wet', '--sensitivity', '--detector', '--json', '--force', '--quiet', '-m', '-p', '--sensitivty'],
    synth: ['--preset', '-p', '--out', '--sample-rate', '-r', '--seconds', '--json', '--force'],
    presets: ['--json', '--bogus'],
    plot: ['--out', '--model', '--truth', '--sensitivity', '--detector', '--scale', '--json', '--force'],
  };
  const end = Date.now() + opts.seconds * 1000;
  // Run in the temporary folder, so a default output (out/render.wav when --out was swallowed as
  // another option's value) lands there too, never in the project.
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    while (Date.now() < end) {
      const cmd = pick([...Object.keys(optionsFor), 'rendr', '']);
      const argv: string[] = cmd ? [cmd] : [];
      if (cmd === 'plot') argv.push(pick(['onsets', 'timbre', 'params', 'training', 'nope']));
      if (cmd !== 'synth' && cmd !== 'presets' && r() < 0.9) argv.push(cmd === 'plot' && argv[1] === 'training' ? pick([model, `${model}.json`, join(dir, 'nomodel'), inputs()]) : inputs());
      const opts0 = optionsFor[cmd] ?? ['--help'];
      for (let i = 0; i < Math.floor(r() * 4); i++) {
        const o = pick(opts0);
        argv.push(o);
        if (['--json', '--force', '--quiet', '--help'].includes(o)) continue;
        if (o === '--out' || o === '-o') argv.push(outputs());
        else if (o === '--model' || o === '-m') argv.push(pick([model, join(dir, 'nomodel'), input, fifo, `${model}.onnx`]));
        else if (o === '--preset' || o === '-p') argv.push(pick(['808_snare_1', preset, 'no_such', fifo, '/dev/zero', input]));
        else if (o === '--truth') argv.push(pick([join(ROOT, 'examples/gmrock-snare-performance.onsets.csv'), input, fifo, '/dev/zero']));
        else if (r() < 0.9) argv.push(pick(values));
      }
      if ((cmd === 'render' || cmd === 'synth' || cmd === 'plot') && !argv.includes('--out') && !argv.includes('-o')) argv.push('--out', join(dir, `auto${fresh++}.${cmd === 'plot' ? 'png' : 'wav'}`));
      let out = '', err = '';
      const io: CliIO = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), isTTY: false };
      const label = argv.map((a) => a.replace(dir, '$T')).join(' ');
      try {
        let timer: NodeJS.Timeout | undefined;
        const code = await Promise.race([runCli(argv, io), new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new Error('__hang')), HANG_MS)))]).finally(() => clearTimeout(timer));
        const lost = protectedFiles.filter((p) => hash(p) !== before.get(p));
        if (lost.length) {
          record(c, 'dataLost', `${label}: changed ${lost.map((p) => p.replace(dir, '$T')).join(', ')}`);
          for (const p of lost) before.set(p, hash(p));
        } else if (/\n\s+at |EPIPE|TypeError|RangeError|ReferenceError/.test(err) || code === 1) record(c, 'crash', `${label}: exit ${code}: ${err.slice(0, 160)}`);
        else if (code === 2) record(c, /^error: .{10,}/m.test(err) ? 'clearError' : 'crash', `${label}: exit 2 without a message`);
        else if (code === 0) record(c, /NaN|Infinity/.test(out) ? 'silentWrong' : 'ok', `${label}: NaN in output`);
        else record(c, 'crash', `${label}: exit ${code}`);
      } catch (e) {
        record(c, (e as Error).message === '__hang' ? 'hang' : 'crash', `${label}: ${(e as Error).message}`);
      }
    }
  } finally {
    process.chdir(cwd);
    chmodSync(readonly, 0o644);
    rmSync(dir, { recursive: true, force: true });
  }
  return c;
}
