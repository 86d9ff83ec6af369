import './jestRealm';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onnx } from 'onnx-proto';
import { buildOnnxModel, loadModelBundle, mlpForward, validateBundleMeta, writeModelBundle, type MlpWeights } from '../../src/model';
import type { ModelBundleMeta } from '../../src/model/bundle';
import { PARAM_NAMES } from '../../src/synth/params';
import { UserError } from '../../src/util/errors';
import { tempDir } from '../helpers/audio';
import { foreignLinearOnnx, inputs, maxAbsDiff, meta, randomWeights } from './nets';

/** The error thrown by `f`, asserting it is a UserError. */
function userError(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error('expected a UserError, nothing was thrown');
}

async function loadError(path: string): Promise<UserError> {
  try {
    await loadModelBundle(path);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error(`expected loading ${path} to fail`);
}

describe('validateBundleMeta', () => {
  const edit = (f: (m: Record<string, any>) => void): unknown => {
    const m = JSON.parse(JSON.stringify(meta())) as Record<string, any>;
    f(m);
    return m;
  };

  it('accepts a complete bundle and returns it', () => {
    const m = meta();
    expect(validateBundleMeta(m, 'x.json')).toBe(m);
    expect(validateBundleMeta(edit((m) => (m.training = { epochs: 3 })))).toBeTruthy();
  });

  it.each<[string, (m: Record<string, any>) => void, RegExp]>([
    ['wrong paramOrder', (m) => ([m.paramOrder[0], m.paramOrder[1]] = [m.paramOrder[1], m.paramOrder[0]]), /"paramOrder" does not match.*index 0: "osc1\.mod" instead of "osc1\.freq".*osc1\.freq, osc1\.mod/],
    ['13 parameters', (m) => m.paramOrder.pop(), /"paramOrder".*13 names/],
    ['formatVersion 2', (m) => (m.formatVersion = 2), /"formatVersion" is 2; this version of timbre-remap reads version 1\. Update timbre-remap/],
    ['another format', (m) => (m.format = 'keras'), /"format" is "keras"/],
    ['NaN in featureNorm.min', (m) => (m.featureNorm.min[1] = NaN), /"featureNorm\.min"\[1\] is NaN, expected a finite number/],
    ['null (NaN in a file) in featureNorm.ref', (m) => (m.featureNorm.ref[2] = null), /"featureNorm\.ref"\[2\] is null/],
    ['max = min', (m) => (m.featureNorm.max[0] = m.featureNorm.min[0]), /"featureNorm\.max\[0\]" \(-60\) must be above featureNorm\.min\[0\] \(-60\).*Retrain on a recording/],
    ['max < min', (m) => (m.featureNorm.max[2] = -80), /"featureNorm\.max\[2\]" \(-80\) must be above/],
    ['featureNorm of 2 features', (m) => m.featureNorm.max.pop(), /"featureNorm\.max" must be an array of 3 numbers \(got 2\)/],
    ['preset outside [0,1]', (m) => (m.preset.normalised[3] = 1.5), /"preset\.normalised"\[3\] is 1\.5, outside 0…1/],
    ['preset of 13 values', (m) => m.preset.normalised.pop(), /"preset\.normalised" must be an array of 14 numbers/],
    ['missing physical value', (m) => delete m.preset.physical['tanh.in_gain'], /"preset\.physical\['tanh\.in_gain'\]" is missing/],
    ['damping with Infinity', (m) => (m.damping[13] = Infinity), /"damping"\[13\] is Infinity/],
    ['damping of 15 values', (m) => m.damping.push(1), /"damping" must be an array of 14 numbers \(got 15\)/],
    ['unknown architecture', (m) => (m.architecture = 'transformer'), /"architecture" is "transformer", expected one of linear, mlp, mlp-large/],
    ['window backtrack beyond the window', (m) => (m.onsetWindow.backtrackSamples = 300), /"onsetWindow\.backtrackSamples" is 300/],
    ['zero sample rate', (m) => (m.onsetWindow.sampleRateHz = 0), /"onsetWindow\.sampleRateHz" is 0/],
    ['other ONNX names', (m) => (m.onnx.output = 'output'), /"onnx\.output" is "output", expected "modulation"/],
  ])('rejects %s with a message naming the field', (_, change, message) => {
    const e = userError(() => validateBundleMeta(edit(change), 'models/x.json'));
    expect(e.message).toMatch(/^models\/x\.json: /);
    expect(e.message).toMatch(message);
  });

  it('rejects a non-object', () => {
    expect(userError(() => validateBundleMeta([1, 2], 'a.json')).message).toMatch(/a\.json: the document is not a JSON object/);
  });
});

describe('writeModelBundle', () => {
  it('writes BASE.onnx + BASE.json, refuses to overwrite without force, leaves no temporary files', () => {
    const dir = tempDir('tr-model-write-');
    const base = join(dir, 'sub', 'm');
    const first = buildOnnxModel(randomWeights('mlp', 1));
    const paths = writeModelBundle(`${base}.onnx`, first, meta());
    expect(paths).toEqual({ base, onnx: `${base}.onnx`, json: `${base}.json` });
    expect(new Uint8Array(readFileSync(paths.onnx))).toEqual(first);
    expect(JSON.parse(readFileSync(paths.json, 'utf8'))).toEqual(meta());

    const second = buildOnnxModel(randomWeights('mlp', 2));
    const e = userError(() => writeModelBundle(base, second, meta()));
    expect(e.message).toMatch(/m\.onnx and .*m\.json already exist; pass --force to overwrite/);
    expect(new Uint8Array(readFileSync(paths.onnx))).toEqual(first); // untouched

    writeModelBundle(base, second, { ...meta(), name: 'second' }, { force: true });
    expect(new Uint8Array(readFileSync(paths.onnx))).toEqual(second);
    expect(JSON.parse(readFileSync(paths.json, 'utf8')).name).toBe('second');
    expect(readdirSync(join(dir, 'sub')).sort()).toEqual(['m.json', 'm.onnx']);
  });

  it('refuses when only one of the two files exists', () => {
    const dir = tempDir('tr-model-write-');
    writeFileSync(join(dir, 'm.json'), '{}');
    expect(userError(() => writeModelBundle(join(dir, 'm'), buildOnnxModel(randomWeights('linear', 1)), meta('linear'))).message).toMatch(/m\.json already exists; pass --force/);
    expect(existsSync(join(dir, 'm.onnx'))).toBe(false);
  });

  it('writes nothing for invalid metadata', () => {
    const dir = tempDir('tr-model-write-');
    const e = userError(() => writeModelBundle(join(dir, 'm'), buildOnnxModel(randomWeights('linear', 1)), { ...meta('linear'), damping: [1] }));
    expect(e.message).toMatch(/"damping" must be an array of 14/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('loadModelBundle', () => {
  const dir = tempDir('tr-model-load-');
  const weights = randomWeights('mlp', 5);
  const base = join(dir, 'good');
  beforeAll(() => {
    writeModelBundle(base, buildOnnxModel(weights), meta('mlp'));
  });

  it.each(['', '.onnx', '.json'])('loads BASE%s on the JS evaluator and runs it like mlpForward', async (ext) => {
    const m = await loadModelBundle(base + ext);
    try {
      expect(m.backend).toBe('js');
      expect(m.meta.paramOrder).toEqual(PARAM_NAMES);
      expect(m.paths.onnx).toBe(`${base}.onnx`);
      expect(m.weights?.arch).toBe('mlp');
      expect(m.warning).toBeUndefined();
      const x = inputs(9, 3);
      const ref = mlpForward(weights, x, 9);
      const out = await m.run(x, 9);
      expect(out.length).toBe(9 * 14);
      expect(maxAbsDiff(out, ref)).toBeLessThan(1e-5);
      const js = new Float32Array(9 * 14);
      m.evaluate!(x, js, 9);
      expect(maxAbsDiff(js, ref)).toBeLessThan(1e-5);
      expect((await m.run(x, 0)).length).toBe(0);
      await expect(m.run(x, 4)).resolves.toHaveLength(56);
      await expect(m.run(x.subarray(0, 5), 2)).rejects.toThrow(/5 values; 2 rows need 6/);
    } finally {
      await m.dispose();
    }
  });

  it('on onnxruntime (backend node) the load cross-checks the JS evaluator against it and keeps it', async () => {
    const m = await loadModelBundle(base, { backend: 'node' });
    try {
      expect(m.backend).toBe('onnxruntime-node');
      expect(m.warning).toBeUndefined(); // no "differs from onnxruntime" note: they agree within 1e-5
      expect(m.evaluate).not.toBeNull();
      const x = inputs(9, 4);
      const js = new Float32Array(9 * 14);
      m.evaluate!(x, js, 9);
      expect(maxAbsDiff(js, await m.run(x, 9))).toBeLessThan(1e-5);
    } finally {
      await m.dispose();
    }
  });

  it('runs a model whose graph it cannot read back (no JS evaluator), e.g. another exporter\'s', async () => {
    // same network, but Gemm written as transB=0 with a transposed weight: valid ONNX, not our layout
    const w = randomWeights('linear', 8);
    const p = join(dir, 'foreign');
    writeModelBundle(p, foreignLinearOnnx(w), meta('linear'));
    const model = await loadModelBundle(p);
    expect(model.backend).toBe('onnxruntime-node');
    expect(model.weights).toBeNull();
    expect(model.evaluate).toBeNull();
    const x = inputs(4, 1);
    expect(maxAbsDiff(await model.run(x, 4), mlpForward(w, x, 4))).toBeLessThan(1e-5);
    await model.dispose();
  });

  it('names a missing file', async () => {
    expect((await loadError(join(dir, 'nothing'))).message).toMatch(/model file .*nothing\.json not found.*NAME\.onnx and NAME\.json/);
    const p = join(dir, 'no-onnx');
    writeFileSync(`${p}.json`, JSON.stringify(meta()));
    expect((await loadError(`${p}.json`)).message).toMatch(/no-onnx\.onnx not found/);
  });

  it('rejects a truncated, a corrupt and an empty .onnx', async () => {
    const bytes = buildOnnxModel(randomWeights('mlp', 6));
    for (const [name, data] of [['truncated', bytes.subarray(0, bytes.length >> 1)], ['corrupt', Buffer.from('this is not a protobuf model')], ['empty', new Uint8Array(0)]] as const) {
      const p = join(dir, name);
      writeModelBundle(p, data, meta());
      const e = await loadError(p);
      expect(e.message).toMatch(new RegExp(`${name}\\.onnx: (is not a readable ONNX model .*truncated or corrupt|is empty)`));
    }
  });

  it('rejects a [N,13] model and a [N,4]-input model with the shape in the message', async () => {
    const w13 = randomWeights('linear', 7);
    w13.layers[0] = { ...w13.layers[0], outFeatures: 13, weight: w13.layers[0].weight.subarray(0, 39) };
    writeModelBundle(join(dir, 'n13'), buildOnnxModel(w13), meta('linear'));
    expect((await loadError(join(dir, 'n13'))).message).toMatch(/n13\.onnx: output "modulation" has shape \[2,13\].*expected \[2,14\]/);
    const w4: MlpWeights = { arch: 'linear', layers: [{ outFeatures: 14, inFeatures: 4, weight: new Float32Array(56) }] };
    writeModelBundle(join(dir, 'in4'), buildOnnxModel(w4), meta('linear'));
    expect((await loadError(join(dir, 'in4'))).message).toMatch(/in4\.onnx: the model does not accept input "features" float32 \[N,3\]/);
  });

  it('rejects wrong input/output names', async () => {
    for (const [which, name] of [['input', 'x'], ['output', 'y']] as const) {
      const m = onnx.ModelProto.decode(buildOnnxModel(randomWeights('mlp', 9)));
      const g = m.graph!;
      if (which === 'input') {
        g.input![0].name = name;
        g.node![0].input![0] = name;
      } else {
        g.output![0].name = name;
        g.node![g.node!.length - 1].output![0] = name;
      }
      const p = join(dir, `name-${which}`);
      writeModelBundle(p, onnx.ModelProto.encode(m).finish(), meta());
      const e = await loadError(p);
      expect(e.message).toMatch(which === 'input' ? /inputs are \[x\]; expected one input "features"/ : /first output is "y"; expected "modulation"/);
    }
  });

  it('rejects a JSON that does not belong to the ONNX (architecture mismatch)', async () => {
    const p = join(dir, 'mismatch');
    writeModelBundle(p, buildOnnxModel(randomWeights('linear', 10)), meta('mlp-large'));
    expect((await loadError(p)).message).toMatch(/mismatch\.onnx: the graph is a "linear" network but .*mismatch\.json says "mlp-large": the two files belong to different models/);
  });

  it('rejects bad JSON files: not JSON, wrong paramOrder, formatVersion 2, NaN (null) in featureNorm', async () => {
    const bytes = buildOnnxModel(randomWeights('mlp', 11));
    const cases: Array<[string, string, RegExp]> = [
      ['notjson', '{"format": "timbre-remap-model", ', /notjson\.json is not valid JSON|notjson\.json: is not valid JSON/],
      ['order', JSON.stringify({ ...meta(), paramOrder: [...PARAM_NAMES].reverse() }), /order\.json: "paramOrder" does not match/],
      ['v2', JSON.stringify({ ...meta(), formatVersion: 2 }), /v2\.json: "formatVersion" is 2/],
      ['nan', JSON.stringify({ ...meta(), featureNorm: { ...meta().featureNorm, max: [NaN, 1, 2] } }), /nan\.json: "featureNorm\.max"\[0\] is null, expected a finite number/],
    ];
    for (const [name, text, message] of cases) {
      writeFileSync(join(dir, `${name}.onnx`), bytes);
      writeFileSync(join(dir, `${name}.json`), text);
      expect((await loadError(join(dir, name))).message).toMatch(message);
    }
  });

  it('rejects a model giving NaN', async () => {
    // weights can't hold NaN (buildOnnxModel refuses), so patch one into the encoded graph
    const m = onnx.ModelProto.decode(buildOnnxModel(randomWeights('mlp', 12)));
    const b = m.graph!.initializer!.find((t) => t.name === 'layers.1.bias')!;
    new DataView(b.rawData!.buffer, b.rawData!.byteOffset).setFloat32(0, NaN, true);
    writeModelBundle(join(dir, 'nanout'), onnx.ModelProto.encode(m).finish(), meta());
    expect((await loadError(join(dir, 'nanout'))).message).toMatch(/nanout\.onnx: the model gives non-finite values/);
  });
});

// the meta helper's type must stay assignable to the bundle type
const _typed: ModelBundleMeta = meta();
void _typed;
