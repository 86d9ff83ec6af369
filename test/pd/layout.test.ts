/**
 * The help patches and the example fit a 1366×768 screen: every window (the patch and each
 * subpatch a user can open) lies on the screen, every box inside its window, and no two boxes
 * (objects, messages, comments, number boxes, GUIs, graphs) overlap, by the box sizes Pd 0.53
 * draws at font size 12 (pdfile.ts estimates them, independently of the generator). And they are in
 * Pd's reference layout: a title, a `[pd reference]` subpatch with INLETS/OUTLETS/ARGUMENTS
 * sections, a `[pd META]` subpatch with a DESCRIPTION, and "see also".
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { allCanvases, boxRect, parsePdFile, type PdFileCanvas } from './pdfile';
import { PD_PATCH_DIR } from './pd';

const SCREEN = { w: 1366, h: 768 };
const helps = readdirSync(PD_PATCH_DIR).filter((f) => f.endsWith('-help.pd') || f === 'timbreremap-example.pd').sort();

type Rect = { x: number; y: number; w: number; h: number };
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function problems(file: string, c: PdFileCanvas): string[] {
  const out: string[] = [];
  const where = `${file} (${c.name})`;
  const win = c.window;
  if (win.x < 0 || win.y < 0 || win.x + win.w > SCREEN.w || win.y + win.h > SCREEN.h) out.push(`${where}: window ${win.x},${win.y} ${win.w}×${win.h} is off a ${SCREEN.w}×${SCREEN.h} screen`);
  const rects = c.boxes.map((b) => ({ b, r: boxRect(b) }));
  for (const { b, r } of rects) {
    if (r.x < 0 || r.y < 0 || r.x + r.w > win.w || r.y + r.h > win.h) out.push(`${where}: "${b.text.slice(0, 40)}" at ${r.x},${r.y} (${r.w}×${r.h}) is outside the ${win.w}×${win.h} window`);
  }
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      if (overlap(rects[i].r, rects[j].r)) out.push(`${where}: "${rects[i].b.text.slice(0, 30) || rects[i].b.kind}" overlaps "${rects[j].b.text.slice(0, 30) || rects[j].b.kind}"`);
    }
  }
  return out;
}

describe('help patches and the example: 1366×768, no overlaps, Pd reference layout', () => {
  it('has a help patch per abstraction and the example', () => {
    expect(helps).toEqual(['timbreremap-example.pd', 'tr.808voice~-help.pd', 'tr.808~-help.pd', 'tr.onset~-help.pd', 'tr.remap-help.pd']);
  });

  it.each(helps)('%s: every window on the screen, every box inside, none overlapping', (f) => {
    const top = parsePdFile(join(PD_PATCH_DIR, f));
    const canvases = allCanvases(top).filter((c) => c.name !== '(subpatch)');
    // the check looks at something: the patch and its subpatches hold boxes
    expect(canvases[0].boxes.length).toBeGreaterThan(15);
    expect(canvases.flatMap((c) => problems(f, c))).toEqual([]);
  });

  it.each(helps.filter((f) => f.endsWith('-help.pd')))('%s: title, [pd reference] with inlets/outlets/arguments, [pd META] with a description, see also', (f) => {
    const top = parsePdFile(join(PD_PATCH_DIR, f));
    const name = f.replace(/-help\.pd$/, '');
    const title = top.boxes.find((b) => b.y < 45 && (b.text === name || b.text === `[${name}]`));
    expect(title).toBeDefined();
    const ref = top.boxes.find((b) => b.kind === 'subpatch' && b.text === 'pd reference')?.canvas;
    expect(ref).toBeDefined();
    const labels = (ref as PdFileCanvas).boxes.map((b) => b.text.match(/^cnv \d+ \d+ \d+ empty empty (\S+)/)?.[1]).filter(Boolean);
    expect(labels).toEqual(expect.arrayContaining([expect.stringMatching(/^INLETS?:$/), expect.stringMatching(/^OUTLETS?:$/), 'ARGUMENTS:']));
    const meta = top.boxes.find((b) => b.kind === 'subpatch' && b.text === 'pd META')?.canvas;
    expect(meta?.boxes.some((b) => b.text.startsWith('DESCRIPTION '))).toBe(true);
    expect(top.boxes.some((b) => b.kind === 'text' && b.text.startsWith('see also:'))).toBe(true);
  });

  it.each(helps)('%s: at most one live [tr.remap] (each is a session at the bridge; the title is a comment)', (f) => {
    const top = parsePdFile(join(PD_PATCH_DIR, f));
    const remaps = allCanvases(top).flatMap((c) => c.boxes.filter((b) => b.kind === 'obj' && /^tr\.remap(\s|$)/.test(b.text)));
    expect(remaps.length).toBeLessThanOrEqual(1);
    if (f === 'tr.remap-help.pd' || f === 'timbreremap-example.pd') expect(remaps).toHaveLength(1);
  });
});
