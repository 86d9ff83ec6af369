/**
 * scripts/shipped.ts, the rule every package follows: tracked files and build outputs ship, strays
 * in copied folders (evaluate's report, a model trained into models/) do not.
 */
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shippedFilter, strays, trackedFiles } from '../../scripts/shipped';
import { tempDir } from '../helpers/audio';

const ROOT = join(__dirname, '../..');

describe('shipped files', () => {
  const tracked = new Set(['models/a.onnx', 'models/a.json', 'models/presets/p.json', 'media/README.md']);

  it('tracked files and generated ones ship; untracked files in the same folders do not', () => {
    const ok = shippedFilter('/repo', ['externals/', 'media/noise.wav'], tracked);
    expect(ok('models/a.onnx', false)).toBe(true);
    expect(ok('/repo/models/presets/p.json', false)).toBe(true);
    expect(ok('models/a.report.html', false)).toBe(false);
    expect(ok('models/my-snare.onnx', false)).toBe(false);
    expect(ok('externals/timbreremap.engine.js', false)).toBe(true);
    expect(ok('media/noise.wav', false)).toBe(true);
    expect(ok('media/noise.wav.tmp', false)).toBe(false);
    // folders: walked when something shippable is inside
    expect(ok('models', true)).toBe(true);
    expect(ok('models/presets', true)).toBe(true);
    expect(ok('models/scratch', true)).toBe(false);
    expect(ok('externals', true)).toBe(true);
    expect(strays(['models/a.json', 'models/a.report.html', 'externals/x.js'], '/repo', ['externals/'], tracked)).toEqual(['models/a.report.html']);
  });

  it('as a cpSync filter on this repository, a stray report in a copy of models/ stays out', () => {
    const dir = tempDir('tr-shipped-');
    try {
      const src = join(dir, 'repo');
      mkdirSync(join(src, 'models'), { recursive: true });
      const real = [...trackedFiles(ROOT)].filter((f) => f.startsWith('models/') && !f.includes('/presets/'));
      for (const f of real) cpSync(join(ROOT, f), join(src, f));
      writeFileSync(join(src, 'models/gmrock_808_snare_1.report.html'), '<html>evaluate wrote me</html>');
      const ok = shippedFilter(src, [], new Set(real));
      cpSync(join(src, 'models'), join(dir, 'out'), { recursive: true, filter: (from) => ok(from) });
      expect(readdirSync(join(dir, 'out')).sort()).toEqual(real.map((f) => f.slice('models/'.length)).sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('outside a git checkout it says that packaging needs one', () => {
    const dir = tempDir('tr-nogit-');
    try {
      expect(() => trackedFiles(dir)).toThrow(/needs a git checkout/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
