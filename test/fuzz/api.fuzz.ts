/**
 * The library API with wrong types and values: every public entry point of src/index.ts (except
 * the training and OSC-bridge starters, fuzzed by their owners) called with arguments drawn from a
 * pool of hostile values (undefined, null, NaN, ±Infinity, negative, huge, strings, objects,
 * empty / NaN-filled / wrongly sized arrays). A UserError (or a failed Status) is a clear error; a
 * raw TypeError/RangeError is a crash; a result holding NaN or Infinity is silent-wrong.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as api from '../../src/index';
import { UserError } from '../../src/util/errors';
import { emptyCounts, record, rng, type FuzzCounts, type FuzzOptions } from './counts';

const HANG_MS = 5000;

function hostile(r: () => number): unknown {
  const pool: Array<() => unknown> = [
    () => undefined, () => null, () => NaN, () => Infinity, () => -Infinity, () => -1, () => 0, () => 1, () => 0.5, () => 44100,
    () => 1e12, () => -1e12, () => 2 ** 31, () => '', () => 'x', () => '808_snare_1', () => '44100', () => true, () => ({}), () => [],
    () => [1, 2, 3], () => new Float32Array(0), () => new Float32Array(256), () => new Float32Array(256).fill(NaN),
    () => new Float32Array(14).fill(0.5), () => Array(14).fill(NaN), () => Array(14).fill('a'), () => new Float64Array(14).fill(Infinity),
    () => Float32Array.from({ length: 4096 }, () => r() * 2 - 1), () => ({ mode: 'nope' }), () => ({ mode: 'reference', triggerDb: NaN }),
    () => ({ sampleRateHz: NaN }), () => ({ sensitivity: NaN }), () => ({ dryWet: NaN }), () => ({ voices: 0 }), () => ({ numSamples: -5 }),
    () => ({ blockSamples: 0 }), () => Symbol('s'), () => () => 1, () => new Float32Array(10).fill(1e30), () => 'models/gmrock_808_snare_1',
  ];
  return pool[Math.floor(r() * pool.length)]();
}

/** Any NaN/Infinity in a result (numbers, typed arrays, arrays and plain objects, 3 levels). */
function nonFinite(v: unknown, depth = 0): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : String(v);
  if (depth > 3 || v === null || typeof v !== 'object') return null;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const a = v as unknown as ArrayLike<number>;
    for (let i = 0; i < a.length; i++) if (typeof a[i] === 'number' && !Number.isFinite(a[i])) return `${v.constructor.name}[${i}] = ${a[i]}`;
    return null;
  }
  for (const x of Array.isArray(v) ? v : Object.values(v as object)) {
    const bad = nonFinite(x, depth + 1);
    if (bad) return bad;
  }
  return null;
}

type Call = { name: string; run: (args: unknown[]) => unknown; arity: number };

