/**
 * Structure of the Max package's patchers (Max cannot run here): every .maxpat/.maxhelp/.gendsp/.amxd
 * parses; every box is a known Max/MSP/gen object (explicit list below, with port counts from the
 * Max reference) or one of the package's own abstractions (ports counted from their files); every
 * connection joins existing boxes within their port counts; no absolute paths; every file a box
 * names exists; each object has a help file and a reference page; `.amxd` header and chunk lengths
 * are right; the files are what scripts/build-max.ts generates now (not stale).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { maxPackageFiles } from '../../scripts/build-max';
import { ENGINE_BUNDLE } from '../../scripts/gen/bundle';
import { PARAMS } from '../../src/synth/params';
import { listPresets } from '../../src/synth/presets';

const ROOT = join(__dirname, '../..');

/** Max/MSP objects used by the package: class → (args) → [inlets, outlets]. */
const KNOWN: Record<string, (args: string[]) => [number, number]> = {
  'node.script': () => [1, 2],
  'buffer~': () => [1, 2],
  'peek~': () => [3, 1],
  'play~': () => [1, 2],
  'click~': () => [1, 1],
  'edge~': () => [1, 2],
  'line~': () => [2, 2],
  '*~': () => [2, 1],
  '+~': () => [2, 1],
  '!-~': () => [2, 1],
  'snapshot~': () => [2, 1],
  'dspstate~': () => [1, 4],
  'ezdac~': () => [2, 0],
  'plugin~': () => [2, 2],
  'plugout~': () => [2, 2],
  route: (a) => [a.length + 1, a.length + 1],
  gate: (a) => [2, Number(a[0] ?? 1)],
  uzi: () => [2, 3],
  counter: () => [5, 4],
  zl: () => [2, 2],
  prepend: () => [1, 1],
  pack: (a) => [Math.max(1, a.length), 1],
  unpack: (a) => [1, Math.max(1, a.length)],
  t: (a) => [1, a.length],
  loadbang: () => [1, 1],
  deferlow: () => [1, 1],
  opendialog: () => [1, 2],
  'live.thisdevice': () => [1, 3],
  loadmess: () => [1, 1],
  listfunnel: () => [1, 1],
  '+': () => [2, 1],
  '/': () => [2, 1],
  'sfrecord~': (a) => [Number(a[0] ?? 1), 1],
  pattr: () => [1, 3],
  'live.path': () => [1, 3], // "Single inlet"; left, middle, right outlets (live.path refpage)
  'live.modulate~': () => [2, 0], // signal in the left inlet, id N in the right (refpage); outlets unused
};
/** Box classes other than newobj: [inlets, outlets]. */
const UI: Record<string, [number, number]> = {
  inlet: [0, 1], outlet: [1, 0], message: [2, 1], comment: [1, 0], button: [1, 1], flonum: [1, 2], number: [1, 2],
  umenu: [1, 3], multislider: [1, 2], 'live.dial': [1, 2], 'live.menu': [1, 3], toggle: [1, 1],
};

type Box = { id: string; maxclass: string; text?: string; numinlets: number; numoutlets: number; index?: number; patching_rect: number[]; code?: string } & Record<string, unknown>;
type Patch = { patcher: { boxes: Array<{ box: Box }>; lines: Array<{ patchline: { source: [string, number]; destination: [string, number] } }>; classnamespace?: string } & Record<string, unknown> };

function listFiles(dir: string, ext: string): string[] {
  const d = join(ROOT, dir);
  return existsSync(d) ? readdirSync(d).filter((f) => f.endsWith(ext)).map((f) => join(dir, f)) : [];
}
const ABSTRACTIONS = listFiles('patchers', '.maxpat');
const ALL = [...ABSTRACTIONS, ...listFiles('help', '.maxhelp'), ...listFiles('code', '.gendsp'), ...listFiles('devices', '.amxd')];

