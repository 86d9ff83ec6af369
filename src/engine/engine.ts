/**
 * The engine: onset window → onset features → training-consistent normalisation → model →
 * synth parameters. Hosts (Max, OSC, CLI) drive it; it never throws into them.
 *
 *   input  = (f − min)/(max − min) − ref          (exactly as in training; the reference plugin
 *                                                  used running min/max and no centring: fixed)
 *   params = clamp(base + sensitivity · clamp(damping ⊙ model(input), −1, 1), 0, 1)
 *
 * `base` is the model's preset (or the chosen preset without a model) with any `setParam`
 * overrides. Without a model the engine plays `base` unchanged.
 *
 * Threading: `processFrame` is per-hit (called at onset rate, allocation-light, never throws);
 * `loadModel`, `setPreset`, `setParam`, `setSensitivity`, `setSampleRate`, `reset` are
 * control-rate and return a Status.
 */
import { NUM_PARAMS, PARAMS, paramIndex, toPhysical } from '../synth/params';
import { loadPreset, type Preset } from '../synth/presets';
import { onsetFeatures } from '../features';
import { bundleDetectorOptions, loadModelBundle, type LoadedModel } from '../model';
import type { OnsetOptions } from '../onset';
import { UserError, fail, messageOf, ok, type Status } from '../util/errors';
import { windowSamplesAt } from './constants';
import { normaliseFeatures } from './normalise';

export const SENSITIVITY_MIN = 0;
export const SENSITIVITY_MAX = 4;
export const DEFAULT_PRESET = '808_snare_1';

export interface EngineOptions {
  /** Host sample rate (Hz); frames are `windowSamplesAt(sampleRateHz)` long. Default 44 100. */
  sampleRateHz?: number;
  /** Modulation scale 0…4 (default 1). */
  sensitivity?: number;
  /** Preset name or file used without a model (default 808_snare_1). */
  preset?: string;
}

export interface FrameOk {
  ok: true;
  /** Normalised synth parameters [0,1], parameter order. */
  params01: Float64Array;
  /** Physical synth parameters (Hz, ms, dB, …), parameter order. */
  physical: Float64Array;
  /** Raw onset features [rms dB, centroid semitones, flatness dB]. */
  features: Float64Array;
  /** The network input (normalised, reference-centred); zeros without a model. */
  featuresNorm: Float64Array;
  /** Damped, clamped modulation before sensitivity (zeros without a model). */
  modulation: Float64Array;
}
export type FrameResult = FrameOk | { ok: false; error: string };

export interface EngineDescription {
  model: string | null;
  backend: string | null;
  preset: string;
  sensitivity: number;
  sampleRateHz: number;
  frameSamples: number;
}

export class Engine {
  private sampleRate: number;
  private sens: number;
  private model: LoadedModel | null = null;
  private modelPath: string | null = null;
  private preset: Preset;
  /** base = preset with overrides (normalised). */
  private base: Float64Array;
  private readonly input = new Float32Array(3);
  private readonly output = new Float32Array(NUM_PARAMS);

  /**
   * @throws UserError naming the option when an option is of the wrong type or out of range (a
   * host checks its settings once, here; a NaN would otherwise reach every parameter).
   */
  constructor(opts: EngineOptions = {}) {
    if (opts === null || typeof opts !== 'object') throw new UserError(`Engine options must be an object such as { sampleRateHz: 44100 }; got ${opts === null ? 'null' : typeof opts}.`, 'E_ARG');
    const rate = opts.sampleRateHz ?? 44100;
    if (validRate(rate) === null) throw new UserError(`Engine: sampleRateHz must be a number of Hz within 8000…384000; got ${describe(rate)}. Pass the host's sample rate, e.g. 44100.`, 'E_ARG');
    const sens = opts.sensitivity ?? 1;
    if (typeof sens !== 'number' || !Number.isFinite(sens) || sens < SENSITIVITY_MIN || sens > SENSITIVITY_MAX) {
      throw new UserError(`Engine: sensitivity must be a number within ${SENSITIVITY_MIN}…${SENSITIVITY_MAX}; got ${describe(sens)}. Use 1 for the model's modulation as trained.`, 'E_ARG');
    }
    if (opts.preset !== undefined && (typeof opts.preset !== 'string' || opts.preset === '')) throw new UserError(`Engine: preset must be a preset name or a .json file path; got ${describe(opts.preset)}.`, 'E_ARG');
    this.sampleRate = rate;
    this.sens = sens;
    this.preset = loadPreset(opts.preset ?? DEFAULT_PRESET);
    this.base = Float64Array.from(this.preset.normalised);
  }

