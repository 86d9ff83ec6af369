import { existsSync, readdirSync } from 'node:fs';
import { FILE_LIMITS, readJsonFile } from '../io/files';
import { join, basename, resolve } from 'node:path';
import { NUM_PARAMS, PARAMS, toNormalised } from './params';
import { UserError } from '../util/errors';

/** A synth preset: base patch plus per-parameter damping of the network's modulation. */
export interface Preset {
  readonly name: string;
  /** Physical values in parameter order. */
  readonly physical: Float64Array;
  /** Normalised [0,1] values in parameter order. */
  readonly normalised: Float64Array;
  /** Damping factors in parameter order (1 where the file has none). */
  readonly damping: Float64Array;
}

/** Folder of the shipped presets (`models/presets/`), found from this file in src/ or dist/. */
export function presetsDir(): string {
  // TIMBRE_REMAP_DATA: a models folder given by the host (a frozen Max device unpacks its own copy)
  const given = process.env.TIMBRE_REMAP_DATA ? [resolve(process.env.TIMBRE_REMAP_DATA, 'presets')] : [];
  const candidates = [...given, resolve(__dirname, '../../models/presets'), resolve(__dirname, '../models/presets'), resolve(process.cwd(), 'models/presets')];
  for (const c of candidates) if (existsSync(c)) return c;
  return candidates[0];
}

export function listPresets(): string[] {
  const dir = presetsDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
}

/** Parse the reference preset JSON format (`{"preset": {...}, "damping": {...}}`). */
export function parsePreset(json: unknown, name: string): Preset {
  if (!json || typeof json !== 'object' || !('preset' in json)) {
    throw new UserError(`preset "${name}" is not a preset file: expected {"preset": {"osc1.freq": …, …}, "damping": {…}}.`, 'E_PRESET');
  }
  const j = json as { preset: Record<string, unknown>; damping?: Record<string, unknown> };
  const physical = new Float64Array(NUM_PARAMS);
  const damping = new Float64Array(NUM_PARAMS).fill(1);
  const known = new Set(PARAMS.map((p) => p.name));
  for (const key of Object.keys(j.preset)) {
    if (!known.has(key)) throw new UserError(`preset "${name}" has an unknown parameter "${key}"; known: ${[...known].join(', ')}.`, 'E_PRESET');
  }
  PARAMS.forEach((p, i) => {
    const v = j.preset[p.name];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new UserError(`preset "${name}" lacks a number for "${p.name}" (${p.unit}, ${p.min}…${p.max}).`, 'E_PRESET');
    if (v < p.min || v > p.max) throw new UserError(`preset "${name}": ${p.name} = ${v} ${p.unit} is outside ${p.min}…${p.max}.`, 'E_PRESET');
    physical[i] = v;
    const d = j.damping?.[p.name];
    if (d !== undefined) {
      if (typeof d !== 'number' || !Number.isFinite(d)) throw new UserError(`preset "${name}": damping for "${p.name}" must be a number.`, 'E_PRESET');
      damping[i] = d;
    }
  });
  return { name, physical, normalised: toNormalised(physical), damping };
}

/**
 * Load a shipped preset by name (`808_snare_1`) or a preset JSON file by path. A file must be a
 * regular file of at most FILE_LIMITS.presetBytes (1 MiB); messages never quote its content.
 */
export function loadPreset(nameOrFile: string): Preset {
  if (typeof nameOrFile !== 'string' || nameOrFile.trim() === '') {
    throw new UserError(`a preset is a name (${listPresets().join(', ')}) or a preset .json file; got ${typeof nameOrFile === 'string' ? '""' : String(nameOrFile)}.`, 'E_PRESET');
  }
  const isFile = nameOrFile.endsWith('.json') || nameOrFile.includes('/') || nameOrFile.includes('\\');
  if (!isFile && !listPresets().includes(nameOrFile)) {
    throw new UserError(`unknown preset "${nameOrFile}". Shipped presets: ${listPresets().join(', ')}; or pass a preset .json file.`, 'E_PRESET');
  }
  const path = isFile ? nameOrFile : join(presetsDir(), `${nameOrFile}.json`);
  const json = readJsonFile(path, { what: 'preset file', maxBytes: FILE_LIMITS.presetBytes }, 'Give a preset file as written by "timbre-remap presets --json" or shipped in models/presets.');
  return parsePreset(json, basename(path).replace(/\.json$/, ''));
}

/** Preset JSON in the reference format, for writing next to a model. */
export function presetToJson(p: Preset): { preset: Record<string, number>; damping: Record<string, number> } {
  const preset: Record<string, number> = {};
  const damping: Record<string, number> = {};
  PARAMS.forEach((s, i) => {
    preset[s.name] = p.physical[i];
    if (p.damping[i] !== 1) damping[s.name] = p.damping[i];
  });
  return { preset, damping };
}
