/**
 * Per-sender sessions (issue 11 deliverables 1–2, protocol v2): several clients at once each get
 * only their own replies, with their own model, preset, sensitivity and sample rate; hello/welcome
 * tells a client whether the bridge knows it; after a bridge restart a client that re-sends its
 * state on `welcome 0` is answered by its model again; the table is bounded (eviction, expiry,
 * admission rate). All on loopback with ephemeral ports.
 */
import '../model/jestRealm';
import { dirname } from 'node:path';
import { Engine } from '../../src/engine/engine';
import { windowSamplesAt } from '../../src/engine/constants';
import { createOnsetDetector, ONSET_SETTINGS, type OnsetOptions } from '../../src/onset';
import { toPhysical } from '../../src/synth/params';
import { startOscBridge } from '../../src/hosts/osc';
import { encodeOsc, openClient, type Client, type OscMsg } from './udp';
import { exampleFrames, writeTestModel } from './model';
import { exampleAudio, exampleTruth } from '../helpers/audio';

const F = Math.fround;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The example's onset windows at another rate (nearest-sample resampling is enough for a test signal). */
function framesAt(hz: number): Float32Array[] {
  const x = exampleAudio().mono;
  const n = windowSamplesAt(hz);
  const back = Math.round((16 * hz) / 44100);
  return exampleTruth().map((s) => Float32Array.from({ length: n }, (_, i) => x[Math.round(s + ((i - back) * 44100) / hz)] ?? 0));
}

const hit = (id: number, samples: ArrayLike<number>) => encodeOsc('/timbreremap/hit', 'f'.repeat(samples.length + 1), [id, ...Array.from(samples)]);
const of = (c: Client, address: string): OscMsg[] => c.messages.filter((m) => m.address === address);

async function expected(setup: (e: Engine) => Promise<void> | void, frame: ArrayLike<number>, hz = 44100) {
  const e = new Engine({ sampleRateHz: hz });
  await setup(e);
  const r = await e.processFrame(frame);
  if (!r.ok) throw new Error(r.error);
  return r;
}

