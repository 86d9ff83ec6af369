/**
 * The whole Pd chain in real time, for the tests: one or more `[tr.remap ARGS] → [tr.808~]`, each
 * fed its own input (read exactly, as raw float32), each recording its synth output and every hit
 * it output (14 parameters + start offset, stored exactly in an array), with messages sent to its
 * right inlet at given logical times. Pd runs with the real-time scheduler (UDP needs it) and a
 * 1 ms sleep grain, so logical time follows the clock within about a millisecond.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectOnsets } from '../../src/onset';
import { NUM_PARAMS } from '../../src/synth/params';
import { VoicePool } from '../../src/synth/pool';
import { renderHit } from '../../src/synth/render';
import { SynthVoice } from '../../src/synth/voice';
import { PdPatch, readPdFloatWav, runPdRealtime, type PdResult } from './pd';

export const SR = 44100;

export interface ChainInstance {
  /** The input signal (44.1 kHz). */
  input: Float32Array;
  /** Creation arguments of tr.remap (`PORT BUDGET_MS`). */
  args: string;
  /** [logical ms after start, message] sent to tr.remap's right inlet. */
  messages?: Array<[number, string]>;
  /** Creation arguments of tr.808~ (none by default). */
  synthArgs?: string;
  /** [logical ms after start, message] sent to tr.808~'s inlet (besides the hits). */
  synthMessages?: Array<[number, string]>;
}

export interface ChainRun {
  /** Per instance: the synth's output, from the start of the input. */
  rec: Float32Array[];
  /** Per instance: the hits (14 normalised parameters + offset), in order. */
  hits: Float32Array[][];
  /** Per instance: diagnostics `hit ID 1|0` (1 = the model's answer), in order. */
  answered: Array<Array<{ id: number; model: boolean }>>;
  /** Per instance: every other reply on the third outlet (`model …`, `progress …`, …), in order. */
  replies: string[][];
  stderr: string;
  code: number | null;
}

const HIT_LEN = NUM_PARAMS + 1;
const MAX_HITS = 200;

/** Write the patch into `dir`, run it in real time for the inputs' length + `tailMs`; `during` runs while Pd plays. */
export async function runChain(dir: string, instances: ChainInstance[], opts: { tailMs?: number; startMs?: number; during?: (pd: { kill(): void }) => Promise<void>; pdMessages?: Array<[number, string]> } = {}): Promise<ChainRun> {
  const startMs = opts.startMs ?? 300;
  const tailMs = opts.tailMs ?? 300;
  const longest = Math.max(...instances.map((i) => i.input.length));
  const recLen = longest + Math.round((tailMs / 1000) * SR);
  const p = new PdPatch();
  const lb = p.obj('loadbang');
  const t = p.obj('t b b b');
  const dsp = p.msg('; pd dsp 1');
  const go = p.obj(`delay ${startMs}`);
  p.connect(lb, 0, t, 0).connect(t, 0, dsp, 0).connect(t, 0, go, 0);
  const writes: string[] = [];
  instances.forEach((inst, i) => {
    const raw = join(dir, `in${i}.f32`);
    writeFileSync(raw, Buffer.from(inst.input.buffer, inst.input.byteOffset, inst.input.byteLength));
    const rd = p.msg(`read -resize -raw 0 1 4 l ${raw} in${i}`);
    const sf = p.obj('soundfiler');
    p.obj(`array define in${i}`);
    p.obj(`array define rec${i} ${recLen}`);
    p.obj(`array define hits${i} ${MAX_HITS * HIT_LEN}`);
    p.connect(t, 2, rd, 0).connect(rd, 0, sf, 0);
    const play = p.obj(`tabplay~ in${i}`);
    const remap = p.obj(`tr.remap ${inst.args}`.trim());
    const syn = p.obj(`tr.808~ ${inst.synthArgs ?? ''}`.trim());
    const tw = p.obj(`tabwrite~ rec${i}`);
    p.connect(go, 0, play, 0).connect(go, 0, tw, 0).connect(play, 0, remap, 0).connect(remap, 0, syn, 0).connect(syn, 0, tw, 0);
    // every hit, exactly, at HIT_LEN·k
    const th = p.obj('t l b');
    const cnt = p.obj('f');
    const inc = p.obj('+ 1');
    const mul = p.obj(`* ${HIT_LEN}`);
    const aset = p.obj(`array set hits${i}`);
    p.connect(remap, 0, th, 0).connect(th, 1, cnt, 0).connect(cnt, 0, inc, 0).connect(inc, 0, cnt, 1).connect(cnt, 0, mul, 0).connect(mul, 0, aset, 1).connect(th, 0, aset, 0);
    const route = p.obj('route hit features physical');
    const pr = p.obj(`print DIAG${i}`);
    const other = p.obj(`print REPLY${i}`);
    p.connect(remap, 2, route, 0).connect(route, 0, pr, 0).connect(route, 3, other, 0);
    for (const [atMs, m, to, inlet] of [...(inst.messages ?? []).map(([t, m]) => [t, m, remap, 1] as const), ...(inst.synthMessages ?? []).map(([t, m]) => [t, m, syn, 0] as const)]) {
      const dl = p.obj(`delay ${atMs}`);
      const box = p.msg(m);
      p.connect(lb, 0, dl, 0).connect(dl, 0, box, 0).connect(box, 0, to, inlet);
    }
    writes.push(`write -bytes 4 ${join(dir, `rec${i}.wav`)} rec${i}`, `write -bytes 4 ${join(dir, `hits${i}.wav`)} hits${i}`);
  });
  for (const [atMs, m] of opts.pdMessages ?? []) {
    const dl = p.obj(`delay ${atMs}`);
    const box = p.msg(m);
    p.connect(lb, 0, dl, 0).connect(dl, 0, box, 0);
  }
  const end = p.obj(`delay ${startMs + Math.ceil((recLen / SR) * 1000) + 100}`);
  const w = p.msg(`${writes.join(', ')}, ; pd quit`);
  const sf2 = p.obj('soundfiler');
  p.connect(lb, 0, end, 0).connect(end, 0, w, 0).connect(w, 0, sf2, 0);
  const run = runPdRealtime(p.save(join(dir, 'chain.pd')), Math.ceil((recLen / SR) * 1000) + startMs + 30000, ['-sleepgrain', '1']);
  const during = opts.during?.({ kill: () => run.child.kill('SIGKILL') });
  const res: PdResult = await run.done;
  await during;
  const rec = instances.map((_, i) => readPdFloatWav(join(dir, `rec${i}.wav`)));
  const hits = instances.map((_, i) => {
    const a = readPdFloatWav(join(dir, `hits${i}.wav`));
    const out: Float32Array[] = [];
    for (let k = 0; k < MAX_HITS; k++) {
      const h = a.subarray(HIT_LEN * k, HIT_LEN * (k + 1));
      if (h.every((v) => v === 0)) break;
      out.push(Float32Array.from(h));
    }
    return out;
  });
  const answered = instances.map((_, i) => [...res.stderr.matchAll(new RegExp(`^DIAG${i}: (\\S+) (\\S+)$`, 'gm'))].map((m) => ({ id: Number(m[1]), model: m[2] === '1' })));
  const replies = instances.map((_, i) => [...res.stderr.matchAll(new RegExp(`^REPLY${i}: (.*)$`, 'gm'))].map((m) => m[1]));
  return { rec, hits, answered, replies, stderr: res.stderr, code: res.code };
}

