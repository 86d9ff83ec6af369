/**
 * OSC round trip on loopback: a client sends a 256-sample `/timbreremap/hit ID …` from one socket
 * (as Pd's `[netsend -u -b]`) and times the answer carrying its id. Servers, measured in the same run:
 * - `echo`: a bare node-osc server answering every message with the id and 14 floats to the sender
 *   (the floor any bridge on Node sits on);
 * - `bridge`: the TimbreRemap bridge with the default engine (preset, no model);
 * - `bridge+model`: the bridge with a linear model bundle loaded.
 * Loads: 20 hits per second (a fast drummer), a burst of 1 000 hits in one second, and 20 hits per
 * second under a 5 000 packets/s garbage flood sent by another thread (random bytes, issue 12.1's
 * `error` packet, wrong-length frames, unknown addresses, bundles).
 * Goals: the bridge's median within ~0.3 ms of the echo's at 20/s (earlier figure +0.217 ms); under
 * the flood every valid hit answered, each within 5 ms (issue 12); error replies far smaller than
 * the flood (`replyBytesPerFloodByte`, was 23 before rate limiting); after a bridge restart the
 * model answers again within 1 s (issue 11, `osc-restart`).
 */
import { createSocket, type Socket } from 'node:dgram';
import { Worker } from 'node:worker_threads';
import { Server, encode, Message } from 'node-osc';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Engine } from '../src/engine/engine';
import { startOscBridge } from '../src/hosts/osc';
import { buildOnnxModel, writeModelBundle } from '../src/model';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, ONNX_INPUT_NAME, ONNX_OUTPUT_NAME, ONSET_FEATURE_NAMES } from '../src/model/bundle';
import { loadPreset } from '../src/synth/presets';
import { PARAM_NAMES } from '../src/synth/params';
import { readWav } from '../src/io/wav';

const EXAMPLE = join(__dirname, '../examples/gmrock-snare-performance.wav');
const TRUTH = join(__dirname, '../examples/gmrock-snare-performance.onsets.csv');