  /** Samples per frame the engine expects at the current host rate (256 at 44.1 kHz). */
  get frameSamples(): number {
    return windowSamplesAt(this.sampleRate);
  }

  get sampleRateHz(): number {
    return this.sampleRate;
  }

  get hasModel(): boolean {
    return this.model !== null;
  }

  get currentModel(): LoadedModel | null {
    return this.model;
  }

  /**
   * The onset detector the loaded model was trained with, as `createOnsetDetector` options; null
   * without a model or for bundles that do not record it (they were trained with the default).
   * Hosts configure their detector from it (and `detectorMismatch` words the warning when not).
   */
  detectorOptions(): OnsetOptions | null {
    return this.model?.meta.detector ? bundleDetectorOptions(this.model.meta) : null;
  }

  describe(): EngineDescription {
    return {
      model: this.modelPath,
      backend: this.model?.backend ?? null,
      preset: this.preset.name,
      sensitivity: this.sens,
      sampleRateHz: this.sampleRate,
      frameSamples: this.frameSamples,
    };
  }

  /** Analyse one onset window and compute the synth parameters. Never throws. */
  async processFrame(frame: ArrayLike<number>): Promise<FrameResult> {
    try {
      const bad = this.checkFrame(frame);
      if (bad) return { ok: false, error: bad };
      const features = onsetFeatures(frame, this.sampleRate);
      const featuresNorm = new Float64Array(3);
      const modulation = new Float64Array(NUM_PARAMS);
      const model = this.model; // a concurrent loadModel swaps atomically; use one model per frame
      const params01 = Float64Array.from(this.base);
      if (model) {
        normaliseFeatures(features, model.meta.featureNorm, featuresNorm);
        for (let i = 0; i < 3; i++) this.input[i] = featuresNorm[i];
        // The compiled evaluator (checked against onnxruntime at load, ≤ 1e-5) costs ~1.5 µs per
        // hit; onnxruntime's own call ~15 µs median with a p99 near 100 µs. Graphs we did not
        // write have no evaluator and run on onnxruntime.
        let m: Float32Array;
        if (model.evaluate) {
          model.evaluate(this.input, this.output, 1);
          m = this.output;
        } else {
          m = await model.run(this.input, 1);
        }
        const damping = model.meta.damping;
        for (let i = 0; i < NUM_PARAMS; i++) {
          const d = damping[i] * m[i];
          modulation[i] = d > 1 ? 1 : d < -1 ? -1 : Number.isFinite(d) ? d : 0;
          const v = this.base[i] + this.sens * modulation[i];
          params01[i] = v > 1 ? 1 : v < 0 ? 0 : v;
        }
      }
      return { ok: true, params01, physical: toPhysical(params01), features, featuresNorm, modulation };
    } catch (e) {
      return { ok: false, error: `frame analysis failed: ${messageOf(e)}` };
    }
  }

  /**
   * Load a model bundle (`BASE`, `BASE.onnx` or `BASE.json`). On any failure the previous model
   * keeps playing and the Status says what was wrong.
   */
  async loadModel(path: string): Promise<Status> {
    if (typeof path !== 'string' || path === '') return fail(`load needs the path of a model (NAME, NAME.onnx or NAME.json); got ${describe(path)}. The current sound is unchanged.`);
    try {
      const model = await loadModelBundle(path);
      const preset = presetFromMeta(model);
      this.model = model;
      this.modelPath = path;
      this.preset = preset;
      this.base = Float64Array.from(preset.normalised);
      const warn = model.warning;
      return ok(warn);
    } catch (e) {
      return fail(`could not load model "${path}": ${messageOf(e)} The previous ${this.model ? `model (${this.modelPath})` : 'preset'} keeps playing.`);
    }
  }

