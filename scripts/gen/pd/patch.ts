/**
 * A small builder for Pure Data patch files (`.pd`, max-pd-ecosystem.md §5.1): a canvas holds boxes
 * (objects, messages, comments, number boxes, GUI objects, subpatches, graphs of arrays) placed at
 * pixel positions, and connections between them by box index (creation order within the canvas, as
 * Pd numbers them). Box texts are written as Pd shows them (`expr max($f1, 0)`, `; pd dsp 1`) and
 * escaped here the way Pd saves them (`\$`, ` \, `, ` \; `). scripts/build-pd.ts writes the results;
 * test/pd reads them back with its own parser.
 */

export interface PdBox {
  /** Index in the canvas (what `#X connect` refers to). */
  readonly index: number;
  /** The `#X …` line(s) without the final `;` (subpatches: several lines). */
  readonly lines: string[];
}

/** Escape a box text as Pd saves it: `$` → `\$`, `,` → ` \, `, `;` → ` \; `, spaces collapsed. */
export function pdEscape(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\$/g, '\\$')
    .replace(/\s*,\s*/g, ' \\, ')
    .replace(/\s*;\s*/g, ' \\; ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A number as Pd prints it in a patch (`%g`, 6 significant digits): generators round constants this way. */
export function pdNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`build-pd: ${x} cannot be written in a Pd patch`);
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  return String(Number(x.toPrecision(6)));
}

const width = (w?: number) => (w ? `, f ${w}` : '');

/**
 * Pd refuses some atoms in a way that is easy to miss: an atom with an expr inlet (`$f1`) before a
 * `$0` name is not expanded (`$f1+win$0` → "bad string"; `a$0[$f1]` is fine), and integers of more than 6 digits
 * are rounded when Pd turns the box back into text (`%g`). Generators must space such atoms apart.
 */
function checkAtoms(text: string): void {
  for (const atom of text.split(/[\s,;]+/)) {
    if (/\$[fvs]\d.*\$0/.test(atom)) throw new Error(`build-pd: atom "${atom}" mixes an expr inlet and $0; put spaces around the operators`);
    if (/^-?\d{7,}$/.test(atom)) throw new Error(`build-pd: ${atom} has more than 6 digits; Pd would round it`);
  }
}

export interface CanvasOptions {
  /** Window position and size on screen (px). */
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  /** Font size of the canvas (Pd: 8, 10, 12, 16, 24, 36). */
  fontSize?: number;
}

export class PdCanvas {
  private readonly boxes: PdBox[] = [];
  private readonly connections: string[] = [];
  readonly fontSize: number;

  constructor(readonly opts: CanvasOptions = {}) {
    this.fontSize = opts.fontSize ?? 12;
  }

  get count(): number {
    return this.boxes.length;
  }

  private add(lines: string[]): PdBox {
    const box = { index: this.boxes.length, lines };
    this.boxes.push(box);
    return box;
  }

  /** An object box (`#X obj x y text`); `w` = width in characters (`, f w`). */
  obj(x: number, y: number, text: string, w?: number): PdBox {
    checkAtoms(text);
    return this.add([`#X obj ${x} ${y} ${pdEscape(text)}${width(w)}`]);
  }

  /** A message box. */
  msg(x: number, y: number, text: string, w?: number): PdBox {
    return this.add([`#X msg ${x} ${y} ${pdEscape(text)}${width(w)}`]);
  }

  /** A comment. */
  text(x: number, y: number, text: string, w?: number): PdBox {
    return this.add([`#X text ${x} ${y} ${pdEscape(text)}${width(w)}`]);
  }

  /** A number box (`floatatom`) `w` characters wide, with an optional label. */
  floatatom(x: number, y: number, w = 5, label = '-'): PdBox {
    return this.add([`#X floatatom ${x} ${y} ${w} 0 0 0 ${label} - - 0`]);
  }

  /** A bang GUI (`bng`) of `size` px. */
  bng(x: number, y: number, size = 19): PdBox {
    return this.add([`#X obj ${x} ${y} bng ${size} 250 50 0 empty empty empty 17 7 0 10 #dfdfdf #000000 #000000`]);
  }

