/**
 * Pure checks of decoded OSC messages (no sockets): what node-osc's decoder can hand us (numbers for
 * `i`/`f`, strings, Buffers for blobs and MIDI, booleans for T/F, null for N) is turned into a typed
 * request or a readable error naming the address, the argument and what to send instead.
 */
import { OSC_IN, OSC_PREFIX } from './addresses';

export type OscArg = number | string | boolean | null | Uint8Array | unknown;

export type OscRequest =
  | { kind: 'frame'; samples: Float64Array }
  | { kind: 'load'; path: string }
  | { kind: 'preset'; name: string }
  | { kind: 'sensitivity'; value: number }
  | { kind: 'reset' }
  | { kind: 'samplerate'; hz: number }
  | { kind: 'train'; input: string; preset: string; out: string; epochs?: number }
  | { kind: 'cancel' };

export type Parsed = { ok: true; request: OscRequest } | { ok: false; error: string };

/** Longest frame we accept (a 2048-sample window at 352.8 kHz fits; UDP caps packets at 64 KB anyway). */
export const MAX_FRAME_SAMPLES = 8192;

function typeName(a: OscArg): string {
  if (a === null) return 'nil (N)';
  if (typeof a === 'boolean') return `a boolean (${a ? 'T' : 'F'})`;
  if (typeof a === 'string') return `the string "${a.length > 40 ? `${a.slice(0, 40)}…` : a}"`;
  if (a instanceof Uint8Array) return `a blob of ${a.length} bytes`;
  return typeof a;
}

const fail = (error: string): Parsed => ({ ok: false, error });

function wantCount(address: string, args: readonly OscArg[], min: number, max: number, what: string): string | null {
  if (args.length >= min && args.length <= max) return null;
  return `${address} takes ${what}; got ${args.length} argument${args.length === 1 ? '' : 's'}. Nothing changed.`;
}

function wantString(address: string, a: OscArg, what: string): string | null {
  if (typeof a === 'string' && a.length > 0) return null;
  return `${address}: ${what} must be a non-empty string (type tag s); got ${typeName(a)}. Nothing changed.`;
}

function wantNumber(address: string, a: OscArg, what: string): string | null {
  if (typeof a === 'number' && Number.isFinite(a)) return null;
  return `${address}: ${what} must be a number (type tag f or i); got ${typeName(a)}. Nothing changed.`;
}

/** Parse one decoded message `[address, ...args]`. Never throws. */
export function parseOscMessage(address: unknown, args: readonly OscArg[]): Parsed {
  if (typeof address !== 'string') return fail('OSC message without an address; send e.g. /timbreremap/frame with float arguments.');
  switch (address) {
    case OSC_IN.frame: {
      if (args.length === 0) return fail(`${address} is empty; send the onset window (256 float samples at 44.1 kHz) as its arguments.`);
      if (args.length > MAX_FRAME_SAMPLES) return fail(`${address} has ${args.length} samples; at most ${MAX_FRAME_SAMPLES} are accepted (send the 256-sample onset window). Frame ignored.`);
      const samples = new Float64Array(args.length);
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (typeof a !== 'number') return fail(`${address}: sample ${i} is ${typeName(a)}; every sample must be a float (type tag f). Frame ignored.`);
        if (!Number.isFinite(a)) return fail(`${address}: sample ${i} is ${a}; every sample must be a finite number. Frame ignored.`);
        samples[i] = a;
      }
      return { ok: true, request: { kind: 'frame', samples } };
    }
    case OSC_IN.load: {
      const e = wantCount(address, args, 1, 1, 'one string: the model path (PATH, PATH.onnx or PATH.json)') ?? wantString(address, args[0], 'the model path');
      return e ? fail(e) : { ok: true, request: { kind: 'load', path: args[0] as string } };
    }
    case OSC_IN.preset: {
      const e = wantCount(address, args, 1, 1, 'one string: a preset name (e.g. 808_snare_1) or a preset JSON file') ?? wantString(address, args[0], 'the preset');
      return e ? fail(e) : { ok: true, request: { kind: 'preset', name: args[0] as string } };
    }
    case OSC_IN.sensitivity: {
      const e = wantCount(address, args, 1, 1, 'one float: the sensitivity 0…4') ?? wantNumber(address, args[0], 'the sensitivity');
      return e ? fail(e) : { ok: true, request: { kind: 'sensitivity', value: args[0] as number } };
    }
    case OSC_IN.samplerate: {
      const e = wantCount(address, args, 1, 1, 'one float: the host sample rate in Hz') ?? wantNumber(address, args[0], 'the sample rate');
      return e ? fail(e) : { ok: true, request: { kind: 'samplerate', hz: args[0] as number } };
    }
    case OSC_IN.reset: {
      const e = wantCount(address, args, 0, 0, 'no arguments');
      return e ? fail(e) : { ok: true, request: { kind: 'reset' } };
    }
    case OSC_IN.cancel: {
      const e = wantCount(address, args, 0, 0, 'no arguments');
      return e ? fail(e) : { ok: true, request: { kind: 'cancel' } };
    }
    case OSC_IN.train: {
      const e =
        wantCount(address, args, 3, 4, 'INPUT PRESET OUT [EPOCHS]: three strings (recording or folder, preset, output path without extension) and an optional number of epochs') ??
        wantString(address, args[0], 'INPUT (a WAV file or folder)') ??
        wantString(address, args[1], 'PRESET (a preset name or file)') ??
        wantString(address, args[2], 'OUT (output path without extension)') ??
        (args.length === 4 ? wantNumber(address, args[3], 'EPOCHS') : null);
      if (e) return fail(e);
      const request: OscRequest = { kind: 'train', input: args[0] as string, preset: args[1] as string, out: args[2] as string };
      if (args.length === 4) request.epochs = Math.round(args[3] as number);
      return { ok: true, request };
    }
    default: {
      const known = Object.values(OSC_IN).join(', ');
      const shown = address.length > 60 ? `${address.slice(0, 60)}…` : address;
      const hint = address.startsWith(OSC_PREFIX) ? '' : ` (every address starts with ${OSC_PREFIX})`;
      return fail(`unknown address ${shown}${hint}; the bridge understands ${known}.`);
    }
  }
}

/** Float32-typed OSC arguments (node-osc would send whole numbers as `i`; Pd and the contract want `f`). */
export function floatArgs(values: ArrayLike<number>): Array<{ type: 'f'; value: number }> {
  const out = new Array<{ type: 'f'; value: number }>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = { type: 'f', value: values[i] };
  return out;
}
