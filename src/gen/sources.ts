/**
 * The GenExpr code of the package's two gen~ objects, assembled from the `.genexpr` templates beside
 * this file and the parameter specs (one source of truth):
 *   `$PARAMS`   → one `Param` line per synth parameter (PARAMS: id, default, min, max, physical units)
 *                 or per onset setting (ONSET_SETTINGS, except `holdSamples`: gen~ takes the hold in ms)
 *   `$PHYS(id)` → `physical(id, min, max)` with the parameter's range
 *   `$CONST(name)` → a detector constant from src/onset (ONSET_GEN_CONSTANTS), e.g. the high-pass
 * scripts/build-max.ts embeds the result in `code/tr.808.gendsp` / `code/tr.onset.gendsp` (codebox);
 * test/max runs exactly that code with a GenExpr test interpreter.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PARAMS, type ParamSpec } from '../synth/params';
import { ONSET_SETTINGS, type OnsetSettingSpec } from '../onset/settings';
import { COARSEST_QUANTUM_DB, OPENING_LEVEL_TIME_CONSTANTS, POWER_EPSILON, REARM_MASK_TRIGGERS } from '../onset/adaptive';
import { REFERENCE_HIGHPASS_HZ, REFERENCE_HIGHPASS_Q } from '../onset/reference';

/** Constants of the onset detector the tr.onset~ template names as `$CONST(name)` (one definition: src/onset). */
export const ONSET_GEN_CONSTANTS: Readonly<Record<string, number>> = {
  highpassHz: REFERENCE_HIGHPASS_HZ,
  highpassQ: REFERENCE_HIGHPASS_Q,
  coarsestQuantumDb: COARSEST_QUANTUM_DB,
  powerEpsilon: POWER_EPSILON,
  openingLevelTimeConstants: OPENING_LEVEL_TIME_CONSTANTS,
  rearmMaskTriggers: REARM_MASK_TRIGGERS,
};

/** A gen~ `Param` of one of our objects, with what help files and reference pages say about it. */
export interface GenParamInfo {
  name: string;
  defaultValue: number;
  min: number;
  max: number;
  unit: string;
  doc: string;
}

const num = (x: number) => (Number.isInteger(x) ? String(x) : String(x));

function paramLine(p: GenParamInfo): string {
  return `Param ${p.name}(${num(p.defaultValue)}, min=${num(p.min)}, max=${num(p.max)}); // ${p.unit}: ${p.doc}`;
}

/** Synth parameters as gen~ Params (physical units). */
export function synthGenParams(): GenParamInfo[] {
  return PARAMS.map((p: ParamSpec) => ({ name: p.id, defaultValue: p.defaultValue, min: p.min, max: p.max, unit: p.unit, doc: `${p.name}: ${p.doc}` }));
}

/** The extra tr.808~ Params (voice pool and stop level). */
export const SYNTH_POOL_PARAMS: readonly GenParamInfo[] = [
  { name: 'voices', defaultValue: 4, min: 1, max: 4, unit: 'voices', doc: 'hits that may sound at once; the oldest is faded out when all sound' },
  { name: 'steal_ms', defaultValue: 5, min: 0, max: 100, unit: 'ms', doc: 'fade length of a stolen voice' },
  { name: 'silence', defaultValue: 0.00001, min: 0, max: 1, unit: 'linear', doc: 'a decaying voice stops when its level bound falls below this (0: never)' },
];

/** Onset settings as gen~ Params (hold in ms for both modes; `rearmDb` −1 = automatic). */
export function onsetGenParams(): GenParamInfo[] {
  return ONSET_SETTINGS.filter((s: OnsetSettingSpec) => s.id !== 'holdSamples').map((s) => {
    const d = s.defaults.adaptive ?? s.defaults.reference ?? 0;
    if (s.id === 'rearmDb') {
      return { name: s.id, defaultValue: -1, min: -1, max: s.max, unit: s.unit, doc: `${s.doc}; -1 = automatic (half the trigger threshold; reference mode: 4.6666/16 of it)` };
    }
    return { name: s.id, defaultValue: d, min: s.min, max: s.max, unit: s.unit, doc: s.doc };
  });
}

export const ONSET_MODE_PARAM: GenParamInfo = { name: 'mode', defaultValue: 0, min: 0, max: 1, unit: 'mode', doc: '0 = adaptive (default), 1 = reference (the published detector; also set triggerDb 16)' };

function template(name: string): string {
  return readFileSync(join(__dirname, name), 'utf8');
}

function expand(src: string, params: GenParamInfo[], constants: Readonly<Record<string, number>> = {}): string {
  const byName = new Map(params.map((p) => [p.name, p]));
  return src
    .replace(/\$CONST\((\w+)\)/g, (_, id: string) => {
      const v = constants[id];
      if (v === undefined) throw new Error(`GenExpr template names unknown constant "${id}"`);
      return String(v);
    })
    .replace('$PARAMS', params.map(paramLine).join('\n'))
    .replace(/\$PHYS\((\w+)\)/g, (_, id: string) => {
      const p = byName.get(id);
      if (!p) throw new Error(`GenExpr template names unknown parameter "${id}"`);
      return `physical(${id}, ${num(p.min)}, ${num(p.max)})`;
    });
}

/** GenExpr of `tr.808~` (codebox text, `\n` line ends). */
export function tr808GenExpr(): string {
  return expand(template('tr.808.genexpr'), synthGenParams());
}

/** GenExpr of `tr.onset~`. */
export function trOnsetGenExpr(): string {
  return expand(template('tr.onset.genexpr'), onsetGenParams(), ONSET_GEN_CONSTANTS);
}
