/**
 * The one command table of the hosts: every message a host accepts (Max `[node.script]` selectors,
 * OSC addresses `/timbreremap/NAME`), with its arguments, their types and docs. Both hosts parse
 * with `parseCommand`, so an argument means the same everywhere; help patches, reference pages,
 * `timbre-remap osc --help` and docs/pd.md take their text from here.
 *
 * Arguments are positional (as Max and Pd messages are). An optional argument (string or number) may be given
 * as `-` to mean "the default" so that a later one can be set (e.g. `train my.wav - - 50`).
 * Never throws: a problem comes back as an error naming the command, the argument, what was
 * received and what to send.
 */
import { didYouMeanHint } from '../util/didYouMean';
import { PARAMS } from '../synth/params';
import { listPresets } from '../synth/presets';

export type HostKind = 'max' | 'osc';

/**
 * Argument types: `floats` takes every remaining argument (numbers); `number`/`int` a finite
 * number (`int` rounded, ≥ `min`); `string` a non-empty string (Max also gives numbers as atoms:
 * `load 3` names a file "3"); `nameOrIndex` a string, or a whole number (an index into a menu).
 */
export type ArgType = 'floats' | 'number' | 'int' | 'string' | 'nameOrIndex';

export interface ArgSpec {
  readonly name: string;
  readonly type: ArgType;
  readonly optional?: boolean;
  /** Smallest accepted value (number/int). */
  readonly min?: number;
  readonly doc: string;
}

export interface CommandSpec {
  readonly name: string;
  readonly args: readonly ArgSpec[];
  /** Hosts that offer the command (default both). */
  readonly hosts?: readonly HostKind[];
  readonly doc: string;
}

/** Longest frame accepted (a 2048-sample window at 352.8 kHz fits; UDP caps packets at 64 KB anyway). */
export const MAX_FRAME_SAMPLES = 8192;

