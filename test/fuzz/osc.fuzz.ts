/**
 * Fuzz target: the OSC bridge (issue 12.1, 12.3, 12.5, 12.6). Random and mutated packets for every
 * address — wrong type tags, truncations, bundles nested and lying about sizes, huge frames, event
 * names of the old OSC library, hostile paths (devices, FIFOs, secrets, traversal, NUL bytes) — sent
 * to a bridge in this process, with valid hits from a second client interleaved.
 *
 * Phase 1 (lock-step, error rate limit lifted so every case is answered): each case must get an
 * answer (an error naming the problem, or a correct reply); no reply may hold a file's content or a
 * NaN; a probe hit every few cases must be answered, exactly as the engine computes it.
 * Phase 2 (flood, default limits): the cases as fast as the socket takes them (≈5 000 packets/s)
 * while the probe plays hits at 20/s: every hit must be answered (latency over 5 ms is noted).
 * Afterwards nothing may have been written outside the allowed folder, and no input changed.
 *
 * Outcomes: crash = an exception escaping the bridge (uncaught/unhandled in this process); hang =
 * a probe hit unanswered for 2 s; clearError = an /error reply; silentWrong = no answer, a NaN, a
 * leaked secret or a wrong answer; dataLost = a probe hit lost under the flood, or a file written
 * outside the allowed folder / changed.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Engine } from '../../src/engine/engine';
import { startOscBridge, type OscBridge, type OscTrainingJob, type StartTraining } from '../../src/hosts/osc';
import { openClient, type Client, type OscMsg } from '../osc/udp';
import { exampleFrames, writeTestModel } from '../osc/model';
import { emptyCounts, record, rng, type FuzzCounts, type FuzzOptions } from './counts';

const SECRET = 'fuzz-SECRET-5d1e0c';
const ADDRESSES = ['frame', 'hit', 'hello', 'load', 'preset', 'sensitivity', 'reset', 'samplerate', 'train', 'cancel', 'param', 'drywet', 'describe', 'presets', 'fram', 'LOAD'];
const EVENT_NAMES = ['error', 'message', 'bundle', 'listening', 'close', 'connect', '__proto__', 'constructor', 'hasOwnProperty', 'toString', 'newListener', 'removeListener'];
const TAGS = 'fisdbhtTFNImcrS';

type Rnd = () => number;
const pick = <T>(r: Rnd, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const pad4 = (n: number) => (n + 3) & ~3;

function oscStr(s: string | Buffer): Buffer {
  const raw = typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
  const b = Buffer.alloc(pad4(raw.length + 1));
  raw.copy(b);
  return b;
}

/** Any OSC 1.0 argument type, with its bytes (the tests' encoder knows only f, i, s, d). */
function encodeRaw(address: string | Buffer, tags: string, values: unknown[]): Buffer {
  const parts = [oscStr(address), oscStr(`,${tags}`)];
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    const v = values[i];
    const n4 = Buffer.alloc(4);
    const n8 = Buffer.alloc(8);
    if (t === 'f') (n4.writeFloatBE(Number(v)), parts.push(n4));
    else if (t === 'i' || t === 'm' || t === 'r' || t === 'c') (n4.writeInt32BE(Number(v) | 0), parts.push(n4));
    else if (t === 'd') (n8.writeDoubleBE(Number(v)), parts.push(n8));
    else if (t === 'h' || t === 't') (n8.writeBigInt64BE(BigInt(Number.isFinite(Number(v)) ? Math.trunc(Number(v)) % 2 ** 62 : 0)), parts.push(n8));
    else if (t === 's' || t === 'S') parts.push(oscStr(typeof v === 'string' || Buffer.isBuffer(v) ? v : String(v)));
    else if (t === 'b') {
      const blob = Buffer.isBuffer(v) ? v : Buffer.from(String(v));
      n4.writeInt32BE(blob.length);
      parts.push(n4, blob, Buffer.alloc(pad4(blob.length) - blob.length));
    }
  }
  return Buffer.concat(parts);
}

