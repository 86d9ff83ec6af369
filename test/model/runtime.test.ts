/**
 * The JS backend (src/model/runtime.ts): every graph timbre-remap writes runs on the compiled
 * evaluator without loading onnxruntime, and gives what onnxruntime-node gives for the same bytes
 * (random networks of each architecture and every shipped model); a graph with anything the
 * evaluator does not implement exactly is left to onnxruntime, and without onnxruntime the load
 * says how to install it.
 */
import './jestRealm';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { onnx } from 'onnx-proto';
import { buildOnnxModel, createSession, EVALUATOR_TOLERANCE, loadModelBundle, writeModelBundle } from '../../src/model';
import { UserError } from '../../src/util/errors';
import { tempDir } from '../helpers/audio';
import { foreignLinearOnnx, inputs, maxAbsDiff, meta, randomWeights } from './nets';

const MODELS = join(__dirname, '../../models');
const SHIPPED = readdirSync(MODELS).filter((f) => f.endsWith('.onnx')).map((f) => join(MODELS, f));
/**
 * Largest |JS − onnxruntime-node| measured over these cases: 1.4e-6 (random mlp-large; the shipped
 * mlps 7e-8): a float64 evaluator against a float32 graph. Bound: the load-time tolerance, 7× that.
 */
const JS_VS_ORT = EVALUATOR_TOLERANCE;

/** Loaders that record that they were called and fail as an absent package does. */
function absentRuntimes() {
  const calls: string[] = [];
  const missing = (name: string) => () => {
    calls.push(name);
    throw new Error(`Cannot find module '${name}'`);
  };
  return { calls, opts: { loadNative: missing('onnxruntime-node'), loadWeb: missing('onnxruntime-web') } };
}

/** A grid over the normalised input range and a little beyond (the engine allows half a range of extrapolation). */
function grid(): { x: Float32Array; n: number } {
  const steps = [-1.5, -1, -0.5, -0.1, 0, 0.1, 0.5, 1, 1.5];
  const rows: number[] = [];
  for (const a of steps) for (const b of steps) for (const c of steps) rows.push(a, b, c);
  return { x: Float32Array.from(rows), n: rows.length / 3 };
}

describe('JS backend against onnxruntime-node (the same bytes)', () => {
  it.each(['linear', 'mlp', 'mlp-large'] as const)('%s: equal within 1e-5 for batches of 1, 7 and 729', async (arch) => {
    const bytes = buildOnnxModel(randomWeights(arch, 81));
    const js = await createSession(bytes, { backend: 'js' });
    const ort = await createSession(bytes, { backend: 'node' });
    expect([js.backend, ort.backend]).toEqual(['js', 'onnxruntime-node']);
    const g = grid();
    for (const [x, n] of [[inputs(1, 2), 1], [inputs(7, 3), 7], [g.x, g.n]] as const) {
      const a = await js.run(x, n, 3);
      const b = await ort.run(x, n, 3);
      expect(a.dims).toEqual(b.dims);
      expect(maxAbsDiff(a.data, b.data)).toBeLessThan(JS_VS_ORT);
    }
    await ort.release();
  });

  it.each(SHIPPED.map((p) => [p.split('/').pop()!, p]))('shipped %s: equal on a 729-point grid', async (_name, path) => {
    const bytes = new Uint8Array(readFileSync(path));
    const js = await createSession(bytes, { backend: 'js' });
    const ort = await createSession(bytes, { backend: 'node' });
    const g = grid();
    const a = await js.run(g.x, g.n, 3);
    const b = await ort.run(g.x, g.n, 3);
    expect(a.dims).toEqual([g.n, 14]);
    expect(maxAbsDiff(a.data, b.data)).toBeLessThan(JS_VS_ORT);
    await ort.release();
  });
});

describe('JS backend is the default for graphs timbre-remap writes', () => {
  it('a shipped model loads without touching onnxruntime and without a warning', async () => {
    const { calls, opts } = absentRuntimes();
    const m = await loadModelBundle(join(MODELS, 'gmrock_808_snare_1'), { ...opts, logger: (w) => calls.push(`warning: ${w}`) });
    expect(m.backend).toBe('js');
    expect(m.warning).toBeUndefined();
    expect(calls).toEqual([]);
    expect(m.evaluate).not.toBeNull();
    const x = inputs(5, 7);
    const viaRun = await m.run(x, 5);
    const viaEvaluate = new Float32Array(5 * 14);
    m.evaluate!(x, viaEvaluate, 5);
    expect(maxAbsDiff(viaRun, viaEvaluate)).toBe(0);
    await m.dispose();
  });

  it('refuses a feed of the wrong width as onnxruntime does', async () => {
    const s = await createSession(buildOnnxModel(randomWeights('mlp', 1)), { backend: 'js' });
    await expect(s.run(new Float32Array(8), 2, 4)).rejects.toThrow(/4 columns; the model takes 3/);
  });
});

