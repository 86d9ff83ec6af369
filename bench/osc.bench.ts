/**
 * OSC round trip on loopback: a client sends a 256-sample `/timbreremap/frame` and times the first
 * reply (`/timbreremap/params`). Servers, measured in the same run:
 * - `echo`: a bare node-osc server answering every message with 14 floats (the floor any bridge on
 *   node-osc sits on);
 * - `bridge`: the TimbreRemap bridge with the default engine (preset, no model);
 * - `bridge+model`: the bridge with a linear model bundle loaded (onnxruntime-node per hit).
 * Two loads: 20 hits per second (a fast drummer) and a burst of 1 000 frames in one second.
 * Goal (issue 5): the bridge's median within 0.3 ms of the echo's.
 */
import { createSocket, type Socket } from 'node:dgram';
import { Server, encode, Message } from 'node-osc';
import { Engine } from '../src/engine/engine';
import { startOscBridge } from '../src/hosts/osc';
import { buildOnnxModel, writeModelBundle } from '../src/model';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, ONNX_INPUT_NAME, ONNX_OUTPUT_NAME, ONSET_FEATURE_NAMES } from '../src/model/bundle';
import { loadPreset } from '../src/synth/presets';
import { PARAM_NAMES } from '../src/synth/params';
import { readWav } from '../src/io/wav';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const EXAMPLE = join(__dirname, '../examples/gmrock-snare-performance.wav');
const TRUTH = join(__dirname, '../examples/gmrock-snare-performance.onsets.csv');

function frames(): Buffer[] {
  const x = readWav(EXAMPLE).mono;
  const onsets = readFileSync(TRUTH, 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
  return onsets.map((s) => {
    const args = Array.from(x.subarray(s - 16, s + 240), (v) => ({ type: 'f', value: v }));
    return encode(new Message('/timbreremap/frame', ...args));
  });
}

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
  port: number;
  sock: Socket;
  arrivals: number[];
  close(): Promise<void>;
}

async function client(): Promise<Client> {
  const sock = createSocket('udp4');
  const arrivals: number[] = [];
  sock.on('message', (buf) => {
    // Only the first reply of each frame: /timbreremap/params.
    if (buf.toString('latin1', 0, 19) === '/timbreremap/params') arrivals.push(performance.now());
  });
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
  return { port: sock.address().port, sock, arrivals, close: () => new Promise<void>((r) => sock.close(() => r())) };
}

const sleepUntil = async (t: number) => {
  while (performance.now() < t - 2) await new Promise((r) => setTimeout(r, 1));
  while (performance.now() < t) await new Promise((r) => setImmediate(r));
};

async function measure(c: Client, serverPort: number, packets: Buffer[], count: number, intervalMs: number): Promise<{ rtts: number[]; lost: number }> {
  c.arrivals.length = 0;
  const sent: number[] = [];
  const t0 = performance.now() + 20;
  for (let i = 0; i < count; i++) {
    await sleepUntil(t0 + i * intervalMs);
    sent.push(performance.now());
    c.sock.send(packets[i % packets.length], serverPort, '127.0.0.1');
  }
  const deadline = performance.now() + 2000;
  while (c.arrivals.length < count && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const rtts = c.arrivals.slice(0, count).map((t, i) => t - sent[i]);
  return { rtts, lost: count - c.arrivals.length };
}

function stats(rtts: number[]): { medianMs: number; p99Ms: number } {
  const s = [...rtts].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { medianMs: Number(q(0.5).toFixed(3)), p99Ms: Number(q(0.99).toFixed(3)) };
}

export async function run(): Promise<Array<Record<string, unknown>>> {
  const packets = frames();
  const c = await client();
  const out: Array<Record<string, unknown>> = [];

  // Bare node-osc echo: 14 floats back to the sender's address on the client's port.
  const echo = new Server(0, '127.0.0.1');
  await new Promise<void>((r) => echo.once('listening', () => r()));
  const reply = Array.from({ length: 14 }, (_, i) => ({ type: 'f', value: i / 14 }));
  echo.on('message', (_m: unknown, rinfo: { address: string }) => void echo.send(['/timbreremap/params', ...reply], c.port, rinfo.address));
  echo.on('error', () => undefined);

  const bridge = await startOscBridge({ port: 0, replyPort: c.port, engine: new Engine() });
  const modelEngine = new Engine();
  const st = await modelEngine.loadModel(writeModel());
  if (!st.ok) throw new Error(st.error);
  const bridgeModel = await startOscBridge({ port: 0, replyPort: c.port, engine: modelEngine });

  const servers: Array<[string, number]> = [
    ['echo', echo.port as number],
    ['bridge', bridge.address.port],
    ['bridge+model', bridgeModel.address.port],
  ];
  try {
    for (const [, port] of servers) await measure(c, port, packets, 50, 2); // warm-up (JIT, onnxruntime)
    const medians: Record<string, Record<string, number>> = {};
    for (const [load, count, interval] of [['20/s', 100, 50], ['burst 1000/s', 1000, 1]] as const) {
      for (const [name, port] of servers) {
        const { rtts, lost } = await measure(c, port, packets, count, interval);
        const s = stats(rtts);
        (medians[load] ??= {})[name] = s.medianMs;
        out.push({ bench: 'osc-roundtrip', server: name, load, frames: count, answered: rtts.length, lost, ...s });
      }
    }
    for (const load of Object.keys(medians)) {
      const m = medians[load];
      out.push({ bench: 'osc-roundtrip-overhead', load, bridgeMinusEchoMedianMs: Number((m.bridge - m.echo).toFixed(3)), bridgeModelMinusEchoMedianMs: Number((m['bridge+model'] - m.echo).toFixed(3)), goalMs: 0.3 });
    }
  } finally {
    await bridge.close();
    await bridgeModel.close();
    await new Promise<void>((r) => echo.close(() => r()));
    await c.close();
  }
  return out;
}