export async function fuzz(opts: FuzzOptions): Promise<FuzzCounts> {
  const c = emptyCounts();
  const r = rng(opts.seed);
  const dir = mkdtempSync(join(tmpdir(), 'tr-fuzz-api-'));
  const engine = new api.Engine();
  // Writers only ever get a path inside the target's temporary folder (any string → dir/w.wav).
  const withPath = (a: unknown) => (typeof a === 'string' && a !== '' ? join(dir, 'w.wav') : a);
  const calls: Call[] = [
    { name: 'toPhysical', arity: 1, run: ([a]) => api.toPhysical(a as number[]) },
    { name: 'toNormalised', arity: 1, run: ([a]) => api.toNormalised(a as number[]) },
    { name: 'paramIndex', arity: 1, run: ([a]) => api.paramIndex(a as string) },
    { name: 'loadPreset', arity: 1, run: ([a]) => api.loadPreset(a as string) },
    { name: 'renderHit', arity: 2, run: ([a, b]) => api.renderHit(a as number[], b as object) },
    { name: 'SynthVoice', arity: 4, run: ([a, b, p, o]) => { const v = new api.SynthVoice(a as number, b as object); v.trigger(p as number[]); const out = new Float32Array(o instanceof Float32Array ? o.length : 64); v.process(out); return out; } },
    { name: 'VoicePool', arity: 4, run: ([a, b, p, o]) => { const v = new api.VoicePool(a as number, b as object); v.trigger(p as number[]); const out = new Float32Array(o instanceof Float32Array ? o.length : 64); v.process(out); return out; } },
    { name: 'detectOnsets', arity: 3, run: ([a, b, o]) => api.detectOnsets(a as number[], b as number, o as object) },
    { name: 'createOnsetDetector', arity: 3, run: ([a, b, blk]) => api.createOnsetDetector(a as number, b as object).process(blk as number[]) },
    { name: 'onsetFeatures', arity: 2, run: ([a, b]) => api.onsetFeatures(a as number[], b as number) },
    { name: 'fullFeatures', arity: 2, run: ([a, b]) => api.fullFeatures(a as number[], b as number) },
    { name: 'segmentHits', arity: 4, run: ([a, b, s, o]) => api.segmentHits(a as number[], b as number[], s as number, o as object) },
    { name: 'validateBundleMeta', arity: 2, run: ([a, b]) => api.validateBundleMeta(a, b as string) },
    { name: 'Engine', arity: 1, run: ([a]) => new api.Engine(a as object).describe() },
    { name: 'engine.processFrame', arity: 1, run: ([a]) => engine.processFrame(a as number[]) },
    { name: 'engine.setParam', arity: 2, run: ([a, b]) => engine.setParam(a as string, b as number) },
    { name: 'engine.setSensitivity', arity: 1, run: ([a]) => engine.setSensitivity(a as number) },
    { name: 'engine.setSampleRate', arity: 1, run: ([a]) => { const s = engine.setSampleRate(a as number); engine.setSampleRate(44100); return s; } },
    { name: 'engine.setPreset', arity: 1, run: ([a]) => engine.setPreset(a as string) },
    { name: 'remapRecording', arity: 3, run: ([a, b, o]) => api.remapRecording(engine, a as Float32Array, b as number, o as object) },
    { name: 'readWav', arity: 1, run: ([a]) => api.readWav(a as string) },
    { name: 'writeWav', arity: 3, run: ([a, b, s]) => api.writeWav(withPath(a) as string, b as Float32Array, s as number) },
    { name: 'buildOnnxModel', arity: 1, run: ([a]) => api.buildOnnxModel(a as never) },
  ];
  const seen = new Set<string>();
  const end = Date.now() + opts.seconds * 1000;
  try {
    while (Date.now() < end) {
      const call = calls[Math.floor(r() * calls.length)];
      const args = Array.from({ length: call.arity }, () => hostile(r));
      const label = `${call.name}(${args.map((a) => (typeof a === 'symbol' ? 'Symbol' : ArrayBuffer.isView(a) ? `${a.constructor.name}(${(a as unknown as ArrayLike<number>).length})` : JSON.stringify(a) ?? String(a)).slice(0, 40)).join(', ')})`;
      if (process.env.FUZZ_TRACE) process.stderr.write(`${label}\n`);
      const t0 = Date.now();
      try {
        let v = call.run(args);
        if (v instanceof Promise) {
          let timer: NodeJS.Timeout | undefined;
          v = await Promise.race([v, new Promise((_, rej) => (timer = setTimeout(() => rej(new Error('__hang')), HANG_MS)))]).finally(() => clearTimeout(timer));
        }
        if (Date.now() - t0 > HANG_MS) record(c, 'hang', label);
        else if (v && typeof v === 'object' && 'ok' in v && (v as { ok: boolean }).ok === false) record(c, 'clearError');
        else {
          const bad = nonFinite(v);
          const key = `${call.name} silent`;
          record(c, bad ? 'silentWrong' : 'ok', bad && !seen.has(key) ? `${label} → ${bad}` : undefined);
          if (bad) seen.add(key);
        }
      } catch (e) {
        if ((e as Error)?.message === '__hang') record(c, 'hang', label);
        else if (e instanceof UserError) record(c, 'clearError');
        else {
          // One note per function and kind of failure (the first example of each).
          const key = `${call.name} ${(e as Error)?.constructor?.name} ${String((e as Error)?.message).slice(0, 30)}`;
          record(c, 'crash', seen.has(key) ? undefined : `${label}: ${(e as Error)?.constructor?.name} ${(e as Error)?.message?.slice(0, 100)}`);
          seen.add(key);
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return c;
}