function windows(): Float32Array[] {
  const x = readWav(EXAMPLE).mono;
  const onsets = readFileSync(TRUTH, 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
  return onsets.map((s) => Float32Array.from(x.subarray(s - 16, s + 240)));
}

const hitPacket = (id: number, w: Float32Array) => encode(new Message('/timbreremap/hit', ...[id, ...w].map((v) => ({ type: 'f', value: v }))));

function writeModel(): string {
  const w = new Float32Array(42).map((_, i) => 0.3 * Math.sin(i + 1));
  const p = loadPreset('808_snare_1');
  const base = join(mkdtempSync(join(tmpdir(), 'tr-bench-osc-')), 'linear');
  writeModelBundle(
    base,
    buildOnnxModel({ arch: 'linear', layers: [{ weight: w, outFeatures: 14, inFeatures: 3 }] }),
    {
      format: BUNDLE_FORMAT, formatVersion: BUNDLE_FORMAT_VERSION, name: 'bench', paramOrder: [...PARAM_NAMES],
      preset: { name: p.name, physical: Object.fromEntries(PARAM_NAMES.map((n, i) => [n, p.physical[i]])), normalised: Array.from(p.normalised) },
      damping: Array.from(p.damping), featureNorm: { names: [...ONSET_FEATURE_NAMES], min: [-40, 80, -80], max: [-5, 110, -20], ref: [0.5, 0.4, 0.6] },
      onsetWindow: { samples: 256, backtrackSamples: 16, sampleRateHz: 44100 }, architecture: 'linear',
      onnx: { input: ONNX_INPUT_NAME, output: ONNX_OUTPUT_NAME, opset: 17 },
    },
    { force: true },
  );
  return base;
}

interface Client {
  sock: Socket;
  /** Arrival time of the answer to each hit id. */
  arrivals: Map<number, number>;
  close(): Promise<void>;
}

async function client(): Promise<Client> {
  const sock = createSocket('udp4');
  const arrivals = new Map<number, number>();
  sock.on('message', (buf) => {
    // `/timbreremap/answer` (20 bytes with padding) `,f…` then the id as the first float.
    if (buf.length > 28 && buf.toString('latin1', 0, 19) === '/timbreremap/answer') {
      const tags = buf.indexOf(0, 20);
      const argsAt = (tags + 4) & ~3;
      arrivals.set(buf.readFloatBE(argsAt), performance.now());
    }
  });
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
  sock.setRecvBufferSize(4 * 1024 * 1024);
  return { sock, arrivals, close: () => new Promise<void>((r) => sock.close(() => r())) };
}

const sleepUntil = async (t: number) => {
  while (performance.now() < t - 2) await new Promise((r) => setTimeout(r, 1));
  while (performance.now() < t) await new Promise((r) => setImmediate(r));
};

let nextId = 1;
async function measure(c: Client, serverPort: number, w: Float32Array[], count: number, intervalMs: number): Promise<{ rtts: number[]; lost: number }> {
  const sent = new Map<number, number>();
  const packets = Array.from({ length: count }, (_, i) => {
    const id = nextId++ % 1e6; // float32 holds it exactly
    return { id, buf: hitPacket(id, w[i % w.length]) };
  });
  const t0 = performance.now() + 20;
  for (let i = 0; i < count; i++) {
    await sleepUntil(t0 + i * intervalMs);
    sent.set(packets[i].id, performance.now());
    c.sock.send(packets[i].buf, serverPort, '127.0.0.1');
  }
  const deadline = performance.now() + 2000;
  const answered = () => packets.filter((p) => c.arrivals.has(p.id)).length;
  while (answered() < count && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const rtts = packets.filter((p) => c.arrivals.has(p.id)).map((p) => c.arrivals.get(p.id)! - sent.get(p.id)!);
  return { rtts, lost: count - rtts.length };
}

function stats(rtts: number[]): { medianMs: number; p99Ms: number; maxMs: number } {
  const s = [...rtts].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return { medianMs: Number(q(0.5).toFixed(3)), p99Ms: Number(q(0.99).toFixed(3)), maxMs: Number((s[s.length - 1] ?? NaN).toFixed(3)) };
}

/** A thread sending garbage at `perSecond` to `port`; counts the error replies that come back to it. */
const FLOOD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const dgram = require('node:dgram');
const { port, perSecond, seed } = workerData;
let s = seed >>> 0;
const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const pad = (str) => { const b = Buffer.from(str + '\\0'); return Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]); };
const msg = (addr, n) => Buffer.concat([pad(addr), pad(',' + 'f'.repeat(n)), Buffer.alloc(4 * n)]);
const bundle = (els) => Buffer.concat([Buffer.from('#bundle\\0'), Buffer.alloc(8), ...els.flatMap((e) => { const n = Buffer.alloc(4); n.writeInt32BE(e.length); return [n, e]; })]);
const errorPacket = Buffer.from('error\\0\\0\\0,\\0\\0\\0', 'latin1');
const garbage = [];
for (let i = 0; i < 256; i++) {
  const k = i % 6;
  garbage.push(
    k === 0 ? errorPacket
    : k === 1 ? Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 200) }, () => Math.floor(rnd() * 256)))
    : k === 2 ? msg('/timbreremap/frame', 100 + Math.floor(rnd() * 100))
    : k === 3 ? msg('/nope/' + i, 2)
    : k === 4 ? bundle([msg('/timbreremap/reset', 0), errorPacket, msg('/x', 1)])
    : msg('/timbreremap/sensitivity', 3));
}
const sock = dgram.createSocket('udp4');
let sent = 0, sentBytes = 0, back = 0, backBytes = 0, timer;
sock.on('message', (b) => { back++; backBytes += b.length; });
sock.bind(0, '127.0.0.1', () => {
  const t0 = Date.now();
  timer = setInterval(() => {
    const due = Math.floor(((Date.now() - t0) / 1000) * perSecond);
    while (sent < due) { const g = garbage[sent % garbage.length]; sent++; sentBytes += g.length; sock.send(g, port, '127.0.0.1'); }
  }, 2);
  parentPort.postMessage('started');
});
parentPort.on('message', () => { clearInterval(timer); setTimeout(() => { parentPort.postMessage({ sent, sentBytes, back, backBytes }); sock.close(); }, 200); });
`;

async function flood(port: number, perSecond: number): Promise<{ stop(): Promise<{ sent: number; sentBytes: number; back: number; backBytes: number }>; seconds(): number }> {
  const w = new Worker(FLOOD_WORKER, { eval: true, workerData: { port, perSecond, seed: 12 } });
  await new Promise<void>((r) => w.once('message', () => r()));
  const t0 = performance.now();
  return {
    seconds: () => (performance.now() - t0) / 1000,
    stop: () =>
      new Promise((r) => {
        w.once('message', (m) => {
          void w.terminate();
          r(m);
        });
        w.postMessage('stop');
      }),
  };
}

/**
 * A bridge restart mid-performance: a client as tr.remap should be (hello every 500 ms, state
 * re-sent on `welcome 0`, hits at 20/s) — how long from the new bridge listening until its hits are
 * answered by the model again (issue 11 goal: within 1 s). Five restarts.
 */
async function restartRecovery(w: Float32Array[], modelBase: string): Promise<Record<string, unknown>> {
  const expected = new Engine();
  if (!(await expected.loadModel(modelBase)).ok) throw new Error('bench model does not load');
  const want = await expected.processFrame(w[3]);
  if (!want.ok) throw new Error(want.error);
  const wantFirst = Math.fround(want.physical[0]);
  const plain = await new Engine().processFrame(w[3]);
  if (plain.ok && Math.fround(plain.physical[0]) === wantFirst) throw new Error('the bench model does not change parameter 0 of this hit');
  let b = await startOscBridge({ port: 0, allow: [dirname(modelBase)] });
  const port = b.address.port;
  const sock = createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
  const send = (m: Message) => sock.send(encode(m), port, '127.0.0.1');
  let modelAnswerAt = 0;
  sock.on('message', (buf) => {
    const address = buf.toString('latin1', 0, buf.indexOf(0));
    if (address === '/timbreremap/welcome' && buf.readFloatBE(buf.length - 4) === 0) {
      send(new Message('/timbreremap/samplerate', { type: 'f', value: 44100 }));
      send(new Message('/timbreremap/load', modelBase));
    } else if (address === '/timbreremap/answer' && !modelAnswerAt) {
      const argsAt = (buf.indexOf(0, 20) + 4) & ~3;
      if (buf.readFloatBE(argsAt + 4) === wantFirst) modelAnswerAt = performance.now();
    }
  });
  const hello = setInterval(() => send(new Message('/timbreremap/hello', { type: 'f', value: 44100 })), 500);
  let id = 1;
  const hits = setInterval(() => sock.send(hitPacket(id++, w[3]), port, '127.0.0.1'), 50);
  const recoveries: number[] = [];
  try {
    await new Promise((r) => setTimeout(r, 800));
    for (let k = 0; k < 5; k++) {
      await b.close();
      await new Promise((r) => setTimeout(r, 300));
      modelAnswerAt = 0;
      b = await startOscBridge({ port, allow: [dirname(modelBase)] });
      const t0 = performance.now();
      while (!modelAnswerAt && performance.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 5));
      recoveries.push(modelAnswerAt ? modelAnswerAt - t0 : Infinity);
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    clearInterval(hello);
    clearInterval(hits);
    await b.close();
    sock.close();
  }
  const s = [...recoveries].sort((a, z) => a - z);
  return { bench: 'osc-restart', restarts: s.length, medianMs: Number(s[s.length >> 1].toFixed(1)), maxMs: Number(s[s.length - 1].toFixed(1)), goalMs: 1000, client: 'hello every 500 ms, hits at 20/s' };
}

export async function run(): Promise<Array<Record<string, unknown>>> {
  const w = windows();
  const c = await client();
  const out: Array<Record<string, unknown>> = [];

  // Bare node-osc echo: the id and 14 floats back to the sender's own port.
  const echo = new Server(0, '127.0.0.1');
  await new Promise<void>((r) => echo.once('listening', () => r()));
  const reply = Array.from({ length: 14 }, (_, i) => ({ type: 'f', value: i / 14 }));
  echo.on('message', (m: unknown[], rinfo: { address: string; port: number }) => {
    // Hits only (under the flood it gets garbage too; node-osc would throw on a missing id).
    if (m[0] === '/timbreremap/hit' && typeof m[1] === 'number') echo.send(['/timbreremap/answer', { type: 'f', value: m[1] }, ...reply], rinfo.port, rinfo.address, () => undefined);
  });
  echo.on('error', () => undefined);

  const modelBase = writeModel();
  const bridge = await startOscBridge({ port: 0 });
  const bridgeModel = await startOscBridge({ port: 0, allow: [dirname(modelBase)] });
  c.sock.send(encode(new Message('/timbreremap/load', modelBase)), bridgeModel.address.port, '127.0.0.1');
  await new Promise((r) => setTimeout(r, 500));
  const probe = new Engine();
  if (!(await probe.loadModel(modelBase)).ok) throw new Error('bench model does not load');
  if (bridgeModel.session('127.0.0.1', c.sock.address().port)?.model !== 'linear') throw new Error('the bridge did not load the bench model');

  const servers: Array<[string, number]> = [
    ['echo', echo.port as number],
    ['bridge', bridge.address.port],
    ['bridge+model', bridgeModel.address.port],
  ];
  try {
    for (const [, port] of servers) await measure(c, port, w, 50, 2); // warm-up (JIT)
    const medians: Record<string, Record<string, number>> = {};
    for (const [load, count, interval] of [['20/s', 100, 50], ['burst 1000/s', 1000, 1]] as const) {
      for (const [name, port] of servers) {
        const before = name === 'bridge' ? bridge.stats.superseded : name === 'bridge+model' ? bridgeModel.stats.superseded : 0;
        const { rtts, lost } = await measure(c, port, w, count, interval);
        const superseded = (name === 'bridge' ? bridge.stats.superseded : name === 'bridge+model' ? bridgeModel.stats.superseded : 0) - before;
        const s = stats(rtts);
        (medians[load] ??= {})[name] = s.medianMs;
        out.push({ bench: 'osc-roundtrip', server: name, load, frames: count, answered: rtts.length, lost, supersededByNewer: superseded, ...s });
      }
    }
    for (const load of Object.keys(medians)) {
      const m = medians[load];
      out.push({ bench: 'osc-roundtrip-overhead', load, bridgeMinusEchoMedianMs: Number((m.bridge - m.echo).toFixed(3)), bridgeModelMinusEchoMedianMs: Number((m['bridge+model'] - m.echo).toFixed(3)), goalMs: 0.3 });
    }
    // 20 hits/s while another thread floods the same bridge with 5 000 garbage packets/s.
    // The echo under the same flood shows what the machine itself adds (a shared machine is noisy).
    for (const [name, port] of servers) {
      const f = await flood(port, 5000);
      await new Promise((r) => setTimeout(r, 300)); // the flood at full rate first
      const { rtts, lost } = await measure(c, port, w, 100, 50);
      const seconds = f.seconds();
      const fs = await f.stop();
      const s = stats(rtts);
      out.push({
        bench: 'osc-flood', server: name, garbagePerSecond: Math.round(fs.sent / seconds), garbagePackets: fs.sent, validHits: 100, answered: rtts.length, lost,
        within5ms: rtts.filter((t) => t <= 5).length, ...s, errorRepliesToFlooder: fs.back,
        replyBytesPerFloodByte: Number((fs.backBytes / fs.sentBytes).toFixed(4)), goal: 'all answered, each within 5 ms',
      });
    }
    out.push(await restartRecovery(w, modelBase));
  } finally {
    await bridge.close();
    await bridgeModel.close();
    await new Promise<void>((r) => echo.close(() => r()));
    await c.close();
  }
  return out;
}