function readAmxd(rel: string): { json: Patch; bytes: Buffer } {
  const bytes = readFileSync(join(ROOT, rel));
  const body = bytes.subarray(32, 32 + bytes.readUInt32LE(28));
  return { json: JSON.parse(body.subarray(0, body.length - 1).toString('utf8')) as Patch, bytes };
}
function load(rel: string): Patch {
  return rel.endsWith('.amxd') ? readAmxd(rel).json : (JSON.parse(readFileSync(join(ROOT, rel), 'utf8')) as Patch);
}
const words = (b: Box) => (b.text ?? '').split(' ').filter(Boolean);
const argsOf = (b: Box) => {
  const [, ...rest] = words(b);
  const at = rest.findIndex((a) => a.startsWith('@'));
  return at < 0 ? rest : rest.slice(0, at);
};
const attr = (b: Box, name: string) => {
  const w = words(b);
  const k = w.indexOf(`@${name}`);
  return k < 0 ? undefined : w[k + 1];
};

/** Ports of an abstraction / gen patcher from its own file: inlet/outlet (or in/out) boxes. */
function portsOfFile(p: Patch): [number, number] {
  const boxes = p.patcher.boxes.map((b) => b.box);
  if (p.patcher.classnamespace === 'dsp.gen') {
    const nums = (cls: string) => boxes.filter((b) => words(b)[0] === cls).map((b) => Number(words(b)[1]));
    return [Math.max(0, ...nums('in')), Math.max(0, ...nums('out'))];
  }
  return [boxes.filter((b) => b.maxclass === 'inlet').length, boxes.filter((b) => b.maxclass === 'outlet').length];
}