/**
 * The onsets tr.remap's detector finds in an input runChain plays: Pd's DSP runs from the start, the
 * input starts at the block that holds `startMs` (the recording starts there too), so the detector
 * sees that much silence first (an input that starts mid-hit has an onset at its start).
 */
export function chainOnsets(input: Float32Array, startMs = 300): number[] {
  const lead = Math.floor(((startMs / 1000) * SR) / 64) * 64;
  const x = new Float32Array(lead + input.length);
  x.set(input, lead);
  return detectOnsets(x, SR, { mode: 'adaptive' }).map((s) => s - lead).filter((s) => s >= 0);
}

/** The console lines tr.remap printed (`tr.remap: …`). */
export function remapLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('tr.remap: '));
}

/** The VoicePool playing `hits` at their starts (the reference of what tr.808~ must output). */
export function renderPool(hits: ReadonlyArray<{ at: number; params01: ArrayLike<number> }>, length: number): Float32Array {
  const pool = new VoicePool(SR);
  const out = new Float32Array(length);
  let pos = 0;
  for (const h of [...hits].sort((a, b) => a.at - b.at)) {
    pool.process(out, pos, h.at);
    pool.trigger(h.params01);
    pos = h.at;
  }
  pool.process(out, pos, length);
  return out;
}

/** Add one hit alone into `out` from `at` until it falls silent. */
function addVoice(out: Float32Array, at: number, params01: ArrayLike<number>): void {
  const v = new SynthVoice(SR);
  v.trigger(params01);
  for (let pos = at; pos < out.length && v.active; pos += 4096) v.process(out, pos, Math.min(out.length, pos + 4096));
}

/** Where each hit starts in the recording: the best match of its render on the residual of the earlier hits. */
export function measureStarts(rec: Float32Array, onsets: number[], params: Float32Array[], maxLatency: number): Array<{ at: number; err: number }> {
  const earlier = new Float32Array(rec.length);
  return onsets.map((s, k) => {
    const want = renderHit(params[k], { numSamples: 1024 });
    let best = { at: -1, err: Infinity };
    for (let at = s; at < s + maxLatency + 200 && at + 1024 <= rec.length; at++) {
      let err = 0;
      for (let i = 0; i < 1024 && err < best.err; i++) err = Math.max(err, Math.abs(rec[at + i] - earlier[at + i] - want[i]));
      if (err < best.err) best = { at, err };
    }
    addVoice(earlier, best.at, params[k]);
    return best;
  });
}

