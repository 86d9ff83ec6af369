/**
 * Names gen~ does not let a GenExpr program use for its own variables, functions or declarations:
 * the language's keywords and declaration types, its constants, the inlet/outlet names, and every
 * Gen operator (an operator's name cannot be reused as a variable; `noise = 1;` does not compile).
 *
 * Sources: the GenExpr vignette (docs.cycling74.com/max8/vignettes/gen_genexpr: keywords `in`,
 * `in1`…, `out`, `out1`…; `if/else`, `for`, `while`, `break`, `continue`, `return`, `require`;
 * declarations `Param`, `History`, `Data`, `Buffer`, `Delay`), the "Gen Common Operators" and
 * "gen~ Operators" reference pages (docs.cycling74.com/max8/vignettes/gen_common_operators,
 * gen~_operators) and the operators and constants gen~ exports in Cycling74/gen-plugin-export
 * `exported-code/gen_dsp/genlib_ops.h`. Inlets and outlets count from 1 (`in0`/`out0` do not exist).
 */
export const GENEXPR_KEYWORDS = ['if', 'else', 'for', 'while', 'do', 'break', 'continue', 'return', 'require', 'Param', 'History', 'Data', 'Buffer', 'Delay', 'in', 'out'] as const;

export const GENEXPR_CONSTANTS = [
  'pi', 'PI', 'twopi', 'TWOPI', 'halfpi', 'HALFPI', 'invpi', 'INVPI', 'e', 'E', 'ln2', 'LN2', 'ln10', 'LN10', 'log2e', 'LOG2E',
  'log10e', 'LOG10E', 'sqrt2', 'SQRT2', 'sqrt1_2', 'SQRT1_2', 'degtorad', 'DEGTORAD', 'radtodeg', 'RADTODEG', 'samplerate',
  'SAMPLERATE', 'vectorsize', 'VECTORSIZE', 'FLT_EPSILON', 'FLT_MAX', 'FLT_MIN', 'DBL_EPSILON', 'DBL_MAX', 'DBL_MIN',
] as const;

export const GEN_OPERATORS = [
  // math
  'abs', 'absdiff', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atan2', 'atanh', 'cartopol', 'ceil', 'cos', 'cosh', 'degrees', 'exp',
  'exp2', 'fastcos', 'fastexp', 'fastpow', 'fastsin', 'fasttan', 'floor', 'fract', 'hypot', 'ln', 'log', 'log10', 'log2', 'poltocar',
  'pow', 'radians', 'round', 'sign', 'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'trunc',
  // arithmetic, comparison, logic
  'add', 'sub', 'mul', 'div', 'mod', 'rsub', 'rdiv', 'rmod', 'neg', 'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'eqp', 'neqp', 'gtp', 'gtep',
  'ltp', 'ltep', 'max', 'min', 'maximum', 'minimum', 'step', 'and', 'or', 'not', 'xor', 'bool',
  // range, routing, numeric
  'clamp', 'clip', 'fold', 'wrap', 'scale', 'smoothstep', 'gate', 'selector', 'switch', 'mix', 'fixdenorm', 'fixnan', 'isdenorm', 'isnan',
  'constant', 'int', 'float',
  // conversion
  'atodb', 'dbtoa', 'ftom', 'mtof', 'mstosamps', 'sampstoms', 't60', 't60time',
  // waveforms, filters, integrators
  'phasewrap', 'triangle', 'noise', 'cycle', 'phasor', 'train', 'rate', 'delta', 'change', 'dcblock', 'latch', 'sah', 'slide', 'interp',
  'accum', 'counter', 'plusequals', 'mulequals',
  // buffers, declarations, globals, subpatchers
  'buffer', 'channels', 'data', 'dim', 'lookup', 'nearest', 'peek', 'poke', 'sample', 'splat', 'wave', 'history', 'delay', 'param',
  'elapsed', 'mc_channel', 'mc_channelcount', 'voice', 'voicecount', 'expr', 'codebox', 'setparam', 'gen', 'pass',
] as const;

const RESERVED = new Set<string>([...GENEXPR_KEYWORDS, ...GENEXPR_CONSTANTS, ...GEN_OPERATORS]);

/** Why `name` cannot name a variable, function or declaration, or null if it can. */
export function reservedNameProblem(name: string): string | null {
  if (/^(in|out)\d+$/.test(name)) {
    return /^(in|out)0\d*$/.test(name) ? `"${name}" is not an inlet/outlet name (gen~ counts them from 1: in1, out1)` : `"${name}" is an inlet/outlet of the codebox`;
  }
  if ((GENEXPR_KEYWORDS as readonly string[]).includes(name)) return `"${name}" is a GenExpr keyword`;
  if ((GENEXPR_CONSTANTS as readonly string[]).includes(name)) return `"${name}" is a GenExpr constant`;
  if (RESERVED.has(name)) return `"${name}" is the name of a Gen operator`;
  return null;
}
