import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/types';
import { checkOutputs } from '../../src/cli/output';
import { loadPreset } from '../../src/synth/presets';
import { readWav } from '../../src/io/wav';
import { UserError } from '../../src/util/errors';
import { EXAMPLE_WAV, tempDir } from '../helpers/audio';

async function cli(...argv: string[]) {
  let out = '', err = '';
  const io: CliIO = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), isTTY: false };
  const code = await runCli(argv, io);
  return { code, out, err };
}

describe('outputs never overwrite inputs or existing files (issue #12 item 4)', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const input = join(dir, 'in.wav');
  writeFileSync(input, readFileSync(EXAMPLE_WAV));
  const original = readFileSync(input);

  it('render IN --out IN is refused before any work and the input is intact', async () => {
    for (const out of [input, join(dir, '.', 'in.wav'), join(dir, 'sub', '..', 'in.wav')]) {
      mkdirSync(join(dir, 'sub'), { recursive: true });
      const r = await cli('render', input, '--out', out, '--force');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/is the input .*destroy the input/);
    }
    const link = join(dir, 'link.wav');
    symlinkSync(input, link);
    expect((await cli('render', input, '-o', link, '--force')).err).toMatch(/is the input/);
    expect(readFileSync(input).equals(original)).toBe(true);
  });

  it('synth --out PRESET.json (its own input) and render --out MODEL.onnx are refused', async () => {
    const preset = join(dir, 'p.json');
    writeFileSync(preset, JSON.stringify({ preset: Object.fromEntries(require('../../src/synth/params').PARAMS.map((p: { name: string; defaultValue: number }) => [p.name, p.defaultValue])) }));
    const before = readFileSync(preset);
    const r = await cli('synth', '--preset', preset, '--out', preset, '--force');
    expect(r.code).toBe(2);
    expect(readFileSync(preset).equals(before)).toBe(true);
    const m = await cli('render', input, '--model', join(__dirname, '../../models/gmrock_808_snare_1'), '--out', join(__dirname, '../../models/gmrock_808_snare_1.onnx'), '--force');
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/is the input/);
  });

  it('an existing output needs --force; a read-only one is never replaced; a folder or device neither', async () => {
    const out = join(dir, 'exists.wav');
    writeFileSync(out, 'keep me');
    const r = await cli('synth', '--preset', '808_snare_1', '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/already exists\. Pass --force/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect((await cli('synth', '--preset', '808_snare_1', '--out', out, '--force')).code).toBe(0);
    expect(readWav(out).mono.length).toBe(44100);
    chmodSync(out, 0o444);
    const ro = await cli('synth', '--preset', '808_snare_1', '-o', out, '-f');
    expect(ro.code).toBe(2);
    expect(ro.err).toMatch(/read-only.*chmod u\+w/);
    expect((await cli('synth', '--preset', '808_snare_1', '--out', dir, '--force')).err).toMatch(/is a folder/);
    expect((await cli('synth', '--preset', '808_snare_1', '--out', '/dev/null', '--force')).err).toMatch(/not a regular file/);
    expect(existsSync('/dev/null')).toBe(true);
  });

  it('an output folder that cannot be made is refused before the work, naming the user path', async () => {
    const file = join(dir, 'plain');
    writeFileSync(file, 'x');
    const r = await cli('render', input, '--out', join(file, 'x.wav'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`"${file}" is a file, not a folder`));
    expect(r.err).not.toMatch(/\.tmp/);
    expect(r.out).toBe('');
  });

  it('checkOutputs refuses the same output twice (plot --out a.png --out ./a.png)', () => {
    expect(() => checkOutputs([join(dir, 'a.png'), join(dir, '.', 'a.png')])).toThrow(/same file twice/);
  });
});

describe('only regular files are read (issue #12 item 3)', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);

  it('a FIFO as recording, preset or model is refused at once (it blocked forever)', async () => {
    for (const argv of [['onsets', fifo], ['render', fifo, '--out', join(dir, 'o.wav')], ['synth', '--preset', fifo, '--out', join(dir, 's.wav')], ['render', EXAMPLE_WAV, '--model', `${fifo}.json`, '--out', join(dir, 'm.wav')]]) {
      if (argv.includes(`${fifo}.json`)) {
        execFileSync('mkfifo', [`${fifo}.json`]);
        writeFileSync(`${fifo}.onnx`, 'x');
      }
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/FIFO \(named pipe\), not a regular file/);
    }
  }, 20000);

  it('a device is refused and its size bound is never read past (/dev/zero grew memory without bound)', () => {
    expect(() => loadPreset('/dev/zero')).toThrow(UserError);
    expect(() => loadPreset('/dev/zero')).toThrow(/character device, not a regular file/);
    const big = join(dir, 'big.json');
    writeFileSync(big, Buffer.alloc(2 * 1024 * 1024, 0x20));
    expect(() => loadPreset(big)).toThrow(/2\.0 MiB, more than the 1\.0 MiB a preset file may have/);
  });

  it('a preset file that is not JSON is refused without quoting its content', () => {
    const secret = join(dir, 'secret.json');
    writeFileSync(secret, 'hunter2 top secret');
    let msg = '';
    try {
      loadPreset(secret);
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/is not valid JSON/);
    expect(msg).not.toMatch(/hunter2|secret"/);
  });
});
