/**
 * The onset detector's settings: one spec (names, units, ranges, defaults, docs) from which hosts
 * derive their controls (Max for Live `live.dial`s "Trigger threshold" and "Hold", Pd/OSC
 * addresses, CLI help), plus the two reference setting sets and the resolution of user options
 * into complete, clamped settings (never throws: problems come back as warnings).
 *
 * Two modes (reference-implementation.md §2.1):
 * - `reference`: the published detector exactly (thresholds in dB of fast − slow envelope
 *   contrast, fixed −55 dBFS floor, hold in samples, time constants in samples).
 * - `adaptive` (default): the same contrast idea on a short-term level gated at an estimated noise
 *   floor instead of the fixed −55 dBFS, so quiet hits well above the noise are caught; all times in
 *   ms (sample-rate independent). See adaptive.ts for the maths and why each default is what it is.
 */

export type OnsetMode = 'adaptive' | 'reference';
export const ONSET_MODES: readonly OnsetMode[] = ['adaptive', 'reference'];

/**
 * How the reference re-arms after a trigger (§2.1):
 * - `training` (Python `detect_onset`, which made the golden onsets): the hold must expire first,
 *   then the onset function must be below the re-arm threshold on some later sample.
 * - `plugin` (C++ `OnsetDetection::process`): re-arms whenever the function falls below the re-arm
 *   threshold, even during the hold; a trigger needs the hold expired (one sample later than the
 *   Python version, because the trigger sample does not count down) and, as in the plugin,
 *   `prevValue` is not updated on the trigger sample.
 */
export type RearmLogic = 'training' | 'plugin';

export interface ReferenceOnsetSettings {
  /** Trigger when the onset function (fast − slow, dB) crosses this upwards. */
  readonly triggerDb: number;
  /** Re-arm once the onset function is below this (dB). */
  readonly rearmDb: number;
  /** Refractory time after a trigger, in samples (not scaled with the rate, like the reference). */
  readonly holdSamples: number;
  /** Floor of the per-sample level `20·log10(|h| + ε)` (dBFS). */
  readonly minDb: number;
  /** ε added before the log (Python 1e-8; the C++ plugin uses none: 0). */
  readonly epsilon: number;
  readonly rearmLogic: RearmLogic;
}

/**
 * The detector the golden `onsets_plugin_defaults` were made with: Python `OnsetDetection` defaults
 * (trigger 16 dB, re-arm 4.6666 dB, hold 1323 samples = 30 ms at 44.1 kHz). The C++ plugin's own
 * defaults differ slightly (re-arm 4.66, hold 1000 samples, no ε, `plugin` re-arm logic).
 */
export const REFERENCE_PLUGIN_SETTINGS: Readonly<ReferenceOnsetSettings> = Object.freeze({
  triggerDb: 16,
  rearmDb: 4.6666,
  holdSamples: 1323,
  minDb: -55,
  epsilon: 1e-8,
  rearmLogic: 'training' as RearmLogic,
});

/** The settings the reference's training data module uses to segment hits (trigger 10 dB, hold 10 000 samples). */
export const REFERENCE_TRAINING_SETTINGS: Readonly<ReferenceOnsetSettings> = Object.freeze({
  ...REFERENCE_PLUGIN_SETTINGS,
  triggerDb: 10,
  holdSamples: 10000,
});

export interface AdaptiveOnsetSettings {
  /** Trigger when the onset function (gated level − background level, dB) crosses this upwards. */
  readonly triggerDb: number;
  /** Re-arm once the onset function is below this (dB); when not given, half the trigger threshold. */
  readonly rearmDb: number;
  /** Refractory time after a trigger (ms). */
  readonly holdMs: number;
  /** Adaptive: time constant with which the retrigger mask (the last hit's peak level) falls towards the present level (ms). */
  readonly maskMs: number;
  /** Time constant of the short-term power average of the high-passed input (ms). */
  readonly levelMs: number;
  /** Time constant of the background level while the level is above it (ms). */
  readonly slowRiseMs: number;
  /** Time constant of the background level while the level is below it (ms). */
  readonly slowFallMs: number;
  /** The level is floored at noise floor + this (dB): stationary noise then gives a flat onset function. */
  readonly gateDb: number;
  /** How fast the noise-floor estimate may rise (dB/s); it falls at once to any lower level. */
  readonly floorRiseDbPerSec: number;
  /** Noise floor assumed before the input has been seen (dBFS). */
  readonly initialFloorDb: number;
  /** Lowest noise floor the estimate may reach (dBFS), so digital silence does not make dither a hit. */
  readonly minFloorDb: number;
}

