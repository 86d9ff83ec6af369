/**
 * tr.remap~ (the shipped code/tr.remap.gendsp) in the GenExpr test interpreter, set up as the Max
 * patch sets it up: buffer~ objects for the two net-record banks, the hit record and the noise, a
 * net record written from an Engine the way the host writes it (src/hosts/max/netState.ts →
 * src/gen/record.ts), the onset pulse from the engine's detector.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../../src/engine/engine';
import { HIT_RECORD_FRAMES, NET_RECORD_FRAMES, encodeNetRecord } from '../../../src/gen/record';
import { netStateFor } from '../../../src/hosts/max/netState';
import { decodeFloat32Le } from '../../../src/synth/noise';
import { compileGendsp, loadGendsp, type GendspProgram } from './gendsp';
import { PACKAGE_ROOT } from './run';
import type { BufferRegistry } from './compile';

export const NOISE = decodeFloat32Le(readFileSync(join(PACKAGE_ROOT, 'models/noise-44100.f32')));
/** gen~ outlets of tr.remap.gendsp (scripts/gen/maxPatches.ts TR_REMAP_OUTS). */
export const OUT = { audio: 0, ready: 1, loudness: 2, brightness: 3, noisiness: 4, trigger: 5, voices: 6 } as const;

export interface Remapper {
  prog: GendspProgram;
  registry: BufferRegistry;
  /** The analysis codebox's float64 Data (features, params of the last hit). */
  data(name: string): Float64Array;
  /** Write the engine's state as the next net record into the inactive bank and switch to it (the host + patch). */
  load(engine: Engine): void;
}

export function remapper(sampleRateHz: number, engine?: Engine): Remapper {
  const registry: BufferRegistry = new Map([
    ['tr.net.a', [new Float32Array(NET_RECORD_FRAMES)]],
    ['tr.net.b', [new Float32Array(NET_RECORD_FRAMES)]],
    ['tr.hit', [new Float32Array(HIT_RECORD_FRAMES)]],
    ['tr.noise', [NOISE]],
  ]);
  const prog = compileGendsp(loadGendsp(PACKAGE_ROOT, 'tr.remap.gendsp'), { sampleRateHz, registry });
  const analysis = prog.codeboxes.find((c) => c.program.data.has('feat'))!.program;
  let bank = 1;
  let state = 0;
  const r: Remapper = {
    prog,
    registry,
    data: (name) => analysis.data.get(name)!.ch[0] as Float64Array,
    load(e) {
      bank = 1 - bank;
      registry.get(bank ? 'tr.net.b' : 'tr.net.a')![0].set(encodeNetRecord(netStateFor(e, ++state).state));
      prog.setParam('bank', bank);
    },
  };
  if (engine) r.load(engine);
  return r;
}

/** An onset pulse signal (1 on each onset sample), as tr.onset~ out1. */
export function pulses(n: number, onsets: number[]): Float64Array {
  const p = new Float64Array(n);
  for (const o of onsets) if (o >= 0 && o < n) p[o] = 1;
  return p;
}
