/**
 * The node.script host: Max messages → engine → answers on node.script's outlet (protocol in
 * messages.ts). Thin: checks arguments, calls the engine, routes Status to the Max console
 * (errors in red with what to do, warnings in yellow) and never throws into node.script — a bad
 * message changes nothing and the next hit plays as before.
 *
 * Threading: everything runs on node.script's event loop. Frames are answered in arrival order (a
 * chain of promises); control messages (load, preset, …) act at once, and a model swap is atomic in
 * the engine (a frame in flight uses one model). Messages that arrive before the engine is ready
 * are held back (at most `MAX_PENDING`) and replayed in order once it is.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { PARAMS } from '../../synth/params';
import { listPresets } from '../../synth/presets';
import { messageOf, type Status } from '../../util/errors';
import type { MaxApiLike } from './maxApi';
import { KNOWN_SELECTORS } from './messages';

/** What the host needs of the engine (src/engine/engine.ts `Engine`). */
export interface MaxEngine {
  readonly frameSamples: number;
  processFrame(frame: ArrayLike<number>): Promise<
    | { ok: true; params01: ArrayLike<number>; physical: ArrayLike<number>; features: ArrayLike<number> }
    | { ok: false; error: string }
  >;
  loadModel(path: string): Promise<Status>;
  setPreset(nameOrFile: string): Status;
  setParam(name: string, physical: number): Status;
  setSensitivity(s: number): Status;
  setSampleRate(hz: number): Status;
  reset(): Status;
  describe(): object;
}

/** What the host needs of training (src/train `startTraining`). */
export interface MaxTrainingJob {
  readonly done: Promise<{ out: { onnx: string; json: string }; cancelled?: boolean }>;
  cancel(): void;
  on(event: 'progress', cb: (p: { epoch: number; epochs: number; trainLoss: number; valLoss?: number }) => void): unknown;
}
export type MaxStartTraining = (opts: { inputs: string[]; preset: string; arch?: string; epochs?: number; out: string }) => MaxTrainingJob;

export interface MaxHostOptions {
  /** Folder where `load NAME` looks first (the package's models/). */
  modelsDir?: string;
  /** Training; absent: `train` answers that training is not available in this build. */
  startTraining?: MaxStartTraining;
  /** Platform for Max path conversion (default process.platform). */
  platform?: string;
}

export interface MaxHost {
  /** Resolves when the engine is ready (after `status ready`). */
  readonly ready: Promise<void>;
  /** Handle one Max message as node.script would (tests; the handlers call this). */
  handle(selector: string, ...args: unknown[]): Promise<void>;
}

export const MAX_PENDING = 256;
const ARCHS = ['linear', 'mlp', 'mlp-large'];

/**
 * Max gives file paths as `Macintosh HD:/Users/me/x.json` (opendialog without conformpath); Node
 * needs `/Users/me/x.json`. Windows drive letters (`C:/…`) are kept.
 */
export function maxPathToNative(p: string, platform: string = process.platform): string {
  const m = /^([^/:\\]+):(\/.*)$/.exec(p);
  if (m && !(platform === 'win32' && m[1].length === 1)) return m[2];
  return p;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : null);

