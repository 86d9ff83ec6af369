/**
 * Child process for web.test.ts: runs onnxruntime-web's wasm backend in plain Node (jest's VM
 * cannot import its ES-module wasm glue) and prints the outputs as one JSON document on stdout.
 * argv[2]: a model bundle to load with the native runtime made to fail.
 */
import { buildOnnxModel, createSession, loadModelBundle } from '../../src/model';
import { arithmeticMlp, inputs, randomWeights } from './nets';

async function main(): Promise<void> {
  const archs: Record<string, { dims: number[]; data: number[] }> = {};
  for (const arch of ['linear', 'mlp', 'mlp-large'] as const) {
    const s = await createSession(buildOnnxModel(randomWeights(arch, 51)), { backend: 'web' });
    const out = await s.run(inputs(33, 52), 33, 3);
    archs[arch] = { dims: out.dims, data: Array.from(out.data) };
    if (s.backend !== 'onnxruntime-web') throw new Error(`backend ${s.backend}`);
    await s.release();
  }
  const ln = await createSession(buildOnnxModel(arithmeticMlp()), { backend: 'web' });
  const layerNorm = Array.from((await ln.run(Float32Array.from([1, 0.5, -0.75, 1e-3].flatMap((v) => [v, 0.3, -0.2])), 4, 3)).data);

  const messages: string[] = [];
  const model = await loadModelBundle(process.argv[2], {
    loadNative: () => {
      throw new Error('Cannot find module onnxruntime_binding.node (simulated)');
    },
    logger: (m) => messages.push(m),
  });
  const x = inputs(5, 61);
  const fallback = {
    backend: model.backend,
    warning: model.warning ?? null,
    messages,
    evaluate: model.evaluate !== null,
    out: Array.from(await model.run(x, 5)),
  };
  process.stdout.write(JSON.stringify({ archs, layerNorm, fallback }));
}

main().catch((e) => {
  process.stdout.write(JSON.stringify({ error: String(e?.stack ?? e) }));
  process.exitCode = 1;
});
