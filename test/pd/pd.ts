/**
 * Helpers to run real Pure Data in tests: find the binary (a missing `pd` fails the test with the
 * install command, it is never skipped), build the library folder as users get it (into a temporary
 * folder, once per test process), write test patches, run them headless in logical time (`-batch`,
 * for DSP renders) or in real time (for UDP/OSC), and read Pd's float WAVs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildPdLibrary, PD_LIBRARY_NAME } from '../../scripts/build-pd';
import { requireTool } from '../helpers/tools';

/** The committed (generated) patches. */
export const PD_PATCH_DIR = resolve(__dirname, '../../patchers/pd');

let library: string | undefined;
/** The library folder (patches + noise + models + example), built once per test process into a temporary folder. */
export function pdLibraryDir(): string {
  if (!library) {
    const root = mkdtempSync(join(tmpdir(), 'tr-pd-lib-'));
    process.on('exit', () => rmSync(root, { recursive: true, force: true }));
    library = join(root, PD_LIBRARY_NAME);
    buildPdLibrary(library);
  }
  return library;
}

/** Path of the `pd` binary; throws at once (so the test fails, with the install command) when Pure Data is missing. */
export function requirePd(): string {
  return requireTool('pd');
}

/** Escape a Pd atom text: `$`, `,` and `;` are special in .pd files. */
export function pdEscape(t: string): string {
  return t.replace(/\$/g, '\\$').replace(/\s*,\s*/g, ' \\, ').replace(/\s*;\s*/g, ' \\; ').trim();
}

/** A patch built in code: boxes get indices in creation order, connections by index. */
export class PdPatch {
  private readonly lines: string[] = [];
  private readonly conns: string[] = [];
  private n = 0;
  private y = 10;
  obj(text: string): number {
    this.lines.push(`#X obj 10 ${(this.y += 25)} ${pdEscape(text)};`);
    return this.n++;
  }
  msg(text: string): number {
    this.lines.push(`#X msg 10 ${(this.y += 25)} ${pdEscape(text)};`);
    return this.n++;
  }
  connect(a: number, outlet: number, b: number, inlet: number): this {
    this.conns.push(`#X connect ${a} ${outlet} ${b} ${inlet};`);
    return this;
  }
  text(): string {
    return ['#N canvas 0 50 800 600 12;', ...this.lines, ...this.conns].join('\n') + '\n';
  }
  save(path: string): string {
    writeFileSync(path, this.text());
    return path;
  }
}

export interface PdResult {
  code: number | null;
  stderr: string;
}

function pdArgs(patch: string, batch: boolean, extra: string[] = []): string[] {
  return ['-nogui', '-noaudio', ...(batch ? ['-batch'] : []), '-noprefs', '-stderr', '-path', pdLibraryDir(), ...extra, '-open', patch];
}

/** Run a patch in logical time (`-batch`); the patch must end with `; pd quit`. */
export function runPdBatch(patch: string, timeoutMs = 60000): PdResult {
  const pd = requirePd();
  const r = spawnSync(pd, pdArgs(patch, true), { encoding: 'utf8', timeout: timeoutMs });
  if (r.error) throw new Error(`pd failed to run: ${r.error.message}`);
  return { code: r.status, stderr: r.stderr };
}

/** Start a patch in real time (needed for UDP); resolves when Pd exits or rejects after `timeoutMs` (Pd killed). */
export function runPdRealtime(patch: string, timeoutMs: number, extra: string[] = []): { child: ChildProcess; done: Promise<PdResult> } {
  const pd = requirePd();
  const child = spawn(pd, pdArgs(patch, false, extra), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<PdResult>((res, rej) => {
    const t = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`pd did not finish within ${timeoutMs} ms; stderr:\n${stderr.slice(-3000)}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(t);
      res({ code, stderr });
    });
  });
  return { child, done };
}

/** Pd's `soundfiler write -bytes 4` output: WAVE_FORMAT_EXTENSIBLE float32 (read here, independent of src/io). */
export function readPdFloatWav(path: string): Float32Array {
  const b = readFileSync(path);
  if (b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WAVE') throw new Error(`${path} is not a WAV file`);
  let off = 12;
  let bits = 0;
  while (off + 8 <= b.length) {
    const id = b.toString('latin1', off, off + 4);
    const size = b.readUInt32LE(off + 4);
    if (id === 'fmt ') bits = b.readUInt16LE(off + 8 + 14);
    if (id === 'data') {
      if (bits !== 32) throw new Error(`${path}: expected 32-bit float samples, got ${bits}-bit`);
      const n = Math.floor(Math.min(size, b.length - off - 8) / 4);
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = b.readFloatLE(off + 8 + 4 * i);
      return out;
    }
    off += 8 + size + (size & 1);
  }
  throw new Error(`${path}: no data chunk`);
}
