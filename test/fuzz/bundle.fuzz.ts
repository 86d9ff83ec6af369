/**
 * Hostile model bundles: the shipped model's JSON with fields deleted, retyped, set to NaN/huge
 * values or truncated, and its ONNX graph with bytes flipped, truncated or swapped for another
 * file. Each bundle is loaded into an Engine that already plays a model: a refusal must be a
 * failed Status (clear error) with the previous model still playing; an accepted bundle must give
 * finite parameters in [0, 1] for onset frames.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../src/engine/engine';
import { emptyCounts, record, rng, type FuzzCounts, type FuzzOptions } from './counts';

const MODEL = join(__dirname, '../../models/gmrock_808_snare_1');
const HANG_MS = 10000;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function paths(o: Json, prefix: string[] = [], out: string[][] = []): string[][] {
  if (o && typeof o === 'object') {
    for (const [k, v] of Object.entries(o)) {
      out.push([...prefix, k]);
      if (out.length < 4000) paths(v as Json, [...prefix, k], out);
    }
  }
  return out;
}

function mutateJson(r: () => number, src: string): { text: string; what: string } {
  if (r() < 0.1) {
    const n = Math.floor(r() * src.length);
    return { text: src.slice(0, n), what: `json truncated at ${n}` };
  }
  const o = JSON.parse(src) as Json;
  const all = paths(o);
  const p = all[Math.floor(r() * all.length)];
  let parent = o as Record<string, Json>;
  for (const k of p.slice(0, -1)) parent = parent[k] as Record<string, Json>;
  const key = p[p.length - 1];
  const values: Json[] = [null, 'NaN', -1, 0, 1e308, -1e308, '', 'x', [], {}, true, Array(100000).fill(1), [NaN as unknown as Json]];
  const k = Math.floor(r() * (values.length + 1));
  if (k === values.length) delete parent[key];
  else parent[key] = values[k];
  return { text: JSON.stringify(o).replace('"NaN"', r() < 0.5 ? 'NaN' : '"NaN"'), what: `json ${p.join('.')} = ${k === values.length ? 'deleted' : JSON.stringify(values[k])?.slice(0, 20)}` };
}

function mutateOnnx(r: () => number, src: Uint8Array): { bytes: Uint8Array; what: string } {
  const b = Uint8Array.from(src);
  const kind = Math.floor(r() * 4);
  if (kind === 0) {
    const n = Math.floor(r() * b.length);
    return { bytes: b.subarray(0, n), what: `onnx truncated at ${n}` };
  }
  if (kind === 1) {
    for (let i = 0; i < 1 + Math.floor(r() * 8); i++) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
    return { bytes: b, what: 'onnx bytes flipped' };
  }
  if (kind === 2) {
    // float weights to NaN/Inf/huge patterns
    const v = new DataView(b.buffer);
    for (let i = 0; i < 16; i++) {
      const at = Math.floor(r() * (b.length - 4));
      v.setUint32(at, [0x7fc00000, 0x7f800000, 0x7f7fffff][i % 3], true);
    }
    return { bytes: b, what: 'onnx NaN/Inf weights' };
  }
  return { bytes: new Uint8Array(Math.floor(r() * 64)).map(() => Math.floor(r() * 256)), what: 'onnx random bytes' };
}

export async function fuzz(opts: FuzzOptions): Promise<FuzzCounts> {
  const c = emptyCounts();
  const r = rng(opts.seed);
  const dir = mkdtempSync(join(tmpdir(), 'tr-fuzz-bundle-'));
  const json = readFileSync(`${MODEL}.json`, 'utf8');
  const onnx = new Uint8Array(readFileSync(`${MODEL}.onnx`));
  const engine = new Engine();
  const first = await engine.loadModel(MODEL);
  if (!first.ok) throw new Error(`the shipped model does not load: ${first.error}`);
  const frames = Array.from({ length: 4 }, (_, k) => Float32Array.from({ length: 256 }, (_, i) => (k === 0 ? 0 : Math.sin(i * (k + 1) * 0.3) * Math.exp(-i / 60) * 0.9 ** k)));
  const end = Date.now() + opts.seconds * 1000;
  let n = 0;
  try {
    while (Date.now() < end) {
      const base = join(dir, `m${n++}`);
      let what: string;
      if (r() < 0.5) {
        const m = mutateJson(r, json);
        writeFileSync(`${base}.json`, m.text);
        writeFileSync(`${base}.onnx`, onnx);
        what = m.what;
      } else {
        const m = mutateOnnx(r, onnx);
        writeFileSync(`${base}.json`, json);
        writeFileSync(`${base}.onnx`, m.bytes);
        what = m.what;
      }
      const t0 = Date.now();
      try {
        let timer: NodeJS.Timeout | undefined;
        const s = await Promise.race([engine.loadModel(base), new Promise<never>((_, rej) => (timer = setTimeout(() => rej(new Error('__hang')), HANG_MS)))]).finally(() => clearTimeout(timer));
        if (!s.ok) {
          // Refused: the previous model must still be the one playing.
          const d = engine.describe();
          record(c, d.model && !d.model.startsWith(base) ? 'clearError' : 'silentWrong', `${what}: refused but the engine now plays ${d.model}`);
        } else {
          let bad: string | null = null;
          for (const f of frames) {
            const res = await engine.processFrame(f);
            if (!res.ok) bad = `frame refused: ${res.error}`;
            else if (!res.params01.every((v) => Number.isFinite(v) && v >= 0 && v <= 1) || !res.physical.every(Number.isFinite)) bad = 'non-finite or out-of-range parameters';
          }
          record(c, bad ? 'silentWrong' : 'ok', bad ? `${what}: accepted, ${bad}` : undefined);
          await engine.loadModel(MODEL); // back to the shipped model for the next case
        }
      } catch (e) {
        record(c, (e as Error).message === '__hang' ? 'hang' : 'crash', `${what}: ${(e as Error).message} (${Date.now() - t0} ms)`);
      }
      rmSync(`${base}.json`, { force: true });
      rmSync(`${base}.onnx`, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return c;
}
