/**
 * The Pd files themselves: every abstraction has its -help.pd beside it, and every help file and the
 * example open in real Pd (puredata-core: vanilla only) without a single error, with the files they
 * read (the recording, the noise buffer) found by their relative paths.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { PD_PATCH_DIR, requirePd } from './pd';

const files = readdirSync(PD_PATCH_DIR).filter((f) => f.endsWith('.pd'));
const abstractions = files.filter((f) => /^tr\..*\.pd$/.test(f) && !f.endsWith('-help.pd'));

describe('Pd patches', () => {
  it('ships tr.onset~, tr.remap, tr.808~ (and its voice tr.808voice~), each with a help file, and an example', () => {
    expect(abstractions.sort()).toEqual(['tr.808voice~.pd', 'tr.808~.pd', 'tr.onset~.pd', 'tr.remap.pd']);
    for (const a of abstractions) expect(files).toContain(a.replace(/\.pd$/, '-help.pd'));
    expect(files).toContain('timbreremap-example.pd');
  });

  it('reads files that exist, by paths relative to the patches', () => {
    const refs = files.flatMap((f) => [...readFileSync(join(PD_PATCH_DIR, f), 'utf8').matchAll(/(\.\.\/\.\.\/(?:examples|models)\/[\w.-]+\.(?:wav|f32))/g)].map((m) => m[1]));
    expect(refs).toEqual(expect.arrayContaining(['../../models/noise-44100.f32', '../../examples/gmrock-snare-performance.wav']));
    for (const r of refs.filter((x) => !x.includes('my-model'))) expect(existsSync(resolve(PD_PATCH_DIR, r))).toBe(true);
  });

  it.each(files.filter((f) => f.endsWith('-help.pd') || f === 'timbreremap-example.pd'))('%s opens without errors', (f) => {
    const pd = requirePd();
    const r = spawnSync(pd, ['-nogui', '-noaudio', '-batch', '-noprefs', '-stderr', '-open', join(PD_PATCH_DIR, f), '-send', 'pd quit'], { encoding: 'utf8', timeout: 30000 });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/error|couldn't create|can't open|no such/i);
  });
});
