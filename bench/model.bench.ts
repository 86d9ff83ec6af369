/**
 * Model call timings for the `mlp` architecture (590 parameters), one row at a time as on the live
 * path: µs per call (median, p99, max over 10 000 calls, after 1 000 warm-up calls) for
 * onnxruntime-node `session.run`, onnxruntime-web (wasm, one thread) `session.run`, and the
 * compiled pure-JS evaluator (`compileMlp`, no allocation). Also session creation time per backend
 * and the largest difference between each and `mlpForward` over the timed inputs.
 */
import { buildOnnxModel, compileMlp, createSession, layerSizes, mlpForward, type Architecture, type MlpWeights } from '../src/model';

const CALLS = 10_000;
const WARMUP = 1_000;

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Weights ~U(−0.8, 0.8), biases ~U(−0.3, 0.3), from a fixed LCG. */
function weightsFor(arch: Architecture): MlpWeights {
  let s = 12345;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  const sizes = layerSizes(arch);
  return {
    arch,
    layers: sizes.slice(1).map((out, l) => ({
      outFeatures: out, inFeatures: sizes[l],
      weight: Float32Array.from({ length: out * sizes[l] }, () => r() * 0.8),
      ...(arch === 'linear' ? {} : { bias: Float32Array.from({ length: out }, () => r() * 0.3) }),
    })),
  };
}

function summary(name: string, us: Float64Array, extra: Record<string, unknown>): Record<string, unknown> {
  us.sort();
  return { bench: name, calls: us.length, medianUs: +quantile(us, 0.5).toFixed(2), p99Us: +quantile(us, 0.99).toFixed(2), maxUs: +us[us.length - 1].toFixed(1), ...extra };
}

export async function run(): Promise<Array<Record<string, unknown>>> {
  const arch: Architecture = 'mlp';
  const w = weightsFor(arch);
  const bytes = buildOnnxModel(w);
  const rows = Array.from({ length: CALLS }, (_, i) => Float32Array.of(Math.sin(i), Math.cos(1.3 * i), Math.sin(0.7 * i + 1)));
  const ref = rows.map((x) => mlpForward(w, x, 1));
  const out: Array<Record<string, unknown>> = [];

  for (const backend of ['node', 'web'] as const) {
    const t0 = process.hrtime.bigint();
    const s = await createSession(bytes, { backend });
    const createMs = Number(process.hrtime.bigint() - t0) / 1e6;
    for (let i = 0; i < WARMUP; i++) await s.run(rows[i], 1, 3);
    const us = new Float64Array(CALLS);
    let worst = 0;
    for (let i = 0; i < CALLS; i++) {
      const t = process.hrtime.bigint();
      const y = await s.run(rows[i], 1, 3);
      us[i] = Number(process.hrtime.bigint() - t) / 1000;
      for (let k = 0; k < 14; k++) worst = Math.max(worst, Math.abs(y.data[k] - ref[i][k]));
    }
    await s.release();
    out.push(summary(`model.run.${s.backend}`, us, { arch, sessionCreateMs: +createMs.toFixed(1), maxAbsDiffVsMlpForward: worst }));
  }

  for (const a of ['mlp', 'mlp-large'] as const) {
    const wa = a === arch ? w : weightsFor(a);
    const ev = compileMlp(wa);
    const y = new Float32Array(14);
    for (let i = 0; i < WARMUP; i++) ev(rows[i], y);
    const us = new Float64Array(CALLS);
    let worst = 0;
    for (let i = 0; i < CALLS; i++) {
      const t = process.hrtime.bigint();
      ev(rows[i], y);
      us[i] = Number(process.hrtime.bigint() - t) / 1000;
      if (a === arch) for (let k = 0; k < 14; k++) worst = Math.max(worst, Math.abs(y[k] - ref[i][k]));
    }
    out.push(summary('model.run.compiledJs', us, { arch: a, ...(a === arch ? { maxAbsDiffVsMlpForward: worst } : {}) }));
  }
  return out;
}