  /** Drop the model and play a preset unchanged. */
  setPreset(nameOrFile: string): Status {
    if (typeof nameOrFile !== 'string' || nameOrFile === '') return fail(`preset needs a preset name or a .json file; got ${describe(nameOrFile)}. The current sound is unchanged.`);
    try {
      const p = loadPreset(nameOrFile);
      this.preset = p;
      this.base = Float64Array.from(p.normalised);
      const hadModel = this.model !== null;
      this.model = null;
      this.modelPath = null;
      return ok(hadModel ? `preset "${p.name}" replaces the model: hits now play the preset unchanged (load a model trained for it to map timbre).` : undefined);
    } catch (e) {
      return fail(`${messageOf(e)} The current sound is unchanged.`);
    }
  }

  /** Override one base parameter (physical units), clamped to its range with a warning. */
  setParam(name: string, physicalValue: number): Status {
    if (typeof name !== 'string') return fail(`param needs a parameter name (see "timbre-remap presets"); got ${describe(name)}. Nothing changed.`);
    let i: number;
    try {
      i = paramIndex(name);
    } catch (e) {
      return fail(messageOf(e));
    }
    const p = PARAMS[i];
    if (typeof physicalValue !== 'number' || !Number.isFinite(physicalValue)) return fail(`param ${p.name}: value must be a finite number (${p.unit}, ${p.min}…${p.max}); got ${String(physicalValue)}. Nothing changed.`);
    let v = physicalValue;
    let warning: string | undefined;
    if (v < p.min || v > p.max) {
      const c = Math.min(p.max, Math.max(p.min, v));
      warning = `param ${p.name} ${v} ${p.unit} is outside ${p.min}…${p.max}; clamped to ${c}.`;
      v = c;
    }
    this.base[i] = (v - p.min) / (p.max - p.min);
    return ok(warning);
  }

  setSensitivity(s: number): Status {
    if (typeof s !== 'number' || !Number.isFinite(s)) return fail(`sensitivity must be a number within ${SENSITIVITY_MIN}…${SENSITIVITY_MAX}; got ${String(s)}. Kept ${this.sens}.`);
    const c = clampSensitivity(s);
    this.sens = c;
    return ok(c !== s ? `sensitivity ${s} is outside ${SENSITIVITY_MIN}…${SENSITIVITY_MAX}; clamped to ${c}.` : undefined);
  }

  get sensitivity(): number {
    return this.sens;
  }

  setSampleRate(hz: number): Status {
    const r = validRate(hz);
    if (r === null) return fail(`sample rate must be between 8000 and 384000 Hz; got ${String(hz)}. Kept ${this.sampleRate} Hz.`);
    this.sampleRate = r;
    return ok();
  }

  /** Back to the model's (or preset's) base sound: clears parameter overrides. */
  reset(): Status {
    this.base = Float64Array.from(this.preset.normalised);
    return ok();
  }

  /** Current base parameters (normalised), e.g. for hosts to show knob positions. */
  baseParams01(): Float64Array {
    return Float64Array.from(this.base);
  }

  private checkFrame(frame: ArrayLike<number>): string | null {
    if (!frame || typeof frame.length !== 'number') return 'frame must be a list of numbers (the onset window).';
    const n = this.frameSamples;
    if (frame.length !== n) return `frame has ${frame.length} samples; expected ${n} (256 at 44.1 kHz, scaled to the host rate ${this.sampleRate} Hz). Send the onset window captured by tr.onset~ / tr.remap.`;
    for (let i = 0; i < n; i++) {
      const v = frame[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) return `frame sample ${i} is ${String(v)}; every sample must be a finite number. Frame ignored.`;
    }
    return null;
  }
}

function describe(v: unknown): string {
  return typeof v === 'number' ? String(v) : v === null ? 'null' : typeof v === 'string' ? `"${v}"` : typeof v;
}

function clampSensitivity(s: number): number {
  return Math.min(SENSITIVITY_MAX, Math.max(SENSITIVITY_MIN, s));
}

function validRate(hz: number): number | null {
  return typeof hz === 'number' && Number.isFinite(hz) && hz >= 8000 && hz <= 384000 ? hz : null;
}

function presetFromMeta(model: LoadedModel): Preset {
  const m = model.meta;
  return {
    name: m.preset.name,
    physical: toPhysical(m.preset.normalised),
    normalised: Float64Array.from(m.preset.normalised),
    damping: Float64Array.from(m.damping),
  };
}
