/**
 * Helpers for the picture tests. vega/vega-lite are ESM-only with a top-level await, which jest's
 * CommonJS runtime cannot load (without --experimental-vm-modules), so everything that draws runs
 * in a child `node --import tsx` process, exactly like the real CLI; the pictures it writes are
 * checked here: SVG parsed for vega's named marks, PNG decoded with resvg.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const SRC = join(ROOT, 'src');

export interface ChildResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run TypeScript `code` in a child process (tsx). Import project files by absolute path (use SRC). */
export function runTsx(code: string, timeoutMs = 120000): ChildResult {
  const dir = mkdtempSync(join(tmpdir(), 'tr-plot-child-'));
  const file = join(dir, 'child.ts');
  writeFileSync(file, code);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run several `timbre-remap plot …` command lines in one child process (saves the start-up per
 * run). Errors are mapped as src/cli/main.ts does (UserError → exit 2 and "error: …" on stderr).
 */
export function runPlotInChild(argvs: string[][]): CliRun[] {
  const r = runTsx(`
    import { command } from ${JSON.stringify(join(SRC, 'cli/commands/plot'))};
    import { UserError } from ${JSON.stringify(join(SRC, 'util/errors'))};
    (async () => {
      const out = [];
      for (const argv of ${JSON.stringify(argvs)}) {
        let stdout = '', stderr = '', code;
        const io = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, isTTY: false };
        try { code = await command.run(argv, io); }
        catch (e) { stderr += 'error: ' + e.message + '\\n'; code = e instanceof UserError ? 2 : 1; if (!(e instanceof UserError)) stderr += e.stack; }
        out.push({ code, stdout, stderr });
      }
      process.stdout.write('\\n@@RESULT@@' + JSON.stringify(out));
    })();
  `);
  const at = r.stdout.indexOf('@@RESULT@@');
  if (at < 0) throw new Error(`child plot run failed (status ${r.status}):\n${r.stderr.slice(-3000)}\n${r.stdout.slice(-2000)}`);
  return JSON.parse(r.stdout.slice(at + '@@RESULT@@'.length)) as CliRun[];
}

/**
 * The items vega drew for the mark named `name` (vega-lite unit `name` → SVG group class
 * `NAME_marks`): one string per item, holding its aria-label (the data values it shows).
 * Line marks give one item per line.
 */
export function svgMarkItems(svg: string, name: string): string[] {
  const items: string[] = [];
  const open = new RegExp(`<g class="mark-[a-z]+ role-mark ${name}_marks"[^>]*>`, 'g');
  let m: RegExpExecArray | null;
  while ((m = open.exec(svg))) {
    const end = svg.indexOf('</g>', m.index + m[0].length);
    const body = svg.slice(m.index + m[0].length, end);
    for (const item of body.match(/<(path|line|text|rect)\b[^>]*role="graphics-symbol"[^>]*>/g) ?? []) {
      const label = /aria-label="([^"]*)"/.exec(item);
      items.push(label ? label[1] : '');
    }
  }
  return items;
}

/** A number shown for `field` in an aria-label ("field: value"); vega writes minus as U+2212. */
export function labelNumber(label: string, field: string): number {
  const i = label.indexOf(`${field}: `);
  if (i < 0) return NaN;
  const raw = label.slice(i + field.length + 2).split(';')[0].replace(/\u2212/g, '-').replace(/,/g, '');
  return Number(raw);
}

/** PNG signature and IHDR size. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!sig.every((b, i) => bytes[i] === b)) throw new Error('not a PNG (bad signature)');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') throw new Error('not a PNG (no IHDR)');
  return { width: dv.getUint32(16), height: dv.getUint32(20) };
}

/** Decode a PNG to RGBA pixels, with resvg (an <image> at its natural size, rendered 1:1). */
export function decodePng(bytes: Uint8Array): { width: number; height: number; pixels: Uint8Array } {
  const { width, height } = pngSize(bytes);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Resvg } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}"><image width="${width}" height="${height}" xlink:href="data:image/png;base64,${Buffer.from(bytes).toString('base64')}"/></svg>`;
  const img = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render();
  return { width: img.width, height: img.height, pixels: new Uint8Array(img.pixels) };
}

/** Number of distinct RGBA values, and the fraction of pixels that are not (near) white. */
export function pixelStats(pixels: Uint8Array): { distinct: number; inkFraction: number } {
  const seen = new Set<number>();
  let ink = 0;
  const n = pixels.length / 4;
  for (let i = 0; i < n; i++) {
    const r = pixels[4 * i], g = pixels[4 * i + 1], b = pixels[4 * i + 2], a = pixels[4 * i + 3];
    seen.add(((r << 24) | (g << 16) | (b << 8) | a) >>> 0);
    if (a > 0 && (r < 235 || g < 235 || b < 235)) ink++;
  }
  return { distinct: seen.size, inkFraction: ink / n };
}
