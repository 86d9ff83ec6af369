/**
 * The GenExpr code of the package's gen~ objects, assembled from the `.genexpr` templates beside
 * this file and the parameter specs (one source of truth):
 *   `$PARAMS`   → one `Param` line per synth parameter (PARAMS: id, default, min, max, physical units)
 *                 or per onset setting (ONSET_SETTINGS, except `holdSamples`: gen~ takes the hold in ms)
 *   `$PHYS(id)` → `physical(id, min, max)` with the parameter's range (tr.808~: Params in physical
 *                 units), or `physical01(inK, min, max)` (the voice inside tr.remap~: normalised
 *                 parameters arrive on inlets 2…15, in parameter order)
 *   `$CONST(name)` → a detector constant from src/onset (ONSET_GEN_CONSTANTS), e.g. the high-pass
 *   `$F32`      → the float32 rounding function shared by every generated codebox
 *   `$HEADER`   → the comment that says which object the code belongs to
 * scripts/build-max.ts embeds the result in `code/*.gendsp` (codeboxes); test/max runs exactly that
 * code with a GenExpr test interpreter. remap.ts generates the analysis code of tr.remap~.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PARAMS, type ParamSpec } from '../synth/params';
import { ONSET_SETTINGS, type OnsetSettingSpec } from '../onset/settings';
import { COARSEST_QUANTUM_DB, COUNTER_CEILING, DECAY_FOLLOW_MASK_TIMES, OPENING_LEVEL_TIME_CONSTANTS, POWER_EPSILON, REARM_MASK_TRIGGERS } from '../onset/adaptive';
import { REFERENCE_HIGHPASS_HZ, REFERENCE_HIGHPASS_Q } from '../onset/reference';

/** Constants of the onset detector the tr.onset~ template names as `$CONST(name)` (one definition: src/onset). */
export const ONSET_GEN_CONSTANTS: Readonly<Record<string, number>> = {
  highpassHz: REFERENCE_HIGHPASS_HZ,
  highpassQ: REFERENCE_HIGHPASS_Q,
  coarsestQuantumDb: COARSEST_QUANTUM_DB,
  powerEpsilon: POWER_EPSILON,
  openingLevelTimeConstants: OPENING_LEVEL_TIME_CONSTANTS,
  rearmMaskTriggers: REARM_MASK_TRIGGERS,
  decayFollowMaskTimes: DECAY_FOLLOW_MASK_TIMES,
  counterCeiling: COUNTER_CEILING,
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

/** x rounded to float32 (nearest) in float64 arithmetic, as the TypeScript code's Math.fround. */
export const F32_GENEXPR = `// x rounded to float32 (24-bit significand, nearest) in float64 arithmetic: Veltkamp's split, 2^29 + 1.
f32(x) {
	c = x * 536870913;
	return c - (c - x);
}`;

type PhysFn = (id: string, p: GenParamInfo, index: number) => string;
const physicalParam: PhysFn = (id, p) => `physical(${id}, ${num(p.min)}, ${num(p.max)})`;

function expand(src: string, params: GenParamInfo[], constants: Readonly<Record<string, number>> = {}, phys: PhysFn = physicalParam): string {
  const byName = new Map(params.map((p, i) => [p.name, { p, i }]));
  return src
    .replace(/\$CONST\((\w+)\)/g, (_, id: string) => {
      const v = constants[id];
      if (v === undefined) throw new Error(`GenExpr template names unknown constant "${id}"`);
      return String(v);
    })
    .replace('$PARAMS', params.map(paramLine).join('\n'))
    .replace('$F32', F32_GENEXPR)
    .replace(/\$PHYS\((\w+)\)/g, (_, id: string) => {
      const q = byName.get(id);
      if (!q) throw new Error(`GenExpr template names unknown parameter "${id}"`);
      return phys(id, q.p, q.i);
    });
}

const TR808_HEADER = `// tr.808~ : the 14-parameter 808 snare synth of TimbreRemap (src/synth/voice.ts, pool.ts) in GenExpr.
// in1: trigger (a hit starts on each rising edge above 0, e.g. click~). out1: audio. out2: sounding voices.
// Parameters: physical units, set with [osc1_freq 180.( etc. before the trigger; each hit keeps the
// values it started with. A pool of \`voices\` (1..4) overlapping hits; when all sound, the oldest one
// fades out over steal_ms. Every hit restarts phase, envelopes, filter and noise (from index 0).
// Float32 fidelity: f32() rounds like the TypeScript voice's Math.fround (the reference's float32
// tensors), so this copy matches the golden renders within 1e-4. Generated from src/gen; do not edit
// the .gendsp by hand.`;

const VOICE_HEADER = `// tr.remap~ voice: the 808 snare synth of tr.808~ (the same template, src/gen/tr.808.genexpr) with its
// 14 parameters arriving normalised (0..1, parameter order) on in2..in15 from the analysis codebox,
// read on the trigger sample (in1 rising). out1: audio. out2: sounding voices. Generated from src/gen.`;

/** GenExpr of `tr.808~` (codebox text, `\n` line ends). */
export function tr808GenExpr(): string {
  return expand(template('tr.808.genexpr').replace('$HEADER', TR808_HEADER), synthGenParams());
}

/** GenExpr of the voice codebox inside tr.remap~: parameters from inlets 2…15 (normalised). */
export function trRemapVoiceGenExpr(): string {
  const src = template('tr.808.genexpr').replace('$HEADER', VOICE_HEADER).replace('$PARAMS\n', '');
  return expand(src, synthGenParams(), {}, (_id, p, i) => `physical01(in${i + 2}, ${num(p.min)}, ${num(p.max)})`);
}

/** GenExpr of `tr.onset~`. */
export function trOnsetGenExpr(): string {
  return expand(template('tr.onset.genexpr'), onsetGenParams(), ONSET_GEN_CONSTANTS);
}