describe('Max package files', () => {
  test('the package has its patchers, help, gen~ code, device, reference pages and package-info.json', () => {
    for (const f of ['patchers/timbreremap.maxpat', 'patchers/tr.onset~.maxpat', 'patchers/tr.808~.maxpat', 'code/tr.onset.gendsp', 'code/tr.808.gendsp', 'devices/TimbreRemap.amxd', 'package-info.json', 'media/tr-noise-44100.wav', 'media/gmrock-snare-performance.wav']) {
      expect(existsSync(join(ROOT, f))).toBe(true);
    }
    const info = JSON.parse(readFileSync(join(ROOT, 'package-info.json'), 'utf8'));
    expect(info).toMatchObject({ name: 'timbreremap', max_version_min: '8.6' });
  });

  test('the files are up to date with scripts/build-max.ts (regenerate with npx tsx scripts/build-max.ts)', () => {
    for (const [rel, data] of Object.entries(maxPackageFiles())) {
      const onDisk = readFileSync(join(ROOT, rel));
      expect({ rel, same: Buffer.compare(onDisk, Buffer.from(data)) === 0 }).toEqual({ rel, same: true });
    }
  });

  test('each object has a help file and a reference page', () => {
    for (const a of ABSTRACTIONS) {
      const name = a.replace(/^patchers\//, '').replace(/\.maxpat$/, '');
      expect(existsSync(join(ROOT, 'help', `${name}.maxhelp`))).toBe(true);
      expect(existsSync(join(ROOT, 'docs/refpages', `${name}.maxref.xml`))).toBe(true);
    }
  });

  test('.amxd: ampf/aaaa, meta 1, ptch length = rest of the file, JSON ending in a NUL', () => {
    const { bytes } = readAmxd('devices/TimbreRemap.amxd');
    expect(bytes.toString('ascii', 0, 4)).toBe('ampf');
    expect(bytes.readUInt32LE(4)).toBe(4);
    expect(bytes.toString('ascii', 8, 12)).toBe('aaaa');
    expect(bytes.toString('ascii', 12, 16)).toBe('meta');
    expect(bytes.readUInt32LE(16)).toBe(4);
    expect(bytes.readUInt32LE(20)).toBe(1);
    expect(bytes.toString('ascii', 24, 28)).toBe('ptch');
    expect(bytes.readUInt32LE(28)).toBe(bytes.length - 32);
    expect(bytes[bytes.length - 1]).toBe(0);
  });

  describe.each(ALL)('%s', (rel) => {
    const p = load(rel);
    const boxes = p.patcher.boxes.map((b) => b.box);
    const byId = new Map(boxes.map((b) => [b.id, b]));
    const gen = p.patcher.classnamespace === 'dsp.gen';

    test('box ids are unique', () => {
      expect(byId.size).toBe(boxes.length);
    });

    test('every box is a known object (or the package\'s own) with the right port counts', () => {
      for (const b of boxes) {
        let ports: [number, number] | undefined;
        if (b.maxclass === 'codebox') {
          const ins = Math.max(0, ...[...(b.code ?? '').matchAll(/\bin(\d+)\b/g)].map((m) => Number(m[1])));
          const outs = Math.max(0, ...[...(b.code ?? '').matchAll(/\bout(\d+)\b/g)].map((m) => Number(m[1])));
          ports = [ins, outs];
        } else if (b.maxclass !== 'newobj') ports = UI[b.maxclass];
        else {
          const cls = words(b)[0];
          if (gen && (cls === 'in' || cls === 'out')) ports = cls === 'in' ? [0, 1] : [1, 0];
          else if (cls === 'gen~') {
            const file = attr(b, 'gen');
            expect(file && existsSync(join(ROOT, 'code', file))).toBeTruthy();
            ports = portsOfFile(load(join('code', file!)));
          } else if (ABSTRACTIONS.includes(`patchers/${cls}.maxpat`)) ports = portsOfFile(load(`patchers/${cls}.maxpat`));
          else if (KNOWN[cls]) ports = KNOWN[cls](argsOf(b));
        }
        expect({ box: b.text ?? b.maxclass, known: ports !== undefined }).toEqual({ box: b.text ?? b.maxclass, known: true });
        expect({ box: b.text ?? b.maxclass, ports: [b.numinlets, b.numoutlets] }).toEqual({ box: b.text ?? b.maxclass, ports });
        if (Array.isArray(b.outlettype)) expect(b.outlettype).toHaveLength(b.numoutlets);
      }
    });

    test('every connection joins existing boxes within their inlet/outlet counts', () => {
      for (const { patchline: l } of p.patcher.lines) {
        const s = byId.get(l.source[0]), d = byId.get(l.destination[0]);
        expect(s && d).toBeTruthy();
        expect(l.source[1]).toBeLessThan(s!.numoutlets);
        expect(l.destination[1]).toBeLessThan(d!.numinlets);
        expect(l.source[1]).toBeGreaterThanOrEqual(0);
        expect(l.destination[1]).toBeGreaterThanOrEqual(0);
      }
    });

    test('inlets and outlets are ordered left to right as their index', () => {
      for (const cls of ['inlet', 'outlet']) {
        const ports = boxes.filter((b) => b.maxclass === cls).sort((a, b) => a.patching_rect[0] - b.patching_rect[0]);
        ports.forEach((b, k) => expect(b.index).toBe(k + 1));
      }
    });

    test('no absolute paths anywhere', () => {
      const text = JSON.stringify(p);
      expect(text).not.toMatch(/"(\/[A-Za-z]|[A-Za-z]:[\\/])/);
      expect(text).not.toMatch(/Macintosh HD|\/Users\/|\/home\//);
    });

    test('every file a box names exists in the package', () => {
      for (const b of boxes.filter((x) => x.maxclass === 'newobj')) {
        const w = words(b);
        if (w[0] === 'node.script') {
          // the engine bundle is built into externals/ by scripts/build-max.ts (scripts/gen/bundle.ts)
          const built = existsSync(join(ROOT, 'externals', w[1]));
          const declared = `${ENGINE_BUNDLE}.js` === w[1];
          expect({ file: w[1], builtOrDeclared: built || declared }).toEqual({ file: w[1], builtOrDeclared: true });
        }
        if (w[0] === 'buffer~' && w[2] && !/^\d/.test(w[2])) expect(existsSync(join(ROOT, 'media', w[2]))).toBe(true);
      }
    });
  });
});

describe('patchers derive from the specs', () => {
  test('tr.808~ help names every synth parameter; timbreremap help menu lists the presets', () => {
    const help = readFileSync(join(ROOT, 'help/tr.808~.maxhelp'), 'utf8');
    for (const p of PARAMS) expect(help).toContain(p.id);
    const menu = load('help/timbreremap.maxhelp').patcher.boxes.map((b) => b.box).find((b) => b.maxclass === 'umenu')!;
    expect((menu.items as string[]).filter((x) => x !== ',')).toEqual(listPresets());
  });

  test('the device has automatable, saved live.* parameters with unique names: sensitivity, dry/wet, trigger, hold and each map slot\'s source, depth and range', () => {
    const boxes = load('devices/TimbreRemap.amxd').patcher.boxes.map((b) => b.box).filter((b) => b.maxclass === 'live.dial' || b.maxclass === 'live.menu');
    const names = boxes.map((b) => (b.saved_attribute_attributes as { valueof: { parameter_longname: string } }).valueof.parameter_longname);
    const slots = [1, 2, 3].flatMap((n) => [`Map ${n} Source`, `Map ${n} Depth`, `Map ${n} Low`, `Map ${n} High`]);
    expect(names.sort()).toEqual(['Dry/Wet', 'Hold', 'Sensitivity', 'Trigger Threshold', ...slots].sort());
    for (const b of boxes) {
      expect(b.parameter_enable).toBe(1);
      expect(typeof b.varname).toBe('string');
      expect(b.presentation).toBe(1);
      expect((b.saved_attribute_attributes as { valueof: { parameter_initial_enable: number } }).valueof.parameter_initial_enable).toBe(1);
    }
    const src = boxes.find((b) => (b.saved_attribute_attributes as { valueof: { parameter_longname: string } }).valueof.parameter_longname === 'Map 1 Source')!;
    expect((src.saved_attribute_attributes as { valueof: { parameter_enum: string[] } }).valueof.parameter_enum).toEqual(['Loudness', 'Brightness', 'Noisiness']);
  });

  test('the device starts node.script from live.thisdevice and keeps global names out (#0-local buffers)', () => {
    const p = load('devices/TimbreRemap.amxd');
    const boxes = new Map(p.patcher.boxes.map((b) => [b.box.id, b.box]));
    const dev = [...boxes.values()].find((b) => words(b)[0] === 'live.thisdevice')!;
    const start = p.patcher.lines.find((l) => l.patchline.source[0] === dev.id)!;
    expect(boxes.get(start.patchline.destination[0])!.text).toBe('script start');
    for (const rel of ALL) {
      for (const { box } of load(rel).patcher.boxes) {
        const w = words(box);
        // the one shared name: the reference's fixed noise, the same read-only data for every instance
        if (['buffer~', 'send', 's', 'receive', 'r', 'peek~'].includes(w[0]) && !/help/.test(rel) && w[1] !== 'tr.noise') expect(w[1]).toMatch(/^(#0-|---)/);
      }
    }
  });
});

describe('help patches show each hit: onset display and per-hit features', () => {
  /** Boxes reachable from (box, outlet) following patchlines (through any chain of objects). */
  function downstream(p: Patch, from: string, outlet: number): Box[] {
    const byId = new Map(p.patcher.boxes.map((b) => [b.box.id, b.box]));
    const seen = new Set<string>();
    const queue = p.patcher.lines.filter((l) => l.patchline.source[0] === from && l.patchline.source[1] === outlet).map((l) => l.patchline.destination[0]);
    while (queue.length) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const l of p.patcher.lines) if (l.patchline.source[0] === id) queue.push(l.patchline.destination[0]);
    }
    return [...seen].map((id) => byId.get(id)!);
  }
  const boxWith = (p: Patch, re: RegExp) => p.patcher.boxes.map((b) => b.box).find((b) => b.maxclass === 'newobj' && re.test(b.text ?? ''))!;
  const scroll = (b: Box) => b.maxclass === 'multislider' && b.setstyle === 3 && b.size === 3;

  test.each([
    ['help/timbreremap.maxhelp', /^timbreremap$/, 3, 2],
    ['help/tr.onset~.maxhelp', /^tr\.onset~$/, 2, 0],
  ])('%s: the odf outlet scrolls through a multislider with the trigger and re-arm lines; onsets flash a button and count', (rel, re, odfOutlet, onsetOutlet) => {
    const p = load(rel);
    const obj = boxWith(p, re);
    // the object's outlet really is the onset function (the abstraction's outlet comes from gen~ out 3 "odf")
    const abst = load(`patchers/${obj.text}.maxpat`);
    const outlets = abst.patcher.boxes.map((b) => b.box).filter((b) => b.maxclass === 'outlet').sort((a, b) => a.patching_rect[0] - b.patching_rect[0]);
    expect(String(outlets[odfOutlet].comment)).toMatch(/onset-detection function|onset function/);
    const fromOdf = downstream(p, obj.id, odfOutlet);
    const snap = fromOdf.find((b) => words(b)[0] === 'snapshot~' && Number(argsOf(b)[0]) <= 20)!;
    expect(snap).toBeDefined();
    const ms = fromOdf.find(scroll)!;
    expect(ms).toBeDefined();
    const pack = fromOdf.find((b) => words(b)[0] === 'pack')!;
    // pack f TRIGGER REARM: the two threshold lines, the adaptive defaults of the engine
    expect(argsOf(pack).slice(1).map(Number)).toEqual([5, 2.5]);
    const [lo, hi] = ms.setminmax as number[];
    expect(lo).toBeLessThan(2.5);
    expect(hi).toBeGreaterThan(16); // the reference mode's trigger threshold is on the display too
    const fromOnset = downstream(p, obj.id, onsetOutlet);
    expect(fromOnset.some((b) => b.maxclass === 'button')).toBe(true);
    const counter = fromOnset.find((b) => words(b)[0] === 'counter')!;
    expect(counter).toBeDefined();
    expect(downstream(p, counter.id, 0).some((b) => b.maxclass === 'number')).toBe(true);
  });

  test('tr.onset~ help: the threshold lines follow the detector settings it sends', () => {
    const p = load('help/tr.onset~.maxhelp');
    const pack = p.patcher.boxes.map((b) => b.box).find((b) => words(b)[0] === 'pack')!;
    const route = boxWith(p, /^route triggerDb rearmDb$/);
    const into = (inlet: number) => p.patcher.lines.some((l) => l.patchline.source[0] === route.id && l.patchline.destination[0] === pack.id && l.patchline.destination[1] === inlet);
    expect(into(1) && into(2)).toBe(true);
    const settings = p.patcher.boxes.map((b) => b.box).filter((b) => b.maxclass === 'message' && /^mode /.test(b.text ?? ''));
    expect(settings).toHaveLength(2);
    for (const m of settings) {
      expect(downstream(p, m.id, 0).map((b) => b.id)).toContain(route.id);
      expect(m.text).toMatch(/triggerDb [\d.]+, rearmDb [\d.]+/); // explicit values, so the lines show what the detector uses
    }
  });

  test('timbreremap help: the three onset features of each hit as labelled number boxes and per-feature histories of the last hits', () => {
    const p = load('help/timbreremap.maxhelp');
    const route = boxWith(p, /^route menu features /);
    const k = argsOf(route).indexOf('features');
    const un = downstream(p, route.id, k).find((b) => b.text === 'unpack f f f')!;
    expect(un).toBeDefined();
    const comments = p.patcher.boxes.map((b) => b.box).filter((b) => b.maxclass === 'comment');
    const labels = [/loudness/, /brightness/, /noisiness/];
    for (let i = 0; i < 3; i++) {
      const after = downstream(p, un.id, i);
      const num = after.find((b) => b.maxclass === 'flonum')!;
      expect(num).toBeDefined();
      // its label sits right under it
      expect(comments.some((c) => labels[i].test(c.text ?? '') && Math.abs(c.patching_rect[0] - num.patching_rect[0]) < 5 && c.patching_rect[1] > num.patching_rect[1] && c.patching_rect[1] - num.patching_rect[1] < 40)).toBe(true);
      const zl = after.find((b) => words(b)[0] === 'zl' && argsOf(b)[0] === 'stream')!;
      expect(Number(argsOf(zl)[1])).toBeGreaterThanOrEqual(8);
      const hist = after.find((b) => b.maxclass === 'multislider')!;
      expect(hist.size).toBe(Number(argsOf(zl)[1]));
      // a history bar per hit, one feature per display: no other feature flows into it
      for (let j = 0; j < 3; j++) if (j !== i) expect(downstream(p, un.id, j).map((b) => b.id)).not.toContain(hist.id);
    }
  });
});

describe('device and help: gen~ bindings, model menu, record/train, map slots', () => {
  type Line = { source: [string, number]; destination: [string, number] };
  const linesOf = (p: Patch): Line[] => p.patcher.lines.map((l) => l.patchline);
  const boxesOf = (p: Patch) => p.patcher.boxes.map((b) => b.box);
  /** Boxes reachable from (box, outlet), with the inlet each is reached on. */
  function reach(p: Patch, from: string, outlet: number): Map<string, Set<number>> {
    const seen = new Map<string, Set<number>>();
    const queue: Line[] = linesOf(p).filter((l) => l.source[0] === from && l.source[1] === outlet);
    while (queue.length) {
      const l = queue.shift()!;
      const [id, inlet] = l.destination;
      const s = seen.get(id) ?? new Set<number>();
      if (s.has(inlet)) continue;
      s.add(inlet);
      seen.set(id, s);
      for (const m of linesOf(p)) if (m.source[0] === id) queue.push(m);
    }
    return seen;
  }
  const find = (p: Patch, re: RegExp) => boxesOf(p).filter((b) => b.maxclass === 'newobj' && re.test(b.text ?? ''));
  const one = (p: Patch, re: RegExp) => {
    const f = find(p, re);
    expect({ re: String(re), count: f.length }).toEqual({ re: String(re), count: 1 });
    return f[0];
  };
  const reaches = (p: Patch, from: Box, outlet: number, to: Box, inlet?: number) => {
    const r = reach(p, from.id, outlet).get(to.id);
    return !!r && (inlet === undefined || r.has(inlet));
  };
  const gendspBuffers = (file: string) => [...(load(join('code', file)).patcher.boxes.map((b) => b.box.code ?? '').join('\n').matchAll(/^Buffer (\w+)\("([^"]+)"\);/gm))].map((m) => ({ name: m[1], declared: m[2] }));

  test.each(ABSTRACTIONS.map((a) => [a]))('%s: every gen~ Buffer is bound the documented way (declared buffer~ name or a bind message), no box attributes', (rel) => {
    const p = load(rel);
    const maxBuffers = new Set(find(p, /^buffer~ /).map((b) => words(b)[1]));
    for (const gen of find(p, /^gen~ /)) {
      expect(words(gen).slice(1)).toEqual(['@gen', attr(gen, 'gen')]); // nothing but the gen file
      for (const buf of gendspBuffers(attr(gen, 'gen')!)) {
        const binds = find(p, new RegExp(`^loadmess ${buf.name} `)).filter((b) => linesOf(p).some((l) => l.source[0] === b.id && l.destination[0] === gen.id && l.destination[1] === 0));
        if (binds.length) for (const b of binds) expect(maxBuffers.has(words(b)[2])).toBe(true);
        else expect({ buffer: buf.name, declared: maxBuffers.has(buf.declared) }).toEqual({ buffer: buf.name, declared: true });
      }
    }
  });

  test('tr.remap~: neta/netb answers are written into their banks (value to peek~\'s middle inlet, then the index), then bank goes to gen~; hits are read out for node.script', () => {
    const p = load('patchers/tr.remap~.maxpat');
    const route = one(p, /^route neta netb bank$/);
    const gen = one(p, /^gen~ /);
    ['#0-tr.net.a', '#0-tr.net.b'].forEach((name, k) => {
      const pk = one(p, new RegExp(`^peek~ ${name}$`));
      expect(reaches(p, route, k, pk, 0) && reaches(p, route, k, pk, 1)).toBe(true);
      const un = find(p, /^unpack 0 0\.$/).find((u) => reaches(p, u, 1, pk, 1))!;
      expect(linesOf(p).some((l) => l.source[0] === un.id && l.source[1] === 0 && l.destination[0] === pk.id && l.destination[1] === 0)).toBe(true);
      expect(reaches(p, route, k, one(p, new RegExp(`^loadmess net${'ab'[k]} `)), 0)).toBe(true); // re-bound before each write
    });
    expect(reaches(p, route, 2, gen, 0)).toBe(true);
    const out2 = boxesOf(p).filter((b) => b.maxclass === 'outlet').sort((a, b) => a.patching_rect[0] - b.patching_rect[0])[1];
    const hit = one(p, /^prepend hitcheck$/);
    expect(reaches(p, gen, 1, hit, 0) && reaches(p, hit, 0, out2, 0)).toBe(true);
    expect(reaches(p, gen, 1, one(p, /^uzi /), 1)).toBe(true); // the readout count comes from the record (W + 22)
  });

  const NODE = /^node\.script /;
  test.each([['devices/TimbreRemap.amxd'], ['help/timbreremap.maxhelp']])('%s: a model menu filled by node.script; choosing an item sends model INDEX; "load file…" opens a dialog', (rel) => {
    const p = load(rel);
    const rd = one(p, /^route dialog$/);
    expect(linesOf(p).some((l) => l.source[0] === one(p, /^route models showing/).id && l.source[1] === 0 && l.destination[0] === rd.id)).toBe(true);
    const menu = boxesOf(p).find((u) => u.maxclass === 'umenu' && linesOf(p).some((l) => l.source[0] === rd.id && l.source[1] === 1 && l.destination[0] === u.id))!;
    expect(menu).toBeDefined();
    const pm = one(p, /^prepend model$/);
    expect(reaches(p, menu, 0, pm, 0)).toBe(true);
    const sink = rel.endsWith('.amxd') ? one(p, NODE) : one(p, /^timbreremap$/);
    expect(reaches(p, pm, 0, sink, rel.endsWith('.amxd') ? 0 : 1)).toBe(true);
    const dialog = one(p, /^opendialog$/);
    expect(reaches(p, one(p, /^route dialog$/), 0, dialog, 0) && reaches(p, dialog, 0, one(p, /^prepend load$/), 0)).toBe(true);
    const show = find(p, /^prepend set$/).find((s) => reaches(p, one(p, /^route models showing/), 1, s, 0));
    expect(show).toBeDefined();
  });

  test.each([['devices/TimbreRemap.amxd', /^plugin~$/], ['help/timbreremap.maxhelp', /^play~ /]])('%s: record writes the drum input where node.script says; train takes the last recording; cancel; progress', (rel, drumRe) => {
    const p = load(rel);
    const node = rel.endsWith('.amxd') ? one(p, NODE) : one(p, /^timbreremap$/);
    const toggle = boxesOf(p).find((b) => b.maxclass === 'toggle' && reaches(p, b, 0, one(p, /^prepend record$/), 0))!;
    expect(toggle).toBeDefined();
    expect(reaches(p, one(p, /^prepend record$/), 0, node)).toBe(true);
    const sfr = one(p, /^sfrecord~ 1$/);
    expect(reaches(p, one(p, drumRe), 0, sfr, 0)).toBe(true);
    const rr = one(p, /^route open stop$/);
    expect(reaches(p, rr, 0, one(p, /^prepend open$/), 0) && reaches(p, one(p, /^prepend open$/), 0, sfr, 0)).toBe(true);
    expect(reaches(p, rr, 1, sfr, 0)).toBe(true);
    const reg = find(p, /^zl reg$/).find((z) => reaches(p, z, 0, one(p, /^prepend train$/), 0))!;
    const answers = one(p, /^route models showing record recorded progress summary$/);
    expect(reaches(p, answers, 3, reg, 1)).toBe(true); // recorded PATH is kept
    const button = boxesOf(p).find((b) => b.maxclass === 'button' && reaches(p, b, 0, reg, 0))!;
    expect(button).toBeDefined();
    expect(reaches(p, one(p, /^prepend train$/), 0, node)).toBe(true);
    expect(reaches(p, boxesOf(p).find((b) => b.maxclass === 'message' && b.text === 'cancel')!, 0, node)).toBe(true);
    expect(reaches(p, answers, 4, boxesOf(p).find((b) => b.maxclass === 'multislider' && b.size === 1)!, 0)).toBe(true);
  });

  test('the device has three map slots: the drum\'s timbre (tr.remap~ outlets 4–6) through tr.modslot~ into live.modulate~, mapped by clicking a parameter after Map', () => {
    const p = load('devices/TimbreRemap.amxd');
    const remap = one(p, /^tr\.remap~$/);
    const mods = find(p, /^live\.modulate~$/);
    expect(mods).toHaveLength(3);
    for (const mod of mods) {
      const gen = find(p, /^gen~ @gen tr\.modslot\.gendsp$/).find((g) => linesOf(p).some((l) => l.source[0] === g.id && l.destination[0] === mod.id && l.destination[1] === 0))!;
      expect(gen).toBeDefined();
      for (let k = 0; k < 3; k++) expect(linesOf(p).some((l) => l.source[0] === remap.id && l.source[1] === 3 + k && l.destination[0] === gen.id && l.destination[1] === k)).toBe(true);
      const path = find(p, /^live\.path live_set view selected_parameter$/).find((lp) => reaches(p, lp, 1, mod, 1))!;
      expect(path).toBeDefined();
      const gate = find(p, /^gate 1 0$/).find((g) => reaches(p, path, 1, g, 1) && reaches(p, g, 0, mod, 1))!;
      const map = boxesOf(p).find((b) => b.maxclass === 'toggle' && linesOf(p).some((l) => l.source[0] === b.id && l.destination[0] === gate.id && l.destination[1] === 0))!;
      expect(map).toBeDefined();
      expect(reaches(p, gate, 0, map, 0)).toBe(true); // a mapped click switches Map off again
      expect(map.presentation).toBe(1);
    }
  });

  test('the model\'s detector settings reach tr.onset~; the device\'s detector dials go through node.script and show the model\'s values', () => {
    const p = load('devices/TimbreRemap.amxd');
    const route = one(p, /^route synth trigger drywet status onset$/);
    const onset = one(p, /^tr\.onset~$/);
    expect(linesOf(p).some((l) => l.source[0] === route.id && l.source[1] === 4 && l.destination[0] === onset.id && l.destination[1] === 0)).toBe(true);
    for (const name of ['triggerDb', 'holdMs']) {
      const pre = one(p, new RegExp(`^prepend detector ${name}$`));
      expect(reaches(p, pre, 0, one(p, NODE), 0)).toBe(true);
      const dial = boxesOf(p).find((b) => b.maxclass === 'live.dial' && linesOf(p).some((l) => l.source[0] === b.id && l.destination[0] === pre.id))!;
      expect(reaches(p, route, 4, dial, 0)).toBe(true);
    }
  });

  test('the device keeps the chosen model in the Live set and gives it back to the engine when it is ready', () => {
    const p = load('devices/TimbreRemap.amxd');
    const pattr = one(p, /^pattr ---model /);
    const v = (pattr.saved_attribute_attributes as { valueof: { parameter_type: number; parameter_initial: unknown[] } }).valueof;
    expect(v.parameter_type).toBe(3); // blob: stored, not automated
    expect(v.parameter_initial).toEqual(['load', 'gmrock_808_snare_1']);
    const reg = find(p, /^zl reg$/).find((z) => linesOf(p).some((l) => l.source[0] === pattr.id && l.destination[0] === z.id && l.destination[1] === 1))!;
    expect(reaches(p, one(p, /^route saved$/), 0, pattr, 0)).toBe(true);
    expect(reaches(p, reg, 0, one(p, NODE), 0)).toBe(true);
    const fan = find(p, /^t b( b)+$/).find((t) => linesOf(p).some((l) => l.source[0] === t.id && l.destination[0] === reg.id && l.destination[1] === 0))!;
    expect(fan).toBeDefined();
    expect(linesOf(p).find((l) => l.source[0] === fan.id && l.destination[0] === reg.id)!.source[1]).toBe(0); // last (trigger fires right to left)
  });
});