export function createMaxHost(api: MaxApiLike, engineFactory: () => MaxEngine | Promise<MaxEngine>, opts: MaxHostOptions = {}): MaxHost {
  let engine: MaxEngine | null = null;
  const pending: Array<[string, unknown[]]> = [];
  let frameChain: Promise<void> = Promise.resolve();
  let job: MaxTrainingJob | null = null;
  let dryWet = 1;

  const out = (...args: Array<string | number>) => api.outlet(...args).catch(() => undefined);
  const post = (msg: string, level?: string) => (level ? api.post(msg, level) : api.post(msg)).catch(() => undefined);
  async function error(msg: string): Promise<void> {
    await post(`timbreremap: ${msg}`, api.POST_LEVELS.ERROR);
    await out('error', msg);
  }
  async function warn(msg: string): Promise<void> {
    await post(`timbreremap: ${msg}`, api.POST_LEVELS.WARN);
    await out('warning', msg);
  }
  async function report(s: Status): Promise<boolean> {
    if (!s.ok) {
      await error(s.error);
      return false;
    }
    if (s.warning) await warn(s.warning);
    return true;
  }

  function resolveModelPath(p: string): string {
    const native = maxPathToNative(p, opts.platform);
    if (isAbsolute(native)) return native;
    if (opts.modelsDir) {
      const inModels = join(opts.modelsDir, native);
      const candidates = [inModels, `${inModels}.json`, `${inModels}.onnx`];
      if (candidates.some((c) => existsSync(c))) return inModels;
    }
    return resolve(native);
  }

  async function frame(args: unknown[]): Promise<void> {
    const e = engine as MaxEngine;
    if (args.length !== e.frameSamples) {
      await error(`frame has ${args.length} values; expected ${e.frameSamples} (the onset window at this sample rate). Send the list captured by tr.onset~, and send "samplerate" when the rate changes. Frame ignored.`);
      return;
    }
    const bad = args.findIndex((v) => !isNum(v));
    if (bad >= 0) {
      await error(`frame value ${bad} is ${JSON.stringify(args[bad])}; every value must be a number. Frame ignored.`);
      return;
    }
    const r = await e.processFrame(args as number[]);
    if (!r.ok) {
      await error(r.error);
      return;
    }
    await out('features', ...Array.from(r.features));
    await out('params', ...Array.from(r.params01));
    await out('physical', ...Array.from(r.physical));
    const named: Array<string | number> = [];
    PARAMS.forEach((p, i) => named.push(p.id, r.physical[i]));
    await out('synth', ...named);
    await out('trigger');
  }

  async function train(args: unknown[]): Promise<void> {
    if (!opts.startTraining) {
      await error('training is not available in this build of the Max package; train with the command line: npx timbre-remap train YOUR.wav --preset NAME --out MODEL, then "load MODEL".');
      await out('status', 'training', 'unavailable');
      return;
    }
    if (job) {
      await error('a training run is already going; send "cancel" first or wait for it to finish.');
      return;
    }
    const wavArg = str(args[0]);
    if (!wavArg) {
      await error('train needs a WAV file: train <wav> [preset] [arch] [epochs].');
      return;
    }
    const wav = resolve(maxPathToNative(wavArg, opts.platform));
    if (!existsSync(wav)) {
      await error(`training file "${wav}" does not exist; drop a WAV recording of your drum on the train box or give its full path. Nothing changed.`);
      return;
    }
    const preset = str(args[1]) ?? '808_snare_1';
    if (!listPresets().includes(preset) && !existsSync(preset)) {
      await error(`unknown preset "${preset}" for training; use one of ${listPresets().join(', ')}. Nothing changed.`);
      return;
    }
    const arch = str(args[2]) ?? 'mlp';
    if (!ARCHS.includes(arch)) {
      await error(`unknown architecture "${arch}"; use ${ARCHS.join(', ')}. Nothing changed.`);
      return;
    }
    let epochs: number | undefined;
    if (args[3] !== undefined) {
      if (!isNum(args[3]) || args[3] < 1) {
        await error(`epochs must be a whole number ≥ 1; got ${JSON.stringify(args[3])}. Nothing changed.`);
        return;
      }
      epochs = Math.round(args[3]);
    }
    const base = join(dirname(wav), `${basename(wav, extname(wav))}-${basename(preset, '.json')}`);
    let outBase = base;
    for (let k = 2; existsSync(`${outBase}.json`) || existsSync(`${outBase}.onnx`); k++) outBase = `${base}-${k}`;
    let started: MaxTrainingJob;
    try {
      started = opts.startTraining({ inputs: [wav], preset, arch, epochs, out: outBase });
    } catch (e) {
      await error(`training could not start: ${messageOf(e)}`);
      return;
    }
    job = started;
    started.on('progress', (p) => {
      void out('progress', p.epoch, p.epochs, p.trainLoss, p.valLoss ?? -1);
    });
    await out('status', 'training', wav);
    started.done.then(
      async (rep) => {
        job = null;
        await out('status', rep.cancelled ? 'cancelled' : 'trained', rep.out.json);
        const s = await (engine as MaxEngine).loadModel(rep.out.json);
        if (await report(s)) await out('status', 'loaded', rep.out.json);
      },
      async (e) => {
        job = null;
        await error(`training failed: ${messageOf(e)}`);
        await out('status', 'training', 'failed');
      },
    );
  }

  async function dispatch(selector: string, args: unknown[]): Promise<void> {
    const e = engine as MaxEngine;
    switch (selector) {
      case 'frame':
        // answer frames in arrival order, whatever else happens meanwhile
        frameChain = frameChain.then(() => frame(args)).catch((x) => error(`frame failed: ${messageOf(x)}`));
        return frameChain;
      case 'load': {
        const p = str(args[0]);
        if (!p || args.length !== 1) return error('load needs one model: load <NAME | path/to/NAME.json>. Nothing changed.');
        const path = resolveModelPath(p);
        if (await report(await e.loadModel(path))) await out('status', 'loaded', path);
        return;
      }
      case 'preset': {
        // a number is an index into the shipped presets (a live.menu's index; its items are listPresets())
        const names = listPresets();
        const p = isNum(args[0]) && Number.isInteger(args[0]) ? names[args[0]] : str(args[0]);
        if (!p || args.length !== 1) return error(`preset needs one name or menu index: ${names.map((n, i) => `${i} ${n}`).join(', ')}, or a preset .json file. Nothing changed.`);
        if (await report(e.setPreset(maxPathToNative(p, opts.platform)))) await out('status', 'preset', p);
        return;
      }
      case 'param': {
        const [name, v] = args;
        if (typeof name !== 'string' || !isNum(v) || args.length !== 2) {
          return error(`param needs a name and a number: param <${PARAMS.map((q) => q.id).join('|')}> <value>. Nothing changed.`);
        }
        await report(e.setParam(name, v));
        return;
      }
      case 'sensitivity':
        if (args.length !== 1 || !isNum(args[0])) return error(`sensitivity needs one number 0–4; got ${JSON.stringify(args)}. Nothing changed.`);
        await report(e.setSensitivity(args[0]));
        return;
      case 'drywet': {
        if (args.length !== 1 || !isNum(args[0])) return error(`drywet needs one number 0–1; got ${JSON.stringify(args)}. Nothing changed.`);
        const w = Math.min(1, Math.max(0, args[0]));
        if (w !== args[0]) await warn(`drywet ${args[0]} is outside 0–1; clamped to ${w}.`);
        dryWet = w;
        await out('drywet', dryWet);
        return;
      }
      case 'samplerate':
        if (args.length !== 1 || !isNum(args[0])) return error(`samplerate needs one number (Hz); got ${JSON.stringify(args)}. Nothing changed.`);
        if (await report(e.setSampleRate(args[0]))) await out('frame_samples', e.frameSamples);
        return;
      case 'reset':
        if (await report(e.reset())) await out('status', 'reset');
        return;
      case 'train':
        return train(args);
      case 'cancel':
        if (!job) return error('no training is running; nothing to cancel.');
        job.cancel();
        await out('status', 'cancelling');
        return;
      case 'presets':
        await out('menu', 'clear');
        for (const p of listPresets()) await out('menu', 'append', p);
        return;
      case 'describe': {
        const d = e.describe() as Record<string, unknown>;
        await post(`timbreremap: ${JSON.stringify({ ...d, drywet: dryWet, training: job !== null })}`);
        await out('status', 'model', String(d.model ?? 'none'), 'preset', String(d.preset ?? ''), 'sensitivity', Number(d.sensitivity ?? 0));
        return;
      }
      default:
        return error(`unknown message "${selector}"; the engine understands: ${KNOWN_SELECTORS.join(', ')}. Nothing changed.`);
    }
  }

  async function handle(selector: string, ...args: unknown[]): Promise<void> {
    try {
      if (!engine) {
        if (pending.length >= MAX_PENDING) return await error(`engine not ready yet; message "${selector}" dropped (more than ${MAX_PENDING} waiting).`);
        pending.push([selector, args]);
        return;
      }
      await dispatch(selector, args);
    } catch (e) {
      await error(`"${selector}" failed: ${messageOf(e)}. Nothing changed; if this repeats, send "script restart" to node.script.`);
    }
  }

  // Every selector goes through one ALL handler: known ones are dispatched, unknown ones get an error.
  api.addHandler(api.MESSAGE_TYPES.ALL, (_handled: unknown, selector: unknown, ...args: unknown[]) => handle(String(selector), ...args));

  const ready = (async () => {
    try {
      engine = await engineFactory();
    } catch (e) {
      await error(`the engine could not start: ${messageOf(e)}. Reinstall the package or check the console, then send "script start" again.`);
      await out('status', 'crashed');
      return;
    }
    await out('frame_samples', engine.frameSamples);
    await out('status', 'ready');
    await out('drywet', dryWet);
    const held = pending.splice(0);
    for (const [s, a] of held) await handle(s, ...a);
  })();

  return { ready, handle };
}
