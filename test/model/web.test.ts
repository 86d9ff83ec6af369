import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { mlpForward, writeModelBundle } from '../../src/model';
import { tempDir } from '../helpers/audio';
import { arithmeticExpected, foreignLinearOnnx, inputs, maxAbsDiff, meta, randomWeights } from './nets';

/**
 * onnxruntime-web (wasm) in a real Node process: jest's VM cannot import its ES-module wasm glue,
 * and real hosts (Max's node.script, the CLI) are plain Node anyway.
 */
describe('onnxruntime-web (wasm backend, child process)', () => {
  const dir = tempDir('tr-model-web-');
  const base = join(dir, 'fallback');
  // a graph the JS evaluator leaves to onnxruntime (our graphs never load onnxruntime at all)
  const bundleWeights = randomWeights('linear', 71);
  writeModelBundle(base, foreignLinearOnnx(bundleWeights), meta('linear'));
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'webBackend.child.ts'), base], {
    cwd: join(__dirname, '../..'), encoding: 'utf8', timeout: 90_000,
  });
  const result = JSON.parse(r.stdout || '{}') as {
    error?: string;
    archs: Record<string, { dims: number[]; data: number[] }>;
    layerNorm: number[];
    fallback: { backend: string; warning: string | null; messages: string[]; evaluate: boolean; out: number[] };
  };

  it('ran', () => {
    expect(result.error ?? r.stderr.split('\n').filter((l) => /Error/.test(l)).join('\n')).toBe('');
    expect(r.status).toBe(0);
  });

  it.each(['linear', 'mlp', 'mlp-large'] as const)('%s: output equals mlpForward within 1e-5', (arch) => {
    const out = result.archs[arch];
    expect(out.dims).toEqual([33, 14]);
    expect(maxAbsDiff(out.data, mlpForward(randomWeights(arch, 51), inputs(33, 52), 33))).toBeLessThan(1e-5);
  });

  it('LayerNorm matches the closed form of an arithmetic sequence', () => {
    [1, 0.5, -0.75, 1e-3].forEach((x0, row) => expect(maxAbsDiff(result.layerNorm.slice(row * 14, row * 14 + 14), arithmeticExpected(x0))).toBeLessThan(1e-5));
  });

  it('a bundle of another exporter\'s graph loads on onnxruntime-web when the native binding fails, with one warning', () => {
    const f = result.fallback;
    expect(f.backend).toBe('onnxruntime-web');
    expect(f.messages).toHaveLength(1);
    expect(f.messages[0]).toMatch(/native binding could not load on this host \(Cannot find module .*\(simulated\)\).*onnxruntime-web/);
    expect(f.warning).toContain(f.messages[0]);
    expect(f.evaluate).toBe(false);
    expect(maxAbsDiff(f.out, mlpForward(bundleWeights, inputs(5, 61), 5))).toBeLessThan(1e-5);
  });
});