  /** A toggle GUI. */
  toggle(x: number, y: number, size = 19): PdBox {
    return this.add([`#X obj ${x} ${y} tgl ${size} 0 empty empty empty 17 7 0 10 #dfdfdf #000000 #000000 0 1`]);
  }

  /** A canvas (`cnv`) used as a coloured rule or label, `w`×`h` px, as Pd's reference help patches do. */
  rule(x: number, y: number, w: number, h: number, label = 'empty', color = '#000000'): PdBox {
    return this.add([`#X obj ${x} ${y} cnv 1 ${w} ${h} empty empty ${label} 8 12 0 13 ${color} #000000 0`]);
  }

  /** A `[declare …]` object (Pd also needs the `#X declare` line at the top of the file; see `pdFile`). */
  declare(x: number, y: number, args: string): PdBox {
    return this.obj(x, y, `declare ${args}`);
  }

  /** A subpatch `[pd name]` holding `inner`, shown closed at (x, y). */
  subpatch(x: number, y: number, name: string, inner: PdCanvas): PdBox {
    return this.add([...inner.canvasLines(name), `#X restore ${x} ${y} pd ${pdEscape(name)}`]);
  }

  /**
   * A graph of arrays on the parent (`[graph]`): `w`×`h` px, x from 0 to size − 1, y from `yTop`
   * (top) to `yBottom`; the arrays' contents are not saved with the patch.
   */
  graph(x: number, y: number, arrays: Array<{ name: string; size: number }>, w: number, h: number, yTop: number, yBottom: number, style: 'points' | 'polygon' = 'polygon'): PdBox {
    const size = Math.max(...arrays.map((a) => a.size));
    // flags: bit 0 save contents (no), bits 1–2 plot style (0 points, 1 polygon), bit 3 hide the name
    const flags = 8 + (style === 'polygon' ? 2 : 0);
    return this.add([
      '#N canvas 0 50 450 250 (subpatch) 0',
      ...arrays.map((a) => `#X array ${a.name} ${a.size} float ${flags}`),
      `#X coords 0 ${pdNumber(yTop)} ${size - 1} ${pdNumber(yBottom)} ${w} ${h} 1 0 0`,
      `#X restore ${x} ${y} graph`,
    ]);
  }

  connect(src: PdBox, outlet: number, dst: PdBox, inlet: number): this {
    this.connections.push(`#X connect ${src.index} ${outlet} ${dst.index} ${inlet}`);
    return this;
  }

  /** Chain boxes outlet 0 → inlet 0. */
  chain(...boxes: PdBox[]): this {
    for (let i = 1; i < boxes.length; i++) this.connect(boxes[i - 1], 0, boxes[i], 0);
    return this;
  }

  /** The canvas's lines (`#N canvas …` first); `name` for a subpatch. */
  canvasLines(name?: string): string[] {
    const { x = 0, y = 50, width: w = 900, height: h = 600 } = this.opts;
    const head = name === undefined ? `#N canvas ${x} ${y} ${w} ${h} ${this.fontSize}` : `#N canvas ${x} ${y} ${w} ${h} ${pdEscape(name)} 0`;
    return [head, ...this.boxes.flatMap((b) => b.lines), ...this.connections];
  }
}

/** The text of a `.pd` file for the top canvas; `declare`: the `#X declare` line Pd writes after the canvas line. */
export function pdFile(canvas: PdCanvas, declare?: string): string {
  const [head, ...rest] = canvas.canvasLines();
  const lines = [head, ...(declare ? [`#X declare ${declare}`] : []), ...rest];
  return lines.map((l) => `${l};`).join('\n') + '\n';
}

/**
 * An `expr` whose statements run in the order given. Pd evaluates the `;`-separated expressions of
 * one expr from right to left, sending each result out as soon as it is computed (measured: `expr
 * v = 1; v = v*10; v = v + 2` outputs 2, 20, 1), so the text lists them reversed; statement i comes
 * out of outlet n − 1 − i, before the later statements have run.
 */
export function exprSeq(...statements: string[]): string {
  return `expr ${[...statements].reverse().join('; ')}`;
}