/** Most epochs a host may ask for (the CLI has no limit); a default run stops early by itself. */
export const MAX_HOST_EPOCHS = 2000;

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'frame',
    args: [{ name: 'samples', type: 'floats', doc: 'the onset window: 256 samples at 44.1 kHz (round(256·rate/44100) at the host rate), from 16 samples before the onset' }],
    doc: 'analyse one hit; answered with its features and synth parameters',
  },
  {
    name: 'hit',
    hosts: ['osc'],
    args: [
      { name: 'id', type: 'number', doc: 'the hit id, repeated in the answer (the client drops answers to hits it no longer waits for)' },
      { name: 'samples', type: 'floats', doc: 'the onset window, as for frame' },
    ],
    doc: 'analyse one hit; answered with answer <id> <14 physical parameters> and features <id> <3 features>',
  },
  {
    name: 'hello',
    hosts: ['osc'],
    args: [{ name: 'hz', type: 'number', optional: true, doc: 'the host sample rate (Hz)' }],
    doc: 'connect / heartbeat (every 500 ms); answered with welcome 1 (state known) or welcome 0 (new: re-send samplerate, load or preset, sensitivity), then base, detector and model',
  },
  {
    name: 'load',
    args: [
      { name: 'model', type: 'string', doc: 'a model bundle: NAME (a shipped model), or a path to NAME, NAME.json or NAME.onnx' },
      { name: 'baseDir', type: 'string', optional: true, doc: 'folder that a relative path is relative to (the patch\'s folder)' },
    ],
    doc: 'load a model bundle; on failure the previous model keeps playing',
  },
  {
    name: 'preset',
    args: [{ name: 'preset', type: 'nameOrIndex', doc: 'a shipped preset name, its index in the preset list, or a preset .json file' }],
    doc: 'play a preset unchanged (drops the model)',
  },
  {
    name: 'param',
    hosts: ['max'],
    args: [
      { name: 'name', type: 'string', doc: `a synth parameter: ${PARAMS.map((p) => p.id).join(', ')}` },
      { name: 'value', type: 'number', doc: 'its value in physical units (Hz, ratio, ms, Q, dB)' },
    ],
    doc: 'override one parameter of the base sound',
  },
  {
    name: 'sensitivity',
    args: [{ name: 'value', type: 'number', doc: 'modulation scale 0…4 (default 1)' }],
    doc: 'how strongly the drum\'s timbre moves the synth',
  },
  {
    name: 'drywet',
    hosts: ['max'],
    args: [{ name: 'value', type: 'number', doc: '0 = drum only … 1 = synth only' }],
    doc: 'dry/wet mix; answered with drywet <0–1> for the patch\'s crossfade',
  },
  {
    name: 'samplerate',
    args: [{ name: 'hz', type: 'number', doc: 'the host sample rate (Hz)' }],
    doc: 'sets the expected frame length; answered with frame_samples <n> (Max) or a status (OSC)',
  },
  { name: 'reset', args: [], doc: 'back to the model\'s (or preset\'s) base sound: clears param overrides' },
  {
    name: 'train',
    args: [
      { name: 'input', type: 'string', doc: 'a recording of your drum (WAV) or a folder of them' },
      { name: 'preset', type: 'string', optional: true, doc: 'the synth preset to map onto (default 808_snare_1)' },
      { name: 'out', type: 'string', optional: true, doc: 'the model to write, without extension (default: beside the recording, INPUT-PRESET)' },
      { name: 'epochs', type: 'int', optional: true, min: 1, doc: `most epochs (default: until the validation loss stops improving; at most ${MAX_HOST_EPOCHS})` },
      { name: 'baseDir', type: 'string', optional: true, doc: 'folder that relative paths are relative to (the patch\'s folder)' },
      { name: 'arch', type: 'string', optional: true, doc: 'network: linear, mlp (default) or mlp-large' },
    ],
    doc: 'train a model on a recording of your drum; progress answers, then trained PATH',
  },
  { name: 'cancel', args: [], doc: 'stop training; the best model so far is written' },
  { name: 'presets', hosts: ['max'], args: [], doc: 'refill the preset menu (answers menu clear, menu append NAME…)' },
  {
    name: 'hitcheck',
    hosts: ['max'],
    args: [{ name: 'record', type: 'floats', doc: 'the hit record tr.remap~ wrote (state, window length, features, parameters, timbre, window; src/gen/record.ts)' }],
    doc: 'a hit gen~ played (checked against the engine, answered with features and parameters), or, for a model gen~ cannot run, one the engine answers (round trip)',
  },
  {
    name: 'model',
    hosts: ['max'],
    args: [{ name: 'model', type: 'nameOrIndex', doc: 'an item of the model menu (its index, the last being "load file…"), or a model name or path' }],
    doc: 'choose a model from the model menu',
  },
  { name: 'models', hosts: ['max'], args: [], doc: 'refill the model menu: the shipped models, the ones trained here, "load file…" (answers models clear, models append NAME…)' },
  {
    name: 'detector',
    hosts: ['max'],
    args: [
      { name: 'name', type: 'string', doc: 'a tr.onset~ setting (triggerDb, holdMs, … as ONSET_SETTINGS names them)' },
      { name: 'value', type: 'number', doc: 'its value' },
    ],
    doc: 'set the onset detector from a dial (answered with onset NAME VALUE for tr.onset~); said once when it overrides the model\'s own setting',
  },
  {
    name: 'record',
    hosts: ['max'],
    args: [{ name: 'on', type: 'int', min: 0, doc: '1 starts recording the drum input into a new WAV in your TimbreRemap folder, 0 stops' }],
    doc: 'record the drum for training (answers record open PATH / record stop, then recorded PATH)',
  },
  { name: 'describe', hosts: ['max'], args: [], doc: 'post the engine state to the console and answer status …' },
];

/** A `preset` argument as a preset name or file: an index picks from the shipped presets. */
export function presetArgName(p: string | number): string | undefined {
  return typeof p === 'number' ? listPresets()[p] : p;
}

/** The commands a host offers. */
export function commandsFor(host: HostKind): CommandSpec[] {
  return COMMANDS.filter((c) => !c.hosts || c.hosts.includes(host));
}

export function commandSpec(name: string, host?: HostKind): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name && (!host || !c.hosts || c.hosts.includes(host)));
}

/** `train input [preset] [out] …` for help text. */
export function synopsis(c: CommandSpec): string {
  const a = c.args.map((x) => (x.type === 'floats' ? `${x.name}…` : x.optional ? `[${x.name}]` : `<${x.name}>`));
  return [c.name, ...a].join(' ');
}

export type HostRequest =
  | { kind: 'frame'; samples: Float64Array }
  | { kind: 'hit'; id: number; samples: Float64Array }
  | { kind: 'hello'; hz?: number }
  | { kind: 'load'; model: string; baseDir?: string }
  | { kind: 'preset'; preset: string | number }
  | { kind: 'param'; name: string; value: number }
  | { kind: 'sensitivity'; value: number }
  | { kind: 'drywet'; value: number }
  | { kind: 'samplerate'; hz: number }
  | { kind: 'reset' }
  | { kind: 'train'; input: string; preset?: string; out?: string; epochs?: number; baseDir?: string; arch?: string }
  | { kind: 'cancel' }
  | { kind: 'presets' }
  | { kind: 'hitcheck'; record: Float64Array }
  | { kind: 'model'; model: string | number }
  | { kind: 'models' }
  | { kind: 'record'; on: number }
  | { kind: 'detector'; name: string; value: number }
  | { kind: 'describe' };

