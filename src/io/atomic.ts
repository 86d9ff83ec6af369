import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { fsError } from './files';

let counter = 0;

/** A temporary name beside `path` (same folder, so the final rename is atomic). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.${counter++}.tmp`);
}

/**
 * Write a file atomically: to a temporary name in the same folder, then rename over the target,
 * so a reader (or a crash) never sees a half-written file. Errors are UserErrors naming `path`
 * (never the temporary file); on any error the target is unchanged.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  writeFilesAtomic([{ path, data }]);
}

/** Write several files so that either all land or none changes (best effort: rename last). */
export function writeFilesAtomic(files: ReadonlyArray<{ path: string; data: string | Uint8Array }>): void {
  const staged: Array<{ tmp: string; path: string }> = [];
  let current = files[0]?.path ?? '';
  try {
    for (const f of files) {
      current = f.path;
      mkdirSync(dirname(f.path), { recursive: true });
      const tmp = tempPathFor(f.path);
      staged.push({ tmp, path: f.path });
      writeFileSync(tmp, f.data, { flag: 'wx' });
    }
    for (const s of staged) {
      current = s.path;
      renameSync(s.tmp, s.path);
    }
  } catch (e) {
    for (const s of staged) rmSync(s.tmp, { force: true });
    throw fsError(e, current, 'write');
  }
}
