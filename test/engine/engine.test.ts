import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { Engine } from '../../src/engine/engine';
import { onsetFeatures } from '../../src/features';
import { loadPreset } from '../../src/synth/presets';
import { PARAM_NAMES, toPhysical } from '../../src/synth/params';
import { buildOnnxModel, mlpForward, writeModelBundle, type MlpWeights } from '../../src/model';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, ONNX_INPUT_NAME, ONNX_OUTPUT_NAME, ONSET_FEATURE_NAMES, type ModelBundleMeta } from '../../src/model/bundle';
import { exampleAudio, tempDir } from '../helpers/audio';

/** A linear model with hand-set weights: modulation = clip(W·x, −1, 1). */
function linearWeights(scale: number): MlpWeights {
  const w = new Float32Array(14 * 3);
  for (let o = 0; o < 14; o++) for (let i = 0; i < 3; i++) w[o * 3 + i] = scale * ((o % 3 === i ? 1 : -0.5) + o / 28);
  return { arch: 'linear', layers: [{ weight: w, outFeatures: 14, inFeatures: 3 }] };
}

function meta(presetName: string, featureNorm: ModelBundleMeta['featureNorm']): ModelBundleMeta {
  const p = loadPreset(presetName);
  return {
    format: BUNDLE_FORMAT, formatVersion: BUNDLE_FORMAT_VERSION, name: 'test', paramOrder: [...PARAM_NAMES],
    preset: { name: p.name, physical: Object.fromEntries(PARAM_NAMES.map((n, i) => [n, p.physical[i]])), normalised: Array.from(p.normalised) },
    damping: Array.from(p.damping), featureNorm, onsetWindow: { samples: 256, backtrackSamples: 16, sampleRateHz: 44100 },
    architecture: 'linear', onnx: { input: ONNX_INPUT_NAME, output: ONNX_OUTPUT_NAME, opset: 17 },
  };
}

const NORM = { names: [...ONSET_FEATURE_NAMES], min: [-40, 80, -80], max: [-5, 110, -20], ref: [0.5, 0.4, 0.6] };

function exampleFrame(at = 74991 - 16): Float32Array {
  return exampleAudio().mono.slice(at, at + 256);
}

