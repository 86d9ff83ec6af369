/**
 * A reader of Pd patch files for the tests, written apart from the generator (scripts/gen/pd): the
 * canvases (top and subpatches, with their window rectangles), their boxes (kind, position, text as
 * Pd shows it, `, f N` width) and connections, and an estimate of each box's size as Pd 0.53 draws
 * it at zoom 1: text wrapped at the box width (`, f N`, else 60 characters) at spaces (longer words
 * are cut), a new line after each `;` of a message; font size 12 → 7 px per character and 16 px per
 * line; object and message boxes have a border and padding (message boxes a flag on the right).
 */
import { readFileSync } from 'node:fs';

export interface PdFileBox {
  kind: 'obj' | 'msg' | 'text' | 'floatatom' | 'symbolatom' | 'listbox' | 'subpatch' | 'graph';
  x: number;
  y: number;
  /** The text as Pd shows it (escapes removed). */
  text: string;
  /** `, f N` width in characters (0 = none). */
  widthChars: number;
  /** For GUI objects / graphs: the pixel size Pd draws. */
  guiSize?: { w: number; h: number };
  /** For subpatches / graphs: the inner canvas. */
  canvas?: PdFileCanvas;
}

export interface PdFileCanvas {
  name: string;
  window: { x: number; y: number; w: number; h: number };
  fontSize: number;
  boxes: PdFileBox[];
  connections: Array<[number, number, number, number]>;
}

/** Split a .pd file into records (`;`-terminated, `\;` inside a record is not an end). */
function records(src: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\' && i + 1 < src.length) {
      cur += ch + src[i + 1];
      i++;
    } else if (ch === ';') {
      out.push(cur.replace(/\s+/g, ' ').trim());
      cur = '';
    } else cur += ch;
  }
  return out.filter((r) => r.length > 0);
}

/** Unescape a box text as Pd displays it. */
function display(atoms: string): string {
  return atoms.replace(/\\([$,;\\])/g, '$1').replace(/ ,/g, ',').replace(/ ;/g, ';');
}

function splitWidth(body: string): { text: string; widthChars: number } {
  const m = body.match(/^(.*?)(?:, f (\d+))?$/s);
  // ", f N" at the very end (unescaped comma) is the width
  const w = body.match(/(?<!\\), f (\d+)$/);
  if (w) return { text: body.slice(0, body.length - w[0].length), widthChars: Number(w[1]) };
  return { text: m ? m[1] : body, widthChars: 0 };
}