export const ADAPTIVE_DEFAULT_SETTINGS: Readonly<AdaptiveOnsetSettings> = Object.freeze({
  triggerDb: 5,
  rearmDb: 2.5,
  holdMs: 10,
  maskMs: 80,
  levelMs: 1,
  slowRiseMs: 10,
  slowFallMs: 50,
  gateDb: 6,
  floorRiseDbPerSec: 3,
  initialFloorDb: -55,
  minFloorDb: -96,
});

/** User/host options: a mode plus any settings of that mode; missing ones take the mode's defaults. */
export interface OnsetOptions extends Partial<AdaptiveOnsetSettings>, Partial<Omit<ReferenceOnsetSettings, 'triggerDb' | 'rearmDb'>> {
  /** Default `adaptive`. */
  mode?: OnsetMode;
  /**
   * Reference mode only: start from these settings (default REFERENCE_PLUGIN_SETTINGS); the
   * individual options above override them. `holdMs` is converted to samples when `holdSamples` is absent.
   */
  base?: Readonly<ReferenceOnsetSettings>;
}

export type OnsetSettingId = keyof AdaptiveOnsetSettings | 'holdSamples' | 'minDb' | 'epsilon';

/** One tunable, for hosts and help text (like src/synth/params.ts does for the synth). */
export interface OnsetSettingSpec {
  readonly id: OnsetSettingId;
  /** Label for a dial or a help line. */
  readonly label: string;
  readonly unit: 'dB' | 'dBFS' | 'ms' | 'samples' | 'dB/s' | 'linear';
  readonly min: number;
  readonly max: number;
  /** Default per mode (absent: the setting does not apply to that mode). */
  readonly defaults: Readonly<Partial<Record<OnsetMode, number>>>;
  /** Shown on a host's main panel (the rest are advanced). */
  readonly host: boolean;
  readonly doc: string;
}

