/**
 * A small MSP signal-chain simulator for the package's patchers: it reads a patcher (the device, an
 * abstraction, a help patch), opens the package's abstractions inside it (with `#0` expanded per
 * instance, as Max does) and every `gen~ @gen FILE` (code/FILE in the GenExpr test interpreter), and
 * runs the signal connections one signal vector at a time, in dependency order, as MSP does. At load
 * it does what the patch does with `loadmess` into a gen~ (bind a Buffer to a buffer~, set a Param)
 * or into a buffer~ (`sizeinsamps N`), and it loads `buffer~ NAME FILE` from media/.
 *
 * Signal objects it knows: plugin~ (the input), plugout~ (the output), gen~, click~ (silent: no
 * messages are simulated), inlet/outlet of abstractions, *~ and +~ with a number argument; signal
 * sinks it ignores (edge~, snapshot~, sfrecord~, live.modulate~, ezdac~). Anything else carrying a
 * signal is an error, so a new object in the chain cannot be skipped silently.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readWav } from '../../src/io/wav';
import type { BufferRegistry } from './genexpr/compile';
import { compileGendsp, type GendspProgram } from './genexpr/gendsp';

const ROOT = join(__dirname, '../..');

type Box = { id: string; maxclass: string; text?: string; numinlets: number; numoutlets: number; outlettype?: string[]; index?: number; patching_rect: number[] };
type Patch = { patcher: { boxes: Array<{ box: Box }>; lines: Array<{ patchline: { source: [string, number]; destination: [string, number] } }> } };

export function readPatch(rel: string): Patch {
  const bytes = readFileSync(join(ROOT, rel));
  if (rel.endsWith('.amxd')) {
    const body = bytes.subarray(32, 32 + bytes.readUInt32LE(28));
    return JSON.parse(body.subarray(0, body.length - 1).toString('utf8')) as Patch;
  }
  return JSON.parse(bytes.toString('utf8')) as Patch;
}

interface Node {
  key: string;
  kind: 'gen' | 'source' | 'sink' | 'pass' | 'click' | 'scale' | 'ignore';
  gen?: GendspProgram;
  inputs: number;
  outputs: number;
  factor?: number;
  add?: number;
  text: string;
  /** instance path, e.g. "tr.remap~#2" */
  instance: string;
}

export interface Chain {
  registry: BufferRegistry;
  /** gen~ programs by the instance path of their abstraction and gen file, e.g. "tr.remap~/tr.remap.gendsp". */
  gens: Map<string, GendspProgram>;
  /** The `#0` number of each abstraction instance by name (tr.remap~ → its buffer~ prefix). */
  instances: Map<string, string>;
  /** Run `input` through the chain in vectors of `vector`; `each` runs before every vector (host messages). */
  run(input: ArrayLike<number>, vector: number, each?: (start: number) => void): Float64Array;
}

