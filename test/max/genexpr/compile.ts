/**
 * A test interpreter for the GenExpr subset of the package's gen~ code: the parsed program is
 * translated to a JavaScript function (per-sample loop, float64 like gen~), so whole recordings run
 * in CI in seconds. Semantics follow gen~'s exported C++ (Cycling74/gen-plugin-export
 * `genlib_ops.h`, `C74_GENPLUGIN.cpp`): `/` is `safediv` (x/0 = 0), `%` is `safemod`, comparisons
 * and `!` give 1/0, a `Param` is clamped to its min/max when set, keeps its default until then and
 * is read once per signal vector (the exported perform() reads params before its sample loop),
 * `Data` is float64 memory, `peek`/`poke` truncate the index towards 0 (`(long)index`) and read 0 /
 * write nothing outside the array, `log2(x)` is `log(x)·1.442695040888963`.
 *
 * A `Buffer` is a reference to a buffer~ resolved by name at the start of every signal vector
 * (genlib `Buffer::begin`): the name given in the declaration (`Buffer b("name")`, the gen `buffer`
 * operator's documented second argument) or the one a `[b othername(` message to gen~ bound it to
 * (`bindBuffer`). A name with no buffer~ gives a silent 1-frame buffer, as genlib's dummy. Writes
 * are float32 (buffer~ memory). Buffers live in a registry shared by every program compiled with
 * it, so two gen~ objects (or gen~ and the patch's peek~) see the same buffer~.
 *
 * Strict where gen~ refuses (reserved.ts): keywords, constants, Gen operator names (`noise`, `mix`,
 * `wrap`, …) and `in0`/`out0` cannot name variables, functions, arguments or declarations; a name
 * must be assigned before it is read (GenExpr variables are block-scoped); declarations and
 * functions come before code; a loop that runs more than 100 000 times in one sample throws
 * (gen~'s exported loops bail out silently at GENLIB_LOOPCOUNT_BAIL = 100000). Stricter than gen~
 * where gen~'s answer would hide a bug in our code: log of x ≤ 0, sqrt of x < 0 and division by 0
 * throw, and reading a History after writing it in the same sample throws (gen~'s answer to that is
 * not documented; the package's code reads each History first and writes it last).
 */
import { parseGenExpr, type Expr, type Stmt } from './parser';
import { reservedNameProblem } from './reserved';

/** gen~'s exported code stops a loop after this many iterations (genlib GENLIB_LOOPCOUNT_BAIL). */
export const LOOP_BAIL = 100000;

/** buffer~ objects by name (one Float32Array per channel), shared by the programs compiled with it. */
export type BufferRegistry = Map<string, Float32Array[]>;

export interface GenParam {
  readonly name: string;
  readonly defaultValue: number;
  readonly min: number;
  readonly max: number;
  value: number;
}

export interface GenArray {
  readonly frames: number;
  readonly chans: number;
  /** One array per channel. */
  readonly ch: Array<Float64Array | Float32Array>;
  /** buffer~ name (Buffer declarations only). */
  readonly bufferName?: string;
}

export interface GenProgram {
  readonly numInputs: number;
  readonly numOutputs: number;
  readonly params: ReadonlyMap<string, GenParam>;
  readonly data: ReadonlyMap<string, GenArray>;
  readonly buffers: ReadonlyMap<string, GenArray>;
  readonly histories: ReadonlyMap<string, number>;
  /** `[name value(` to gen~: clamped to the Param's range; false for an unknown name. */
  setParam(name: string, value: number): boolean;
  /** `[bufferName buffer~name(` to gen~: the Buffer now refers to that buffer~; false for an unknown Buffer. */
  bindBuffer(name: string, bufferName: string): boolean;
  /** The buffer~ registry this program reads its Buffers from. */
  readonly registry: BufferRegistry;
  /** Run `n` samples: inputs[k][s] → outputs[k][s]. */
  perform(inputs: ArrayLike<number>[], outputs: Float64Array[], n: number): void;
  /** The generated JavaScript (for debugging a failing test). */
  readonly js: string;
}

export interface GenProgramOptions {
  sampleRateHz: number;
  /**
   * buffer~ objects by name (one Float32Array per channel), or a registry shared with other
   * programs. A plain record keyed by a Buffer's gen name stands for the patch's bind message
   * (`[window #0-tr.window(` to gen~): that Buffer is bound to it.
   */
  buffers?: Record<string, Float32Array | Float32Array[]> | BufferRegistry;
}

