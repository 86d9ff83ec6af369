/**
 * Which files an OSC client may make the bridge read or write (issue 12.5): only paths inside the
 * shipped models folder, the bridge's working folder and `--allow DIR` folders, symlinks followed.
 * A refusal is the same text whether or not the path exists, and no message quotes a file's
 * content. Reads are limited to regular files of a bounded size (a FIFO would block the bridge,
 * /dev/zero fill its memory: issue 12.3).
 */
import { closeSync, constants as fsConstants, existsSync, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { presetsDir } from '../../synth/presets';
import { bundlePaths } from '../../model/write';
import { FILE_LIMITS } from './addresses';
import { readFileBounded } from '../../io/files';
import { UserError } from '../../util/errors';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

export interface FileAccessOptions {
  /** The shipped models folder (default: the package's `models/`). */
  modelsDir?: string;
  /** The bridge's working folder (default: process.cwd()). */
  cwd?: string;
  /** More folders clients may use (`--allow DIR`). */
  allow?: readonly string[];
}

export interface FileAccess {
  readonly modelsDir: string;
  /** Real paths of every allowed folder. */
  readonly roots: readonly string[];
  /** `load`: a shipped model name or a bundle path → the checked base path (no extension). */
  model(path: string, baseDir?: string): Checked<string>;
  /** `preset`: a shipped preset name (returned as is, `file` false) or a preset file → its checked real path. */
  preset(nameOrFile: string, baseDir?: string): Checked<{ value: string; file: boolean }>;
  /** `train` INPUT: a WAV file or a folder of them → its checked real path and the checked WAV paths. */
  trainingInputs(path: string, baseDir?: string): Checked<{ path: string; isFolder: boolean; files: string[] }>;
  /** `train` OUT: a new bundle path whose folder exists; never an existing bundle. */
  trainingOut(path: string, baseDir?: string): Checked<string>;
  /** The allowed folders, for messages. */
  describe(): string;
}

export function defaultModelsDir(): string {
  return dirname(presetsDir());
}

function inside(child: string, root: string): boolean {
  const r = relative(root, child);
  return r === '' || (!r.startsWith(`..${sep}`) && r !== '..' && !isAbsolute(r));
}

/**
 * The path with every symlink resolved, whether or not the path (or a link's target) exists: a
 * dangling link is followed like any other, so a refusal cannot tell whether its target exists.
 * Components after the first missing one are appended as they are (nothing more to resolve).
 */
function realish(p: string, hops = 0): string {
  const parts = resolve(p).split(sep).filter(Boolean);
  let cur: string = sep;
  for (let i = 0; i < parts.length; i++) {
    const next = join(cur, parts[i]);
    let st;
    try {
      st = lstatSync(next);
    } catch {
      return join(next, ...parts.slice(i + 1));
    }
    if (st.isSymbolicLink()) {
      if (hops > 40) return join(next, ...parts.slice(i + 1)); // a loop: leave it unresolved (it cannot be read either)
      let target: string;
      try {
        target = readlinkSync(next);
      } catch {
        return join(next, ...parts.slice(i + 1));
      }
      cur = realish(resolve(cur, target), hops + 1);
    } else cur = next;
  }
  return cur;
}

const isBareName = (s: string) => !s.includes('/') && !s.includes('\\') && s !== '.' && s !== '..';

export function createFileAccess(opts: FileAccessOptions = {}): FileAccess {
  const modelsDir = resolve(opts.modelsDir ?? defaultModelsDir());
  const cwd = resolve(opts.cwd ?? process.cwd());
  const allow = (opts.allow ?? []).map((d) => resolve(cwd, d));
  const named: Array<[string, string]> = [['the models folder', modelsDir], ['the working folder', cwd], ...allow.map((d): [string, string] => ['--allow', d])];
  const lexicalRoots = named.map(([, d]) => d);
  const roots = [...new Set(lexicalRoots.map((d) => realish(d)))];

  const describe = () => named.map(([what, d]) => (what === '--allow' ? `--allow ${d}` : `${what} ${d}`)).join(', ');
  const refusal = (what: string, given: string) =>
    `${what} "${given}" is outside the folders the bridge may use: restart it with --allow DIR to add a folder, or move the file into one of them (${describe()}). Nothing changed.`;

  /** Absolute, confined path or a refusal. Touches the file system only for paths lexically inside a root. */
  function confine(what: string, given: string, baseDir: string | undefined): Checked<string> {
    if (given.includes('\0')) return { ok: false, error: `${what} contains a 0 byte; send a plain path. Nothing changed.` };
    if (baseDir !== undefined && !isAbsolute(baseDir)) return { ok: false, error: `BASEDIR "${baseDir}" must be an absolute folder (the patch's folder); relative paths then start there. Nothing changed.` };
    const abs = resolve(baseDir ?? cwd, given);
    if (!lexicalRoots.some((r) => inside(abs, r)) && !roots.some((r) => inside(abs, r))) return { ok: false, error: refusal(what, given) };
    const real = realish(abs);
    if (!roots.some((r) => inside(real, r))) return { ok: false, error: refusal(what, given) };
    return { ok: true, value: real };
  }

  function regularFile(path: string, shown: string, what: string, maxBytes: number): string | null {
    let st;
    try {
      st = statSync(path);
    } catch {
      return `${what} ${shown} not found. Nothing changed.`;
    }
    if (!st.isFile()) return `${what} ${shown} is not a regular file (a folder, FIFO or device); give a file. Nothing changed.`;
    if (st.size > maxBytes) return `${what} ${shown} is ${st.size} bytes; the bridge reads at most ${maxBytes} bytes for it. Nothing changed.`;
    return null;
  }

  return {
    modelsDir,
    roots,
    describe,
    model(path, baseDir) {
      let base: string;
      if (isBareName(path) && existsSync(join(modelsDir, `${bundlePaths(path).base}.json`))) base = join(modelsDir, bundlePaths(path).base);
      else {
        const c = confine('model', path, baseDir);
        if (!c.ok) return c;
        base = bundlePaths(c.value).base;
      }
      const p = bundlePaths(base);
      const e =
        regularFile(p.json, p.json, 'model file', FILE_LIMITS.modelJsonBytes) ?? regularFile(p.onnx, p.onnx, 'model file', FILE_LIMITS.modelOnnxBytes);
      if (e) return { ok: false, error: `${e.replace(/ Nothing changed\.$/, '')} A model is two files, NAME.onnx and NAME.json, side by side; the previous sound keeps playing.` };
      // Both halves must be inside (a symlinked .onnx could point elsewhere).
      for (const f of [p.json, p.onnx]) if (!roots.some((r) => inside(realish(f), r))) return { ok: false, error: refusal('model', path) };
      return { ok: true, value: base };
    },
    preset(nameOrFile, baseDir) {
      if (isBareName(nameOrFile) && !nameOrFile.endsWith('.json')) {
        const shipped = join(presetsDir(), `${nameOrFile}.json`);
        if (existsSync(shipped)) {
          const e = regularFile(shipped, nameOrFile, 'preset', FILE_LIMITS.presetBytes);
          if (e) return { ok: false, error: e };
        }
        return { ok: true, value: { value: nameOrFile, file: false } }; // the engine names the shipped presets when it is unknown
      }
      const c = confine('preset file', nameOrFile, baseDir);
      if (!c.ok) return c;
      const e = regularFile(c.value, nameOrFile, 'preset file', FILE_LIMITS.presetBytes);
      return e ? { ok: false, error: e } : { ok: true, value: { value: c.value, file: true } };
    },
    trainingInputs(path, baseDir) {
      const c = confine('training input', path, baseDir);
      if (!c.ok) return c;
      let st;
      try {
        st = statSync(c.value);
      } catch {
        return { ok: false, error: `training input ${path} not found; give a WAV file or a folder of WAV files. Nothing started.` };
      }
      if (st.isFile()) return { ok: true, value: { path: c.value, isFolder: false, files: [c.value] } };
      if (!st.isDirectory()) return { ok: false, error: `training input ${path} is not a regular file or folder (a FIFO or device?). Nothing started.` };
      // Expand here so that every recording (a symlink in the folder too) is checked.
      const wavs: string[] = [];
      for (const f of readdirSync(c.value).filter((x) => /\.wave?$/i.test(x)).sort()) {
        const full = join(c.value, f);
        const real = realish(full);
        if (!roots.some((r) => inside(real, r))) return { ok: false, error: refusal('training input', join(path, f)) };
        try {
          if (!statSync(real).isFile()) continue;
        } catch {
          continue;
        }
        wavs.push(real);
      }
      if (wavs.length === 0) return { ok: false, error: `training input folder ${path} holds no .wav files. Nothing started.` };
      return { ok: true, value: { path: c.value, isFolder: true, files: wavs } };
    },
    trainingOut(path, baseDir) {
      const c = confine('training output', path, baseDir);
      if (!c.ok) return c;
      const p = bundlePaths(c.value);
      const dir = dirname(p.base);
      let dirOk = false;
      try {
        dirOk = statSync(dir).isDirectory();
      } catch {
        dirOk = false;
      }
      if (!dirOk) return { ok: false, error: `training output folder ${dirname(path)} does not exist; the bridge creates no folders: make it first. Nothing started.` };
      const existing = [p.onnx, p.json].filter((f) => existsSync(f));
      if (existing.length) return { ok: false, error: `${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; the bridge never overwrites a model: choose another OUT. Nothing started.` };
      return { ok: true, value: p.base };
    },
  };
}

/**
 * A small regular file read with src/io/files.ts's bounded reader (non-blocking open, checked on
 * the descriptor, at most `maxBytes`), its refusal turned into a bridge error that reveals no more
 * than the kind of problem (existence is only revealed for confined paths).
 */
export function readSmallFile(path: string, shown: string, what: string, maxBytes: number): Checked<Buffer> {
  try {
    return { ok: true, value: readFileBounded(path, { maxBytes, what }) };
  } catch (e) {
    const code = e instanceof UserError ? e.code : '';
    if (code === 'E_NOTFILE') return { ok: false, error: `${what} ${shown} is not a regular file (a folder, FIFO or device); give a file. Nothing changed.` };
    if (code === 'E_TOOBIG') return { ok: false, error: `${what} ${shown} is more than the ${maxBytes} bytes the bridge reads for it. Nothing changed.` };
    if (code === 'E_NOFILE' || code === 'E_ACCESS' || code === 'E_IO' || code === 'E_NAME' || code === 'E_ISDIR') return { ok: false, error: `${what} ${shown} not found or not readable. Nothing changed.` };
    return { ok: false, error: `${what} ${shown} could not be read. Nothing changed.` };
  }
}

/** Every string (keys and values) in a parsed JSON value, at most `limit` of them. */
export function jsonStrings(v: unknown, out = new Set<string>(), limit = 100000): Set<string> {
  const stack: unknown[] = [v];
  while (stack.length && out.size < limit) {
    const x = stack.pop();
    if (typeof x === 'string') out.add(x);
    else if (Array.isArray(x)) for (const y of x) stack.push(y);
    else if (x && typeof x === 'object') {
      for (const [k, y] of Object.entries(x)) {
        out.add(k);
        stack.push(y);
      }
    }
  }
  return out;
}

/**
 * Take a file's own text out of an error message (issue 12.5: no file content in any message).
 * `fileStrings` are the strings of the client's file (jsonStrings); those in `keep` stay (the
 * public vocabulary of the shipped bundles and presets: field and parameter names, and what the
 * client itself sent). Longest first, so a short string inside a longer one cannot leave a rest.
 */
export function redactFileStrings(message: string, fileStrings: Iterable<string>, keep: ReadonlySet<string>): string {
  const hits = [...fileStrings].filter((s) => s.length >= 2 && !keep.has(s) && message.includes(s)).sort((a, b) => b.length - a.length);
  let m = message;
  for (const s of hits) m = m.split(s).join('…');
  return m;
}

/** Strings anyone can read in the shipped bundles and presets (kept in messages). */
export function publicVocabulary(modelsDir: string): Set<string> {
  const out = new Set<string>();
  const files: string[] = [];
  for (const d of [modelsDir, join(modelsDir, 'presets')]) {
    try {
      for (const f of readdirSync(d)) if (f.endsWith('.json')) files.push(join(d, f));
    } catch {
      /* no such folder in this install */
    }
  }
  for (const f of files) {
    const r = readSmallFile(f, f, 'file', FILE_LIMITS.modelJsonBytes);
    if (!r.ok) continue;
    try {
      jsonStrings(JSON.parse(r.value.toString('utf8')), out);
    } catch {
      /* not ours to judge here */
    }
  }
  return out;
}