describe('Engine', () => {
  const dir = tempDir();
  const base = join(dir, 'lin');
  const weights = linearWeights(0.8);
  beforeAll(() => writeModelBundle(base, buildOnnxModel(weights), meta('808_snare_2', NORM), { force: true }));

  it('plays the preset unchanged without a model', async () => {
    const e = new Engine({ preset: '808_snare_3' });
    const r = await e.processFrame(exampleFrame());
    if (!r.ok) throw new Error(r.error);
    expect(Array.from(r.params01)).toEqual(Array.from(loadPreset('808_snare_3').normalised));
    expect(Array.from(r.physical)).toEqual(Array.from(toPhysical(loadPreset('808_snare_3').normalised)));
  });

  it('computes clamp(preset + s·clamp(damping ⊙ m, −1, 1), 0, 1) with training normalisation', async () => {
    const e = new Engine();
    expect((await e.loadModel(base)).ok).toBe(true);
    expect(e.setSensitivity(2.5).ok).toBe(true);
    const frame = exampleFrame();
    const r = await e.processFrame(frame);
    if (!r.ok) throw new Error(r.error);
    // Independent expectation: features → (f − min)/(max − min) − ref → W·x → damping, clip, sensitivity, clip.
    const f = onsetFeatures(frame, 44100);
    const x = Float32Array.from([0, 1, 2].map((i) => (f[i] - NORM.min[i]) / (NORM.max[i] - NORM.min[i]) - NORM.ref[i]));
    const m = mlpForward(weights, x, 1);
    const p = loadPreset('808_snare_2');
    for (let i = 0; i < 14; i++) {
      const mod = Math.max(-1, Math.min(1, p.damping[i] * m[i]));
      const expected = Math.max(0, Math.min(1, p.normalised[i] + 2.5 * mod));
      expect(r.params01[i]).toBeCloseTo(expected, 5);
    }
    expect(r.featuresNorm[0]).toBeCloseTo(x[0], 5);
    expect(e.describe().preset).toBe('808_snare_2');
  });

  it('sensitivity 0 gives the model preset; out-of-range sensitivity is clamped with a warning', async () => {
    const e = new Engine();
    await e.loadModel(base);
    e.setSensitivity(0);
    const r = await e.processFrame(exampleFrame());
    if (!r.ok) throw new Error(r.error);
    expect(Array.from(r.params01)).toEqual(Array.from(loadPreset('808_snare_2').normalised));
    const s = e.setSensitivity(7);
    expect(s.ok && s.warning).toMatch(/clamped to 4/);
    expect(e.sensitivity).toBe(4);
    expect(e.setSensitivity(Number.NaN).ok).toBe(false);
    expect(e.sensitivity).toBe(4);
  });

  it('rejects wrong-length and non-finite frames with a message and keeps working', async () => {
    const e = new Engine();
    await e.loadModel(base);
    const short = await e.processFrame(new Float32Array(100));
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.error).toMatch(/100 samples; expected 256/);
    const nan = exampleFrame();
    nan[10] = Number.NaN;
    const bad = await e.processFrame(nan);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/sample 10/);
    const inf = exampleFrame();
    inf[0] = Infinity;
    expect((await e.processFrame(inf)).ok).toBe(false);
    expect((await e.processFrame(exampleFrame())).ok).toBe(true);
  });

  it('keeps the previous model when a load fails (missing, corrupt, wrong shape)', async () => {
    const e = new Engine();
    await e.loadModel(base);
    const before = await e.processFrame(exampleFrame());
    const corrupt = join(dir, 'corrupt');
    writeFileSync(`${corrupt}.onnx`, Buffer.from('not an onnx model'));
    writeFileSync(`${corrupt}.json`, JSON.stringify(meta('808_snare_1', NORM)));
    const shape = join(dir, 'shape');
    const w13: MlpWeights = { arch: 'linear', layers: [{ weight: new Float32Array(13 * 3), outFeatures: 13, inFeatures: 3 }] };
    let shapeBytes: Uint8Array | null = null;
    try { shapeBytes = buildOnnxModel(w13); } catch { shapeBytes = null; }
    if (shapeBytes) writeModelBundle(shape, shapeBytes, meta('808_snare_1', NORM), { force: true });
    for (const p of [join(dir, 'missing'), corrupt, ...(shapeBytes ? [shape] : [])]) {
      const s = await e.loadModel(p);
      expect(s.ok).toBe(false);
      if (!s.ok) expect(s.error).toMatch(/keeps playing/);
      const after = await e.processFrame(exampleFrame());
      expect(after).toEqual(before);
    }
    expect(e.describe().model).toBe(base);
  });

  it('setParam overrides the base value in physical units, clamps with a warning, rejects unknown names', async () => {
    const e = new Engine({ preset: '808_snare_1' });
    expect(e.setParam('osc1.freq', 200).ok).toBe(true);
    let r = await e.processFrame(exampleFrame());
    if (!r.ok) throw new Error(r.error);
    expect(r.physical[0]).toBeCloseTo(200, 9);
    const w = e.setParam('noise_filter_freq', 30000);
    expect(w.ok && w.warning).toMatch(/clamped to 22050/);
    expect(e.setParam('nope', 1).ok).toBe(false);
    expect(e.setParam('osc1.freq', Number.NaN).ok).toBe(false);
    e.reset();
    r = await e.processFrame(exampleFrame());
    if (!r.ok) throw new Error(r.error);
    expect(r.physical[0]).toBeCloseTo(180, 9);
  });

  it('scales the onset window with the host rate', () => {
    const e = new Engine({ sampleRateHz: 48000 });
    expect(e.frameSamples).toBe(279);
    expect(e.setSampleRate(96000).ok).toBe(true);
    expect(e.frameSamples).toBe(557);
    expect(e.setSampleRate(10).ok).toBe(false);
    expect(e.frameSamples).toBe(557);
  });
});