const CONSTANTS: Record<string, string> = {
  samplerate: 'SR', SAMPLERATE: 'SR', PI: 'Math.PI', pi: 'Math.PI', TWOPI: '(2*Math.PI)', twopi: '(2*Math.PI)',
  HALFPI: '(Math.PI/2)', halfpi: '(Math.PI/2)', E: 'Math.E', e: 'Math.E',
};

/** Built-in operators: name → [arity, JS template with $0, $1, …]. */
const BUILTINS: Record<string, [number, string]> = {
  sin: [1, 'Math.sin($0)'], cos: [1, 'Math.cos($0)'], tan: [1, 'Math.tan($0)'], tanh: [1, 'Math.tanh($0)'],
  exp: [1, 'Math.exp($0)'], log: [1, 'rt.log($0)'], log10: [1, 'rt.log10($0)'], log2: [1, 'rt.log2($0)'],
  sqrt: [1, 'rt.sqrt($0)'], abs: [1, 'Math.abs($0)'], floor: [1, 'Math.floor($0)'], ceil: [1, 'Math.ceil($0)'],
  trunc: [1, 'Math.trunc($0)'], sign: [1, 'Math.sign($0)'], pow: [2, 'Math.pow($0, $1)'], min: [2, 'Math.min($0, $1)'],
  max: [2, 'Math.max($0, $1)'], clamp: [3, 'rt.clamp($0, $1, $2)'], clip: [3, 'rt.clamp($0, $1, $2)'],
  mix: [3, '(($0) + (($1) - ($0)) * ($2))'], fixdenorm: [1, 'rt.fixdenorm($0)'], fixnan: [1, 'rt.fixnan($0)'],
  exp2: [1, 'Math.pow(2, $0)'],
};

class CompileError extends Error {
  constructor(message: string, line?: number) {
    super(line ? `GenExpr line ${line}: ${message}` : `GenExpr: ${message}`);
    this.name = 'GenCompileError';
  }
}

const num = (e: Expr | undefined, what: string): number => {
  if (!e) throw new CompileError(`${what}: missing value`);
  if (e.t === 'num') return e.v;
  if (e.t === 'un' && e.op === '-' && e.e.t === 'num') return -e.e.v;
  throw new CompileError(`${what}: declarations take number literals`);
};