export function simulate(rel: string, sampleRateHz: number): Chain {
  const registry: BufferRegistry = new Map();
  const gens = new Map<string, GendspProgram>();
  const instances = new Map<string, string>();
  const nodes = new Map<string, Node>();
  // signal edges between node keys: [srcKey, outlet] → [dstKey, inlet]
  const edges: Array<{ from: [string, number]; to: [string, number] }> = [];
  let serial = 1000;

  /** Open one patcher level; returns the keys of its inlet/outlet pass nodes by index. */
  function open(patch: Patch, prefix: string, instance: string, dollar0: string): { inlets: string[]; outlets: string[] } {
    const boxes = patch.patcher.boxes.map((b) => b.box);
    const expand = (t: string) => t.replace(/#0/g, dollar0);
    const keyOf = (id: string) => `${prefix}${id}`;
    const ports = { inlets: [] as Array<[number, string]>, outlets: [] as Array<[number, string]> };
    const abstractionPorts = new Map<string, { inlets: string[]; outlets: string[] }>();
    for (const b of boxes) {
      const text = expand(b.text ?? '');
      const w = text.split(/\s+/).filter(Boolean);
      const key = keyOf(b.id);
      const base: Omit<Node, 'kind'> = { key, inputs: b.numinlets, outputs: b.numoutlets, text, instance };
      if (b.maxclass === 'inlet' || b.maxclass === 'outlet') {
        nodes.set(key, { ...base, kind: 'pass', inputs: 1, outputs: 1 });
        (b.maxclass === 'inlet' ? ports.inlets : ports.outlets).push([b.patching_rect[0], key]);
        continue;
      }
      if (b.maxclass !== 'newobj') continue;
      const cls = w[0];
      if (cls === 'gen~') {
        const file = w[w.indexOf('@gen') + 1];
        const gen = compileGendsp(JSON.parse(readFileSync(join(ROOT, 'code', file), 'utf8')), { sampleRateHz, registry });
        gens.set(`${instance}/${file}`, gen);
        nodes.set(key, { ...base, kind: 'gen', gen, inputs: gen.numInputs, outputs: gen.numOutputs });
      } else if (cls === 'buffer~') {
        if (w[2] && !/^\d/.test(w[2])) {
          const wav = readWav(join(ROOT, 'media', w[2]));
          registry.set(w[1], [Float32Array.from(wav.mono)]);
        } else if (!registry.has(w[1])) registry.set(w[1], [new Float32Array(1)]);
      } else if (cls === 'plugin~') nodes.set(key, { ...base, kind: 'source' });
      else if (cls === 'plugout~') nodes.set(key, { ...base, kind: 'sink' });
      else if (cls === 'click~') nodes.set(key, { ...base, kind: 'click' });
      else if (cls === '*~' || cls === '+~') nodes.set(key, { ...base, kind: 'scale', factor: cls === '*~' ? Number(w[1] ?? 0) : 1, add: cls === '+~' ? Number(w[1] ?? 0) : 0 });
      else if (['edge~', 'snapshot~', 'sfrecord~', 'live.modulate~', 'ezdac~'].includes(cls)) nodes.set(key, { ...base, kind: 'ignore' });
      else if (existsAbstraction(cls)) {
        const n = String(++serial);
        instances.set(instance ? `${instance}/${cls}` : cls, n);
        abstractionPorts.set(b.id, open(readPatch(`patchers/${cls}.maxpat`), `${key}/`, instance ? `${instance}/${cls}` : cls, n));
      }
    }
    // loadmess at load: bind messages and Params into gen~, sizes into buffer~
    for (const b of boxes) {
      const w = expand(b.text ?? '').split(/\s+/).filter(Boolean);
      if (b.maxclass !== 'newobj' || w[0] !== 'loadmess') continue;
      for (const l of patch.patcher.lines.map((x) => x.patchline).filter((x) => x.source[0] === b.id)) {
        const dst = boxes.find((x) => x.id === l.destination[0])!;
        const dw = expand(dst.text ?? '').split(/\s+/);
        if (dw[0] === 'gen~') {
          const gen = nodes.get(keyOf(dst.id))!.gen!;
          if (!gen.bindBuffer(w[1], w[2]) && !gen.setParam(w[1], Number(w[2]))) throw new Error(`loadmess ${w.slice(1).join(' ')}: the gen~ has no Buffer or Param "${w[1]}"`);
        } else if (dw[0] === 'buffer~' && w[1] === 'sizeinsamps') {
          registry.set(dw[1], [new Float32Array(Number(w[2]))]);
        }
      }
    }
    // signal connections of this level (abstraction boxes resolve to their inlet/outlet nodes)
    for (const { patchline: l } of patch.patcher.lines) {
      const src = boxes.find((x) => x.id === l.source[0])!;
      if (src.outlettype?.[l.source[1]] !== 'signal') continue;
      const s = abstractionPorts.get(l.source[0]);
      const d = abstractionPorts.get(l.destination[0]);
      const from: [string, number] = s ? [s.outlets[l.source[1]], 0] : [keyOf(l.source[0]), l.source[1]];
      const to: [string, number] = d ? [d.inlets[l.destination[1]], 0] : [keyOf(l.destination[0]), l.destination[1]];
      if (!nodes.has(to[0])) {
        const dst = boxes.find((x) => x.id === l.destination[0])!;
        throw new Error(`the simulator does not know "${dst.text ?? dst.maxclass}", which takes a signal in ${rel}`);
      }
      edges.push({ from, to });
    }
    const order = (a: Array<[number, string]>) => a.sort((x, y) => x[0] - y[0]).map((x) => x[1]);
    return { inlets: order(ports.inlets), outlets: order(ports.outlets) };
  }

  open(readPatch(rel), '', '', '1');

  // dependency order
  const order: string[] = [];
  const state = new Map<string, number>();
  const visit = (k: string) => {
    if (state.get(k) === 2) return;
    if (state.get(k) === 1) throw new Error('signal feedback loop');
    state.set(k, 1);
    for (const e of edges) if (e.to[0] === k) visit(e.from[0]);
    state.set(k, 2);
    order.push(k);
  };
  for (const k of nodes.keys()) visit(k);

  return {
    registry,
    gens,
    instances,
    run(input, vector, each) {
      const n = input.length;
      const out = new Float64Array(n);
      const bufs = new Map<string, Float64Array[]>();
      for (const [k, nd] of nodes) bufs.set(k, Array.from({ length: Math.max(1, nd.outputs) }, () => new Float64Array(vector)));
      const feeds = new Map<string, Array<Array<[string, number]>>>();
      for (const [k, nd] of nodes) feeds.set(k, Array.from({ length: Math.max(1, nd.inputs) }, (_, i) => edges.filter((e) => e.to[0] === k && e.to[1] === i).map((e) => e.from)));
      const scratch = new Float64Array(vector);
      for (let start = 0; start < n; start += vector) {
        each?.(start);
        const len = Math.min(vector, n - start);
        const gather = (k: string, inlet: number) => {
          const acc = new Float64Array(len);
          for (const [sk, so] of feeds.get(k)![inlet] ?? []) {
            const b = bufs.get(sk)![so];
            for (let i = 0; i < len; i++) acc[i] += b[i];
          }
          return acc;
        };
        for (const k of order) {
          const nd = nodes.get(k)!;
          const o = bufs.get(k)!.map((b) => b.subarray(0, len));
          switch (nd.kind) {
            case 'source':
              for (let i = 0; i < len; i++) o[0][i] = input[start + i];
              if (o[1]) o[1].set(o[0]);
              break;
            case 'pass':
              o[0].set(gather(k, 0));
              break;
            case 'click':
              o[0].fill(0);
              break;
            case 'scale': {
              const a = gather(k, 0), b = feeds.get(k)![1]?.length ? gather(k, 1) : null;
              for (let i = 0; i < len; i++) o[0][i] = b ? (nd.add ? a[i] + b[i] : a[i] * b[i]) : nd.add ? a[i] + nd.add! : a[i] * nd.factor!;
              break;
            }
            case 'gen': {
              const ins = Array.from({ length: nd.inputs }, (_, i) => gather(k, i));
              nd.gen!.perform(ins, o, len);
              break;
            }
            case 'sink': {
              const l = gather(k, 0);
              for (let i = 0; i < len; i++) out[start + i] = l[i];
              break;
            }
            default:
              break;
          }
        }
        scratch.fill(0);
      }
      return out;
    },
  };
}

function existsAbstraction(cls: string): boolean {
  try {
    readFileSync(join(ROOT, 'patchers', `${cls}.maxpat`));
    return true;
  } catch {
    return false;
  }
}
