/** The GenExpr test interpreter itself: gen~ semantics it relies on (genlib_ops.h) and its strictness. */
import { compileGenExpr, gendspCode } from './run';

const run1 = (src: string, inputs: number[], sampleRateHz = 44100) => {
  const p = compileGenExpr(src, { sampleRateHz });
  const out = new Float64Array(inputs.length);
  p.perform([Float64Array.from(inputs)], [out], inputs.length);
  return Array.from(out);
};

describe('GenExpr test interpreter', () => {
  test('arithmetic, precedence, comparisons give 1/0, ternary, samplerate', () => {
    expect(run1('out1 = 1 + 2 * 3 - -in1 / 2;', [4])).toEqual([9]);
    expect(run1('out1 = (in1 > 2) + (in1 == 3) * 10 + !in1 * 100;', [3, 0])).toEqual([11, 100]);
    expect(run1('out1 = in1 > 1 ? samplerate : PI;', [2, 0], 48000)).toEqual([48000, Math.PI]);
    expect(run1('out1 = in1 % 3;', [7, -7])).toEqual([1, -1]); // safemod keeps the sign of the dividend
  });

  test('History keeps state across samples; Param is clamped to its range', () => {
    expect(run1('History h(10);\nx = h;\nh = x + in1;\nout1 = x;', [1, 2, 3])).toEqual([10, 11, 13]);
    const p = compileGenExpr('Param g(0.5, min=0, max=1);\nout1 = g;', { sampleRateHz: 44100 });
    expect(p.setParam('g', 7)).toBe(true);
    expect(p.setParam('nope', 1)).toBe(false);
    const o = new Float64Array(1);
    p.perform([], [o], 1);
    expect(o[0]).toBe(1);
  });

  test('Data and Buffer: peek/poke, out-of-range reads 0, Buffer writes are float32', () => {
    expect(run1('Data d(4);\npoke(d, in1, 2);\npoke(d, 5, 9);\nout1 = peek(d, 2) + peek(d, -1) + dim(d);', [1.5])).toEqual([5.5]);
    const buf = new Float32Array(2);
    const p = compileGenExpr('Buffer b("x");\npoke(b, in1, 0);\nout1 = peek(b, 0);', { sampleRateHz: 44100, buffers: { x: buf } });
    const o = new Float64Array(1);
    p.perform([Float64Array.of(0.1)], [o], 1);
    expect(o[0]).toBe(Math.fround(0.1));
  });

  test('for loops and functions', () => {
    expect(run1('sq(a) {\n\treturn a * a;\n}\ns = 0;\nfor (i = 0; i < in1; i += 1) {\n\ts += sq(i);\n}\nout1 = s;', [4])).toEqual([14]);
  });

  test('refuses what gen~ would compile differently or what hides a bug', () => {
    expect(() => compileGenExpr('if (in1) {\n\tx = 1;\n}\nout1 = x;', { sampleRateHz: 1 })).toThrow(/read before it is assigned/);
    expect(() => compileGenExpr('out1 = blub(in1);', { sampleRateHz: 1 })).toThrow(/unknown operator/);
    expect(() => run1('History h(0);\nh = 1;\nout1 = h;', [0])).toThrow(/History "h" read after/);
    expect(() => run1('out1 = 1 / in1;', [0])).toThrow(/division by 0/);
    expect(() => run1('out1 = log10(in1);', [0])).toThrow(/non-positive/);
  });

  test('refuses what gen~ refuses: operator names, keywords, constants, in0/out0 as names', () => {
    const refuse = (src: string, re: RegExp) => expect(() => compileGenExpr(src, { sampleRateHz: 44100 })).toThrow(re);
    for (const name of ['noise', 'mix', 'wrap', 'phasor', 'step', 'gate', 'peek']) refuse(`${name} = in1;\nout1 = ${name};`, /Gen operator/);
    refuse('in0 = 1;\nout1 = in0;', /counts them from 1/);
    refuse('out0 = in1;', /counts them from 1/);
    refuse('pi = 3;\nout1 = pi;', /cannot assign|constant/);
    refuse('History mix(0);\nout1 = in1;', /Gen operator/);
    refuse('Param wrap(0);\nout1 = wrap;', /Gen operator/);
    refuse('noise(a) {\n\treturn a;\n}\nout1 = in1;', /Gen operator/);
    refuse('f(cycle) {\n\treturn cycle;\n}\nout1 = f(in1);', /Gen operator/);
    refuse('out1 = y;', /read before it is assigned/);
    refuse('Data d(0);\nout1 = in1;', /whole numbers/);
    refuse('Buffer b(3);\nout1 = in1;', /buffer~ name, a string/);
    // names that merely contain an operator name are fine
    expect(run1('mixed = in1 * 2;\nnoisy = mixed + 1;\nout1 = noisy;', [1])).toEqual([3]);
  });

  test('a loop longer than gen~\'s 100 000-iteration bail-out throws instead of stopping silently', () => {
    expect(run1('s = 0;\nfor (i = 0; i < 100000; i += 1) {\n\ts += 1;\n}\nout1 = s;', [0])).toEqual([100000]);
    expect(() => run1('s = 0;\nfor (i = 0; i < 100001; i += 1) {\n\ts += 1;\n}\nout1 = s;', [0])).toThrow(/100000 iterations/);
    expect(() => run1('s = 0;\nwhile (s < 200000) {\n\ts += 1;\n}\nout1 = s;', [0])).toThrow(/100000 iterations/);
  });

  test('peek/poke truncate the index towards 0 like genlib ((long)index)', () => {
    // -0.5 truncates to 0 (in range); floor would give -1 (out of range, 0)
    expect(run1('Data d(2);\npoke(d, 7, 0);\nout1 = peek(d, -0.5) + peek(d, 1.9) + peek(d, -1);', [0])).toEqual([7]);
  });

  test('Buffers refer to buffer~ objects by name, at every vector; a bind message re-points them; no buffer~ reads as silence', () => {
    const a = new Float32Array([1, 2]), b = new Float32Array([10, 20]);
    const registry = new Map([['one', [a]], ['two', [b]]]);
    const p = compileGenExpr('Buffer buf("one");\nout1 = peek(buf, in1) + dim(buf);', { sampleRateHz: 44100, buffers: registry });
    const o = new Float64Array(1);
    p.perform([Float64Array.of(1)], [o], 1);
    expect(o[0]).toBe(2 + 2);
    expect(p.bindBuffer('buf', 'two')).toBe(true);
    expect(p.bindBuffer('nope', 'two')).toBe(false);
    p.perform([Float64Array.of(1)], [o], 1);
    expect(o[0]).toBe(20 + 2);
    p.bindBuffer('buf', 'missing');
    p.perform([Float64Array.of(0)], [o], 1);
    expect(o[0]).toBe(0 + 1); // genlib's dummy: dim 1, silent
    // a second program sees the first one's writes (one buffer~)
    const w = compileGenExpr('Buffer buf("one");\npoke(buf, in1, 0);\nout1 = 0;', { sampleRateHz: 44100, buffers: registry });
    w.perform([Float64Array.of(0.1)], [o], 1);
    expect(a[0]).toBe(Math.fround(0.1));
  });

  test('the shipped f32() rounds like Math.fround (float32, nearest) over 24 orders of magnitude', () => {
    const f32 = /f32\(x\) \{[^}]*\}/.exec(gendspCode('tr.808.gendsp'));
    expect(f32).not.toBeNull();
    let s = 12345;
    const xs: number[] = [];
    for (let i = 0; i < 20000; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      const m = s / 2 ** 32;
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      xs.push((s & 1 ? -1 : 1) * m * 10 ** ((s % 24) - 12));
    }
    const out = run1(`${f32![0]}\nout1 = f32(in1);`, xs);
    out.forEach((v, i) => expect(v).toBe(Math.fround(xs[i])));
  });
});
