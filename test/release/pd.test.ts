/**
 * The Pd library archive of the release, unpacked alone into a temporary folder (no repository on
 * Pd's path, no preferences): one library folder with the abstractions, their help patches and the
 * example, and the example opened in real Pd with DSP on runs without a single error line (every
 * object created, every file it reads found inside the folder).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/audio';
import { requireTool } from '../helpers/tools';
import { PD_ARCHIVE, VERSION, artefact } from './artefacts';

/** Lines of Pd's stderr that report a problem (Pd prints "error: …", "… couldn't create", "… can't open"…). */
export const PD_PROBLEM = /error|couldn't create|can't open|no such|not found|bad |failed|warning/i;

describe('Pd library archive', () => {
  const dir = tempDir('tr-release-pd-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let lib: string;
  beforeAll(() => {
    const archive = artefact(PD_ARCHIVE, 'Pd library archive');
    const r = /\.(zip|dek)$/.test(archive)
      ? spawnSync(requireTool('unzip'), ['-q', archive, '-d', join(dir, 'unpacked')], { encoding: 'utf8' })
      : spawnSync('tar', ['-xzf', archive, '-C', join(dir, 'unpacked')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`unpacking ${archive} failed: ${r.stderr}`);
    const top = readdirSync(join(dir, 'unpacked'));
    if (top.length !== 1) throw new Error(`the archive should hold one library folder; it holds ${top.join(', ')}`);
    lib = join(dir, 'unpacked', top[0]);
  });

  it('is named for the version and holds the abstractions, their help patches and the example', () => {
    expect(artefact(PD_ARCHIVE, 'Pd library archive')).toContain(VERSION);
    for (const f of ['tr.onset~.pd', 'tr.onset~-help.pd', 'tr.remap.pd', 'tr.remap-help.pd', 'tr.808~.pd', 'tr.808~-help.pd', 'timbreremap-example.pd']) {
      expect({ f, exists: existsSync(join(lib, f)) }).toEqual({ f, exists: true });
    }
  });

  it('its example runs in real Pd, from the unpacked folder alone, with no error line', () => {
    const pd = requireTool('pd');
    // open the example, turn DSP on, let it run 3 s (its loadbang reads the recording), quit
    const driver = join(dir, 'driver.pd');
    writeFileSync(driver, ['#N canvas 0 50 400 300 12;', '#X obj 10 10 loadbang;', '#X msg 10 40 \\; pd dsp 1;', '#X obj 10 70 delay 3000;', '#X msg 10 100 \\; pd quit;',
      '#X connect 0 0 1 0;', '#X connect 0 0 2 0;', '#X connect 2 0 3 0;', ''].join('\n'));
    const r = spawnSync(pd, ['-nogui', '-nosound', '-nomidi', '-noprefs', '-stderr', '-path', lib, '-open', join(lib, 'timbreremap-example.pd'), '-open', driver], { cwd: dir, encoding: 'utf8', timeout: 30000 });
    expect(r.error).toBeUndefined();
    const problems = r.stderr.split('\n').filter((l) => PD_PROBLEM.test(l));
    expect(problems).toEqual([]);
    expect(r.status).toBe(0);
  });
});
