/**
 * `plot timbre` and `plot params` on the example recording with a model built here with known
 * weights: every hidden weight zero and one output bias b, so the network answers
 * m = tanh(b) on output k and 0 elsewhere for every hit, whatever the input. Then (analytically)
 * the heat map is damping[k]·tanh(b) on row k and 0 on the 13 others, and a model with b = 0 makes
 * every synth hit the preset's own sound.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnnxModel, layerSizes, writeModelBundle, type MlpWeights } from '../../src/model';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, ONNX_INPUT_NAME, ONNX_OUTPUT_NAME, ONSET_FEATURE_NAMES, type ModelBundleMeta } from '../../src/model/bundle';
import { loadPreset, presetToJson } from '../../src/synth/presets';
import { PARAMS, PARAM_NAMES, paramIndex } from '../../src/synth/params';
import { detectOnsets } from '../../src/onset';
import { onsetFeatures } from '../../src/features';
import { writeWav } from '../../src/io/wav';
import { SENSITIVITY_MAX, SENSITIVITY_MIN } from '../../src/engine/engine';
import { EXAMPLE_WAV, exampleAudio } from '../helpers/audio';
import { labelNumber, runPlotInChild, svgMarkItems } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'tr-plot-model-'));
const out = (f: string) => join(dir, 'out', f);
const K = paramIndex('noise_gain.gain');
const BIAS = 0.5;

async function writeBiasModel(name: string, bias: number): Promise<string> {
  const preset = loadPreset('808_snare_1');
  const sizes = layerSizes('mlp');
  const w: MlpWeights = { arch: 'mlp', layers: sizes.slice(1).map((outFeatures, l) => ({ inFeatures: sizes[l], outFeatures, weight: new Float32Array(sizes[l] * outFeatures), bias: new Float32Array(outFeatures) })) };
  w.layers[w.layers.length - 1].bias![K] = bias;
  const meta: ModelBundleMeta = {
    format: BUNDLE_FORMAT, formatVersion: BUNDLE_FORMAT_VERSION, name, paramOrder: [...PARAM_NAMES],
    preset: { name: preset.name, physical: presetToJson(preset).preset, normalised: Array.from(preset.normalised) },
    damping: Array.from(preset.damping),
    featureNorm: { names: [...ONSET_FEATURE_NAMES], min: [-80, 40, -60], max: [0, 110, 0], ref: [0.5, 0.5, 0.5] },
    onsetWindow: { samples: 256, backtrackSamples: 16, sampleRateHz: 44100 }, architecture: 'mlp',
    onnx: { input: ONNX_INPUT_NAME, output: ONNX_OUTPUT_NAME, opset: 17 },
  };
  const base = join(dir, name);
  await writeModelBundle(base, buildOnnxModel(w, 'mlp'), meta);
  return base;
}

let runs: ReturnType<typeof runPlotInChild>;
let onsets: number[];

beforeAll(async () => {
  const biased = await writeBiasModel('biased', BIAS);
  const zero = await writeBiasModel('zero', 0);
  const silent = join(dir, 'silent.wav');
  writeWav(silent, [new Float32Array(44100)], 44100, '16');
  const audio = exampleAudio();
  onsets = detectOnsets(audio.mono, audio.sampleRate, { mode: 'adaptive' });
  runs = runPlotInChild([
    ['params', EXAMPLE_WAV, '--model', biased, '--out', out('params.svg'), '--out', out('params.png'), '--json'],
    ['timbre', EXAMPLE_WAV, '--model', zero, '--out', out('timbre.svg'), '--json'],
    ['timbre', EXAMPLE_WAV, '--model', biased, '--preset', '808_snare_2', '--out', out('mismatch.png')],
    ['timbre', silent, '--model', biased, '--out', out('silent.png')],
    ['params', EXAMPLE_WAV, '--model', join(dir, 'nope'), '--out', out('nope.png')],
    ['timbre', EXAMPLE_WAV, '--model', biased, '--preset', '808_snare_1', '--out', out('match.svg')],
  ]);
});

test('params: 14 rows named with units, one column per detected hit, the modulation the weights imply', () => {
  expect(runs[0].code).toBe(0);
  const svg = readFileSync(out('params.svg'), 'utf8');
  const cells = svgMarkItems(svg, 'cells');
  expect(cells).toHaveLength(14 * onsets.length);
  const rows = new Map<string, number[]>();
  for (const c of cells) {
    const p = /parameter: ([^;]+)/.exec(c)![1];
    rows.set(p, [...(rows.get(p) ?? []), labelNumber(c, 'modulation')]);
  }
  expect([...rows.keys()].sort()).toEqual(PARAMS.map((p) => `${p.label} (${p.unit})`).sort());
  const damping = loadPreset('808_snare_1').damping;
  const expected = Math.max(-1, Math.min(1, damping[K] * Math.tanh(BIAS)));
  for (const [label, values] of rows) {
    const want = label === `${PARAMS[K].label} (${PARAMS[K].unit})` ? expected : 0;
    for (const v of values) expect(v).toBeCloseTo(want, 2); // labels carry 3 decimals
  }
  expect(JSON.parse(runs[0].stdout)).toMatchObject({ plot: 'params', hits: onsets.length, params: 14 });
});

test('timbre: one drum and one synth point per hit; drum points at the onset features of each window; zero model → synth = preset', () => {
  expect(runs[1].code).toBe(0);
  const svg = readFileSync(out('timbre.svg'), 'utf8');
  const drum = svgMarkItems(svg, 'drum_hits');
  const synth = svgMarkItems(svg, 'synth_hits');
  expect(drum).toHaveLength(onsets.length);
  expect(synth).toHaveLength(onsets.length);
  expect(svgMarkItems(svg, 'joins')).toHaveLength(onsets.length);
  const loudKey = 'loudness: RMS of the onset window (dB)';
  // The drum windows: 256 samples from onset − 16 (training segmentation), features by src/features.
  const audio = exampleAudio();
  const want = onsets.map((s) => onsetFeatures(audio.mono.subarray(s - 16, s + 240), 44100)[0]).sort((a, b) => a - b);
  const got = drum.map((l) => labelNumber(l, loudKey)).sort((a, b) => a - b);
  got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 1));
  // Zero modulation: every synth hit is the preset's hit, the "preset" marker.
  const ref = svgMarkItems(svg, 'reference');
  expect(ref).toHaveLength(2);
  const presetLoud = labelNumber(ref[1], loudKey); // rows: reference drum hit, then the preset
  for (const s of synth) expect(labelNumber(s, loudKey)).toBeCloseTo(presetLoud, 1);
  // The difference panel: synth − preset is 0 for every hit; drum − reference keeps the drum's spread.
  const diffSynth = svgMarkItems(svg, 'diff_synth_hits').map((l) => labelNumber(l, 'Δ loudness (dB)'));
  expect(diffSynth).toHaveLength(onsets.length);
  for (const d of diffSynth) expect(Math.abs(d)).toBeLessThan(0.01);
  const diffDrum = svgMarkItems(svg, 'diff_drum_hits').map((l) => labelNumber(l, 'Δ loudness (dB)')).sort((a, b) => a - b);
  const refLoud = labelNumber(ref[0], loudKey);
  diffDrum.forEach((d, i) => expect(d).toBeCloseTo(want[i] - refLoud, 1));
});

test('a model for another preset, no hits, a missing model: clear messages, exit 2, no files', () => {
  expect(runs[2].code).toBe(2);
  expect(runs[2].stderr).toMatch(/trained for preset "808_snare_1", not "808_snare_2"/);
  expect(runs[3].code).toBe(2);
  expect(runs[3].stderr).toMatch(/no hits found in .*silent\.wav/);
  expect(runs[4].code).toBe(2);
  expect(runs[4].stderr).toMatch(/could not load model/);
  expect(runs[5].code).toBe(0); // the matching preset is accepted
  expect(readdirSync(join(dir, 'out')).sort()).toEqual(['match.svg', 'params.png', 'params.svg', 'timbre.svg']);
  for (const f of ['mismatch.png', 'silent.png', 'nope.png']) expect(existsSync(out(f))).toBe(false);
});

test('the plot command’s sensitivity range is the engine’s', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { command } = require('../../src/cli/commands/plot');
  const s = command.options.find((o: { name: string }) => o.name === 'sensitivity');
  expect([s.min, s.max]).toEqual([SENSITIVITY_MIN, SENSITIVITY_MAX]);
});
