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
