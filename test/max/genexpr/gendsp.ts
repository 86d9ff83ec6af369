/**
 * A whole gen patcher (`.gendsp`) in the test interpreter: `in N` / `out N` boxes and any number of
 * codeboxes wired by patchlines, as gen~ compiles them (one per-sample graph). The codeboxes run in
 * dependency order one signal vector at a time, which gives the same numbers as gen~'s per-sample
 * interleaving because the graph has no feedback between codeboxes (checked: a cycle is refused;
 * feedback in gen needs a History). Several patchlines into one inlet are summed (as in gen);
 * an unconnected inlet reads 0. Params and Buffer bindings are global to the gen patcher: a
 * `[name value(` message reaches every codebox that declares `name`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileGenExpr, type BufferRegistry, type GenParam, type GenProgram } from './compile';

type Box = { id: string; maxclass: string; text?: string; code?: string; numinlets: number; numoutlets: number };
type GenPatch = { patcher: { classnamespace?: string; boxes: Array<{ box: Box }>; lines: Array<{ patchline: { source: [string, number]; destination: [string, number] } }> } };

export interface GendspProgram {
  readonly numInputs: number;
  readonly numOutputs: number;
  readonly codeboxes: ReadonlyArray<{ id: string; program: GenProgram }>;
  readonly params: ReadonlyMap<string, GenParam>;
  readonly registry: BufferRegistry;
  setParam(name: string, value: number): boolean;
  bindBuffer(name: string, bufferName: string): boolean;
  /** Run `n` samples (one signal vector): inputs[k] → outputs[k]. */
  perform(inputs: ArrayLike<number>[], outputs: Float64Array[], n: number): void;
}

export function compileGendsp(doc: GenPatch, opts: { sampleRateHz: number; registry?: BufferRegistry }): GendspProgram {
  if (doc.patcher.classnamespace !== 'dsp.gen') throw new Error('not a gen patcher (classnamespace dsp.gen)');
  const registry: BufferRegistry = opts.registry ?? new Map();
  const boxes = new Map(doc.patcher.boxes.map((b) => [b.box.id, b.box]));
  const word = (b: Box, k: number) => (b.text ?? '').split(/\s+/)[k];
  const ins = new Map<string, number>();
  const outs = new Map<string, number>();
  const cbs = new Map<string, GenProgram>();
  for (const b of boxes.values()) {
    if (b.maxclass === 'codebox') cbs.set(b.id, compileGenExpr(b.code ?? '', { sampleRateHz: opts.sampleRateHz, buffers: registry }));
    else if (b.maxclass === 'newobj' && word(b, 0) === 'in') ins.set(b.id, Number(word(b, 1)));
    else if (b.maxclass === 'newobj' && word(b, 0) === 'out') outs.set(b.id, Number(word(b, 1)));
    else throw new Error(`gen patcher box "${b.text ?? b.maxclass}" is not supported by the test runner (in, out, codebox)`);
  }
  for (const [id, prog] of cbs) {
    const b = boxes.get(id)!;
    if (b.numinlets !== prog.numInputs || b.numoutlets !== prog.numOutputs) {
      throw new Error(`codebox ${id}: box has ${b.numinlets}/${b.numoutlets} ports, its code uses in1…in${prog.numInputs} / out1…out${prog.numOutputs}`);
    }
  }
  const lines = doc.patcher.lines.map((l) => l.patchline);
  // dependency order of the codeboxes
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new Error('gen patcher has a feedback loop between codeboxes (needs a History)');
    state.set(id, 'visiting');
    for (const l of lines) if (l.destination[0] === id && cbs.has(l.source[0])) visit(l.source[0]);
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of cbs.keys()) visit(id);

  const numInputs = Math.max(0, ...ins.values());
  const numOutputs = Math.max(0, ...outs.values());
  const params = new Map<string, GenParam>();
  for (const p of cbs.values()) for (const [k, v] of p.params) if (!params.has(k)) params.set(k, v);
  // where each codebox inlet and each `out` box reads from: [source box, outlet] lists
  const feeds = (id: string, inlet: number) => lines.filter((l) => l.destination[0] === id && l.destination[1] === inlet).map((l) => [l.source[0], l.source[1]] as [string, number]);
  const cbFeeds = new Map([...cbs].map(([id, p]) => [id, Array.from({ length: p.numInputs }, (_, k) => feeds(id, k))]));
  const outFeeds = [...outs].map(([id, k]) => [k, feeds(id, 0)] as [number, Array<[string, number]>]);
  let size = -1;
  let bufs = new Map<string, Float64Array[]>();
  let scratch = new Map<string, Float64Array[]>();
  let zeros = new Float64Array(0);

  return {
    numInputs,
    numOutputs,
    codeboxes: order.map((id) => ({ id, program: cbs.get(id)! })),
    params,
    registry,
    setParam(name, value) {
      let any = false;
      for (const p of cbs.values()) any = p.setParam(name, value) || any;
      return any;
    },
    bindBuffer(name, bufferName) {
      let any = false;
      for (const p of cbs.values()) any = p.bindBuffer(name, bufferName) || any;
      return any;
    },
    perform(inputs, outputs, n) {
      if (n !== size) {
        size = n;
        bufs = new Map([...cbs].map(([id, p]) => [id, Array.from({ length: p.numOutputs }, () => new Float64Array(n))]));
        scratch = new Map([...cbs].map(([id, p]) => [id, Array.from({ length: p.numInputs }, () => new Float64Array(n))]));
        zeros = new Float64Array(n);
      }
      const source = (id: string, outlet: number): ArrayLike<number> => (ins.has(id) ? inputs[ins.get(id)! - 1] ?? zeros : bufs.get(id)![outlet]);
      const gather = (list: Array<[string, number]>, into: Float64Array): ArrayLike<number> => {
        if (list.length === 0) return zeros;
        if (list.length === 1) return source(list[0][0], list[0][1]);
        into.fill(0);
        for (const [id, k] of list) {
          const src = source(id, k);
          for (let i = 0; i < n; i++) into[i] += src[i];
        }
        return into;
      };
      for (const id of order) {
        const f = cbFeeds.get(id)!;
        const sc = scratch.get(id)!;
        cbs.get(id)!.perform(f.map((list, k) => gather(list, sc[k])), bufs.get(id)!, n);
      }
      for (const [k, list] of outFeeds) {
        const o = outputs[k - 1];
        if (!o) continue;
        const src = gather(list, new Float64Array(n));
        for (let i = 0; i < n; i++) o[i] = src[i];
      }
    },
  };
}

/** A shipped `.gendsp` of the package (code/NAME). */
export function loadGendsp(root: string, file: string): GenPatch {
  return JSON.parse(readFileSync(join(root, 'code', file), 'utf8')) as GenPatch;
}

/** Run a gen patcher over whole signals in vectors of `vectorSize`, with `each` called before every vector. */
export function runGendsp(prog: GendspProgram, inputs: ArrayLike<number>[], n: number, vectorSize: number, each?: (start: number, len: number) => void): Float64Array[] {
  const outs = Array.from({ length: prog.numOutputs }, () => new Float64Array(n));
  for (let start = 0; start < n; start += vectorSize) {
    const len = Math.min(vectorSize, n - start);
    each?.(start, len);
    const ins = inputs.map((x) => ((x as Float64Array).subarray ? (x as Float64Array).subarray(start, start + len) : Array.prototype.slice.call(x, start, start + len)));
    prog.perform(ins, outs.map((o) => o.subarray(start, start + len)), len);
  }
  return outs;
}