export function compileGenExpr(src: string, opts: GenProgramOptions): GenProgram {
  const prog = parseGenExpr(src);
  const params = new Map<string, GenParam>();
  const histories = new Map<string, number>();
  const data = new Map<string, GenArray>();
  const buffers = new Map<string, GenArray>();
  const funcs = new Map<string, number>();
  let numInputs = 0;
  let numOutputs = 0;

  const registry: BufferRegistry = opts.buffers instanceof Map ? opts.buffers : new Map();
  const legacyBound = new Set<string>();
  if (opts.buffers && !(opts.buffers instanceof Map)) {
    for (const [k, v] of Object.entries(opts.buffers)) {
      registry.set(k, Array.isArray(v) ? v : [v]);
      legacyBound.add(k);
    }
  }
  /** Buffer name → buffer~ name it was bound to by a message (else its declared name). */
  const bound = new Map<string, string>();
  const DUMMY = (bufferName: string): GenArray => ({ frames: 1, chans: 1, ch: [new Float32Array(1)], bufferName });
  const checkName = (name: string, what: string, line?: number) => {
    const p = reservedNameProblem(name);
    if (p) throw new CompileError(`${what} ${p}; choose another name`, line);
  };

  const globalKind = (name: string) =>
    params.has(name) ? 'param' : histories.has(name) ? 'history' : data.has(name) ? 'data' : buffers.has(name) ? 'buffer' : undefined;

  // --- declarations first (GenExpr requires them at the top) ---
  const body: Stmt[] = [];
  for (const s of prog) {
    if (s.t === 'decl') {
      checkName(s.name, `${s.kind} name:`, s.line);
      if (globalKind(s.name) || funcs.has(s.name)) throw new CompileError(`"${s.name}" declared twice`, s.line);
      if (s.kind === 'Param') {
        const def = s.args.length ? num(s.args[0], `Param ${s.name}`) : 0;
        const min = s.named.min ? num(s.named.min, `Param ${s.name} min`) : -Infinity;
        const max = s.named.max ? num(s.named.max, `Param ${s.name} max`) : Infinity;
        params.set(s.name, { name: s.name, defaultValue: def, min, max, value: def });
      } else if (s.kind === 'History') {
        histories.set(s.name, s.args.length ? num(s.args[0], `History ${s.name}`) : 0);
      } else if (s.kind === 'Data') {
        const frames = s.args.length ? num(s.args[0], `Data ${s.name}`) : 512;
        const chans = s.args.length > 1 ? num(s.args[1], `Data ${s.name}`) : 1;
        if (!(Number.isInteger(frames) && frames >= 1 && Number.isInteger(chans) && chans >= 1)) throw new CompileError(`Data ${s.name}: length and channels must be whole numbers ≥ 1`, s.line);
        data.set(s.name, { frames, chans, ch: Array.from({ length: chans }, () => new Float64Array(frames)) });
      } else {
        const a = s.args[0];
        if (s.args.length > 1 || (a && a.t !== 'str')) throw new CompileError(`Buffer ${s.name}: the argument is the buffer~ name, a string`, s.line);
        const bufferName = a && a.t === 'str' ? a.v : s.name;
        if (legacyBound.has(s.name) && !registry.has(bufferName)) bound.set(s.name, s.name);
        buffers.set(s.name, DUMMY(bufferName));
      }
      if (body.length) throw new CompileError(`declaration of "${s.name}" after code; GenExpr declarations come first`, s.line);
    } else if (s.t === 'func') {
      checkName(s.name, 'function name:', s.line);
      for (const a of s.params) checkName(a, `argument of ${s.name}():`, s.line);
      if (body.length) throw new CompileError(`function "${s.name}" defined after code; define functions before the code`, s.line);
      if (funcs.has(s.name) || globalKind(s.name)) throw new CompileError(`"${s.name}" defined twice`, s.line);
      funcs.set(s.name, s.params.length);
    } else body.push(s);
  }

  // --- code generation ---
  let inFunction = false;
  let loopId = 0;
  const scopes: Array<Set<string>> = [];
  const lookup = (name: string) => scopes.some((sc) => sc.has(name));

  function expr(e: Expr): string {
    switch (e.t) {
      case 'num':
        return Object.is(e.v, -0) ? '-0' : String(e.v);
      case 'str':
        throw new CompileError(`string "${e.v}" outside a declaration`);
      case 'un':
        return e.op === '-' ? `(-(${expr(e.e)}))` : `((${expr(e.e)}) === 0 ? 1 : 0)`;
      case 'bin': {
        const a = expr(e.a), b = expr(e.b);
        switch (e.op) {
          case '+': case '-': case '*':
            return `((${a}) ${e.op} (${b}))`;
          case '/':
            return `dv(${a}, ${b})`;
          case '%':
            return `rt.mod(${a}, ${b})`;
          case '&&':
            return `((${a}) !== 0 && (${b}) !== 0 ? 1 : 0)`;
          case '||':
            return `((${a}) !== 0 || (${b}) !== 0 ? 1 : 0)`;
          case '==':
            return `((${a}) === (${b}) ? 1 : 0)`;
          default:
            return `((${a}) ${e.op} (${b}) ? 1 : 0)`;
        }
      }
      case 'cond':
        return `((${expr(e.c)}) !== 0 ? (${expr(e.a)}) : (${expr(e.b)}))`;
      case 'name':
        return readName(e.name, e.line);
      case 'call':
        return call(e);
    }
  }

  function readName(name: string, line: number): string {
    if (lookup(name)) return `v_${name}`;
    if (name in CONSTANTS) return CONSTANTS[name];
    if (inFunction) throw new CompileError(`"${name}" is not an argument or local of this function`, line);
    const m = /^in([1-9]\d*)$/.exec(name);
    if (m) {
      numInputs = Math.max(numInputs, Number(m[1]));
      return `i${m[1]}[s]`;
    }
    switch (globalKind(name)) {
      case 'param':
        return `p_${name}`;
      case 'history':
        return `(hw_${name} ? rt.ambiguous(${JSON.stringify(name)}) : h_${name})`;
      case 'data':
      case 'buffer':
        throw new CompileError(`"${name}" is a ${globalKind(name)}; read it with peek()`, line);
    }
    throw new CompileError(`"${name}" is read before it is assigned (or is not visible in this block)`, line);
  }

  /** A Data/Buffer argument of peek/poke/dim: a declared array or (in functions) an argument. */
  function arrayArg(e: Expr, fn: string): string {
    if (e.t !== 'name') throw new CompileError(`${fn}() needs a Data or Buffer name`);
    if (lookup(e.name)) return `v_${e.name}`;
    const k = globalKind(e.name);
    if (!inFunction && (k === 'data' || k === 'buffer')) return `A_${e.name}`;
    throw new CompileError(`${fn}(): "${e.name}" is not a Data or Buffer`, e.line);
  }

  /** The name of a global Data/Buffer read straight from its channel-0 array (the fast path), or null. */
  function directArray(e: Expr): string | null {
    if (e.t !== 'name' || inFunction || lookup(e.name)) return null;
    const k = globalKind(e.name);
    return k === 'data' || k === 'buffer' ? e.name : null;
  }

  function call(e: Extract<Expr, { t: 'call' }>): string {
    if (Object.keys(e.named).length) throw new CompileError(`${e.name}(): named arguments are not supported by the test interpreter`, e.line);
    const n = e.args.length;
    if (e.name === 'peek') {
      if (n < 2 || n > 3) throw new CompileError('peek(array, index[, channel])', e.line);
      const direct = directArray(e.args[0]);
      if (direct && (n === 2 || (e.args[2].t === 'num' && e.args[2].v === 0))) return `pk(D_${direct}, N_${direct}, ${expr(e.args[1])})`;
      return `rt.peek(${arrayArg(e.args[0], 'peek')}, ${expr(e.args[1])}, ${n > 2 ? expr(e.args[2]) : '0'})`;
    }
    if (e.name === 'poke') {
      if (n < 3 || n > 4) throw new CompileError('poke(array, value, index[, channel])', e.line);
      const direct = directArray(e.args[0]);
      if (direct && (n === 3 || (e.args[3].t === 'num' && e.args[3].v === 0))) return `pw(D_${direct}, N_${direct}, ${expr(e.args[1])}, ${expr(e.args[2])})`;
      return `rt.poke(${arrayArg(e.args[0], 'poke')}, ${expr(e.args[1])}, ${expr(e.args[2])}, ${n > 3 ? expr(e.args[3]) : '0'})`;
    }
    if (e.name === 'dim' || e.name === 'channels') {
      if (n !== 1) throw new CompileError(`${e.name}(array)`, e.line);
      return `${arrayArg(e.args[0], e.name)}.${e.name === 'dim' ? 'frames' : 'chans'}`;
    }
    if (funcs.has(e.name)) {
      if (funcs.get(e.name) !== n) throw new CompileError(`${e.name}() takes ${funcs.get(e.name)} arguments, got ${n}`, e.line);
      return `f_${e.name}(${e.args.map((a) => (a.t === 'name' && (globalKind(a.name) === 'data' || globalKind(a.name) === 'buffer') && !lookup(a.name) ? `A_${a.name}` : expr(a))).join(', ')})`;
    }
    const b = BUILTINS[e.name];
    if (!b) throw new CompileError(`unknown operator "${e.name}" (not in the test interpreter's GenExpr subset)`, e.line);
    if (b[0] !== n) throw new CompileError(`${e.name}() takes ${b[0]} arguments, got ${n}`, e.line);
    return b[1].replace(/\$(\d)/g, (_, k) => expr(e.args[Number(k)]));
  }

  function assign(s: Extract<Stmt, { t: 'assign' }>): string {
    const value = s.op === '=' ? expr(s.e) : expr({ t: 'bin', op: s.op[0], a: { t: 'name', name: s.name, line: s.line }, b: s.e });
    const m = /^out([1-9]\d*)$/.exec(s.name);
    if (m && !inFunction) {
      if (s.op !== '=') throw new CompileError(`${s.name} can only be assigned`, s.line);
      numOutputs = Math.max(numOutputs, Number(m[1]));
      return `o${m[1]} = ${value};`;
    }
    if (lookup(s.name)) return `v_${s.name} = ${value};`;
    if (!inFunction) {
      const k = globalKind(s.name);
      if (k === 'history') return `h_${s.name} = ${value}; hw_${s.name} = true;`;
      if (k) throw new CompileError(`cannot assign to ${k} "${s.name}"`, s.line);
    }
    if (/^in[1-9]\d*$/.test(s.name) || s.name in CONSTANTS || funcs.has(s.name)) throw new CompileError(`cannot assign to "${s.name}"`, s.line);
    checkName(s.name, 'variable name:', s.line);
    if (s.op !== '=') throw new CompileError(`"${s.name}" is read before it is assigned`, s.line);
    scopes[scopes.length - 1].add(s.name);
    return `let v_${s.name} = ${value};`;
  }

  function stmts(list: Stmt[], newScope = true): string {
    if (newScope) scopes.push(new Set());
    const out = list.map(stmt).join('\n');
    if (newScope) scopes.pop();
    return out;
  }

  function stmt(s: Stmt): string {
    switch (s.t) {
      case 'assign':
        return assign(s);
      case 'expr':
        return `${expr(s.e)};`;
      case 'block':
        return `{\n${stmts(s.body)}\n}`;
      case 'if':
        return `if ((${expr(s.c)}) !== 0) {\n${stmts([s.then])}\n}${s.else ? ` else {\n${stmts([s.else])}\n}` : ''}`;
      case 'while':
        return `{\nlet n_${++loopId} = 0;\nwhile ((${expr(s.c)}) !== 0) {\nif (++n_${loopId} > ${LOOP_BAIL}) rt.bail();\n${stmts([s.body])}\n}\n}`;
      case 'for': {
        scopes.push(new Set());
        const init = s.init ? stmt(s.init) : '';
        const c = s.c ? `(${expr(s.c)}) !== 0` : 'true';
        // the step runs in the loop's scope, after the body
        const step = s.step ? stmt(s.step) : '';
        const body = stmts([s.body]);
        scopes.pop();
        const id = ++loopId;
        return `{\n${init}\nlet n_${id} = 0;\nfor (; ${c}; ) {\nif (++n_${id} > ${LOOP_BAIL}) rt.bail();\n${body}\n${step}\n}\n}`;
      }
      case 'return':
        if (!inFunction) throw new CompileError('return outside a function');
        return `return ${s.e ? expr(s.e) : '0'};`;
      case 'break':
        return 'break;';
      case 'continue':
        throw new CompileError('continue is not supported by the test interpreter (the step would be skipped)');
      case 'decl':
      case 'func':
        throw new CompileError('declarations and functions must come before the code');
    }
  }

  // functions
  const funcJs: string[] = [];
  for (const s of prog) {
    if (s.t !== 'func') continue;
    inFunction = true;
    scopes.push(new Set(s.params));
    funcJs.push(`function f_${s.name}(${s.params.map((p) => `v_${p}`).join(', ')}) {\n${stmts(s.body, false)}\nreturn 0;\n}`);
    scopes.pop();
    inFunction = false;
  }
  // per-sample body
  scopes.push(new Set());
  const bodyJs = stmts(body, false);
  scopes.pop();

  const hist = [...histories.keys()];
  const js = [
    // peek/poke on channel 0: (long)index, out of range reads 0 / writes nothing; safediv that refuses 0
    'function pk(d, n, i) { const k = Math.trunc(i); return k >= 0 && k < n ? d[k] : 0; }',
    'function pw(d, n, v, i) { const k = Math.trunc(i); if (k >= 0 && k < n) d[k] = v; return 0; }',
    'function dv(a, b) { return b === 0 ? rt.div(a, b) : a / b; }',
    ...funcJs,
    'return function perform(ins, outs, n) {',
    ...[...params.keys()].map((k) => `const p_${k} = P.get(${JSON.stringify(k)}).value;`),
    ...[...data.keys(), ...buffers.keys()].map((k) => `const A_${k} = ARR.get(${JSON.stringify(k)}), D_${k} = A_${k}.ch[0], N_${k} = A_${k}.frames;`),
    ...Array.from({ length: numInputs }, (_, k) => `const i${k + 1} = ins[${k}] || rt.zeros(n);`),
    ...hist.map((h) => `let h_${h} = H.${h};`),
    ...Array.from({ length: numOutputs }, (_, k) => `const out${k + 1} = outs[${k}];`),
    'for (let s = 0; s < n; s++) {',
    ...hist.map((h) => `let hw_${h} = false;`),
    ...Array.from({ length: numOutputs }, (_, k) => `let o${k + 1} = 0;`),
    bodyJs,
    ...Array.from({ length: numOutputs }, (_, k) => `if (out${k + 1}) out${k + 1}[s] = o${k + 1};`),
    '}',
    ...hist.map((h) => `H.${h} = h_${h};`),
    '};',
  ].join('\n');

  const rt = {
    div: (a: number, b: number) => {
      if (b === 0) throw new Error('GenExpr: division by 0 (gen~ would give 0 here: fix the code)');
      return a / b;
    },
    mod: (f: number, m: number) => (m === 0 ? 0 : f % Math.abs(m)), // safemod: sign of f, |m|
    log: (x: number) => (x > 0 ? Math.log(x) : rt.badLog('log', x)),
    log10: (x: number) => (x > 0 ? Math.log10(x) : rt.badLog('log10', x)),
    log2: (x: number) => (x > 0 ? Math.log(x) * 1.442695040888963 : rt.badLog('log2', x)),
    badLog: (f: string, x: number): number => {
      throw new Error(`GenExpr: ${f}(${x}) of a non-positive number`);
    },
    sqrt: (x: number) => {
      if (x < 0) throw new Error(`GenExpr: sqrt(${x})`);
      return Math.sqrt(x);
    },
    clamp: (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x),
    fixdenorm: (x: number) => (x !== 0 && Math.abs(x) < 2.2250738585072014e-308 ? 0 : x),
    fixnan: (x: number) => (Number.isNaN(x) ? 0 : x),
    peek: (a: GenArray, i: number, c: number) => {
      const k = Math.trunc(i), ch = Math.trunc(c);
      return k >= 0 && k < a.frames && ch >= 0 && ch < a.chans ? a.ch[ch][k] : 0;
    },
    poke: (a: GenArray, v: number, i: number, c: number) => {
      const k = Math.trunc(i), ch = Math.trunc(c);
      if (k >= 0 && k < a.frames && ch >= 0 && ch < a.chans) a.ch[ch][k] = v;
      return 0;
    },
    ambiguous: (name: string): number => {
      throw new Error(`GenExpr: History "${name}" read after being written in the same sample (ambiguous in gen~)`);
    },
    zeros: (n: number) => new Float64Array(n),
    bail: (): never => {
      throw new Error(`GenExpr: a loop ran more than ${LOOP_BAIL} iterations in one sample (gen~ would stop it there silently)`);
    },
  };
  const H: Record<string, number> = Object.fromEntries(histories);
  const ARR = new Map<string, GenArray>([...data, ...buffers]);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const inner = new Function('rt', 'P', 'H', 'ARR', 'SR', js)(rt, params, H, ARR, opts.sampleRateHz) as GenProgram['perform'];
  /** Resolve every Buffer to its buffer~ now (genlib Buffer::begin, once per signal vector). */
  const resolveBuffers = () => {
    for (const [name, old] of buffers) {
      const target = bound.get(name) ?? old.bufferName ?? name;
      const chans = registry.get(target);
      const arr = chans && chans.length && chans[0].length ? { frames: chans[0].length, chans: chans.length, ch: chans, bufferName: old.bufferName } : DUMMY(old.bufferName ?? name);
      buffers.set(name, arr);
      ARR.set(name, arr);
    }
  };

  return {
    numInputs,
    numOutputs,
    params,
    data,
    buffers,
    registry,
    get histories() {
      return new Map(Object.entries(H));
    },
    bindBuffer(name: string, bufferName: string): boolean {
      if (!buffers.has(name) || typeof bufferName !== 'string' || !bufferName) return false;
      bound.set(name, bufferName);
      return true;
    },
    setParam(name: string, value: number): boolean {
      const p = params.get(name);
      if (!p || typeof value !== 'number' || Number.isNaN(value)) return false;
      p.value = value < p.min ? p.min : value > p.max ? p.max : value;
      return true;
    },
    perform(inputs, outputs, n) {
      resolveBuffers();
      inner(inputs, outputs, n);
    },
    js,
  };
}
