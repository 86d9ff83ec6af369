/**
 * Pure checks of decoded OSC messages (no sockets): a message under the prefix (codec.ts) becomes a
 * typed request or a readable error naming the address, the argument and what to send instead.
 * Numbers are `f` or `i`, strings `s`; anything else (doubles above all, which Max and some
 * libraries send) is refused with the tag it came with.
 */
import { MAX_OSC_EPOCHS, OSC_IN, OSC_PREFIX } from './addresses';
import type { OscMessage, OscValue } from './codec';

export type OscRequest =
  | { kind: 'hello'; hz?: number }
  | { kind: 'frame'; samples: Float64Array }
  | { kind: 'hit'; id: number; samples: Float64Array }
  | { kind: 'load'; path: string; baseDir?: string }
  | { kind: 'preset'; name: string; baseDir?: string }
  | { kind: 'sensitivity'; value: number }
  | { kind: 'reset' }
  | { kind: 'samplerate'; hz: number }
  | { kind: 'train'; input: string; preset: string; out: string; epochs?: number; baseDir?: string }
  | { kind: 'cancel' };

export type Parsed = { ok: true; request: OscRequest } | { ok: false; error: string };

/** Longest frame we accept (a 2048-sample window at 352.8 kHz fits; UDP caps packets at 64 KB anyway). */
export const MAX_FRAME_SAMPLES = 8192;

const TYPE_NAMES: Record<string, string> = {
  d: 'a double (d; send float32 f)', h: 'an int64 (h)', t: 'a time tag (t)', b: 'a blob (b)', T: 'true (T)', F: 'false (F)',
  N: 'nil (N)', I: 'impulse (I)', m: 'MIDI (m)', c: 'a char (c)', r: 'a colour (r)', S: 'a symbol (S)',
};

function typeName(tag: string, a: OscValue): string {
  if (tag === 's') {
    const s = a as string;
    return `the string "${s.length > 40 ? `${s.slice(0, 40)}…` : s}"`;
  }
  return TYPE_NAMES[tag] ?? `type ${tag}`;
}

const isNumberTag = (t: string) => t === 'f' || t === 'i';
const fail = (error: string): Parsed => ({ ok: false, error });

function wantCount(address: string, n: number, min: number, max: number, what: string): string | null {
  if (n >= min && n <= max) return null;
  return `${address} takes ${what}; got ${n} argument${n === 1 ? '' : 's'}. Nothing changed.`;
}

function wantString(m: OscMessage, i: number, what: string): string | null {
  if (m.tags[i] === 's' && (m.args[i] as string).length > 0) return null;
  return `${m.address}: ${what} must be a non-empty string (type tag s); got ${typeName(m.tags[i], m.args[i])}. Nothing changed.`;
}

function wantNumber(m: OscMessage, i: number, what: string): string | null {
  if (isNumberTag(m.tags[i]) && Number.isFinite(m.args[i] as number)) return null;
  return `${m.address}: ${what} must be a number (type tag f or i); got ${m.tags[i] === 'f' ? String(m.args[i]) : typeName(m.tags[i], m.args[i])}. Nothing changed.`;
}

/** Samples from argument `from` on, as a Float64Array, or an error. */
function samplesOf(m: OscMessage, from: number, what: string): Float64Array | string {
  const n = m.args.length - from;
  if (n <= 0) return `${m.address} has no samples; send the onset window (256 float samples at 44.1 kHz)${what}.`;
  if (n > MAX_FRAME_SAMPLES) return `${m.address} has ${n} samples; at most ${MAX_FRAME_SAMPLES} are accepted (send the 256-sample onset window). Frame ignored.`;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = m.tags[from + i];
    const v = m.args[from + i];
    if (!isNumberTag(t)) {
      const hint = t === 'd' ? 'doubles (d) are not supported: send float32 (f)' : 'every sample must be a float (type tag f)';
      return `${m.address}: sample ${i} is ${typeName(t, v)}; ${hint}. Frame ignored.`;
    }
    if (!Number.isFinite(v as number)) return `${m.address}: sample ${i} is ${String(v)}; every sample must be a finite number. Frame ignored.`;
    out[i] = v as number;
  }
  return out;
}

/** An optional trailing string (baseDir) at index i. */
function optBaseDir(m: OscMessage, i: number): string | undefined | { error: string } {
  if (m.args.length <= i) return undefined;
  const e = wantString(m, i, 'BASEDIR (the folder relative paths start from)');
  return e ? { error: e } : (m.args[i] as string);
}

const withBase = <T extends object>(r: T, baseDir: string | undefined): T => (baseDir === undefined ? r : { ...r, baseDir });

