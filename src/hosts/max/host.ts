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
import { MAX_HOST_EPOCHS, parseCommand, presetArgName, type HostRequest } from '../commands';

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

  async function frame(samples: Float64Array): Promise<void> {
    const e = engine as MaxEngine;
    if (samples.length !== e.frameSamples) {
      await error(`frame has ${samples.length} values; expected ${e.frameSamples} (the onset window at this sample rate). Send the list captured by tr.onset~, and send "samplerate" when the rate changes. Frame ignored.`);
      return;
    }
    const r = await e.processFrame(samples);
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

  async function train(req: Extract<HostRequest, { kind: 'train' }>): Promise<void> {
    if (!opts.startTraining) {
      await error('training is not available in this build of the Max package; train with the command line: npx timbre-remap train YOUR.wav --preset NAME --out MODEL, then "load MODEL".');
      await out('status', 'training', 'unavailable');
      return;
    }
    if (job) {
      await error('a training run is already going; send "cancel" first or wait for it to finish.');
      return;
    }
    const wav = resolve(maxPathToNative(req.input, opts.platform));
    if (!existsSync(wav)) {
      await error(`training file "${wav}" does not exist; drop a WAV recording of your drum on the train box or give its full path. Nothing changed.`);
      return;
    }
    const preset = req.preset ?? '808_snare_1';
    if (!listPresets().includes(preset) && !existsSync(preset)) {
      await error(`unknown preset "${preset}" for training; use one of ${listPresets().join(', ')}. Nothing changed.`);
      return;
    }
    const arch = req.arch ?? 'mlp';
    if (!ARCHS.includes(arch)) {
      await error(`unknown architecture "${arch}"; use ${ARCHS.join(', ')}. Nothing changed.`);
      return;
    }
    if (req.epochs !== undefined && req.epochs > MAX_HOST_EPOCHS) {
      await error(`epochs ${req.epochs} is more than ${MAX_HOST_EPOCHS}; a run stops by itself when it stops improving. Nothing changed.`);
      return;
    }
    let outBase: string;
    if (req.out) outBase = resolve(maxPathToNative(req.out, opts.platform));
    else {
      const base = join(dirname(wav), `${basename(wav, extname(wav))}-${basename(preset, '.json')}`);
      outBase = base;
      for (let k = 2; existsSync(`${outBase}.json`) || existsSync(`${outBase}.onnx`); k++) outBase = `${base}-${k}`;
    }
    let started: MaxTrainingJob;
    try {
      started = opts.startTraining({ inputs: [wav], preset, arch, epochs: req.epochs, out: outBase });
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
    const parsed = parseCommand(selector, args, 'max');
    if (!parsed.ok) return error(parsed.error);
    const req = parsed.request;
    switch (req.kind) {
      case 'frame':
        // answer frames in arrival order, whatever else happens meanwhile
        frameChain = frameChain.then(() => frame(req.samples)).catch((x) => error(`frame failed: ${messageOf(x)}`));
        return frameChain;
      case 'load': {
        const path = resolveModelPath(req.baseDir && !isAbsolute(req.model) ? join(maxPathToNative(req.baseDir, opts.platform), req.model) : req.model);
        if (await report(await e.loadModel(path))) await out('status', 'loaded', path);
        return;
      }
      case 'preset': {
        // a number is an index into the shipped presets (a live.menu's index; its items are listPresets())
        const p = presetArgName(req.preset);
        if (p === undefined) return error(`preset index ${String(req.preset)} is not in the list: ${listPresets().map((n, i) => `${i} ${n}`).join(', ')}, or give a preset .json file. Nothing changed.`);
        if (await report(e.setPreset(maxPathToNative(p, opts.platform)))) await out('status', 'preset', p);
        return;
      }
      case 'param':
        await report(e.setParam(req.name, req.value));
        return;
      case 'sensitivity':
        await report(e.setSensitivity(req.value));
        return;
      case 'drywet': {
        const w = Math.min(1, Math.max(0, req.value));
        if (w !== req.value) await warn(`drywet ${req.value} is outside 0–1; clamped to ${w}.`);
        dryWet = w;
        await out('drywet', dryWet);
        return;
      }
      case 'samplerate':
        if (await report(e.setSampleRate(req.hz))) await out('frame_samples', e.frameSamples);
        return;
      case 'reset':
        if (await report(e.reset())) await out('status', 'reset');
        return;
      case 'train':
        return train(req);
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
        return error(`"${selector}" is not handled by the Max host. Nothing changed.`);
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