export type ParsedCommand = { ok: true; request: HostRequest } | { ok: false; error: string };

function describeValue(a: unknown): string {
  if (a === null) return 'nil';
  if (a === undefined) return 'nothing';
  if (typeof a === 'boolean') return `a boolean (${a})`;
  if (typeof a === 'string') return `the string "${a.length > 40 ? `${a.slice(0, 40)}…` : a}"`;
  if (typeof a === 'number') return String(a);
  if (a instanceof Uint8Array) return `a blob of ${a.length} bytes`;
  return typeof a;
}

/**
 * Check `args` against command `name` as host `host` offers it. `label` is how the user sees the
 * command in messages (`load` in Max, `/timbreremap/load` over OSC).
 */
export function parseCommand(name: string, args: readonly unknown[], host: HostKind, label = name): ParsedCommand {
  const spec = commandSpec(name, host);
  if (!spec) {
    const known = commandsFor(host).map((c) => c.name);
    return { ok: false, error: `unknown message "${label}".${didYouMeanHint(name, known)} The engine understands: ${known.join(', ')}. Nothing changed.` };
  }
  const usage = `${label} ${synopsis(spec).slice(spec.name.length + 1)}`.trim();
  // a missing `floats` argument is reported by its own check below ("is empty")
  const required = spec.args.filter((a) => !a.optional && a.type !== 'floats').length;
  const rest = spec.args.some((a) => a.type === 'floats');
  if (args.length < required || (!rest && args.length > spec.args.length)) {
    const n = spec.args.length;
    const takes = n === 0 ? 'no arguments' : `${required === n ? n : `${required}…${n}`} argument${n === 1 ? '' : 's'} (${spec.args.map((a) => `${a.name}: ${a.doc}`).join('; ')})`;
    return { ok: false, error: `${label} takes ${takes}; got ${args.length}. Usage: ${usage}. Nothing changed.` };
  }
  const out: Record<string, unknown> = { kind: spec.name };
  for (let i = 0; i < spec.args.length; i++) {
    const a = spec.args[i];
    if (a.type === 'floats') {
      const values = args.slice(i);
      if (values.length === 0) return { ok: false, error: `${label} is empty; send ${a.doc}. Nothing changed.` };
      if (values.length > MAX_FRAME_SAMPLES) return { ok: false, error: `${label} has ${values.length} samples; at most ${MAX_FRAME_SAMPLES} are accepted (${a.doc}). Ignored.` };
      const samples = new Float64Array(values.length);
      for (let k = 0; k < values.length; k++) {
        const v = values[k];
        if (typeof v !== 'number') return { ok: false, error: `${label}: sample ${k} is ${describeValue(v)}; every sample must be a number (float). Ignored.` };
        if (!Number.isFinite(v)) return { ok: false, error: `${label}: sample ${k} is ${v}; every sample must be a finite number. Ignored.` };
        samples[k] = v;
      }
      out[a.name] = samples;
      break;
    }
    const v = args[i];
    if (v === undefined) continue; // optional and absent
    if (a.optional && v === '-') continue; // any optional argument: Pd cannot leave out a number before a later string
    switch (a.type) {
      case 'number':
      case 'int': {
        if (typeof v !== 'number' || !Number.isFinite(v)) return { ok: false, error: `${label}: ${a.name} must be a number; got ${describeValue(v)}. Usage: ${usage}. Nothing changed.` };
        const n = a.type === 'int' ? Math.round(v) : v;
        if (a.min !== undefined && n < a.min) return { ok: false, error: `${label}: ${a.name} must be at least ${a.min}; got ${v}. Nothing changed.` };
        out[a.name] = n;
        break;
      }
      case 'string': {
        const s = typeof v === 'string' ? v : host === 'max' && typeof v === 'number' ? String(v) : null;
        if (s === null || s.length === 0) return { ok: false, error: `${label}: ${a.name} must be a non-empty string; got ${describeValue(v)}. Usage: ${usage}. Nothing changed.` };
        out[a.name] = s;
        break;
      }
      case 'nameOrIndex': {
        if (typeof v === 'number' && Number.isInteger(v) && v >= 0) out[a.name] = v;
        else if (typeof v === 'string' && v.length > 0) out[a.name] = v;
        else return { ok: false, error: `${label}: ${a.name} must be a name or a whole-number index ≥ 0; got ${describeValue(v)}. Usage: ${usage}. Nothing changed.` };
        break;
      }
    }
  }
  return { ok: true, request: out as unknown as HostRequest };
}
