import './jestRealm';
import { onnx } from 'onnx-proto';
import { buildOnnxModel, createSession, mlpForward, readOnnxWeights, resolveRuntime, ONNX_OPSET } from '../../src/model';
import { UserError } from '../../src/util/errors';
import { arithmeticExpected, arithmeticMlp, foreignLinearOnnx, inputs, maxAbsDiff, randomWeights } from './nets';

const ARCHS = ['linear', 'mlp', 'mlp-large'] as const;
/** protobufjs gives int64 fields as Long objects. */
const num = (v: unknown): number => Number(String(v));

describe('buildOnnxModel', () => {
  it('writes an opset-17 graph: input features [N,3] (dynamic N), output modulation [N,14], weights as initializers', () => {
    const m = onnx.ModelProto.decode(buildOnnxModel(randomWeights('mlp', 1)));
    expect(num(m.opsetImport.find((o) => !o.domain)?.version)).toBe(ONNX_OPSET);
    expect(ONNX_OPSET).toBeGreaterThanOrEqual(17);
    const g = m.graph!;
    const dims = (v: onnx.IValueInfoProto) => v.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || num(d.dimValue));
    expect(g.input!.map((v) => v.name)).toEqual(['features']);
    expect(g.output!.map((v) => v.name)).toEqual(['modulation']);
    expect(dims(g.input![0])).toEqual(['N', 3]);
    expect(dims(g.output![0])).toEqual(['N', 14]);
    expect(g.node!.map((n) => n.opType)).toEqual(['Gemm', 'LayerNormalization', 'Relu', 'Gemm', 'Tanh']);
    expect(g.initializer!.map((t) => t.name)).toEqual(expect.arrayContaining(['layers.0.weight', 'layers.0.bias', 'layers.1.weight', 'layers.1.bias']));
  });

  it('refuses weights that do not form the architecture', () => {
    expect(() => buildOnnxModel({ arch: 'mlp', layers: [] })).toThrow(/2 linear layer/);
    expect(() => buildOnnxModel(randomWeights('linear', 1), 'mlp')).toThrow(/weights are linear/);
  });
});

describe('readOnnxWeights', () => {
  it.each(ARCHS)('%s: reads back the exact weights and the architecture', (arch) => {
    const w = randomWeights(arch, 21);
    const back = readOnnxWeights(buildOnnxModel(w))!;
    expect(back.arch).toBe(arch);
    back.layers.forEach((l, i) => {
      expect(l.weight).toEqual(w.layers[i].weight);
      expect(l.bias).toEqual(w.layers[i].bias);
      expect([l.outFeatures, l.inFeatures]).toEqual([w.layers[i].outFeatures, w.layers[i].inFeatures]);
    });
  });

  it('returns null for bytes that are not our graphs', () => {
    expect(readOnnxWeights(Buffer.from('not an onnx model at all'))).toBeNull();
    // change one op: Tanh → Sigmoid is a different network, so no pure-JS evaluator may claim it
    const m = onnx.ModelProto.decode(buildOnnxModel(randomWeights('mlp', 2)));
    m.graph!.node![4].opType = 'Sigmoid';
    expect(readOnnxWeights(onnx.ModelProto.encode(m).finish())).toBeNull();
    // LayerNorm with a non-unit scale is not the reference's affine-free LayerNorm
    const m2 = onnx.ModelProto.decode(buildOnnxModel(randomWeights('mlp', 2)));
    const scale = m2.graph!.initializer!.find((t) => t.name === 'layers.0.ln_scale')!;
    new DataView(scale.rawData!.buffer, scale.rawData!.byteOffset).setFloat32(0, 2, true);
    expect(readOnnxWeights(onnx.ModelProto.encode(m2).finish())).toBeNull();
  });
});