export function parsePdFile(path: string): PdFileCanvas {
  const recs = records(readFileSync(path, 'utf8'));
  const stack: PdFileCanvas[] = [];
  let top: PdFileCanvas | undefined;
  for (const r of recs) {
    const parts = r.split(' ');
    if (r.startsWith('#N canvas')) {
      const [x, y, w, h] = parts.slice(2, 6).map(Number);
      const isSub = stack.length > 0;
      const c: PdFileCanvas = { name: isSub ? parts[6] : 'top', window: { x, y, w, h }, fontSize: isSub ? stack[0].fontSize : Number(parts[6]), boxes: [], connections: [] };
      if (!top) top = c;
      stack.push(c);
      continue;
    }
    const cur = stack[stack.length - 1];
    if (!cur) throw new Error(`${path}: record before the first canvas: ${r}`);
    if (r.startsWith('#X restore')) {
      const inner = stack.pop() as PdFileCanvas;
      const parent = stack[stack.length - 1];
      const [x, y] = parts.slice(2, 4).map(Number);
      if (parts[4] === 'graph') {
        parent.boxes.push({ kind: 'graph', x, y, text: '', widthChars: 0, canvas: inner, guiSize: (inner as PdFileCanvas & { coords?: { w: number; h: number } }).coords });
      } else {
        parent.boxes.push({ kind: 'subpatch', x, y, text: display(parts.slice(4).join(' ')), widthChars: 0, canvas: inner });
      }
      continue;
    }
    if (r.startsWith('#X connect')) {
      const [a, o, b, i] = parts.slice(2, 6).map(Number);
      cur.connections.push([a, o, b, i]);
      continue;
    }
    if (r.startsWith('#X coords')) {
      // #X coords x1 y1 x2 y2 w h gop …
      (cur as PdFileCanvas & { coords?: { w: number; h: number } }).coords = { w: Number(parts[6]), h: Number(parts[7]) };
      continue;
    }
    if (r.startsWith('#X array') || r.startsWith('#X declare') || r.startsWith('#A')) continue;
    const kind = parts[1];
    const x = Number(parts[2]);
    const y = Number(parts[3]);
    const body = parts.slice(4).join(' ');
    if (kind === 'obj') {
      const cls = parts[4];
      const gui = guiSize(cls, parts.slice(5));
      cur.boxes.push({ kind: 'obj', x, y, ...splitWidth(display(body)), ...(gui ? { guiSize: gui } : {}) });
    } else if (kind === 'msg' || kind === 'text') {
      cur.boxes.push({ kind, x, y, ...splitWidth(display(body)) });
    } else if (kind === 'floatatom' || kind === 'symbolatom' || kind === 'listbox') {
      const w = Number(parts[4]) || 5;
      cur.boxes.push({ kind, x, y, text: '', widthChars: w });
    } else throw new Error(`${path}: unknown record ${r}`);
  }
  if (!top || stack.length !== 1) throw new Error(`${path}: unbalanced canvases`);
  return top;
}

/** Pixel size of the GUI objects the patches use (bng, tgl, cnv), from their saved arguments. */
function guiSize(cls: string, args: string[]): { w: number; h: number } | undefined {
  if (cls === 'bng' || cls === 'tgl') return { w: Number(args[0]), h: Number(args[0]) };
  if (cls === 'cnv') return { w: Number(args[1]), h: Number(args[2]) };
  return undefined;
}

const CHAR = 7;
const LINE = 16;

/** Pd's wrapping of a box text into lines of at most `limit` characters. */
export function pdLines(text: string, limit: number): string[] {
  const lines: string[] = [];
  const segments = text.split(/(?<=;)\s*/);
  for (const seg of segments) {
    let rest = seg.trim();
    if (!rest) continue;
    while (rest.length > limit) {
      let cut = rest.lastIndexOf(' ', limit);
      if (cut <= 0) cut = limit;
      lines.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut).trimStart();
    }
    lines.push(rest);
  }
  return lines.length ? lines : [''];
}

/** The rectangle Pd draws for a box (px). */
export function boxRect(b: PdFileBox): { x: number; y: number; w: number; h: number } {
  if (b.guiSize) return { x: b.x, y: b.y, w: b.guiSize.w + 1, h: b.guiSize.h + 1 };
  if (b.kind === 'floatatom' || b.kind === 'symbolatom' || b.kind === 'listbox') return { x: b.x, y: b.y, w: b.widthChars * CHAR + 6, h: LINE + 5 };
  const limit = b.widthChars || 60;
  const lines = pdLines(b.text, limit);
  const chars = b.widthChars || Math.max(1, ...lines.map((l) => l.length));
  if (b.kind === 'text') return { x: b.x, y: b.y, w: chars * CHAR + 2, h: lines.length * LINE + 2 };
  return { x: b.x, y: b.y, w: chars * CHAR + 5 + (b.kind === 'msg' ? 5 : 0), h: lines.length * LINE + 5 };
}

/** Every canvas a user can open from this one (subpatches, not graphs' array canvases). */
export function allCanvases(c: PdFileCanvas): PdFileCanvas[] {
  return [c, ...c.boxes.filter((b) => b.kind === 'subpatch' && b.canvas).flatMap((b) => allCanvases(b.canvas as PdFileCanvas))];
}
