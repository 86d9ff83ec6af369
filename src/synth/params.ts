/**
 * The 808 snare synth's 14 parameters: the one source of truth for names, units, ranges and order.
 *
 * Order = the reference's network output order = plugin parameter index (reference-implementation.md §1.3).
 * Normalised ↔ physical is linear: `physical = min + (max − min) · normalised`. The noise filter's
 * range is the training range 20…22050 Hz (the reference plugin's 24 000 Hz was a train/inference bug).
 * Everything else (CLI help, OSC address list, Max `param` names, help patches, docs) derives from
 * `PARAMS`.
 */
import { UserError } from '../util/errors';
import { checkSamples } from '../util/validate';

export type ParamUnit = 'Hz' | 'ratio' | 'ms' | 'Q' | 'dB';

export interface ParamSpec {
  /** Reference key (`module.param`), as in the preset JSON and the model bundle. */
  readonly name: string;
  /** Identifier safe for Max/gen~/Pd (`osc1_freq`). */
  readonly id: string;
  /** Short label for knobs and plots. */
  readonly label: string;
  readonly unit: ParamUnit;
  readonly min: number;
  readonly max: number;
  /** Physical default (= preset 808_snare_1, the reference plugin's defaults). */
  readonly defaultValue: number;
  /** One line for help text. */
  readonly doc: string;
}

export const PARAMS: readonly ParamSpec[] = [
  { name: 'osc1.freq', id: 'osc1_freq', label: 'Osc 1 freq', unit: 'Hz', min: 20, max: 2000, defaultValue: 180, doc: 'Oscillator 1 base frequency' },
  { name: 'osc1.mod', id: 'osc1_mod', label: 'Osc 1 mod', unit: 'ratio', min: -1, max: 2, defaultValue: 0.4, doc: 'Oscillator 1 pitch-envelope depth (frequency × (1 + mod · env))' },
  { name: 'osc2.freq', id: 'osc2_freq', label: 'Osc 2 freq', unit: 'Hz', min: 20, max: 2000, defaultValue: 240, doc: 'Oscillator 2 base frequency' },
  { name: 'osc2.mod', id: 'osc2_mod', label: 'Osc 2 mod', unit: 'ratio', min: -1, max: 2, defaultValue: 0.3, doc: 'Oscillator 2 pitch-envelope depth' },
  { name: 'freq_env.decay', id: 'freq_env_decay', label: 'Pitch decay', unit: 'ms', min: 10, max: 2000, defaultValue: 50, doc: 'Pitch envelope decay time to −60 dB' },
  { name: 'osc1_env.decay', id: 'osc1_env_decay', label: 'Osc 1 decay', unit: 'ms', min: 10, max: 2000, defaultValue: 200, doc: 'Oscillator 1 amplitude decay time to −60 dB' },
  { name: 'osc2_env.decay', id: 'osc2_env_decay', label: 'Osc 2 decay', unit: 'ms', min: 10, max: 2000, defaultValue: 150, doc: 'Oscillator 2 amplitude decay time to −60 dB' },
  { name: 'noise_env.decay', id: 'noise_env_decay', label: 'Noise decay', unit: 'ms', min: 10, max: 2000, defaultValue: 200, doc: 'Noise amplitude decay time to −60 dB' },
  { name: 'noise_filter.freq', id: 'noise_filter_freq', label: 'Noise HPF', unit: 'Hz', min: 20, max: 22050, defaultValue: 2500, doc: 'Noise high-pass cutoff frequency' },
  { name: 'noise_filter.q', id: 'noise_filter_q', label: 'Noise Q', unit: 'Q', min: 0.5, max: 10, defaultValue: 2, doc: 'Noise high-pass resonance' },
  { name: 'osc1_gain.gain', id: 'osc1_gain', label: 'Osc 1 gain', unit: 'dB', min: -60, max: 6, defaultValue: -6, doc: 'Oscillator 1 level' },
  { name: 'osc2_gain.gain', id: 'osc2_gain', label: 'Osc 2 gain', unit: 'dB', min: -60, max: 6, defaultValue: -12, doc: 'Oscillator 2 level' },
  { name: 'noise_gain.gain', id: 'noise_gain', label: 'Noise gain', unit: 'dB', min: -60, max: 6, defaultValue: -4, doc: 'Filtered noise level' },
  { name: 'tanh.in_gain', id: 'drive', label: 'Drive', unit: 'dB', min: -24, max: 24, defaultValue: -12, doc: 'Gain into the tanh waveshaper' },
];

export const NUM_PARAMS = PARAMS.length; // 14
export const PARAM_NAMES: readonly string[] = PARAMS.map((p) => p.name);

/** Index of each parameter by reference key, for readable code (`P.noise_filter_freq`). */
export const P = Object.freeze(
  Object.fromEntries(PARAMS.map((p, i) => [p.id, i])) as Record<string, number>,
) as Readonly<{
  osc1_freq: 0; osc1_mod: 1; osc2_freq: 2; osc2_mod: 3; freq_env_decay: 4; osc1_env_decay: 5;
  osc2_env_decay: 6; noise_env_decay: 7; noise_filter_freq: 8; noise_filter_q: 9; osc1_gain: 10;
  osc2_gain: 11; noise_gain: 12; drive: 13;
}>;

export function paramIndex(name: string): number {
  if (typeof name !== 'string') throw new UserError(`paramIndex: a parameter name is a string (${PARAMS.map((p) => p.name).join(', ')}); got ${typeof name}.`, 'E_PARAM');
  const i = PARAMS.findIndex((p) => p.name === name || p.id === name);
  if (i < 0) throw new UserError(`unknown synth parameter "${name}"; known: ${PARAMS.map((p) => p.name).join(', ')}`, 'E_PARAM');
  return i;
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Normalised [0,1] → physical units (clamped to the range first). */
export function toPhysical(norm: ArrayLike<number>): Float64Array {
  checkSamples('toPhysical', 'normalised parameters', norm, { length: NUM_PARAMS });
  const out = new Float64Array(NUM_PARAMS);
  for (let i = 0; i < NUM_PARAMS; i++) {
    const p = PARAMS[i];
    out[i] = p.min + (p.max - p.min) * clamp01(norm[i]);
  }
  return out;
}

/** Physical units → normalised [0,1] (clamped). */
export function toNormalised(physical: ArrayLike<number>): Float64Array {
  checkSamples('toNormalised', 'physical parameters', physical, { length: NUM_PARAMS });
  const out = new Float64Array(NUM_PARAMS);
  for (let i = 0; i < NUM_PARAMS; i++) {
    const p = PARAMS[i];
    out[i] = clamp01((physical[i] - p.min) / (p.max - p.min));
  }
  return out;
}

/** Physical defaults in parameter order. */
export function defaultPhysical(): Float64Array {
  return Float64Array.from(PARAMS.map((p) => p.defaultValue));
}

/** "osc1.freq (Hz, 20…2000): Oscillator 1 base frequency" — used by every help text. */
export function describeParam(p: ParamSpec): string {
  return `${p.name} (${p.unit}, ${p.min}…${p.max}): ${p.doc}`;
}
