import { spawn } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { progressBar } from '../../src/cli/progress';
import type { CliIO } from '../../src/cli/types';
import { encodeWav, readWav } from '../../src/io/wav';
import { EXAMPLE_WAV, tempDir } from '../helpers/audio';

async function cli(...argv: string[]) {
  let out = '', err = '';
  const io: CliIO = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), isTTY: false };
  const code = await runCli(argv, io);
  return { code, out, err };
}

const BIN = join(__dirname, '../../bin/timbre-remap.js');

describe('command-line conventions (issue #13 deliverable 4)', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('short options -o -p -r -q -f work as their long forms', async () => {
    const out = join(dir, 'short.wav');
    const r = await cli('synth', '-p', '808_snare_2', '-o', out, '-r', '48000', '-q', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ sampleRate: 48000, out });
    expect((await cli('synth', '-p808_snare_2', `-o${out}`, '-f')).code).toBe(0);
    const help = (await cli('render', '--help')).out;
    expect(help).toMatch(/-o, --out OUT\.wav/);
    expect(help).toMatch(/-m, --model PATH/);
    expect(help).toMatch(/-q, --quiet/);
  });

  it('says "did you mean" for a misspelt command or option', async () => {
    const c = await cli('onset', EXAMPLE_WAV);
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/unknown command "onset"\. Did you mean "onsets"\?/);
    const o = await cli('render', EXAMPLE_WAV, '--sensitivty', '2');
    expect(o.code).toBe(2);
    expect(o.err).toMatch(/unknown option --sensitivty .*Did you mean "--sensitivity"\?/);
    expect((await cli('onsets', EXAMPLE_WAV, '-x')).err).toMatch(/unknown option -x/);
    expect((await cli('zzzzzz')).err).not.toMatch(/Did you mean/);
  });

  it('--quiet leaves stderr empty on success', async () => {
    const r = await cli('onsets', EXAMPLE_WAV, '--quiet');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out.trim().split('\n')).toHaveLength(27);
  });

  it('without a terminal, progress is periodic lines on stderr (none for short steps)', () => {
    let t = 0;
    let err = '';
    const io: CliIO = { stdout: () => undefined, stderr: (s) => void (err += s), isTTY: false };
    const p = progressBar(io, true, { label: 'render', everySec: 5, quietSec: 2, now: () => t });
    for (let i = 1; i <= 20; i++) {
      t = i * 1000;
      p.update(i / 21);
    }
    p.stop();
    const lines = err.trim().split('\n');
    expect(lines).toHaveLength(4); // at 2, 7, 12 and 17 s
    expect(lines[0]).toMatch(/^render: 10% after 2 s, about 19 s left$/);
    err = '';
    const short = progressBar(io, true, { label: 'x', now: () => 0 });
    short.update(0.5);
    expect(err).toBe('');
  });

  it('render reports wall time, model loading, reading and writing included', async () => {
    const t0 = performance.now();
    const r = await cli('render', EXAMPLE_WAV, '--model', join(__dirname, '../../models/gmrock_808_snare_1'), '--out', join(dir, 'timed.wav'), '--json');
    const elapsed = (performance.now() - t0) / 1000;
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.wallSeconds).toBeLessThanOrEqual(elapsed);
    expect(j.wallSeconds).toBeGreaterThan(0.5 * elapsed); // the old figure (synthesis only) was ~0.1 of it
  });

  it('a closed stdout (| head) ends the program quietly with exit 0, no EPIPE trace', async () => {
    // 10 min of clicks every 100 ms at 8 kHz: 6000 onsets, more output than a pipe holds.
    const sr = 8000;
    const x = new Float32Array(600 * sr);
    for (let i = 800; i < x.length; i += 800) for (let k = 0; k < 40; k++) x[i + k] = 0.8 * Math.exp(-k / 8);
    const path = join(dir, 'clicks.wav');
    writeFileSync(path, encodeWav(x, sr, '16'));
    expect(readWav(path).mono.length).toBe(x.length);
    const child = spawn(process.execPath, [BIN, 'onsets', path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(stderr).not.toMatch(/EPIPE|Error:|at /);
    expect(code).toBe(0);
  }, 120000);
});
