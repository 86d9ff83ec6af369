/**
 * Box sizes as Pd 0.53 draws them at font size 12 (zoom 1), for laying out help patches: text is
 * wrapped at the box width (`, f N` characters, else 60) at spaces, a `;` in a message starts a new
 * line, each character is 7 px wide and each line 16 px high; object and message boxes add a
 * border. test/pd/layout.test.ts checks the result with its own estimate.
 */

export const CHAR_PX = 7;
export const LINE_PX = 16;
/** Pd wraps box text at this many characters unless the box has a width. */
export const DEFAULT_WRAP = 60;

/** The lines Pd shows for a box text (as written in the generator, unescaped). */
export function wrapLines(text: string, widthChars = DEFAULT_WRAP): string[] {
  const out: string[] = [];
  for (const para of text.split(/;\s*/).map((p, i, all) => (i < all.length - 1 ? `${p};` : p))) {
    const words = para.trim().split(/\s+/).filter(Boolean);
    let line = '';
    for (let w of words) {
      while (w.length > widthChars) {
        if (line) out.push(line), (line = '');
        out.push(w.slice(0, widthChars));
        w = w.slice(widthChars);
      }
      if (!line) line = w;
      else if (line.length + 1 + w.length <= widthChars) line += ` ${w}`;
      else out.push(line), (line = w);
    }
    if (line || out.length === 0) out.push(line);
  }
  return out;
}

/** Width × height (px) of an object/message box or comment with this text (and `, f N` width). */
export function boxSize(kind: 'obj' | 'msg' | 'text', text: string, widthChars?: number): { w: number; h: number } {
  const lines = wrapLines(text, widthChars ?? DEFAULT_WRAP);
  const chars = widthChars ?? Math.max(...lines.map((l) => l.length), 1);
  const pad = kind === 'text' ? 2 : 5;
  return { w: chars * CHAR_PX + pad + (kind === 'msg' ? 5 : 0), h: lines.length * LINE_PX + (kind === 'text' ? 2 : 5) };
}