describe('OSC sessions', () => {
  let modelBase: string;
  const frames = exampleFrames();
  beforeAll(() => {
    modelBase = writeTestModel('808_snare_3');
  });

  for (const n of [2, 3]) {
    it(`${n} clients playing at once: each gets only its own answers, from its own state (0 crossed replies)`, async () => {
      const bridge = await startOscBridge({ port: 0, allow: [dirname(modelBase)] });
      const clients = await Promise.all(Array.from({ length: n }, () => openClient()));
      // Different state per client: a preset, another preset at another sensitivity, a model at 48 kHz.
      type Setup = { msgs: Buffer[]; hz: number; engine: (e: Engine) => Promise<void> | void };
      const all: Setup[] = [
        { msgs: [encodeOsc('/timbreremap/preset', 's', ['808_snare_1'])], hz: 44100, engine: (e) => void e.setPreset('808_snare_1') },
        { msgs: [encodeOsc('/timbreremap/preset', 's', ['808_snare_2']), encodeOsc('/timbreremap/sensitivity', 'f', [2])], hz: 44100, engine: (e) => void (e.setPreset('808_snare_2'), e.setSensitivity(2)) },
        { msgs: [encodeOsc('/timbreremap/samplerate', 'f', [48000]), encodeOsc('/timbreremap/load', 's', [modelBase])], hz: 48000, engine: async (e) => void (await e.loadModel(modelBase)) },
      ];
      const setups = all.slice(0, n);
      try {
        for (const [i, c] of clients.entries()) {
          for (const m of setups[i].msgs) await c.send(m, bridge.address.port);
          await c.waitFor((m) => m.filter((x) => x.address === '/timbreremap/status').length >= setups[i].msgs.length);
        }
        expect(bridge.sessionCount).toBe(n);
        const rounds = 12;
        const inputs = setups.map((s) => (s.hz === 44100 ? frames : framesAt(s.hz)));
        for (let k = 0; k < rounds; k++) {
          // Every client sends its hit in the same instant; ids say whose hit it is.
          await Promise.all(clients.map((c, i) => c.send(hit(1000 * (i + 1) + k, inputs[i][k]), bridge.address.port)));
          await Promise.all(clients.map((c) => c.waitFor((m) => m.filter((x) => x.address === '/timbreremap/features').length >= k + 1)));
        }
        for (const [i, c] of clients.entries()) {
          const answers = of(c, '/timbreremap/answer');
          expect(answers.map((a) => a.args[0])).toEqual(Array.from({ length: rounds }, (_, k) => 1000 * (i + 1) + k));
          for (let k = 0; k < rounds; k++) {
            const want = await expected(setups[i].engine, inputs[i][k], setups[i].hz);
            expect(answers[k].args.slice(1)).toEqual(Array.from(want.physical, F));
          }
          expect(c.count('/timbreremap/error')).toBe(0);
        }
      } finally {
        await bridge.close();
        for (const c of clients) await c.close();
      }
    });
  }

  it('hello: welcome 0 and the state for a new sender, welcome 1 after; the rate it carries is the session rate', async () => {
    const bridge = await startOscBridge({ port: 0 });
    const c = await openClient();
    try {
      await c.send(encodeOsc('/timbreremap/hello', 'f', [48000]), bridge.address.port);
      await c.waitFor((m) => ['welcome', 'base', 'detector', 'model'].every((a) => m.some((x) => x.address === `/timbreremap/${a}`)));
      expect(of(c, '/timbreremap/welcome').map((m) => m.args)).toEqual([[0]]);
      expect(c.messages[0].address).toBe('/timbreremap/welcome'); // nothing before the welcome
      expect(bridge.session('127.0.0.1', c.port)!.engine.sampleRateHz).toBe(48000);
      await sleep(120); // past STATE_RESEND_MS
      await c.send(encodeOsc('/timbreremap/hello', '', []), bridge.address.port);
      await c.waitFor((m) => of(c, '/timbreremap/welcome').length === 2 && m.filter((x) => x.address === '/timbreremap/model').length === 2);
      expect(of(c, '/timbreremap/welcome')[1].args).toEqual([1]);
      // Heartbeats in quick succession get only the welcome (no state flood).
      for (let i = 0; i < 5; i++) await c.send(encodeOsc('/timbreremap/hello', '', []), bridge.address.port);
      await c.waitFor(() => of(c, '/timbreremap/welcome').length === 7);
      await sleep(50);
      expect(of(c, '/timbreremap/base').length).toBeLessThanOrEqual(3);
    } finally {
      await bridge.close();
      await c.close();
    }
  });

  it('a bridge restart: the client re-sends its state on welcome 0 and its model answers again', async () => {
    let bridge = await startOscBridge({ port: 0, allow: [dirname(modelBase)] });
    const port = bridge.address.port;
    const c = await openClient();
    // A client as tr.remap should be: hello every 100 ms; on welcome 0 it re-sends its state.
    let resends = 0;
    const state = () => [encodeOsc('/timbreremap/samplerate', 'f', [48000]), encodeOsc('/timbreremap/load', 's', [modelBase]), encodeOsc('/timbreremap/sensitivity', 'f', [1.5])];
    c.socket.on('message', (buf) => {
      if (buf.toString('latin1', 0, 20) === '/timbreremap/welcome' && buf.readFloatBE(buf.length - 4) === 0) {
        resends++;
        for (const m of state()) void c.send(m, port);
      }
    });
    const heartbeat = setInterval(() => void c.send(encodeOsc('/timbreremap/hello', 'f', [48000]), port).catch(() => undefined), 100);
    const f48 = framesAt(48000);
    const want = await expected(async (e) => void (await e.loadModel(modelBase), e.setSensitivity(1.5)), f48[2], 48000);
    const answered = async (id: number) => {
      await c.send(hit(id, f48[2]), port);
      await c.waitFor((m) => m.some((x) => x.address === '/timbreremap/answer' && x.args[0] === id), 3000);
      return of(c, '/timbreremap/answer').find((x) => x.args[0] === id)!.args.slice(1);
    };
    try {
      await c.waitFor(() => resends === 1 && bridge.session('127.0.0.1', c.port)?.model === 'linear', 5000);
      expect(await answered(1)).toEqual(Array.from(want.physical, F));
      await bridge.close();
      await sleep(300); // hellos into the void
      bridge = await startOscBridge({ port, allow: [dirname(modelBase)] });
      await c.waitFor(() => resends === 2 && bridge.session('127.0.0.1', c.port)?.model === 'linear', 5000);
      expect(await answered(2)).toEqual(Array.from(want.physical, F)); // how fast: bench/osc.bench.ts (osc-restart)
    } finally {
      clearInterval(heartbeat);
      await bridge.close();
      await c.close();
    }
  });

  it('a frame whose length names one standard rate is answered at that rate, with a status saying so', async () => {
    const bridge = await startOscBridge({ port: 0 });
    const c = await openClient();
    try {
      const f = framesAt(48000)[4];
      expect(f.length).toBe(279);
      await c.send(encodeOsc('/timbreremap/frame', 'f'.repeat(f.length), Array.from(f)), bridge.address.port);
      await c.waitFor((m) => m.some((x) => x.address === '/timbreremap/features'));
      expect(of(c, '/timbreremap/status')[0].args[0]).toMatch(/frame has 279 samples, the onset window at 48000 Hz: this session now expects 48000 Hz frames \(was 44100 Hz\)/);
      const want = await expected(() => undefined, f, 48000);
      expect(of(c, '/timbreremap/params')[0].args).toEqual(Array.from(want.params01, F));
      // A length no standard rate has stays an error.
      await c.send(encodeOsc('/timbreremap/frame', 'f'.repeat(300), new Array(300).fill(0.01)), bridge.address.port);
      await c.waitFor((m) => m.some((x) => x.address === '/timbreremap/error'));
      expect(of(c, '/timbreremap/error')[0].args[0]).toMatch(/300 samples; expected 279/);
    } finally {
      await bridge.close();
      await c.close();
    }
  });

  it('/detector sends the model detector settings complete, in ONSET_SETTINGS order, strings as s', async () => {
    const opts: OnsetOptions = { mode: 'reference', triggerDb: 12, holdSamples: 900 };
    class DetectorEngine extends Engine {
      override detectorOptions(): OnsetOptions | null {
        return opts;
      }
    }
    const bridge = await startOscBridge({ port: 0, createEngine: () => new DetectorEngine() });
    const c = await openClient();
    try {
      await c.send(encodeOsc('/timbreremap/hello', '', []), bridge.address.port);
      await c.waitFor((m) => m.some((x) => x.address === '/timbreremap/detector'));
      const d = of(c, '/timbreremap/detector')[0];
      const resolved = createOnsetDetector(44100, opts).settings as unknown as Record<string, number | string>;
      const ids = ONSET_SETTINGS.map((s) => s.id as string).filter((id) => id in resolved);
      const rest = Object.keys(resolved).filter((k) => !ids.includes(k));
      expect(rest).toEqual(['rearmLogic']);
      expect(d.args).toEqual(['reference', ...[...ids, ...rest].flatMap((id) => [id, typeof resolved[id] === 'number' ? F(resolved[id] as number) : resolved[id]])]);
      expect(d.tags).toBe(`s${[...ids, ...rest].map((id) => (typeof resolved[id] === 'number' ? 'sf' : 'ss')).join('')}`);
      expect(d.args.slice(1, 3)).toEqual(['triggerDb', 12]);
    } finally {
      await bridge.close();
      await c.close();
    }
  });

  it('bounded: the least recently heard session is evicted, idle ones expire, new senders are admitted at a bounded rate', async () => {
    const bridge = await startOscBridge({ port: 0, limits: { maxSessions: 2, idleMs: 300 } });
    const [a, b, c] = await Promise.all([openClient(), openClient(), openClient()]);
    const hello = (x: Client) => x.send(encodeOsc('/timbreremap/hello', '', []), bridge.address.port);
    const welcomes = (x: Client) => of(x, '/timbreremap/welcome').map((m) => m.args[0]);
    try {
      await hello(a);
      await a.waitFor(() => welcomes(a).length === 1);
      await hello(b);
      await b.waitFor(() => welcomes(b).length === 1);
      await hello(c); // evicts a (least recently heard)
      await c.waitFor(() => welcomes(c).length === 1);
      expect(bridge.sessionCount).toBe(2);
      expect(bridge.session('127.0.0.1', a.port)).toBeUndefined();
      await hello(b);
      await b.waitFor(() => welcomes(b).length === 2);
      expect(welcomes(b)).toEqual([0, 1]);
      await hello(a); // back, but forgotten: welcome 0
      await a.waitFor(() => welcomes(a).length === 2);
      expect(welcomes(a)).toEqual([0, 0]);
      await sleep(1600); // idle 300 ms, checked every second
      expect(bridge.sessionCount).toBe(0);
    } finally {
      await bridge.close();
      for (const x of [a, b, c]) await x.close();
    }
    const slow = await startOscBridge({ port: 0, limits: { newSessionsPerSecond: 2 } });
    const many = await Promise.all(Array.from({ length: 6 }, () => openClient()));
    try {
      for (const x of many) await x.send(encodeOsc('/timbreremap/hello', '', []), slow.address.port);
      await sleep(200);
      expect(slow.sessionCount).toBe(2);
      expect(slow.stats.dropped).toBe(4);
      expect(many.filter((x) => x.count('/timbreremap/welcome') > 0)).toHaveLength(2);
    } finally {
      await slow.close();
      for (const x of many) await x.close();
    }
  });

  it('/base follows the session: the model preset after load, each client its own', async () => {
    const bridge = await startOscBridge({ port: 0, allow: [dirname(modelBase)] });
    const [a, b] = await Promise.all([openClient(), openClient()]);
    try {
      await a.send(encodeOsc('/timbreremap/load', 's', [modelBase]), bridge.address.port);
      await b.send(encodeOsc('/timbreremap/preset', 's', ['808_snare_2']), bridge.address.port);
      // b's welcome 0 and preset fall in one event-loop turn: one set of state replies (coalesced).
      await a.waitFor((m) => m.some((x) => x.address === '/timbreremap/model' && x.args[0] === 'linear'));
      await b.waitFor((m) => m.some((x) => x.address === '/timbreremap/status') && m.some((x) => x.address === '/timbreremap/model'));
      await sleep(20);
      const base = (x: Client) => of(x, '/timbreremap/base').pop()!.args;
      const m = new Engine();
      await m.loadModel(modelBase);
      expect(base(a)).toEqual(Array.from(toPhysical(m.baseParams01()), F));
      expect(base(b)).toEqual(Array.from(toPhysical(new Engine({ preset: '808_snare_2' }).baseParams01()), F));
      expect(of(a, '/timbreremap/model').pop()!.args).toEqual(['linear']);
      expect(of(b, '/timbreremap/model').pop()!.args).toEqual(['none']);
    } finally {
      await bridge.close();
      await a.close();
      await b.close();
    }
  });
});
