/**
 * The Pd library folder (scripts/build-pd.ts → dist/pd/timbreremap, built here into a temporary
 * folder): every abstraction has its -help.pd beside it; it holds what its patches read (noise
 * table, example recording, shipped models) and a README and LICENSE; no patch reads anything
 * outside the folder; every help patch and the example open in real Pd (puredata-core: vanilla only)
 * without a single error line; and the folder copied alone to another place opens and plays.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pdLibraryDir, readPdFloatWav, requirePd } from './pd';

const pdFiles = () => readdirSync(pdLibraryDir()).filter((f) => f.endsWith('.pd'));

describe('Pd library folder', () => {
  it('ships tr.onset~, tr.remap, tr.808~ (and its voice), each with a help file, the example, README, LICENSE, noise table, recording and models', () => {
    const lib = pdLibraryDir();
    const files = pdFiles();
    const abstractions = files.filter((f) => !f.endsWith('-help.pd') && f !== 'timbreremap-example.pd').sort();
    expect(abstractions).toEqual(['tr.808voice~.pd', 'tr.808~.pd', 'tr.onset~.pd', 'tr.remap.pd']);
    for (const a of abstractions) expect(files).toContain(a.replace(/\.pd$/, '-help.pd'));
    expect(files).toContain('timbreremap-example.pd');
    for (const f of ['README.md', 'LICENSE', 'noise-44100.f32', 'gmrock-snare-performance.wav', 'models/gmrock_808_snare_1.onnx', 'models/gmrock_808_snare_1.json']) expect(existsSync(join(lib, f))).toBe(true);
    expect(readFileSync(join(lib, 'README.md'), 'utf8')).toMatch(/declare -path timbreremap/);
  });

  it('no patch reads a file outside the folder (no ../, no absolute paths)', () => {
    for (const f of pdFiles()) {
      const text = readFileSync(join(pdLibraryDir(), f), 'utf8');
      expect({ f, up: text.match(/\.\.\/[^\s;]*/g) }).toEqual({ f, up: null });
      expect({ f, abs: text.match(/ \/(?:home|tmp|work|usr)\/[^\s;]*/g) }).toEqual({ f, abs: null });
    }
  });

  it.each(['timbreremap-example.pd', 'tr.808voice~-help.pd', 'tr.808~-help.pd', 'tr.onset~-help.pd', 'tr.remap-help.pd'])('%s opens without a single error line', (f) => {
    const pd = requirePd();
    const r = spawnSync(pd, ['-nogui', '-noaudio', '-batch', '-noprefs', '-stderr', '-open', join(pdLibraryDir(), f), '-send', 'pd quit'], { encoding: 'utf8', timeout: 30000 });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('copied alone to another folder, a patch beside it finds everything with [declare -path timbreremap] and plays (the noise table found, no error line)', () => {
    const pd = requirePd();
    const root = mkdtempSync(join(tmpdir(), 'tr-pd-alone-'));
    try {
      cpSync(pdLibraryDir(), join(root, 'timbreremap'), { recursive: true });
      // a user patch next to the library folder: declare it, play one hit through tr.808~, record it
      const user = join(root, 'mine.pd');
      const out = join(root, 'out.wav');
      const patch = [
        '#N canvas 0 50 600 400 12;',
        '#X declare -path timbreremap;',
        '#X obj 10 10 declare -path timbreremap;',
        '#X obj 10 40 loadbang;',
        '#X obj 10 70 t b b b;',
        '#X msg 200 70 \\; pd dsp 1;',
        '#X obj 10 200 tr.808~;',
        '#X obj 10 230 tabwrite~ out;',
        '#X obj 200 230 array define out 4410;',
        '#X msg 100 130 0.0808 0.4667 0.1111 0.4333 0.0201 0.0955 0.0704 0.0955 0.1126 0.1579 0.8182 0.7273 0.8485 0.25;',
        '#X obj 10 100 delay 200;',
        `#X msg 10 130 write -bytes 4 ${out} out \\, \\; pd quit;`,
        '#X obj 10 160 soundfiler;',
        '#X connect 1 0 2 0;',
        '#X connect 2 2 3 0;',
        '#X connect 2 1 7 0;',
        '#X connect 2 1 5 0;',
        '#X connect 7 0 4 0;',
        '#X connect 4 0 5 0;',
        '#X connect 2 0 8 0;',
        '#X connect 8 0 9 0;',
        '#X connect 9 0 10 0;',
        '',
      ].join('\n');
      writeFileSync(user, patch);
      const r = spawnSync(pd, ['-nogui', '-noaudio', '-batch', '-noprefs', '-stderr', '-open', user], { encoding: 'utf8', timeout: 30000, cwd: root });
      // (soundfiler reports the file it wrote: the test's own line)
      expect(r.stderr.split('\n').filter((l) => l && !l.startsWith(`${out}: biggest amplitude`))).toEqual([]);
      const x = readPdFloatWav(out);
      // the hit sounds, and its noise branch is there (a high-passed noise burst: sign changes every few samples)
      expect(Math.max(...Array.from(x, Math.abs))).toBeGreaterThan(0.05);
      let flips = 0;
      for (let i = 1; i < 2000; i++) if (Math.sign(x[i]) !== Math.sign(x[i - 1])) flips++;
      expect(flips).toBeGreaterThan(200);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
