/**
 * Tokens of the GenExpr subset the package's gen~ code uses (GenExpr reference: numbers, names,
 * strings in declarations, C-like operators, `//` and `/* *\/` comments).
 */
export type TokenKind = 'num' | 'name' | 'str' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  value?: number;
  line: number;
}

const OPS = ['==', '!=', '<=', '>=', '&&', '||', '+=', '-=', '*=', '/=', '+', '-', '*', '/', '%', '<', '>', '!', '?', ':', '=', '(', ')', '{', '}', ',', ';'];

export class GenSyntaxError extends Error {
  constructor(message: string, line: number) {
    super(`GenExpr line ${line}: ${message}`);
    this.name = 'GenSyntaxError';
  }
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new GenSyntaxError('unterminated comment', line);
      for (let k = i; k < end; k++) if (src[k] === '\n') line++;
      i = end + 2;
      continue;
    }
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i, i + 40));
    if (num) {
      out.push({ kind: 'num', text: num[0], value: Number(num[0]), line });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 200));
    if (name) {
      out.push({ kind: 'name', text: name[0], line });
      i += name[0].length;
      continue;
    }
    if (c === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0) throw new GenSyntaxError('unterminated string', line);
      out.push({ kind: 'str', text: src.slice(i + 1, end), line });
      i = end + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new GenSyntaxError(`unexpected character "${c}"`, line);
    out.push({ kind: 'op', text: op, line });
    i += op.length;
  }
  out.push({ kind: 'eof', text: '<end>', line });
  return out;
}
