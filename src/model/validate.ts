/**
 * Validation of a model bundle's JSON (design.md "Model bundle"): every field the engine relies on
 * is checked, and a problem is reported as a UserError naming the file, the field and what to do.
 */
import { PARAM_NAMES, NUM_PARAMS } from '../synth/params';
import { UserError } from '../util/errors';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, ONNX_INPUT_NAME, ONNX_OUTPUT_NAME, ONSET_FEATURE_NAMES, type ModelBundleMeta } from './bundle';
import { ARCHITECTURES, isArchitecture } from './weights';
import { ONSET_MODES, type OnsetMode } from '../onset/settings';

const RETRAIN = 'Re-export the model with `timbre-remap train`, or fix the file.';

/**
 * Check parsed bundle JSON and return it typed.
 * @param json the parsed `NAME.json`
 * @param where file name for the messages
 * @throws UserError (code E_BAD_MODEL) naming the field and the fix
 */
export function validateBundleMeta(json: unknown, where = 'model JSON'): ModelBundleMeta {
  if (typeof where !== 'string') where = 'model JSON';
  const bad = (field: string, problem: string, fix = RETRAIN): never => {
    throw new UserError(`${where}: ${field} ${problem}. ${fix}`, 'E_BAD_MODEL');
  };
  if (!isObject(json)) return bad('the document', 'is not a JSON object');
  const j = json as Record<string, unknown>;

  if (j.format !== BUNDLE_FORMAT) bad('"format"', `is ${show(j.format)}, expected "${BUNDLE_FORMAT}" (is this a TimbreRemap model?)`, 'Load a model bundle written by `timbre-remap train`.');
  if (j.formatVersion !== BUNDLE_FORMAT_VERSION) {
    bad('"formatVersion"', `is ${show(j.formatVersion)}; this version of timbre-remap reads version ${BUNDLE_FORMAT_VERSION}`,
      typeof j.formatVersion === 'number' && j.formatVersion > BUNDLE_FORMAT_VERSION ? 'Update timbre-remap to load it.' : RETRAIN);
  }
  if (typeof j.name !== 'string') bad('"name"', 'must be a string');

  const order = j.paramOrder;
  if (!Array.isArray(order) || order.length !== NUM_PARAMS || order.some((n, i) => n !== PARAM_NAMES[i])) {
    const firstDiff = Array.isArray(order) ? order.findIndex((n, i) => n !== PARAM_NAMES[i]) : -1;
    bad('"paramOrder"', Array.isArray(order)
      ? `does not match the synth's parameter order (${order.length} names; first difference at index ${firstDiff < 0 ? order.length : firstDiff}: ${show(order[firstDiff])} instead of "${PARAM_NAMES[firstDiff] ?? '(none)'}")`
      : 'is missing', `The model must output the ${NUM_PARAMS} parameters in this order: ${PARAM_NAMES.join(', ')}. ${RETRAIN}`);
  }

  if (!isObject(j.preset)) bad('"preset"', 'is missing');
  const preset = j.preset as Record<string, unknown>;
  if (typeof preset.name !== 'string') bad('"preset.name"', 'must be a string');
  numberArray(preset.normalised, NUM_PARAMS, '"preset.normalised"', bad, [0, 1]);
  if (!isObject(preset.physical)) bad('"preset.physical"', 'must be an object {parameter name: physical value}');
  const physical = preset.physical as Record<string, unknown>;
  for (const n of PARAM_NAMES) if (!isFiniteNumber(physical[n])) bad(`"preset.physical['${n}']"`, `is ${show(physical[n])}, expected a finite number`);

  numberArray(j.damping, NUM_PARAMS, '"damping"', bad);

  if (!isObject(j.featureNorm)) bad('"featureNorm"', 'is missing');
  const fn = j.featureNorm as Record<string, unknown>;
  const nf = ONSET_FEATURE_NAMES.length;
  if (!Array.isArray(fn.names) || fn.names.length !== nf || fn.names.some((n, i) => n !== ONSET_FEATURE_NAMES[i])) {
    bad('"featureNorm.names"', `is ${show(fn.names)}, expected [${ONSET_FEATURE_NAMES.map((n) => `"${n}"`).join(', ')}]`);
  }
  const min = numberArray(fn.min, nf, '"featureNorm.min"', bad);
  const max = numberArray(fn.max, nf, '"featureNorm.max"', bad);
  numberArray(fn.ref, nf, '"featureNorm.ref"', bad);
  for (let i = 0; i < nf; i++) {
    if (!(max[i] > min[i])) bad(`"featureNorm.max[${i}]"`, `(${max[i]}) must be above featureNorm.min[${i}] (${min[i]}) for ${ONSET_FEATURE_NAMES[i]}: the training hits did not vary in this feature`, 'Retrain on a recording with hits of different loudness and timbre.');
  }

  if (!isObject(j.onsetWindow)) bad('"onsetWindow"', 'is missing');
  const ow = j.onsetWindow as Record<string, unknown>;
  if (!isInt(ow.samples) || (ow.samples as number) < 16 || (ow.samples as number) > 65536) bad('"onsetWindow.samples"', `is ${show(ow.samples)}, expected an integer 16…65536`);
  if (!isInt(ow.backtrackSamples) || (ow.backtrackSamples as number) < 0 || (ow.backtrackSamples as number) >= (ow.samples as number)) {
    bad('"onsetWindow.backtrackSamples"', `is ${show(ow.backtrackSamples)}, expected an integer 0…samples − 1`);
  }
  if (!isFiniteNumber(ow.sampleRateHz) || (ow.sampleRateHz as number) < 8000 || (ow.sampleRateHz as number) > 384000) {
    bad('"onsetWindow.sampleRateHz"', `is ${show(ow.sampleRateHz)}, expected a rate 8000…384000 Hz`);
  }

  if (!isArchitecture(j.architecture)) bad('"architecture"', `is ${show(j.architecture)}, expected one of ${ARCHITECTURES.join(', ')}`);

  if (!isObject(j.onnx)) bad('"onnx"', 'is missing (expected {input, output, opset})');
  const ox = j.onnx as Record<string, unknown>;
  if (ox.input !== ONNX_INPUT_NAME) bad('"onnx.input"', `is ${show(ox.input)}, expected "${ONNX_INPUT_NAME}"`);
  if (ox.output !== ONNX_OUTPUT_NAME) bad('"onnx.output"', `is ${show(ox.output)}, expected "${ONNX_OUTPUT_NAME}"`);
  if (!isInt(ox.opset) || (ox.opset as number) < 1) bad('"onnx.opset"', `is ${show(ox.opset)}, expected an integer opset version`);

  if (j.detector !== undefined) {
    // the training hits' detector (absent in bundles written before it was recorded: the default detector)
    if (!isObject(j.detector)) bad('"detector"', 'must be an object {mode, settings} when present');
    const d = j.detector as Record<string, unknown>;
    if (!ONSET_MODES.includes(d.mode as OnsetMode)) bad('"detector.mode"', `is ${show(d.mode)}, expected one of ${ONSET_MODES.join(', ')}`);
    if (!isObject(d.settings)) bad('"detector.settings"', 'must be an object {setting: value}');
    for (const [k, v] of Object.entries(d.settings as Record<string, unknown>)) {
      if (!(isFiniteNumber(v) || typeof v === 'string')) bad(`"detector.settings.${k}"`, `is ${show(v)}, expected a finite number or a string`);
    }
  }

  for (const k of ['training', 'provenance', 'evaluation'] as const) {
    if (j[k] !== undefined && !isObject(j[k])) bad(`"${k}"`, 'must be an object when present');
  }
  return json as unknown as ModelBundleMeta;
}

function numberArray(v: unknown, length: number, field: string, bad: (f: string, p: string) => never, range?: [number, number]): number[] {
  if (!Array.isArray(v) || v.length !== length) return bad(field, `must be an array of ${length} numbers (got ${Array.isArray(v) ? `${v.length}` : show(v)})`);
  v.forEach((x, i) => {
    if (!isFiniteNumber(x)) bad(`${field}[${i}]`, `is ${show(x)}, expected a finite number`);
    if (range && ((x as number) < range[0] || (x as number) > range[1])) bad(`${field}[${i}]`, `is ${x}, outside ${range[0]}…${range[1]}`);
  });
  return v as number[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** A value for a message; JSON turns NaN into null, so say "NaN"/"null" plainly. */
function show(v: unknown): string {
  if (v === undefined) return 'missing';
  if (typeof v === 'number') return String(v);
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