function bundleOf(elements: Buffer[], lie: number): Buffer {
  const head = Buffer.alloc(16);
  head.write('#bundle\0', 0, 'latin1');
  const parts: Buffer[] = [head];
  for (const e of elements) {
    const n = Buffer.alloc(4);
    n.writeInt32BE(e.length + lie);
    parts.push(n, e);
  }
  return Buffer.concat(parts);
}

interface Sandbox {
  dir: string;
  outside: string;
  modelBase: string;
}

function randomValue(r: Rnd, t: string, s: Sandbox): unknown {
  if (t === 's' || t === 'S') return r() < 0.5 ? pick(r, hostilePaths(s)) : pick(r, ['808_snare_1', '-', '', 'x'.repeat(Math.floor(r() * 3000)), '\u00ff\u0100', 'linear', 'gmrock_808_snare_1']);
  return pick(r, [0, 1, -1, 0.5, 44100, 48000, 5, 1e9, -1e9, NaN, Infinity, -Infinity, 2 ** 31, r() * 1e4]);
}

function hostilePaths(s: Sandbox): string[] {
  return [
    '/etc/passwd', '/proc/self/environ', '/dev/zero', '/dev/urandom', '/dev/null', join(s.dir, 'fifo.json'), join(s.dir, 'secret.json'), join(s.dir, 'secret'),
    join(s.outside, 'secret.json'), join(s.outside, 'model'), `${'../'.repeat(12)}etc/passwd`, join(s.dir, '..', 'x'), 'a\0b', '/', '.', '..', s.dir, s.outside,
    join(s.dir, 'escape', 'passwd'), join(s.dir, 'dangling.json'), s.modelBase, `${s.modelBase}.onnx`, join(s.dir, 'new-model'), join(s.outside, 'new-model'), 'relative/dir/model',
  ];
}

/** One hostile packet; `silent` when no reply is due (an empty bundle). */
function makeCase(r: Rnd, s: Sandbox, frames: Float32Array[], depth = 0): { buf: Buffer; kind: string; silent: boolean } {
  const k = Math.floor(r() * (depth ? 6 : 8));
  switch (k) {
    case 0: {
      const n = r() < 0.03 ? 60000 + Math.floor(r() * 5000) : Math.floor(r() * 300);
      return { buf: Buffer.from(Array.from({ length: n }, () => Math.floor(r() * 256))), kind: 'random bytes', silent: false };
    }
    case 1: {
      const name = pick(r, EVENT_NAMES);
      const address = pick(r, [name, `/${name}`, `/timbreremap/${name}`, `/timbreremap${name}`]);
      return { buf: encodeRaw(address, r() < 0.5 ? '' : 'f', [1]), kind: `event name ${address}`, silent: false };
    }
    case 2: {
      const address = `/timbreremap/${pick(r, ADDRESSES)}`;
      const tags = Array.from({ length: Math.floor(r() * 8) }, () => (r() < 0.05 ? String.fromCharCode(33 + Math.floor(r() * 90)) : pick(r, TAGS.split('')))).join('');
      return { buf: encodeRaw(address, tags, Array.from(tags, (t) => randomValue(r, t, s))), kind: `${address} ,${tags}`, silent: false };
    }
    case 3: {
      const address = `/timbreremap/${pick(r, ['frame', 'hit'])}`;
      const n = pick(r, [0, 1, 128, 255, 256, 257, 279, 280, 8192, 8193, 13000]); // 13 000 floats: the largest that fits a UDP packet
      const f = frames[Math.floor(r() * frames.length)];
      const vals = Array.from({ length: n }, (_, i) => (r() < 0.01 ? pick(r, [NaN, Infinity, 1e30]) : f[i % f.length]));
      const tag = r() < 0.1 ? pick(r, ['d', 'i', 's']) : 'f';
      return { buf: encodeRaw(address, tag.repeat(n), vals), kind: `${address} ×${n}${tag}`, silent: false };
    }
    case 4: {
      const cmd = pick(r, ['load', 'preset', 'train']);
      const paths = hostilePaths(s);
      const args: unknown[] = cmd === 'train' ? [pick(r, paths), pick(r, [...paths, '808_snare_1', '-']), pick(r, [...paths, '-']), pick(r, [1, 2, 0, -1, 2000, 2001, 1e9, NaN, '-']), pick(r, [s.dir, s.outside, 'relative', '/', '-'])] : [pick(r, paths), pick(r, [s.dir, s.outside, 'relative', '/'])];
      const n = 1 + Math.floor(r() * args.length);
      const used = args.slice(0, n);
      const tags = used.map((a) => (typeof a === 'number' ? 'f' : 's')).join('');
      return { buf: encodeRaw(`/timbreremap/${cmd}`, tags, used), kind: `/${cmd} ${used.map(String).join(' ').slice(0, 80)}`, silent: false };
    }
    case 5: {
      // Mutations of a valid packet: bytes flipped, cut, or extended.
      const base = makeCase(r, s, frames, depth + 1);
      const b = Buffer.from(base.buf);
      const how = Math.floor(r() * 3);
      if (how === 0 && b.length) for (let j = 0; j < 1 + Math.floor(r() * 4); j++) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
      const out = how === 1 ? b.subarray(0, Math.floor(r() * b.length)) : how === 2 ? Buffer.concat([b, Buffer.from(Array.from({ length: 1 + Math.floor(r() * 16) }, () => Math.floor(r() * 256)))]) : b;
      return { buf: out, kind: `mutated ${base.kind}`, silent: false };
    }
    default: {
      // Bundles: nested, mixed, sometimes lying about element sizes.
      const n = Math.floor(r() * 5);
      const els = Array.from({ length: n }, () => makeCase(r, s, frames, depth + 1));
      const lie = n && r() < 0.2 ? pick(r, [-3, 1, 1000, -1e6]) : 0;
      let b = bundleOf(els.map((e) => e.buf), lie);
      for (let d = 0; d < (r() < 0.2 ? Math.floor(r() * 8) : 0); d++) b = bundleOf([b], 0);
      // Silent only when nothing in it asks for an answer (empty bundles all the way down).
      return { buf: b, kind: `bundle of ${n}${lie ? ` (sizes off by ${lie})` : ''}`, silent: lie === 0 && els.every((e) => e.silent) };
    }
  }
}

