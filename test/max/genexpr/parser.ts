/**
 * Parser for the GenExpr subset used by the package's gen~ code: declarations (`Param`, `History`,
 * `Data`, `Buffer`), function definitions, assignments (`=`, `+=`, …), `if/else`, `for`, `while`,
 * `break`, `continue`, `return`, blocks, and expressions with C precedence (`?:`, `||`, `&&`,
 * comparisons, `+ -`, `* / %`, unary `- !`, calls with named arguments in declarations).
 */
import { GenSyntaxError, tokenize, type Token } from './lexer';

export type Expr =
  | { t: 'num'; v: number }
  | { t: 'name'; name: string; line: number }
  | { t: 'str'; v: string }
  | { t: 'un'; op: string; e: Expr }
  | { t: 'bin'; op: string; a: Expr; b: Expr }
  | { t: 'cond'; c: Expr; a: Expr; b: Expr }
  | { t: 'call'; name: string; args: Expr[]; named: Record<string, Expr>; line: number };

export type Stmt =
  | { t: 'decl'; kind: 'Param' | 'History' | 'Data' | 'Buffer'; name: string; args: Expr[]; named: Record<string, Expr>; line: number }
  | { t: 'func'; name: string; params: string[]; body: Stmt[]; line: number }
  | { t: 'assign'; name: string; op: string; e: Expr; line: number }
  | { t: 'expr'; e: Expr }
  | { t: 'if'; c: Expr; then: Stmt; else?: Stmt }
  | { t: 'for'; init?: Stmt; c?: Expr; step?: Stmt; body: Stmt }
  | { t: 'while'; c: Expr; body: Stmt }
  | { t: 'block'; body: Stmt[] }
  | { t: 'return'; e?: Expr }
  | { t: 'break' }
  | { t: 'continue' };

const DECLS = new Set(['Param', 'History', 'Data', 'Buffer']);
const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=']);
const BINARY: Array<string[]> = [['||'], ['&&'], ['==', '!='], ['<', '<=', '>', '>='], ['+', '-'], ['*', '/', '%']];

export function parseGenExpr(src: string): Stmt[] {
  const toks = tokenize(src);
  let p = 0;
  const peek = (k = 0): Token => toks[Math.min(p + k, toks.length - 1)];
  const next = (): Token => toks[p++];
  const isOp = (text: string, k = 0) => peek(k).kind === 'op' && peek(k).text === text;
  const expect = (text: string): Token => {
    const tk = next();
    if (tk.kind !== 'op' || tk.text !== text) throw new GenSyntaxError(`expected "${text}", found "${tk.text}"`, tk.line);
    return tk;
  };

  function callArgs(): { args: Expr[]; named: Record<string, Expr> } {
    expect('(');
    const args: Expr[] = [];
    const named: Record<string, Expr> = {};
    if (!isOp(')')) {
      for (;;) {
        if (peek().kind === 'name' && isOp('=', 1)) {
          const key = next().text;
          next();
          named[key] = expr();
        } else args.push(expr());
        if (isOp(',')) {
          next();
          continue;
        }
        break;
      }
    }
    expect(')');
    return { args, named };
  }

  function primary(): Expr {
    const tk = next();
    if (tk.kind === 'num') return { t: 'num', v: tk.value as number };
    if (tk.kind === 'str') return { t: 'str', v: tk.text };
    if (tk.kind === 'name') {
      if (isOp('(')) {
        const { args, named } = callArgs();
        return { t: 'call', name: tk.text, args, named, line: tk.line };
      }
      return { t: 'name', name: tk.text, line: tk.line };
    }
    if (tk.kind === 'op' && tk.text === '(') {
      const e = expr();
      expect(')');
      return e;
    }
    throw new GenSyntaxError(`unexpected "${tk.text}" in an expression`, tk.line);
  }

  function unary(): Expr {
    if (isOp('-') || isOp('!')) {
      const op = next().text;
      return { t: 'un', op, e: unary() };
    }
    if (isOp('+')) {
      next();
      return unary();
    }
    return primary();
  }

  function binary(level: number): Expr {
    if (level === BINARY.length) return unary();
    let a = binary(level + 1);
    while (peek().kind === 'op' && BINARY[level].includes(peek().text)) {
      const op = next().text;
      a = { t: 'bin', op, a, b: binary(level + 1) };
    }
    return a;
  }

  function expr(): Expr {
    const c = binary(0);
    if (isOp('?')) {
      next();
      const a = expr();
      expect(':');
      const b = expr();
      return { t: 'cond', c, a, b };
    }
    return c;
  }

  /** An assignment or expression statement without its `;` (also used in `for` headers). */
  function simple(): Stmt {
    if (peek().kind === 'name' && peek(1).kind === 'op' && ASSIGN_OPS.has(peek(1).text)) {
      const name = next();
      const op = next().text;
      return { t: 'assign', name: name.text, op, e: expr(), line: name.line };
    }
    return { t: 'expr', e: expr() };
  }

  function block(): Stmt[] {
    expect('{');
    const body: Stmt[] = [];
    while (!isOp('}')) {
      if (peek().kind === 'eof') throw new GenSyntaxError('missing "}"', peek().line);
      body.push(stmt());
    }
    expect('}');
    return body;
  }

  function stmt(): Stmt {
    const tk = peek();
    if (tk.kind === 'op' && tk.text === '{') return { t: 'block', body: block() };
    if (tk.kind === 'op' && tk.text === ';') {
      next();
      return { t: 'block', body: [] };
    }
    if (tk.kind === 'name') {
      if (DECLS.has(tk.text) && peek(1).kind === 'name') {
        next();
        const name = next().text;
        let args: Expr[] = [];
        let named: Record<string, Expr> = {};
        if (isOp('(')) ({ args, named } = callArgs());
        expect(';');
        return { t: 'decl', kind: tk.text as 'Param', name, args, named, line: tk.line };
      }
      if (tk.text === 'if') {
        next();
        expect('(');
        const c = expr();
        expect(')');
        const then = stmt();
        if (peek().kind === 'name' && peek().text === 'else') {
          next();
          return { t: 'if', c, then, else: stmt() };
        }
        return { t: 'if', c, then };
      }
      if (tk.text === 'for') {
        next();
        expect('(');
        const init = isOp(';') ? undefined : simple();
        expect(';');
        const c = isOp(';') ? undefined : expr();
        expect(';');
        const step = isOp(')') ? undefined : simple();
        expect(')');
        return { t: 'for', init, c, step, body: stmt() };
      }
      if (tk.text === 'while') {
        next();
        expect('(');
        const c = expr();
        expect(')');
        return { t: 'while', c, body: stmt() };
      }
      if (tk.text === 'return') {
        next();
        const e = isOp(';') ? undefined : expr();
        expect(';');
        return { t: 'return', e };
      }
      if (tk.text === 'break' || tk.text === 'continue') {
        next();
        expect(';');
        return { t: tk.text };
      }
      // Function definition: name(a, b) { … }
      if (isOp('(', 1)) {
        let k = 2;
        const params: string[] = [];
        let isDef = true;
        while (!isOp(')', k)) {
          if (peek(k).kind !== 'name') {
            isDef = false;
            break;
          }
          params.push(peek(k).text);
          k++;
          if (isOp(',', k)) k++;
        }
        if (isDef && isOp('{', k + 1)) {
          p += k + 1;
          return { t: 'func', name: tk.text, params, body: block(), line: tk.line };
        }
      }
    }
    const s = simple();
    expect(';');
    return s;
  }

  const prog: Stmt[] = [];
  while (peek().kind !== 'eof') prog.push(stmt());
  return prog;
}
