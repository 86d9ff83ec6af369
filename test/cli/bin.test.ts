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
