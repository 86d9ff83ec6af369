/**
 * The parts every help patch shares, in the layout of Pd's own reference help patches (0.52+): a
 * header (the object, a one-line description, `[pd reference]` with "<= click", a rule), the
 * reference subpatch (INLETS / OUTLETS / ARGUMENTS / MESSAGES sections with rules), a `[pd META]`
 * subpatch (DESCRIPTION, KEYWORDS, … as deken's object list reads them) and a footer (rule, see
 * also, version). Positions come from the box-size estimate of layout.ts so nothing overlaps.
 */
import { boxSize, CHAR_PX } from './layout';
import { PdCanvas, type PdBox } from './patch';

/** Every help window: at (0, 50) and at most this big, so it fits a 1366×768 screen. */
export const HELP_WIDTH = 1280;
export const HELP_HEIGHT = 700;

/** A box with its estimated extent. */
export interface Placed {
  box: PdBox;
  x: number;
  y: number;
  right: number;
  bottom: number;
}

export function place(c: PdCanvas, kind: 'obj' | 'msg' | 'text', x: number, y: number, text: string, w?: number): Placed {
  // Pd breaks a comment's line after each ";" (and saves it escaped): write comments without them
  if (kind === 'text' && text.includes(';')) throw new Error(`build-pd: comment "${text.slice(0, 50)}…" has a semicolon`);
  const box = kind === 'obj' ? c.obj(x, y, text, w) : kind === 'msg' ? c.msg(x, y, text, w) : c.text(x, y, text, w);
  const s = boxSize(kind, text, w);
  return { box, x, y, right: x + s.w, bottom: y + s.h };
}

/** A row of message boxes from x, 8 px apart; returns them and the row's right end. */
export function msgRow(c: PdCanvas, x: number, y: number, texts: string[]): { boxes: PdBox[]; right: number; bottom: number } {
  const boxes: PdBox[] = [];
  let right = x;
  let bottom = y;
  for (const t of texts) {
    const p = place(c, 'msg', right, y, t);
    boxes.push(p.box);
    right = p.right + 8;
    bottom = Math.max(bottom, p.bottom);
  }
  return { boxes, right, bottom };
}

export interface ReferenceSection {
  /** INLETS:, OUTLETS:, ARGUMENTS:, MESSAGES: … */
  title: string;
  /** Items: an optional sub-label (1st:, 2nd:) and lines `TYPE - what it does`. */
  items: Array<{ label?: string; lines: string[] }>;
}

/**
 * The `[pd reference]` subpatch: sections top to bottom, in one column or (`columns` with two
 * lists) two side by side when one would not fit the screen.
 */
export function referenceCanvas(name: string, description: string, columns: ReferenceSection[] | ReferenceSection[][]): PdCanvas {
  const cols = (Array.isArray(columns[0]) ? columns : [columns]) as ReferenceSection[][];
  const colWidth = cols.length === 1 ? 760 : 640;
  const textChars = Math.floor((colWidth - 110) / CHAR_PX);
  const items: Array<(c: PdCanvas) => void> = [];
  const title = `[${name}] - ${description}`;
  items.push((c) => c.text(28, 12, title, 100));
  const top = 12 + boxSize('text', title, 100).h + 16;
  let bottom = 0;
  cols.forEach((sections, k) => {
    const x0 = 9 + k * (colWidth + 20);
    let y = top;
    for (const s of sections) {
      const ry = y;
      items.push((c) => c.rule(x0, ry, colWidth, 2, s.title, '#202020'));
      y += 24;
      for (const it of s.items) {
        if (it.label) {
          const ly = y;
          items.push((c) => c.rule(x0, ly, colWidth, 1, it.label as string, '#9f9f9f'));
          y += 8;
        }
        for (const line of it.lines) {
          const ly = y;
          items.push((c) => c.text(x0 + 101, ly, line, textChars));
          y += boxSize('text', line, textChars).h + 4;
        }
        y += 6;
      }
    }
    const end = y + 4;
    items.push((c) => c.rule(x0, end, colWidth, 2, 'empty', '#202020'));
    bottom = Math.max(bottom, end + 2);
  });
  const width = 9 + cols.length * (colWidth + 20) + 10;
  const height = bottom + 30;
  if (height > 700 || width > 1360) throw new Error(`build-pd: the reference of ${name} is ${width}×${height} px; it must fit 1360×700`);
  const c = new PdCanvas({ x: 0, y: 50, width, height });
  for (const add of items) add(c);
  return c;
}

/** The `[pd META]` subpatch (Pd's help convention; deken's object list reads DESCRIPTION). */
export function metaCanvas(fields: Array<[string, string]>): PdCanvas {
  const c = new PdCanvas({ x: 200, y: 100, width: 700, height: 40 + 25 * fields.length });
  let y = 10;
  for (const [k, v] of fields) {
    c.text(12, y, `${k} ${v}`, 90);
    y += boxSize('text', `${k} ${v}`, 90).h + 6;
  }
  return c;
}

/**
 * The header: the title (an object box, or a comment for objects that must not run twice), its
 * description, `[pd reference]` + "<= click" and a rule at y 45.
 */
export function header(c: PdCanvas, title: string, description: string, reference: PdCanvas, live = true): void {
  const t = live ? place(c, 'obj', 20, 12, title) : place(c, 'text', 20, 14, `[${title}]`);
  const chars = Math.floor((HELP_WIDTH - 250 - t.right) / CHAR_PX);
  const d = place(c, 'text', t.right + 10, 14, `- ${description}`, chars);
  if (d.bottom > 44) throw new Error(`build-pd: the description of ${title} does not fit one line (${chars} characters, no semicolons)`);
  c.subpatch(HELP_WIDTH - 230, 12, 'reference', reference);
  place(c, 'text', HELP_WIDTH - 120, 14, '<= click');
  c.rule(8, 45, HELP_WIDTH - 20, 1);
}

/** The footer at the bottom: a rule, "see also", the version, `[pd META]`. */
export function footer(c: PdCanvas, seeAlso: string, version: string, meta: PdCanvas): void {
  const y = HELP_HEIGHT - 40;
  c.rule(8, y - 8, HELP_WIDTH - 20, 1);
  place(c, 'text', 20, y, `see also: ${seeAlso}`, 110);
  c.subpatch(HELP_WIDTH - 420, y, 'META', meta);
  place(c, 'text', HELP_WIDTH - 330, y, `TimbreRemap ${version}`);
}
