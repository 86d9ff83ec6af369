/**
 * A tiny builder for Max patcher JSON (`.maxpat`, `.maxhelp`, `.gendsp`, `.amxd` body): boxes with
 * ids, port counts and outlet types, patchlines, and the top-level keys Max 8.6 writes
 * (max-pd-ecosystem.md §3). Port counts of the objects we use are in `OBJECTS`; the tests check
 * them against their own, independent list.
 */

export type Box = Record<string, unknown> & { id: string; maxclass: string; numinlets: number; numoutlets: number };

/** newobj classes: [inlets, outlet types] (from the Max reference pages; see test/max/patchers.test.ts). */
const OBJECTS: Record<string, (args: string[]) => [number, string[]]> = {
  'node.script': () => [1, ['', '']],
  'gen~': () => [1, ['signal', 'signal']], // overridden by the gen patcher's in/out counts
  'buffer~': () => [1, ['float', 'bang']],
  'peek~': () => [3, ['float']],
  'play~': () => [1, ['signal', 'bang']],
  'click~': () => [1, ['signal']],
  'edge~': () => [1, ['bang', 'bang']],
  'line~': () => [2, ['signal', 'bang']],
  '*~': () => [2, ['signal']],
  '+~': () => [2, ['signal']],
  '!-~': () => [2, ['signal']],
  'dspstate~': () => [1, ['int', 'float', 'int', 'int']],
  'ezdac~': () => [2, []],
  'inlet~': () => [0, ['signal']],
  'plugin~': () => [2, ['signal', 'signal']],
  'plugout~': () => [2, ['signal', 'signal']],
  'snapshot~': () => [2, ['float']],
  route: (a) => [a.length + 1, [...a.map(() => ''), '']],
  sel: (a) => [a.length + 1, [...a.map(() => 'bang'), '']],
  gate: (a) => [2, Array.from({ length: Number(a[0] ?? 1) }, () => '')],
  uzi: () => [2, ['bang', 'bang', 'int']],
  counter: () => [5, ['int', '', '', 'int']],
  zl: () => [2, ['', '']],
  prepend: () => [1, ['']],
  pack: (a) => [Math.max(1, a.length), ['']],
  t: (a) => [1, a.map((x) => (x === 'b' ? 'bang' : x === 'f' ? 'float' : x === 'i' ? 'int' : ''))],
  loadbang: () => [1, ['bang']],
  deferlow: () => [1, ['']],
  opendialog: () => [1, ['', 'bang']],
  print: () => [1, []],
  unpack: (a) => [1, a.map((x) => (x === 'f' ? 'float' : x === 'i' ? 'int' : ''))],
  'live.thisdevice': () => [1, ['bang', 'int', 'int']],
  in: () => [0, ['']],
  out: () => [1, []],
  // Max docs (docs.cycling74.com/reference/…): loadmess sends its arguments at load and on bang;
  // listfunnel "outputs the elements of an incoming list in the format [index] [element]"
  loadmess: () => [1, ['']],
  listfunnel: () => [1, ['list']],
  '+': () => [2, ['int']],
  '/': () => [2, ['float']],
  // sfrecord~ N: one signal inlet per channel (the first also takes open/1/0), a time outlet
  'sfrecord~': (a) => [Math.max(1, Number(a[0] ?? 1)), ['signal']],
  // pattr: data in; outlets data, bindto, dumpout (port counts not in the excerpts found: unverified)
  pattr: () => [1, ['', '', '']],
  // live.path: "Single inlet"; left, middle and right outlets (docs.cycling74.com/max8/refpages/live.path)
  'live.path': () => [1, ['', '', '']],
  // live.modulate~: signal −1…1 in the left inlet, id N in the right (refpage); its outlets are not used here
  'live.modulate~': () => [2, []],
};

export class Patcher {
  readonly boxes: Box[] = [];
  readonly lines: Array<{ source: [string, number]; destination: [string, number] }> = [];
  private n = 0;

  private add(box: Omit<Box, 'id'>): string {
    const id = `obj-${++this.n}`;
    this.boxes.push({ id, ...box } as Box);
    return id;
  }