export const ONSET_SETTINGS: readonly OnsetSettingSpec[] = [
  {
    id: 'triggerDb', label: 'Trigger threshold', unit: 'dB', min: 0.5, max: 60, host: true,
    defaults: { adaptive: ADAPTIVE_DEFAULT_SETTINGS.triggerDb, reference: REFERENCE_PLUGIN_SETTINGS.triggerDb },
    doc: 'How far (dB) the onset function must rise to trigger: lower catches softer hits, higher ignores more',
  },
  {
    id: 'rearmDb', label: 'Re-arm threshold', unit: 'dB', min: 0, max: 50, host: false,
    defaults: { adaptive: ADAPTIVE_DEFAULT_SETTINGS.rearmDb, reference: REFERENCE_PLUGIN_SETTINGS.rearmDb },
    doc: 'The onset function must fall below this (dB) before the next trigger (hysteresis); keep it below the trigger threshold',
  },
  {
    id: 'holdMs', label: 'Hold', unit: 'ms', min: 0, max: 1000, host: true,
    defaults: { adaptive: ADAPTIVE_DEFAULT_SETTINGS.holdMs, reference: (REFERENCE_PLUGIN_SETTINGS.holdSamples / 44100) * 1000 },
    doc: 'Shortest time between two onsets (ms); reference mode converts it to samples at the stream rate (adaptive: the retrigger mask, not the hold, keeps a hit\'s decay from firing)',
  },
  {
    id: 'holdSamples', label: 'Hold (samples)', unit: 'samples', min: 0, max: 48000, host: false,
    defaults: { reference: REFERENCE_PLUGIN_SETTINGS.holdSamples },
    doc: 'Reference mode: hold in samples, as the reference (overrides holdMs)',
  },
  {
    id: 'maskMs', label: 'Retrigger mask release', unit: 'ms', min: 1, max: 1000, host: false,
    defaults: { adaptive: ADAPTIVE_DEFAULT_SETTINGS.maskMs },
    doc: 'Adaptive: after a hit, a new onset must rise above the hit\'s peak level, which falls towards the present level with this time constant (retrigger cancel: ring, rattle and buzz stay below it); for twice this time after an onset the background follows the decay, so the next stroke of a roll is measured against it; shorter lets softer strokes right after a loud one fire',
  },
  {
    id: 'levelMs', label: 'Level smoothing', unit: 'ms', min: 0.05, max: 20, host: false,
    defaults: { adaptive: ADAPTIVE_DEFAULT_SETTINGS.levelMs },
    doc: 'Adaptive: time constant of the short-term power of the 600 Hz high-passed input',
  },
  {
    id: 'slowRiseMs', label: 'Background rise', unit: 'ms', min: 1, max: 1000, host: false,
    defaults: { adaptive: ADAPTIVE_DEFAULT_SETTINGS.slowRiseMs },
    doc: 'Adaptive: how fast the background level (what a hit must stand out from) follows a rising level',
  },
  {
    id: 'slowFallMs', label: 'Background fall', unit: 'ms', min: 1, max: 1000, host: false,
    defaults: { adaptive: ADAPTIVE_DEFAULT_SETTINGS.slowFallMs },
    doc: 'Adaptive: how fast the background level follows a falling level (a decaying tail)',
  },
  {
    id: 'gateDb', label: 'Noise gate margin', unit: 'dB', min: 0, max: 30, host: false,
    defaults: { adaptive: ADAPTIVE_DEFAULT_SETTINGS.gateDb },
    doc: 'Adaptive: levels below noise floor + this are ignored',
  },
  {
    id: 'floorRiseDbPerSec', label: 'Noise floor rise', unit: 'dB/s', min: 0.1, max: 100, host: false,
    defaults: { adaptive: ADAPTIVE_DEFAULT_SETTINGS.floorRiseDbPerSec },
    doc: 'Adaptive: how fast the noise-floor estimate may rise (it falls at once)',
  },
  {
    id: 'initialFloorDb', label: 'Initial noise floor', unit: 'dBFS', min: -160, max: 0, host: false,
    defaults: { adaptive: ADAPTIVE_DEFAULT_SETTINGS.initialFloorDb },
    doc: 'Adaptive: noise floor assumed before any input has been seen',
  },
  {
    id: 'minFloorDb', label: 'Lowest noise floor', unit: 'dBFS', min: -200, max: -20, host: false,
    defaults: { adaptive: ADAPTIVE_DEFAULT_SETTINGS.minFloorDb },
    doc: 'Adaptive: the noise-floor estimate never goes below this (digital silence)',
  },
  {
    id: 'minDb', label: 'Level floor', unit: 'dBFS', min: -200, max: 0, host: false,
    defaults: { reference: REFERENCE_PLUGIN_SETTINGS.minDb },
    doc: 'Reference: per-sample levels below this are raised to it',
  },
  {
    id: 'epsilon', label: 'Log epsilon', unit: 'linear', min: 0, max: 1e-3, host: false,
    defaults: { reference: REFERENCE_PLUGIN_SETTINGS.epsilon },
    doc: 'Reference: added to |h| before the log (Python 1e-8, C++ plugin 0)',
  },
];

export function onsetSettingSpec(id: string): OnsetSettingSpec | undefined {
  return ONSET_SETTINGS.find((s) => s.id === id);
}

export interface Resolved<T> {
  settings: T;
  /** One message per option that was ignored or clamped (empty when all were fine). */
  warnings: string[];
}

