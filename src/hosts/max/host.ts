/**
 * The node.script host: Max messages → engine → answers on node.script's outlet (protocol in
 * messages.ts). Thin: checks arguments (the shared command table), calls the engine, routes Status
 * to the Max console (errors in red with what to do, warnings in yellow) and never throws into
 * node.script — a bad message changes nothing and the next hit plays as before.
 *
 * Who plays a hit: tr.remap~ (gen~) does, sample-accurately, from the net record this host hands
 * it after every change of state (`neta|netb v…` then `bank 0|1`: src/gen/record.ts). gen~ sends
 * each hit back (`hit …`); the host checks gen~'s parameters against the engine's for the same
 * window (a disagreement is posted once) and answers features/params/physical/timbre for displays.
 * A model gen~ cannot run (mlp-large, graphs without plain weights) is played by the round trip:
 * the engine answers `synth …` `trigger` for tr.808~ (one console line says so, with its latency).
 *
 * Ordering: control messages (load, preset, param, sensitivity, reset, samplerate, model, and the
 * load after training) run one after another in arrival order, so the last one wins (`load` then
 * `preset` ends with the preset, however long the load takes). Hits and frames are answered in
 * arrival order on their own chain. Messages that arrive before the engine is ready are held back
 * (at most `MAX_PENDING`) and replayed in order once it is, after the default model has loaded.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import type { Engine } from '../../engine/engine';
import { PARAMS } from '../../synth/params';
import { listPresets } from '../../synth/presets';
import { messageOf, type Status } from '../../util/errors';
import { decodeHitRecord, encodeNetRecord, MODE_ROUND_TRIP } from '../../gen/record';
import type { MaxApiLike } from './maxApi';
import { MAX_HOST_EPOCHS, parseCommand, presetArgName, type HostRequest } from '../commands';
import { netStateFor } from './netState';
import { LOAD_FILE_ITEM, menuIndexOf, modelMenu, type ModelEntry } from './models';
import { summaryAtoms, summaryText, type MaxTrainReport } from './trainSummary';
import { defaultUserDir, newRecordingPath, recordingsDir } from './userFolder';
import { detectorParams } from './detector';
import type { OnsetOptions } from '../../onset/settings';

/** What the host needs of the engine (src/engine/engine.ts `Engine`). */
export type MaxEngine = Pick<Engine, 'frameSamples' | 'processFrame' | 'loadModel' | 'setPreset' | 'setParam' | 'setSensitivity' | 'setSampleRate' | 'reset' | 'describe' | 'currentModel' | 'baseParams01' | 'sensitivity' | 'sampleRateHz'> & {
  /** The loaded model's detector settings (design.md "Detector settings in a model bundle"); absent in older engines. */
  detectorOptions?(): OnsetOptions | null;
};

/** What the host needs of training (src/train `startTraining`). */
export interface MaxTrainingJob {
  readonly done: Promise<MaxTrainReport>;
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
  /** A shipped model loaded as soon as the engine is ready (the first hit is remapped). */
  defaultModel?: string;
  /** Where recordings and the models trained from them go (default Documents/TimbreRemap). */
  userDir?: string;
  /** Clock for recording file names (tests). */
  now?: () => Date;
}

export interface MaxHost {
  /** Resolves when the engine is ready (after `status ready` and the default model). */
  readonly ready: Promise<void>;
  /** Handle one Max message as node.script would (tests; the handlers call this). */
  handle(selector: string, ...args: unknown[]): Promise<void>;
}