function hitPacket(id: number, f: Float32Array): Buffer {
  return encodeRaw('/timbreremap/hit', 'f'.repeat(f.length + 1), [id, ...f]);
}

/** Any 6 characters of the secret in a row, or the start of /etc/passwd (JSON parsers quote 10 characters). */
const SECRET_WINDOWS = Array.from({ length: SECRET.length - 5 }, (_, i) => SECRET.slice(i, i + 6));
function leaks(m: OscMsg): boolean {
  return m.args.some((a) => typeof a === 'string' && (a.includes('root:x:0') || SECRET_WINDOWS.some((w) => a.includes(w))));
}
function hasNaN(m: OscMsg): boolean {
  return m.args.some((a) => typeof a === 'number' && !Number.isFinite(a));
}

/** Names, sizes and modification times (lstat: the FIFO and links are not opened). */
function snapshot(dir: string): string {
  return readdirSync(dir).sort().map((f) => {
    const st = lstatSync(join(dir, f));
    return `${f}:${st.size}:${st.mtimeMs}`;
  }).join(',');
}

/** Sends the pool round and round at `perSecond`; answers 'stop' with the count sent. */
const FLOOD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const sock = require('node:dgram').createSocket('udp4');
const { port, perSecond, pool } = workerData;
let sent = 0, timer;
sock.bind(0, '127.0.0.1', () => {
  const t0 = Date.now();
  timer = setInterval(() => {
    const due = Math.floor(((Date.now() - t0) / 1000) * perSecond);
    while (sent < due) sock.send(Buffer.from(pool[sent++ % pool.length]), port, '127.0.0.1');
  }, 2);
  parentPort.postMessage('started');
});
parentPort.on('message', () => { clearInterval(timer); parentPort.postMessage(sent); });
`;

export async function fuzz(opts: FuzzOptions): Promise<FuzzCounts> {
  const counts = emptyCounts();
  const r = rng(opts.seed);
  const t0 = performance.now();
  const end = t0 + opts.seconds * 1000;
  const phase1End = t0 + opts.seconds * 700;

  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'tr-fuzz-osc-')));
  const outside = realpathSync(mkdtempSync(join(tmpdir(), 'tr-fuzz-osc-outside-')));
  const src = writeTestModel();
  for (const ext of ['.json', '.onnx']) copyFileSync(`${src}${ext}`, join(dir, `linear${ext}`));
  const s: Sandbox = { dir, outside, modelBase: join(dir, 'linear') };
  writeFileSync(join(dir, 'secret.json'), `{"preset": {"${SECRET}": 1}}`);
  writeFileSync(join(dir, 'secret'), `${SECRET}\n`);
  writeFileSync(join(outside, 'secret.json'), `${SECRET}`);
  execFileSync('mkfifo', [join(dir, 'fifo.json')]);
  execFileSync('ln', ['-s', '/etc', join(dir, 'escape')]);
  execFileSync('ln', ['-s', join(outside, 'nothing.json'), join(dir, 'dangling.json')]);
  const before = { dir: snapshot(dir), outside: snapshot(outside) };

  const escaped: string[] = [];
  const onCrash = (e: unknown) => escaped.push(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  // Training is injected: it records what the bridge would train and never writes.
  const trainings: string[][] = [];
  const startTraining: StartTraining = (o) => {
    trainings.push([...o.inputs, o.preset, o.out]);
    const job: OscTrainingJob = { done: Promise.resolve({ out: { onnx: `${o.out}.onnx`, json: `${o.out}.json` }, cancelled: false }), cancel: () => undefined, on: () => job };
    return job;
  };

  const frames = exampleFrames();
  const expected = await Promise.all(frames.map(async (f) => {
    const x = await new Engine().processFrame(f);
    if (!x.ok) throw new Error(x.error);
    return Array.from(x.physical, Math.fround);
  }));

  let bridge: OscBridge | null = null;
  const attacker: Client = await openClient();
  const probe: Client = await openClient();
  let nextId = 1;

  /** A probe hit: null when answered right, else what went wrong. */
  async function probeHit(b: OscBridge, timeoutMs: number): Promise<{ outcome: 'ok' | 'hang' | 'silentWrong'; ms: number; note?: string }> {
    const id = nextId++;
    const k = id % frames.length;
    const sent = performance.now();
    await probe.send(hitPacket(id, frames[k]), b.address.port);
    try {
      await probe.waitFor((m) => m.some((x) => x.address === '/timbreremap/answer' && x.args[0] === id), timeoutMs);
    } catch {
      return { outcome: 'hang', ms: timeoutMs, note: `probe hit ${id} not answered within ${timeoutMs} ms` };
    }
    const ms = performance.now() - sent;
    const a = probe.messages.find((x) => x.address === '/timbreremap/answer' && x.args[0] === id)!;
    const ok = a.args.slice(1).every((v, i) => v === expected[k][i]);
    return ok ? { outcome: 'ok', ms } : { outcome: 'silentWrong', ms, note: `probe hit ${id}: answer differs from the engine's` };
  }

  try {
    // ---- phase 1: lock-step ----------------------------------------------------------------
    bridge = await startOscBridge({ port: 0, allow: [dir], startTraining, limits: { errorBurst: 1e9, errorsPerSecond: 1e9, globalErrorsPerSecond: 1e9 } });
    let n = 0;
    while (performance.now() < phase1End) {
      const c = makeCase(r, s, frames);
      const mark = attacker.messages.length;
      const sent = await attacker.send(c.buf, bridge.address.port).then(() => true, () => false);
      if (!sent) continue; // larger than a UDP packet: nothing reaches the bridge
      let got: OscMsg[] = [];
      try {
        await attacker.waitFor((m) => m.length > mark, c.silent ? 20 : 500);
        await new Promise((res) => setTimeout(res, 1)); // the rest of this case's replies
      } catch {
        /* no reply */
      }
      got = attacker.messages.slice(mark);
      attacker.messages.length = 0;
      if (escaped.length) record(counts, 'crash', `${c.kind}: ${escaped.splice(0).join('; ')}`);
      else if (got.some(leaks)) record(counts, 'silentWrong', `${c.kind}: a reply quotes a file's content`);
      else if (got.some(hasNaN)) record(counts, 'silentWrong', `${c.kind}: a reply holds NaN/Inf`);
      else if (!got.length) record(counts, c.silent ? 'ok' : 'silentWrong', c.silent ? undefined : `${c.kind}: no reply`);
      else if (got.some((m) => m.address === '/timbreremap/error')) {
        const e = got.find((m) => m.address === '/timbreremap/error')!;
        record(counts, String(e.args[0]).length >= 20 ? 'clearError' : 'silentWrong', `${c.kind}: unclear error "${String(e.args[0])}"`);
      } else record(counts, 'ok');
      if (++n % 16 === 0) {
        const p = await probeHit(bridge, 2000);
        record(counts, p.outcome, p.note);
        if (p.outcome === 'hang') break;
      }
    }
    await bridge.close();

    // ---- phase 2: flood with default limits, hits at 20/s -----------------------------------
    bridge = await startOscBridge({ port: 0, allow: [dir], startTraining });
    const b = bridge;
    // The flood comes from another thread, as it would from another program.
    const pool = Array.from({ length: 512 }, () => makeCase(r, s, frames).buf).filter((x) => x.length <= 65000);
    const flooder = new Worker(FLOOD_WORKER, { eval: true, workerData: { port: b.address.port, perSecond: 5000, pool } });
    await new Promise<void>((res) => flooder.once('message', () => res()));
    const lat: number[] = [];
    const tFlood = performance.now();
    while (performance.now() < end - 100) {
      const tick = performance.now();
      const p = await probeHit(b, 1000);
      if (p.outcome === 'hang') record(counts, 'dataLost', `under the flood: ${p.note}`);
      else record(counts, p.outcome, p.note);
      lat.push(p.ms);
      const wait = 50 - (performance.now() - tick);
      if (wait > 0) await new Promise((res) => setTimeout(res, wait));
    }
    const flood = await new Promise<number>((res) => {
      flooder.once('message', (m: number) => res(m));
      flooder.postMessage('stop');
    });
    await flooder.terminate();
    const floodSeconds = (performance.now() - tFlood) / 1000;
    lat.sort((x, y) => x - y);
    const late = lat.filter((x) => x > 5).length;
    counts.notes.push(`flood: ${flood} hostile packets in ${floodSeconds.toFixed(1)} s (${Math.round(flood / floodSeconds)}/s), ${lat.length} probe hits at 20/s, median ${lat[lat.length >> 1]?.toFixed(3)} ms, max ${lat[lat.length - 1]?.toFixed(3)} ms, ${late} over 5 ms; bridge: ${b.stats.errors} errors sent, ${b.stats.errorsSuppressed} suppressed`);
    const last = await probeHit(b, 2000);
    if (last.outcome !== 'ok') record(counts, 'crash', `bridge dead after the flood: ${last.note}`);
    if (escaped.length) record(counts, 'crash', `after the flood: ${escaped.splice(0).join('; ')}`);
  } finally {
    await bridge?.close().catch(() => undefined);
    await attacker.close();
    await probe.close();
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    const after = { dir: snapshot(dir), outside: snapshot(outside) };
    if (after.outside !== before.outside) record(counts, 'dataLost', `files appeared or changed outside the allowed folder: ${after.outside}`);
    if (after.dir !== before.dir) record(counts, 'dataLost', `the allowed folder changed: ${before.dir} → ${after.dir}`);
    for (const t of trainings) if (t.some((p) => p.startsWith(outside) || p.startsWith('/etc') || p.startsWith('/dev') || p.startsWith('/proc'))) record(counts, 'dataLost', `training would have used ${t.join(', ')}`);
    counts.notes.push(`${trainings.length} trainings started (injected, nothing written), all inside the allowed folders`);
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
  return counts;
}
