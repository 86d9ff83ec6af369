import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_WAV, tempDir } from '../helpers/audio';

const BIN = join(__dirname, '../../bin/timbre-remap.js');

/** The installed entry point, as a user runs it (a real process: no jest module system). */
function run(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 300000, env: { ...process.env, FORCE_COLOR: '0' } });
}

describe('timbre-remap (bin)', () => {
  it('train writes the model, its JSON and a self-contained HTML report beside it', () => {
    const out = join(tempDir(), 'm');
    const r = run('train', EXAMPLE_WAV, '--preset', '808_snare_2', '--epochs', '3', '--out', out, '--json');
    expect(r.stderr).not.toMatch(/warning: the HTML report/);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.reportHtml).toBe(`${out}.report.html`);
    for (const f of [`${out}.onnx`, `${out}.json`, `${out}.report.html`]) expect(existsSync(f)).toBe(true);
    const html = readFileSync(`${out}.report.html`, 'utf8');
    expect(html).toMatch(/SPL_T/);
    expect(html).not.toMatch(/<script|https?:\/\//i);
    // Refuses to overwrite without --force, and says how.
    const again = run('train', EXAMPLE_WAV, '--preset', '808_snare_2', '--epochs', '1', '--out', out);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/--force/);
  });

  it('prints usage for no command and exits 2', () => {
    const r = run();
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/Commands:/);
  });
});

describe('timbre-remap train, interrupted', () => {
  it('Ctrl-C (SIGINT) stops cleanly, exits 130 and keeps the best model so far', async () => {
    const { spawn } = await import('node:child_process');
    const out = join(tempDir(), 'cut');
    // --early-stopping 0: the run must still be training when interrupted
    const child = spawn(process.execPath, [BIN, 'train', EXAMPLE_WAV, '--preset', '808_snare_1', '--epochs', '500', '--early-stopping', '0', '--out', out, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // Interrupt once training is under way (the worker has written nothing yet).
    await new Promise((r) => setTimeout(r, 20000));
    expect(existsSync(`${out}.onnx`)).toBe(false);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(stderr).toMatch(/best model so far/);
    expect(code).toBe(130);
    const report = JSON.parse(stdout);
    expect(report.cancelled).toBe(true);
    expect(report.epochsRun).toBeLessThan(500);
    for (const f of [`${out}.onnx`, `${out}.json`]) expect(existsSync(f)).toBe(true);
    expect(JSON.parse(readFileSync(`${out}.json`, 'utf8')).evaluation.mean.model).toEqual(expect.any(Number));
  });
});