/** Clamp one numeric option to its spec range; a non-finite value keeps the default. */
function take(id: OnsetSettingId, value: unknown, fallback: number, warnings: string[]): number {
  if (value === undefined) return fallback;
  const spec = onsetSettingSpec(id) as OnsetSettingSpec;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    warnings.push(`onset setting ${id} = ${String(value)} is not a finite number; using ${fallback} ${spec.unit}`);
    return fallback;
  }
  if (value < spec.min || value > spec.max) {
    const clamped = Math.min(spec.max, Math.max(spec.min, value));
    warnings.push(`onset setting ${id} = ${value} ${spec.unit} is outside ${spec.min}…${spec.max}; clamped to ${clamped}`);
    return clamped;
  }
  return value;
}

function checkHysteresis(triggerDb: number, rearmDb: number, warnings: string[]): number {
  if (rearmDb < triggerDb) return rearmDb;
  warnings.push(`onset re-arm threshold ${rearmDb} dB is not below the trigger threshold ${triggerDb} dB; using ${triggerDb * 0.5} dB`);
  return triggerDb * 0.5;
}

export function resolveAdaptiveSettings(opts: OnsetOptions = {}): Resolved<AdaptiveOnsetSettings> {
  const d = ADAPTIVE_DEFAULT_SETTINGS;
  const w: string[] = [];
  const triggerDb = take('triggerDb', opts.triggerDb, d.triggerDb, w);
  // Without an explicit re-arm threshold, keep the default ratio (half the trigger, in dB).
  const rearmDefault = (triggerDb * d.rearmDb) / d.triggerDb;
  const settings: AdaptiveOnsetSettings = {
    triggerDb,
    rearmDb: checkHysteresis(triggerDb, take('rearmDb', opts.rearmDb, rearmDefault, w), w),
    holdMs: take('holdMs', opts.holdMs, d.holdMs, w),
    maskMs: take('maskMs', opts.maskMs, d.maskMs, w),
    levelMs: take('levelMs', opts.levelMs, d.levelMs, w),
    slowRiseMs: take('slowRiseMs', opts.slowRiseMs, d.slowRiseMs, w),
    slowFallMs: take('slowFallMs', opts.slowFallMs, d.slowFallMs, w),
    gateDb: take('gateDb', opts.gateDb, d.gateDb, w),
    floorRiseDbPerSec: take('floorRiseDbPerSec', opts.floorRiseDbPerSec, d.floorRiseDbPerSec, w),
    initialFloorDb: take('initialFloorDb', opts.initialFloorDb, d.initialFloorDb, w),
    minFloorDb: take('minFloorDb', opts.minFloorDb, d.minFloorDb, w),
  };
  return { settings, warnings: w };
}

export function resolveReferenceSettings(sampleRateHz: number, opts: OnsetOptions = {}): Resolved<ReferenceOnsetSettings> {
  const b = opts.base ?? REFERENCE_PLUGIN_SETTINGS;
  const w: string[] = [];
  const triggerDb = take('triggerDb', opts.triggerDb, b.triggerDb, w);
  let holdSamples = b.holdSamples;
  if (opts.holdSamples !== undefined) holdSamples = Math.round(take('holdSamples', opts.holdSamples, b.holdSamples, w));
  else if (opts.holdMs !== undefined) holdSamples = Math.round((take('holdMs', opts.holdMs, (b.holdSamples / sampleRateHz) * 1000, w) * sampleRateHz) / 1000);
  const rearmLogic = opts.rearmLogic ?? b.rearmLogic;
  if (rearmLogic !== 'training' && rearmLogic !== 'plugin') w.push(`onset re-arm logic "${String(rearmLogic)}" is unknown (training or plugin); using ${b.rearmLogic}`);
  const settings: ReferenceOnsetSettings = {
    triggerDb,
    rearmDb: checkHysteresis(triggerDb, take('rearmDb', opts.rearmDb, b.rearmDb, w), w),
    holdSamples,
    minDb: take('minDb', opts.minDb, b.minDb, w),
    epsilon: take('epsilon', opts.epsilon, b.epsilon, w),
    rearmLogic: rearmLogic === 'plugin' ? 'plugin' : rearmLogic === 'training' ? 'training' : b.rearmLogic,
  };
  return { settings, warnings: w };
}
