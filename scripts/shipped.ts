/**
 * What may ship in a package (npm tarball, Max zip, Pd archive): files tracked by git and the files
 * the build generates, nothing else. A folder copied whole (models/, media/) can hold what a user
 * or a command left there (`evaluate`'s report, a model trained into models/, an editor's backup);
 * those are strays and stay out.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

/** Repository-relative paths (with `/`) of the files git tracks under `root`. */
export function trackedFiles(root: string): Set<string> {
  let out: string;
  try {
    out = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`packaging needs a git checkout to tell shipped files from strays (git ls-files failed in ${root}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}); package from a clone of the repository.`);
  }
  return new Set(out.split('\0').filter(Boolean));
}

/**
 * A predicate for `cpSync(…, { filter })` and file lists: true for folders, tracked files and files
 * under a generated prefix (`externals/`) or named exactly in `generated`.
 * @param generated repository-relative paths or folder prefixes ending in `/`
 */
export function shippedFilter(root: string, generated: readonly string[] = [], tracked: Set<string> = trackedFiles(root)): (path: string, isDir?: boolean) => boolean {
  const dirs = new Set<string>();
  for (const f of tracked) for (let i = f.indexOf('/'); i > 0; i = f.indexOf('/', i + 1)) dirs.add(f.slice(0, i));
  return (path, isDir) => {
    const rel = (isAbsolute(path) ? relative(root, path) : path).split(sep).join('/');
    if (rel === '' || tracked.has(rel)) return true;
    if (generated.some((g) => (g.endsWith('/') ? rel.startsWith(g) || `${rel}/` === g : rel === g))) return true;
    // a folder: keep walking if something shippable can be inside it
    if (isDir ?? isDirectory(join(root, rel))) return dirs.has(rel) || generated.some((g) => g.startsWith(`${rel}/`));
    return false;
  };
}

/** The files of `files` (repository-relative) that would ship although they are neither tracked nor generated. */
export function strays(files: readonly string[], root: string, generated: readonly string[] = [], tracked?: Set<string>): string[] {
  const ok = shippedFilter(root, generated, tracked);
  return files.filter((f) => !ok(f, false));
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
