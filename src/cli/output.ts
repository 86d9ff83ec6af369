/**
 * The one check every command that writes files runs before any work (render, synth, plot, train,
 * evaluate): an output never replaces an input (compared by real path and by inode, so links and
 * `./x` vs `x` are caught), an existing output is replaced only with --force (and never when it is
 * read-only, a folder or not a regular file), and the output's folder exists or can be created and
 * is writable. Every refusal is a UserError naming the user's path and what to do.
 */
import { accessSync, constants, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../util/errors';

export interface OutputCheckOptions {
  /** Files the command reads (recordings, models, presets): no output may be one of them. */
  inputs?: readonly string[];
  /** The user passed --force: existing outputs may be replaced. */
  force?: boolean;
  /** The option that names the outputs, for messages (default "--out"). */
  option?: string;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Real path of a file that may not exist yet: its nearest existing ancestor resolved, the rest appended. */
function realPathOf(path: string): string {
  let p = resolve(path);
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(p), ...rest);
    } catch {
      const parent = dirname(p);
      if (parent === p) return join(p, ...rest);
      rest.unshift(basename(p));
      p = parent;
    }
  }
}

/**
 * Refuse (UserError, exit 2) before any work when writing `outputs` would lose data or fail.
 * Call it once with every file the command will write.
 */
export function checkOutputs(outputs: readonly string[], opts: OutputCheckOptions = {}): void {
  const option = opts.option ?? '--out';
  const inputs = (opts.inputs ?? []).filter((p) => typeof p === 'string' && p !== '');
  const inputIds = inputs.map((p) => ({ path: p, real: realPathOf(p), st: statOrNull(p) }));
  const seen = new Map<string, string>();
  for (const out of outputs) {
    if (typeof out !== 'string' || out.trim() === '') throw new UserError(`${option} needs a file name; got "${String(out)}".`, 'E_USAGE');
    if (out.includes('\0')) throw new UserError(`${option} "${out}" contains a NUL character. Give a plain file name.`, 'E_USAGE');
    const real = realPathOf(out);
    const twice = seen.get(real);
    if (twice !== undefined) throw new UserError(`${option} names the same file twice ("${twice}" and "${out}"). Give each output its own name.`, 'E_USAGE');
    seen.set(real, out);
    const st = statOrNull(out);
    for (const inp of inputIds) {
      const same = inp.real === real || (st && inp.st && st.dev === inp.st.dev && st.ino === inp.st.ino);
      if (same) throw new UserError(`${option} "${out}" is the input "${inp.path}": writing it would destroy the input. Choose another output name.`, 'E_OUT_IS_INPUT');
    }
    if (st) {
      if (st.isDirectory()) throw new UserError(`${option} "${out}" is a folder. Give a file name inside it (e.g. ${join(out, 'out.wav')}).`, 'E_OUT_EXISTS');
      if (!st.isFile()) throw new UserError(`${option} "${out}" exists and is not a regular file (a device, pipe or socket); it is never replaced. Write to a regular file.`, 'E_OUT_EXISTS');
      if (!opts.force) throw new UserError(`${option} "${out}" already exists. Pass --force to replace it, or choose another name.`, 'E_OUT_EXISTS');
      if ((st.mode & 0o222) === 0) throw new UserError(`${option} "${out}" is read-only, so it is not replaced even with --force. Make it writable (chmod u+w) or choose another name.`, 'E_OUT_READONLY');
    }
    checkFolder(out, option);
  }
}

/** The output's folder exists (or can be created: its nearest existing ancestor is a writable folder). */
function checkFolder(out: string, option: string): void {
  const dir = dirname(resolve(out));
  let p = dir;
  for (;;) {
    const st = statOrNull(p);
    if (st) {
      if (!st.isDirectory()) throw new UserError(`cannot write ${option} "${out}": "${p}" is a file, not a folder. Choose another output path.`, 'E_OUT_FOLDER');
      try {
        accessSync(p, constants.W_OK | constants.X_OK);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new UserError(`cannot write ${option} "${out}": the folder "${p}" is ${code === 'EROFS' ? 'on a read-only file system' : 'not writable'}. Choose another output path${code === 'EROFS' ? '' : ' or change its permissions'}.`, 'E_OUT_FOLDER');
      }
      return;
    }
    const parent = dirname(p);
    if (parent === p) throw new UserError(`cannot write ${option} "${out}": no folder of it exists. Check the path.`, 'E_OUT_FOLDER');
    p = parent;
  }
}
