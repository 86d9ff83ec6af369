/**
 * Argument checks for the public entry points (src/index.ts): each throws a UserError naming the
 * function, the argument, the bad value and what to pass, so a wrong call from a host or a script
 * never becomes a raw TypeError, a NaN in the output or a multi-gigabyte allocation.
 */
import { UserError } from './errors';

export function describeValue(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'symbol') return 'a symbol';
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}(${(v as unknown as { length?: number }).length ?? v.byteLength})`;
  return 'an object';
}

function fail(fn: string, what: string, v: unknown, fix: string): never {
  throw new UserError(`${fn}: ${what}; got ${describeValue(v)}. ${fix}`.trim(), 'E_ARG');
}

/** A finite number within [min, max]. */
export function checkNumber(fn: string, name: string, v: unknown, min: number, max: number, fix = ''): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) fail(fn, `${name} must be a number within ${min}…${max}`, v, fix);
  return v;
}

/** A whole number within [min, max]. */
export function checkInteger(fn: string, name: string, v: unknown, min: number, max: number, fix = ''): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(fn, `${name} must be a whole number within ${min}…${max}`, v, fix);
  return v;
}

/** A sample rate in Hz a host can run at (1 kHz … 768 kHz; the engine itself needs 8–384 kHz). */
export function checkSampleRate(fn: string, v: unknown, min = 1000, max = 768000): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) fail(fn, `sampleRateHz must be a number of Hz within ${min}…${max}`, v, 'Pass the stream\'s rate, e.g. 44100.');
  return v;
}

/** An options object (undefined → {}). */
export function checkOptions<T extends object>(fn: string, v: unknown): T {
  if (v === undefined) return {} as T;
  if (v === null || typeof v !== 'object' || Array.isArray(v) || ArrayBuffer.isView(v)) fail(fn, 'options must be an object', v, 'Pass {} or leave it out.');
  return v as T;
}

/**
 * A list of finite numbers (typed array or array), of `length` elements when given, at most
 * `maxLength`. Returns it unchanged.
 */
export function checkSamples(fn: string, name: string, v: unknown, opts: { length?: number; maxLength?: number } = {}): ArrayLike<number> {
  const isList = Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
  if (!isList) fail(fn, `${name} must be an array or typed array of numbers`, v, '');
  const a = v as ArrayLike<unknown>;
  if (opts.length !== undefined && a.length !== opts.length) fail(fn, `${name} must have ${opts.length} values`, v, '');
  if (opts.maxLength !== undefined && a.length > opts.maxLength) fail(fn, `${name} may have at most ${opts.maxLength} values`, v, '');
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new UserError(`${fn}: ${name}[${i}] is ${describeValue(x)}; every value must be a finite number.`, 'E_ARG');
  }
  return a as ArrayLike<number>;
}