  /** A typed object box (`newobj`); `ports` overrides the table (gen~ with a gen patcher). */
  obj(text: string, x: number, y: number, extra: Record<string, unknown> = {}, ports?: [number, string[]]): string {
    const [cls, ...rest] = text.split(' ');
    const at = rest.findIndex((a) => a.startsWith('@'));
    const args = at < 0 ? rest : rest.slice(0, at); // attributes (@name value…) come last
    const spec = ports ?? OBJECTS[cls]?.(args);
    if (!spec) throw new Error(`build-max: no port spec for object "${cls}"`);
    const w = Math.max(40, 7 * text.length + 12);
    return this.add({ maxclass: 'newobj', text, numinlets: spec[0], numoutlets: spec[1].length, outlettype: spec[1], patching_rect: [x, y, w, 22], ...extra });
  }

  /** An abstraction of this package (its inlets/outlets come from the abstraction file). */
  abstraction(text: string, x: number, y: number, inlets: number, outlettype: string[]): string {
    return this.add({ maxclass: 'newobj', text, numinlets: inlets, numoutlets: outlettype.length, outlettype, patching_rect: [x, y, Math.max(60, 7 * text.length + 12), 22] });
  }

  msg(text: string, x: number, y: number): string {
    return this.add({ maxclass: 'message', text, numinlets: 2, numoutlets: 1, outlettype: [''], patching_rect: [x, y, Math.max(30, 7 * text.length + 12), 22] });
  }

  comment(text: string, x: number, y: number, w = 300): string {
    const lines = Math.max(1, Math.ceil((text.length * 6.5) / w));
    return this.add({ maxclass: 'comment', text, numinlets: 1, numoutlets: 0, patching_rect: [x, y, w, 20 * lines], linecount: lines });
  }

  /** A UI or port box (inlet, outlet, button, flonum, umenu, live.dial, codebox, …). */
  ui(maxclass: string, x: number, y: number, w: number, h: number, numinlets: number, outlettype: string[], extra: Record<string, unknown> = {}): string {
    return this.add({ maxclass, numinlets, numoutlets: outlettype.length, outlettype, patching_rect: [x, y, w, h], ...extra });
  }

  connect(src: string, outlet: number, dst: string, inlet: number): void {
    this.lines.push({ source: [src, outlet], destination: [dst, inlet] });
  }

  /** The `{"patcher": …}` document. */
  toJSON(top: Record<string, unknown> = {}, rect: [number, number, number, number] = [80, 80, 900, 700]): { patcher: Record<string, unknown> } {
    return {
      patcher: {
        fileversion: 1,
        appversion: { major: 8, minor: 6, revision: 0, architecture: 'x64', modernui: 1 },
        classnamespace: 'box',
        rect,
        bglocked: 0,
        openinpresentation: 0,
        default_fontsize: 12.0,
        default_fontface: 0,
        default_fontname: 'Arial',
        gridonopen: 1,
        gridsize: [15.0, 15.0],
        gridsnaponopen: 1,
        objectsnaponopen: 1,
        statusbarvisible: 2,
        toolbarvisible: 1,
        boxanimatetime: 200,
        enablehscroll: 1,
        enablevscroll: 1,
        devicewidth: 0.0,
        description: '',
        digest: '',
        tags: '',
        style: '',
        subpatcher_template: '',
        assistshowspatchername: 0,
        ...top,
        boxes: this.boxes.map((box) => ({ box })),
        lines: this.lines.map((patchline) => ({ patchline })),
      },
    };
  }
}

/** Max's own layout: tab-indented JSON. */
export function maxJson(doc: unknown): string {
  return `${JSON.stringify(doc, null, '\t')}\n`;
}

/**
 * Unfrozen `.amxd`: `ampf` 4 `aaaa` (audio effect) | `meta` 4 uint32 1 | `ptch` size | JSON + "\n\0"
 * (Ableton maxdevtools `amxd_textconv.py`; Producer Pal's device).
 */
export function amxdBytes(json: string, deviceType: 'aaaa' | 'mmmm' | 'iiii' = 'aaaa'): Buffer {
  const body = Buffer.concat([Buffer.from(json.endsWith('\n') ? json : `${json}\n`, 'utf8'), Buffer.from([0])]);
  const head = Buffer.alloc(32);
  head.write('ampf', 0, 'ascii');
  head.writeUInt32LE(4, 4);
  head.write(deviceType, 8, 'ascii');
  head.write('meta', 12, 'ascii');
  head.writeUInt32LE(4, 16);
  head.writeUInt32LE(1, 20);
  head.write('ptch', 24, 'ascii');
  head.writeUInt32LE(body.length, 28);
  return Buffer.concat([head, body]);
}
