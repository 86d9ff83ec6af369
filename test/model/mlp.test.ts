import { compileMlp, mlpForward, paramCount, weightsProblem, type MlpWeights } from '../../src/model';
import { arithmeticExpected, arithmeticMlp, inputs, maxAbsDiff, randomWeights } from './nets';

describe('architectures', () => {
  it('have the reference parameter counts (42, 590, 9 486)', () => {
    expect(paramCount('linear')).toBe(42);
    expect(paramCount('mlp')).toBe(590);
    expect(paramCount('mlp-large')).toBe(9486);
    for (const arch of ['linear', 'mlp', 'mlp-large'] as const) {
      const w = randomWeights(arch, 1);
      const n = w.layers.reduce((s, l) => s + l.weight.length + (l.bias?.length ?? 0), 0);
      expect(n).toBe(paramCount(arch));
      expect(weightsProblem(w, { exactSizes: true })).toBeNull();
    }
  });

  it('reject malformed weights with a reason', () => {
    const w = randomWeights('mlp', 2);
    expect(weightsProblem({ ...w, arch: 'cnn' as never })).toMatch(/unknown architecture "cnn"/);
    expect(weightsProblem({ ...w, layers: w.layers.slice(1) })).toMatch(/2 linear layer/);
    expect(weightsProblem({ ...w, layers: [{ ...w.layers[0], weight: new Float32Array(5) }, w.layers[1]] })).toMatch(/32×3 = 96/);
    expect(weightsProblem({ ...w, layers: [w.layers[0], { ...w.layers[1], bias: undefined }] })).toMatch(/needs biases/);
    expect(weightsProblem({ ...w, layers: [w.layers[0], { ...w.layers[1], inFeatures: 16, weight: new Float32Array(14 * 16) }] })).toMatch(/does not match/);
    const nan = randomWeights('linear', 3);
    nan.layers[0].weight[4] = NaN;
    expect(weightsProblem(nan)).toMatch(/non-finite/);
    const wide = randomWeights('linear', 3);
    wide.layers[0] = { ...wide.layers[0], outFeatures: 13, weight: new Float32Array(39) };
    expect(weightsProblem(wide)).toBeNull();
    expect(weightsProblem(wide, { exactSizes: true })).toMatch(/expects 14×3/);
  });
});

describe('mlpForward', () => {
  it('linear: clip(W·x, −1, 1) with an identity-like W', () => {
    // rows 0..2 pick x0..x2, rows 3..13 give 3·x0 (clipped) — values worked out by hand
    const w = new Float32Array(42);
    for (let o = 0; o < 14; o++) if (o < 3) w[o * 3 + o] = 1; else w[o * 3] = 3;
    const out = mlpForward({ arch: 'linear', layers: [{ weight: w, outFeatures: 14, inFeatures: 3 }] }, Float32Array.of(0.25, -0.5, 0.75, 0.1, 0, 0), 2);
    expect(Array.from(out.slice(0, 4))).toEqual([0.25, -0.5, 0.75, 0.75]);
    expect(Array.from(out.slice(4, 14))).toEqual(new Array(10).fill(0.75));
    expect(out[14 + 3]).toBeCloseTo(0.3, 6);
    const big = mlpForward({ arch: 'linear', layers: [{ weight: w, outFeatures: 14, inFeatures: 3 }] }, Float32Array.of(0.9, -3, 0), 1);
    expect(big[1]).toBe(-1);
    expect(big[5]).toBe(1);
  });

  it('mlp: LayerNorm (no affine, biased variance, eps 1e-5) matches the closed form of an arithmetic sequence', () => {
    const w = arithmeticMlp();
    for (const x0 of [1, 0.5, -0.75, 1e-3]) {
      const out = mlpForward(w, Float32Array.of(x0, 0.3, -0.2), 1);
      expect(maxAbsDiff(out, arithmeticExpected(x0))).toBeLessThan(1e-6);
    }
    // x0 = 0: all hidden values equal → LN gives 0 (eps keeps it finite) → tanh(0) = 0
    expect(Array.from(mlpForward(w, Float32Array.of(0, 1, 1), 1))).toEqual(new Array(14).fill(0));
  });

  it('mlp-large: hidden LayerNorms make the output invariant to scaling the first layer', () => {
    // LN(c·z) = LN(z) for c > 0 (up to eps): a property independent of the implementation
    const w = randomWeights('mlp-large', 4);
    const scaled: MlpWeights = { ...w, layers: [{ ...w.layers[0], weight: w.layers[0].weight.map((v) => v * 8), bias: w.layers[0].bias!.map((v) => v * 8) }, ...w.layers.slice(1)] };
    const x = inputs(20, 5);
    expect(maxAbsDiff(mlpForward(w, x, 20), mlpForward(scaled, x, 20))).toBeLessThan(1e-4);
  });
});

describe('compileMlp', () => {
  it.each(['linear', 'mlp', 'mlp-large'] as const)('%s equals mlpForward within 1e-6, row by row and batched', (arch) => {
    const w = randomWeights(arch, 11);
    const x = inputs(50, 12);
    const ref = mlpForward(w, x, 50);
    const ev = compileMlp(w);
    const batched = new Float32Array(50 * 14);
    ev(x, batched, 50);
    expect(maxAbsDiff(batched, ref)).toBeLessThan(1e-6);
    const one = new Float32Array(14);
    for (let r = 0; r < 50; r++) {
      ev(x.subarray(r * 3, r * 3 + 3), one);
      expect(maxAbsDiff(one, ref.subarray(r * 14, r * 14 + 14))).toBeLessThan(1e-6);
    }
  });

  it('matches the LayerNorm closed form', () => {
    const out = new Float32Array(14);
    compileMlp(arithmeticMlp())(Float32Array.of(0.5, 0, 0), out);
    expect(maxAbsDiff(out, arithmeticExpected(0.5))).toBeLessThan(1e-6);
  });

  it('refuses malformed weights', () => {
    expect(() => compileMlp({ arch: 'linear', layers: [] })).toThrow(/1 linear layer/);
  });
});