/** Parse one decoded message. Never throws. */
export function parseOscMessage(m: OscMessage): Parsed {
  const { address } = m;
  const n = m.args.length;
  switch (address) {
    case OSC_IN.frame: {
      const s = samplesOf(m, 0, ' as its arguments');
      return typeof s === 'string' ? fail(s) : { ok: true, request: { kind: 'frame', samples: s } };
    }
    case OSC_IN.hit: {
      if (n === 0) return fail(`${address} takes a hit id then the onset window (256 float samples at 44.1 kHz); got nothing.`);
      const e = wantNumber(m, 0, 'the hit id (first argument)');
      if (e) return fail(e);
      const s = samplesOf(m, 1, ' after the hit id');
      return typeof s === 'string' ? fail(s) : { ok: true, request: { kind: 'hit', id: m.args[0] as number, samples: s } };
    }
    case OSC_IN.hello: {
      const e = wantCount(address, n, 0, 1, 'no argument or one float: the host sample rate in Hz') ?? (n === 1 ? wantNumber(m, 0, 'the sample rate') : null);
      if (e) return fail(e);
      return { ok: true, request: n === 1 ? { kind: 'hello', hz: m.args[0] as number } : { kind: 'hello' } };
    }
    case OSC_IN.load: {
      const e = wantCount(address, n, 1, 2, 'a model (NAME, PATH, PATH.onnx or PATH.json) and optionally the folder relative paths start from') ?? wantString(m, 0, 'the model path');
      if (e) return fail(e);
      const b = optBaseDir(m, 1);
      if (typeof b === 'object') return fail(b.error);
      return { ok: true, request: withBase({ kind: 'load' as const, path: m.args[0] as string }, b) };
    }
    case OSC_IN.preset: {
      const e = wantCount(address, n, 1, 2, 'a preset name (e.g. 808_snare_1) or a preset JSON file, and optionally the folder relative paths start from') ?? wantString(m, 0, 'the preset');
      if (e) return fail(e);
      const b = optBaseDir(m, 1);
      if (typeof b === 'object') return fail(b.error);
      return { ok: true, request: withBase({ kind: 'preset' as const, name: m.args[0] as string }, b) };
    }
    case OSC_IN.sensitivity: {
      const e = wantCount(address, n, 1, 1, 'one float: the sensitivity 0…4') ?? wantNumber(m, 0, 'the sensitivity');
      return e ? fail(e) : { ok: true, request: { kind: 'sensitivity', value: m.args[0] as number } };
    }
    case OSC_IN.samplerate: {
      const e = wantCount(address, n, 1, 1, 'one float: the host sample rate in Hz') ?? wantNumber(m, 0, 'the sample rate');
      return e ? fail(e) : { ok: true, request: { kind: 'samplerate', hz: m.args[0] as number } };
    }
    case OSC_IN.reset: {
      const e = wantCount(address, n, 0, 0, 'no arguments');
      return e ? fail(e) : { ok: true, request: { kind: 'reset' } };
    }
    case OSC_IN.cancel: {
      const e = wantCount(address, n, 0, 0, 'no arguments');
      return e ? fail(e) : { ok: true, request: { kind: 'cancel' } };
    }
    case OSC_IN.train: {
      const e =
        wantCount(address, n, 3, 5, `INPUT PRESET OUT [EPOCHS] [BASEDIR]: three strings (recording or folder, preset, output path without extension), optionally the number of epochs (1…${MAX_OSC_EPOCHS}) and the folder relative paths start from`) ??
        wantString(m, 0, 'INPUT (a WAV file or folder)') ??
        wantString(m, 1, 'PRESET (a preset name or file)') ??
        wantString(m, 2, 'OUT (output path without extension)');
      if (e) return fail(e);
      const request: Extract<OscRequest, { kind: 'train' }> = { kind: 'train', input: m.args[0] as string, preset: m.args[1] as string, out: m.args[2] as string };
      let i = 3;
      if (n > i && isNumberTag(m.tags[i])) {
        const en = wantNumber(m, i, 'EPOCHS');
        if (en) return fail(en);
        const epochs = Math.round(m.args[i] as number);
        if (epochs < 1 || epochs > MAX_OSC_EPOCHS) return fail(`${address}: EPOCHS must be 1…${MAX_OSC_EPOCHS}; got ${String(m.args[i])}. Nothing started.`);
        request.epochs = epochs;
        i++;
      }
      const b = optBaseDir(m, i);
      if (typeof b === 'object') return fail(b.error);
      if (b !== undefined) {
        request.baseDir = b;
        i++;
      }
      if (n > i) return fail(`${address}: argument ${i} (${typeName(m.tags[i], m.args[i])}) is not expected; send INPUT PRESET OUT [EPOCHS] [BASEDIR]. Nothing started.`);
      return { ok: true, request };
    }
    default: {
      const known = Object.values(OSC_IN).join(', ');
      const shown = address.length > 60 ? `${address.slice(0, 60)}…` : address;
      return fail(`unknown address ${shown}; the bridge understands ${known}.`);
    }
  }
}

/** The error for a message outside the prefix (never decoded further). */
export function foreignAddressError(address: string): string {
  const shown = address.length > 40 ? `${address.slice(0, 40)}…` : address;
  return `unknown address ${shown} (every address starts with ${OSC_PREFIX}/, e.g. ${OSC_IN.frame}); packet ignored.`;
}