describe('onnxruntime-node', () => {
  it.each(ARCHS)('%s: output equals mlpForward within 1e-5 for batches of 1, 7 and 64', async (arch) => {
    const w = randomWeights(arch, 31);
    const s = await createSession(buildOnnxModel(w), { backend: 'node' });
    expect(s.backend).toBe('onnxruntime-node');
    for (const n of [1, 7, 64]) {
      const x = inputs(n, 40 + n);
      const out = await s.run(x, n, 3);
      expect(out.dims).toEqual([n, 14]);
      expect(maxAbsDiff(out.data, mlpForward(w, x, n))).toBeLessThan(1e-5);
    }
    await s.release();
  });

  it('LayerNorm matches the closed form of an arithmetic sequence', async () => {
    const s = await createSession(buildOnnxModel(arithmeticMlp()), { backend: 'node' });
    const x0s = [1, 0.5, -0.75, 1e-3];
    const out = await s.run(Float32Array.from(x0s.flatMap((v) => [v, 0.3, -0.2])), 4, 3);
    x0s.forEach((x0, r) => expect(maxAbsDiff(out.data.subarray(r * 14, r * 14 + 14), arithmeticExpected(x0))).toBeLessThan(1e-5));
    await s.release();
  });
});

describe('onnxruntime choice (graphs the JS evaluator leaves to onnxruntime)', () => {
  const nativeMissing = () => {
    throw new Error("Cannot find module '../bin/napi-v6/linux/x64/onnxruntime_binding.node'\nRequire stack: …");
  };
  // A stand-in for onnxruntime-web inside jest (whose VM cannot import the real wasm glue, an ES
  // module; the real one runs in web.test.ts through a child process): onnxruntime-node on its CPU EP.
  const fakeWeb = () => {
    const o = require('onnxruntime-node');
    return { Tensor: o.Tensor, env: o.env, InferenceSession: { create: (b: Uint8Array, opt: object) => o.InferenceSession.create(b, { ...opt, executionProviders: ['cpu'] }) } };
  };

  it('falls back to onnxruntime-web with one warning when the native binding cannot load', async () => {
    const messages: string[] = [];
    const rt = await resolveRuntime({ loadNative: nativeMissing, loadWeb: fakeWeb, logger: (m) => messages.push(m) });
    expect(rt.backend).toBe('onnxruntime-web');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/native binding could not load.*Cannot find module.*onnxruntime-web \(WebAssembly/);
    expect(messages[0]).not.toMatch(/Require stack/); // one line, not a stack dump
    expect(rt.warning).toBe(messages[0]);
  });

  it('a session on the fallback carries the warning once; the native path carries none', async () => {
    const w = randomWeights('linear', 3);
    const s = await createSession(foreignLinearOnnx(w), { loadNative: nativeMissing, loadWeb: fakeWeb, logger: () => undefined });
    expect(s.backend).toBe('onnxruntime-web');
    expect(s.warning).toMatch(/native binding could not load/);
    const x = inputs(3, 9);
    expect(maxAbsDiff((await s.run(x, 3, 3)).data, mlpForward(w, x, 3))).toBeLessThan(1e-5);
    const n = await createSession(foreignLinearOnnx(w));
    expect(n.backend).toBe('onnxruntime-node');
    expect(n.warning).toBeUndefined();
  });

  it('says the runtime did not start (not "corrupt model") when the wasm files are missing', async () => {
    const noWasm = () => ({ ...fakeWeb(), InferenceSession: { create: () => Promise.reject(new Error("no available backend found. ERR: [wasm] Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/x/ort-wasm-simd-threaded.mjs'")) } });
    const s = createSession(foreignLinearOnnx(randomWeights('linear', 1)), { loadNative: nativeMissing, loadWeb: noWasm, logger: () => undefined });
    await expect(s).rejects.toThrow(UserError);
    await expect(s).rejects.toThrow(/onnxruntime-web could not start: .*ort-wasm-simd-threaded\.mjs.*must be in onnxruntime-web\/dist or next to the engine bundle/);
  });

  it('says what failed when no runtime can load', async () => {
    const neither = resolveRuntime({ loadNative: nativeMissing, loadWeb: () => { throw new Error('no wasm'); } });
    await expect(neither).rejects.toThrow(UserError);
    await expect(neither).rejects.toThrow(/onnxruntime-web could not load: no wasm/);
    await expect(resolveRuntime({ backend: 'node', loadNative: nativeMissing })).rejects.toThrow(/onnxruntime-node could not load: Cannot find module/);
    await expect(resolveRuntime({ loadNative: () => ({}), loadWeb: () => ({}) })).rejects.toThrow(/does not look like onnxruntime/);
  });
});