export const MAX_PENDING = 256;
const ARCHS = ['linear', 'mlp', 'mlp-large'];
/** Largest |gen~ − engine| accepted on a normalised parameter (gen~ sees the float64 signal, the engine its float32 copy). */
export const CHECK_TOLERANCE = 1e-4;
/** The round trip's latency on top of the window, as docs/max.md states it. */
const ROUND_TRIP_LATENCY = 'the window (5.4 ms) plus the node.script round trip and up to one signal vector (about 7–17 ms in all)';

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
  let controlChain: Promise<void> = Promise.resolve();
  let job: MaxTrainingJob | null = null;
  let dryWet = 1;
  // the state handed to gen~: counter, bank, whether gen~ plays (else the round trip)
  let stateNumber = 0;
  let bank = 1;
  let roundTrip = false;
  let roundTripPostedFor: string | null = null;
  let mismatchPosted = false;
  let detectorFromModel: Map<string, number> | null = null;
  let overridePosted = false;
  const checks = { hits: 0, checked: 0, worst: 0 };
  // model menu, recording
  const userDir = opts.userDir ?? defaultUserDir();
  let menu: ModelEntry[] = [];
  let recording: string | null = null;
  let lastRecording: string | null = null;
  /** Set once the default model is in and the held messages are replayed. */
  let started = false;

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

  /** Run a state change after every earlier one (the last message wins). */
  function control(fn: () => Promise<void>): Promise<void> {
    controlChain = controlChain.then(fn).catch((x) => error(`${messageOf(x)}. Nothing changed.`));
    return controlChain;
  }

  /** Hand the engine's current state to gen~ (the inactive bank, then switch to it) and say what plays. */
  async function publish(): Promise<void> {
    const e = engine as MaxEngine;
    const choice = netStateFor(e, ++stateNumber);
    bank = 1 - bank;
    await out(bank ? 'netb' : 'neta', ...Array.from(encodeNetRecord(choice.state)));
    await out('bank', bank);
    roundTrip = choice.state.mode === MODE_ROUND_TRIP;
    const d = e.describe() as { model: string | null; preset: string };
    const name = d.model ? basename(d.model).replace(/\.(json|onnx)$/i, '') : null;
    if (roundTrip && name && roundTripPostedFor !== d.model) {
      roundTripPostedFor = d.model;
      await post(`timbreremap: ${name} plays through node.script (round trip): ${choice.roundTripReason}. Latency: ${ROUND_TRIP_LATENCY}; models trained as linear or mlp play inside gen~ exactly one window after the hit.`, api.POST_LEVELS.WARN);
    }
    await out('showing', name ? `${name}${roundTrip ? ' (round trip)' : ''}` : `preset only: ${d.preset}`);
    const k = d.model ? menuIndexOf(menu, d.model) : -1;
    if (k >= 0) await out('models', 'set', k);
  }

  /** The detector settings of what plays now, for tr.onset~ (`onset NAME VALUE`). */
  async function publishDetector(): Promise<void> {
    const e = engine as MaxEngine;
    const opts = typeof e.detectorOptions === 'function' ? e.detectorOptions() : null;
    detectorFromModel = opts ? new Map(detectorParams(opts, e.sampleRateHz)) : null;
    for (const [name, v] of detectorParams(opts, e.sampleRateHz)) await out('onset', name, v);
    overridePosted = false;
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

  async function loadModel(spec: string, baseDir?: string): Promise<boolean> {
    const e = engine as MaxEngine;
    const path = resolveModelPath(baseDir && !isAbsolute(spec) ? join(maxPathToNative(baseDir, opts.platform), spec) : spec);
    if (!(await report(await e.loadModel(path)))) return false;
    await out('status', 'loaded', path);
    // what the Live set saves: a shipped model by name (portable), anything else by path
    const shipped = opts.modelsDir && dirname(path) === opts.modelsDir ? basename(path).replace(/\.(json|onnx)$/i, '') : path;
    await out('saved', 'load', shipped);
    await publish();
    await publishDetector();
    return true;
  }

  async function refreshMenu(): Promise<void> {
    menu = modelMenu(opts.modelsDir, [recordingsDir(userDir)]);
    await out('models', 'clear');
    for (const m of menu) await out('models', 'append', m.label);
    await out('models', 'append', LOAD_FILE_ITEM);
    const d = (engine as MaxEngine).describe() as { model: string | null };
    const k = d.model ? menuIndexOf(menu, d.model) : -1;
    if (k >= 0) await out('models', 'set', k);
  }

  async function answerHit(r: { features: ArrayLike<number>; params01: ArrayLike<number>; physical: ArrayLike<number> }, play: boolean): Promise<void> {
    await out('features', ...Array.from(r.features));
    await out('params', ...Array.from(r.params01));
    await out('physical', ...Array.from(r.physical));
    if (!play) return;
    const named: Array<string | number> = [];
    PARAMS.forEach((p, i) => named.push(p.id, r.physical[i]));
    await out('synth', ...named);
    await out('trigger');
  }

  async function frame(samples: Float64Array): Promise<void> {
    const e = engine as MaxEngine;
    if (samples.length !== e.frameSamples) {
      await error(`frame has ${samples.length} values; expected ${e.frameSamples} (the onset window at this sample rate). Send the list captured by tr.onset~, and send "samplerate" when the rate changes. Frame ignored.`);
      return;
    }
    const r = await e.processFrame(samples);
    if (!r.ok) return error(r.error);
    await answerHit(r, true);
  }

  async function hit(values: Float64Array): Promise<void> {
    const e = engine as MaxEngine;
    const rec = decodeHitRecord(values);
    if (typeof rec === 'string') return error(`hit record from tr.remap~: ${rec}. Is the patch's readout count (frame length + 22) right? Hit ignored.`);
    if (rec.window.length !== e.frameSamples) {
      return error(`hit window has ${rec.window.length} samples; the engine expects ${e.frameSamples} at its sample rate: send "samplerate" with the host rate (dspstate~). Hit ignored.`);
    }
    const r = await e.processFrame(rec.window);
    if (!r.ok) return error(r.error);
    checks.hits++;
    await out('timbre', ...rec.timbre);
    if (roundTrip) return answerHit(r, true);
    if (rec.state === stateNumber) {
      // gen~ played this hit with the state the engine has now: they must agree
      let worst = 0, at = 0;
      for (let i = 0; i < r.params01.length; i++) {
        const d = Math.abs(r.params01[i] - rec.params01[i]);
        if (!(d <= worst)) {
          worst = d;
          at = i;
        }
      }
      checks.checked++;
      checks.worst = Math.max(checks.worst, worst);
      if (!(worst <= CHECK_TOLERANCE) && !mismatchPosted) {
        mismatchPosted = true;
        await warn(`gen~ and the engine disagree on a hit: ${PARAMS[at].id} is ${rec.params01[at]} in gen~, ${r.params01[at]} in the engine (normalised; more than ${CHECK_TOLERANCE} apart). The hit played as gen~ computed it. Please report this with your model (said once).`);
      }
    }
    await answerHit(r, false);
  }

  async function train(req: Extract<HostRequest, { kind: 'train' }>): Promise<void> {
    const e = engine as MaxEngine;
    if (!opts.startTraining) {
      await error('training is not available in this build of the Max package; train with the command line: npx timbre-remap train YOUR.wav --preset NAME --out MODEL, then "load MODEL".');
      await out('status', 'training', 'unavailable');
      return;
    }
    if (job) return error('a training run is already going; send "cancel" first or wait for it to finish.');
    const wav = resolve(maxPathToNative(req.baseDir && !isAbsolute(req.input) ? join(maxPathToNative(req.baseDir, opts.platform), req.input) : req.input, opts.platform));
    if (!existsSync(wav)) return error(`training file "${wav}" does not exist; record your drum first (record button) or give the full path of a WAV. Nothing changed.`);
    if (recording === wav) return error(`"${wav}" is still being recorded; stop the recording first. Nothing changed.`);
    // default: map onto the preset that is playing now
    const preset = req.preset ?? String((e.describe() as { preset?: string }).preset ?? '808_snare_1');
    if (!listPresets().includes(preset) && !existsSync(preset)) return error(`unknown preset "${preset}" for training; use one of ${listPresets().join(', ')}. Nothing changed.`);
    const arch = req.arch ?? 'mlp';
    if (!ARCHS.includes(arch)) return error(`unknown architecture "${arch}"; use ${ARCHS.join(', ')}. Nothing changed.`);
    if (req.epochs !== undefined && req.epochs > MAX_HOST_EPOCHS) return error(`epochs ${req.epochs} is more than ${MAX_HOST_EPOCHS}; a run stops by itself when it stops improving. Nothing changed.`);
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
    } catch (x) {
      return error(`training could not start: ${messageOf(x)}`);
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
        await out('summary', ...summaryAtoms(rep));
        await post(`timbreremap: ${rep.cancelled ? 'training cancelled; the best model so far' : 'trained'} ${rep.out.json}: ${summaryText(rep)}`);
        await refreshMenu();
        await control(async () => {
          await loadModel(rep.out.json);
        });
      },
      async (x) => {
        job = null;
        // the previous model keeps playing
        await error(`training failed: ${messageOf(x)} The previous sound keeps playing.`);
        await out('status', 'training', 'failed');
      },
    );
  }

  async function record(on: number): Promise<void> {
    if (on) {
      if (recording) return error(`already recording into ${recording}; send "record 0" to stop.`);
      let path: string;
      try {
        path = newRecordingPath(userDir, (opts.now ?? (() => new Date()))());
      } catch (x) {
        return error(`cannot make the recordings folder in ${userDir} (${messageOf(x)}); check that the folder is writable.`);
      }
      recording = path;
      await out('record', 'open', path);
      await out('status', 'recording', path);
      return;
    }
    if (!recording) return error('not recording; send "record 1" to start.');
    const path = recording;
    recording = null;
    lastRecording = path;
    await out('record', 'stop');
    await out('recorded', path);
  }

  async function dispatch(selector: string, args: unknown[]): Promise<void> {
    const e = engine as MaxEngine;
    const parsed = parseCommand(selector, args, 'max');
    if (!parsed.ok) return error(parsed.error);
    const req = parsed.request;
    switch (req.kind) {
      case 'frame':
        // answer frames and hits in arrival order, whatever else happens meanwhile
        frameChain = frameChain.then(() => frame(req.samples)).catch((x) => error(`frame failed: ${messageOf(x)}`));
        return frameChain;
      case 'hitcheck':
        frameChain = frameChain.then(() => hit(req.record)).catch((x) => error(`hit failed: ${messageOf(x)}`));
        return frameChain;
      case 'load':
        return control(async () => {
          await loadModel(req.model, req.baseDir);
        });
      case 'model':
        return control(async () => {
          if (typeof req.model === 'number') {
            if (req.model === menu.length) return void (await out('models', 'dialog'));
            const m = menu[req.model];
            if (!m) return error(`model menu item ${req.model} does not exist (the menu has ${menu.length + 1} items); send "models" to refill it. Nothing changed.`);
            await loadModel(m.load);
          } else await loadModel(req.model);
        });
      case 'models':
        return refreshMenu();
      case 'preset':
        return control(async () => {
          // a number is an index into the shipped presets (a live.menu's index; its items are listPresets())
          const p = presetArgName(req.preset);
          if (p === undefined) return error(`preset index ${String(req.preset)} is not in the list: ${listPresets().map((n, i) => `${i} ${n}`).join(', ')}, or give a preset .json file. Nothing changed.`);
          if (await report(e.setPreset(maxPathToNative(p, opts.platform)))) {
            await out('status', 'preset', p);
            await out('saved', 'preset', p);
            await publish();
            await publishDetector();
          }
        });
      case 'param':
        return control(async () => {
          if (await report(e.setParam(req.name, req.value))) await publish();
        });
      case 'sensitivity':
        return control(async () => {
          if (await report(e.setSensitivity(req.value))) await publish();
        });
      case 'drywet': {
        const w = Math.min(1, Math.max(0, req.value));
        if (w !== req.value) await warn(`drywet ${req.value} is outside 0–1; clamped to ${w}.`);
        dryWet = w;
        await out('drywet', dryWet);
        return;
      }
      case 'samplerate':
        return control(async () => {
          if (await report(e.setSampleRate(req.hz))) await out('frame_samples', e.frameSamples);
        });
      case 'reset':
        return control(async () => {
          if (await report(e.reset())) {
            await out('status', 'reset');
            await publish();
          }
        });
      case 'train':
        return train(req);
      case 'cancel':
        if (!job) return error('no training is running; nothing to cancel.');
        job.cancel();
        await out('status', 'cancelling');
        return;
      case 'record':
        return record(req.on);
      case 'detector': {
        // a dial of the device: passes to tr.onset~; said once when it departs from the model's setting
        const known = detectorParams(null, e.sampleRateHz).map(([n]) => n);
        if (!known.includes(req.name)) return error(`detector setting "${req.name}" is unknown; tr.onset~ has ${known.join(', ')}. Nothing changed.`);
        await out('onset', req.name, req.value);
        const m = detectorFromModel?.get(req.name);
        if (m !== undefined && Math.abs(m - req.value) > 1e-9 && !overridePosted) {
          overridePosted = true;
          await post(`timbreremap: ${req.name} ${req.value} overrides the model's detector setting (${m}); the model was trained with hits found that way (said once per model).`, api.POST_LEVELS.WARN);
        }
        return;
      }
      case 'presets':
        await out('menu', 'clear');
        for (const p of listPresets()) await out('menu', 'append', p);
        return;
      case 'describe': {
        const d = e.describe() as unknown as Record<string, unknown>;
        await post(`timbreremap: ${JSON.stringify({ ...d, drywet: dryWet, training: job !== null, recording, lastRecording, playedBy: roundTrip ? 'node.script (round trip)' : 'gen~', state: stateNumber, hits: checks })}`);
        await out('status', 'model', String(d.model ?? 'none'), 'preset', String(d.preset ?? ''), 'sensitivity', Number(d.sensitivity ?? 0));
        return;
      }
      default:
        return error(`"${selector}" is not handled by the Max host. Nothing changed.`);
    }
  }

  async function handle(selector: string, ...args: unknown[]): Promise<void> {
    try {
      if (!engine || !started) {
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
    await refreshMenu();
    // the first sound is the remapping: the default model (or, without one, the preset) goes to gen~ first
    if (!opts.defaultModel || !(await loadModel(opts.defaultModel))) {
      await publish();
      await publishDetector();
    }
    // replay what arrived meanwhile, in order (messages that come during the replay queue behind)
    while (pending.length) {
      const [s, a] = pending.shift()!;
      await dispatch(s, a).catch((x) => error(`"${s}" failed: ${messageOf(x)}. Nothing changed.`));
    }
    started = true;
  })();

  return { ready, handle };
}