describe('what the JS evaluator leaves to onnxruntime', () => {
  /** The mlp graph with one edit applied. */
  function edited(edit: (m: onnx.ModelProto) => void): Uint8Array {
    const m = onnx.ModelProto.decode(buildOnnxModel(randomWeights('mlp', 91)));
    edit(m);
    return onnx.ModelProto.encode(m).finish();
  }
  const cases: Array<[string, (m: onnx.ModelProto) => void, RegExp]> = [
    ['opset 16 (before LayerNormalization)', (m) => (m.opsetImport[0].version = 16), /opset 16; the JS evaluator implements opsets 17–21/],
    ['opset 22', (m) => (m.opsetImport[0].version = 22), /opset 22/],
    ['a node of another domain', (m) => (m.graph!.node![2].domain = 'com.microsoft'), /node 2 is com\.microsoft\.Relu/],
    ['an op it does not implement', (m) => (m.graph!.node![4].opType = 'Sigmoid'), /node 4 is Sigmoid; the nodes are Gemm → LayerNormalization → Relu → Gemm → Sigmoid/],
    ['Gemm alpha 2', (m) => m.graph!.node![0].attribute!.push(onnx.AttributeProto.create({ name: 'alpha', type: onnx.AttributeProto.AttributeType.FLOAT, f: 2 })), /node 0 \(Gemm\) has attribute alpha=2/],
    ['LayerNormalization in float16 (stash_type 0)', (m) => m.graph!.node![1].attribute!.push(onnx.AttributeProto.create({ name: 'stash_type', type: onnx.AttributeProto.AttributeType.INT, i: 0 })), /stash_type=0/],
    ['a float64 input', (m) => (m.graph!.input![0].type!.tensorType!.elemType = onnx.TensorProto.DataType.DOUBLE), /features is not a float32 matrix/],
    ['a NaN weight', (m) => {
      const b = m.graph!.initializer!.find((t) => t.name === 'layers.1.bias')!;
      new DataView(b.rawData!.buffer, b.rawData!.byteOffset).setFloat32(0, NaN, true);
    }, /non-finite/],
    ['a LayerNormalization with a scale of 2', (m) => {
      const t = m.graph!.initializer!.find((x) => x.name === 'layers.0.ln_scale')!;
      new DataView(t.rawData!.buffer, t.rawData!.byteOffset).setFloat32(0, 2, true);
    }, /do not form one of timbre-remap's networks/],
  ];

  it.each(cases)('%s', async (_name, edit, problem) => {
    const bytes = edited(edit);
    await expect(createSession(bytes, { backend: 'js' })).rejects.toThrow(problem);
    const { calls, opts } = absentRuntimes();
    const e = await createSession(bytes, opts).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).code).toBe('E_ORT_MISSING');
    expect((e as UserError).message).toMatch(problem);
    expect((e as UserError).message).toMatch(/npm install onnxruntime-node/);
    expect(calls).toEqual(['onnxruntime-node', 'onnxruntime-web']);
  });

  it('a graph from another exporter runs on onnxruntime when it is installed', async () => {
    const s = await createSession(foreignLinearOnnx(randomWeights('linear', 4)));
    expect(s.backend).toBe('onnxruntime-node');
    await s.release();
  });

  it('without onnxruntime, loading such a bundle names the file and the install command', async () => {
    const p = join(tempDir('tr-model-rt-'), 'foreign');
    writeModelBundle(p, foreignLinearOnnx(randomWeights('linear', 5)), meta('linear'));
    const e = (await loadModelBundle(p, absentRuntimes().opts).catch((x: unknown) => x)) as UserError;
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toMatch(/foreign\.onnx: this graph is not one timbre-remap writes \(.*\), so only onnxruntime can run it.*npm install onnxruntime-node/);
  });

  it('bytes that are not ONNX are a corrupt file, not a missing runtime', async () => {
    const e = (await createSession(Buffer.from('this is not a protobuf model'), absentRuntimes().opts).catch((x: unknown) => x)) as Error;
    expect(e).not.toBeInstanceOf(UserError);
    expect(e.message).toMatch(/does not decode as an ONNX model|holds no graph/);
  });
});
