/**
 * The OSC bridge on loopback: replies equal the engine's own results, every kind of bad packet gets
 * a readable error and changes nothing, 10 000 malformed packets do not crash it, and a 1 000-frame
 * burst in one second is answered completely and in order. Ports are ephemeral (unique per run).
 */
import '../model/jestRealm';
import { Engine } from '../../src/engine/engine';
import { startOscBridge, type OscBridge } from '../../src/hosts/osc';
import { encodeOsc, frameMessage, openReceiver, openSender, prng, type OscMsg, type Receiver } from './udp';
import { exampleFrames, writeTestModel } from './model';

const F = Math.fround;

async function expectedFor(modelBase: string | null, frame: Float32Array) {
  const e = new Engine();
  if (modelBase) expect((await e.loadModel(modelBase)).ok).toBe(true);
  const r = await e.processFrame(frame);
  if (!r.ok) throw new Error(r.error);
  return r;
}

describe('OSC bridge', () => {
  let bridge: OscBridge;
  let rx: Receiver;
  let tx: Awaited<ReturnType<typeof openSender>>;
  let modelBase: string;
  const frames = exampleFrames();

  beforeAll(async () => {
    modelBase = writeTestModel();
    rx = await openReceiver();
    tx = await openSender();
    bridge = await startOscBridge({ port: 0, replyPort: rx.port, host: '127.0.0.1', engine: new Engine() });
  });
  afterAll(async () => {
    await bridge?.close();
    await rx?.close();
    await tx?.close();
  });
  beforeEach(() => {
    rx.messages.length = 0;
  });

  const after = (address: string, n = 1) => rx.waitFor((m) => m.filter((x) => x.address === address).length >= n);
  const last = (address: string): OscMsg => [...rx.messages].reverse().find((m) => m.address === address) as OscMsg;

  it('binds loopback on the asked port and answers a frame with params, physical and features as float32', async () => {
    expect(bridge.address.host).toBe('127.0.0.1');
    expect(bridge.address.port).toBeGreaterThan(0);
    await tx.send(frameMessage(frames[3]), bridge.address.port);
    await after('/timbreremap/features');
    const order = rx.messages.map((m) => m.address);
    expect(order).toEqual(['/timbreremap/params', '/timbreremap/physical', '/timbreremap/features']);
    const want = await expectedFor(null, frames[3]);
    const [p, ph, fe] = rx.messages;
    expect(p.tags).toBe('f'.repeat(14));
    expect(ph.tags).toBe('f'.repeat(14));
    expect(fe.tags).toBe('fff');
    expect(p.args).toEqual(Array.from(want.params01, F));
    expect(ph.args).toEqual(Array.from(want.physical, F));
    expect(fe.args).toEqual(Array.from(want.features, F));
  });

  it('loads a model over OSC and then answers exactly what the engine computes for each hit', async () => {
    await tx.send(encodeOsc('/timbreremap/load', 's', [modelBase]), bridge.address.port);
    await after('/timbreremap/status');
    expect(last('/timbreremap/status').args[0]).toContain('loaded model');
    rx.messages.length = 0;
    for (const f of frames) await tx.send(frameMessage(f), bridge.address.port);
    await after('/timbreremap/params', frames.length);
    const got = rx.messages.filter((m) => m.address === '/timbreremap/params');
    const distinct = new Set(got.map((m) => (m.args as number[]).join(',')));
    expect(distinct.size).toBeGreaterThan(20); // the model makes each hit's parameters differ
    for (let i = 0; i < frames.length; i++) {
      const want = await expectedFor(modelBase, frames[i]);
      expect(got[i].args).toEqual(Array.from(want.params01, F));
    }
  });

  it.each([
    ['a wrong frame length', encodeOsc('/timbreremap/frame', 'f'.repeat(100), new Array(100).fill(0.1)), /100 samples; expected 256/],
    ['an empty frame', encodeOsc('/timbreremap/frame', '', []), /empty/],
    ['a string in a frame', encodeOsc('/timbreremap/frame', 'ffs', [0.1, 0.2, 'x']), /sample 2 is the string "x"/],
    ['doubles', encodeOsc('/timbreremap/frame', 'dd', [0.5, 0.25]), /doubles \(d\) are not supported/],
    ['an unknown address', encodeOsc('/timbreremap/fram', 'f', [1]), /unknown address \/timbreremap\/fram/],
    ['a missing prefix', encodeOsc('/frame', 'f', [1]), /every address starts with \/timbreremap/],
    ['a preset index out of the list', encodeOsc('/timbreremap/preset', 'i', [99]), /preset index 99 is not in the list/],
    ['a fractional preset index', encodeOsc('/timbreremap/preset', 'f', [1.5]), /must be a name or a whole-number index/],
    ['too many sensitivity arguments', encodeOsc('/timbreremap/sensitivity', 'ff', [1, 2]), /takes 1 argument \(value: modulation scale/],
    ['an unknown preset', encodeOsc('/timbreremap/preset', 's', ['no_such_preset']), /no_such_preset/],
    ['a missing model', encodeOsc('/timbreremap/load', 's', ['/nonexistent/model']), /could not load model/],
    ['random bytes', Buffer.from([1, 2, 3, 4, 5, 6, 7]), /could not decode the OSC packet/],
    ['a bad sample rate', encodeOsc('/timbreremap/samplerate', 'f', [5]), /sample rate must be between/],
    ['cancel without training', encodeOsc('/timbreremap/cancel', '', []), /no training is running/],
  ])('answers %s on /timbreremap/error', async (_what, packet, text) => {
    await tx.send(packet, bridge.address.port);
    await after('/timbreremap/error');
    const e = last('/timbreremap/error');
    expect(e.tags).toBe('s');
    expect(e.args[0]).toMatch(text);
  });

  it('confirms control messages on /timbreremap/status (clamping is reported)', async () => {
    await tx.send(encodeOsc('/timbreremap/sensitivity', 'f', [7]), bridge.address.port);
    await after('/timbreremap/status');
    expect(last('/timbreremap/status').args[0]).toMatch(/clamped to 4/);
    expect(bridge.engine instanceof Engine && (bridge.engine as Engine).sensitivity).toBe(4);
    await tx.send(encodeOsc('/timbreremap/sensitivity', 'i', [1]), bridge.address.port);
    await tx.send(encodeOsc('/timbreremap/preset', 's', ['808_snare_2']), bridge.address.port);
    await tx.send(encodeOsc('/timbreremap/reset', '', []), bridge.address.port);
    await after('/timbreremap/status', 4);
    expect(rx.messages.map((m) => m.args[0])).toEqual(['sensitivity 7 (sensitivity 7 is outside 0…4; clamped to 4.)', 'sensitivity 1', expect.stringMatching(/^preset 808_snare_2/), 'reset']);
    // The preset now plays unchanged.
    rx.messages.length = 0;
    await tx.send(frameMessage(frames[0]), bridge.address.port);
    await after('/timbreremap/params');
    const e = new Engine({ preset: '808_snare_2' });
    const want = await e.processFrame(frames[0]);
    expect(want.ok && rx.messages[0].args).toEqual(want.ok && Array.from(want.params01, F));
    await tx.send(encodeOsc('/timbreremap/load', 's', [modelBase]), bridge.address.port);
    await after('/timbreremap/status', 1);
  });

  it('survives 10 000 malformed packets, answering each with an error, then answers a valid frame correctly', async () => {
    const rnd = prng(20240705);
    const kinds: Array<() => Buffer> = [
      () => Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 200) }, () => Math.floor(rnd() * 256))), // random bytes
      () => Buffer.concat([Buffer.from('/timbreremap/frame\0\0,'), Buffer.from(Array.from({ length: 3 }, () => 33 + Math.floor(rnd() * 90))), Buffer.alloc(12)]), // random type tags
      () => encodeOsc('/timbreremap/frame', 'f'.repeat(1 + Math.floor(rnd() * 255)), new Array(256).fill(0.01)), // short frames
      () => encodeOsc('/timbreremap/frame', '', []), // empty frame
      () => encodeOsc('/timbreremap/frame', 'f'.repeat(9000), new Array(9000).fill(0.01)), // oversized frame
      () => encodeOsc('/timbreremap/frame', 'd'.repeat(256), new Array(256).fill(0.01)), // doubles
      () => encodeOsc('/timbreremap/sensitivity', 'ff', [1, 2]), // wrong argument count
      () => encodeOsc('/timbreremap/load', '', []),
      () => encodeOsc(`/nope/${Math.floor(rnd() * 1e6)}`, 'f', [1]), // unknown address
      () => encodeOsc('/timbreremap/preset', 'f', [4.5]), // wrong type (an index must be whole)
      () => Buffer.alloc(0), // empty packet
      () => encodeOsc('/timbreremap/frame', 'f'.repeat(256), new Array(256).fill(0.01)).subarray(0, 300), // truncated
    ];
    const total = 10000;
    // Lock-step (each packet's reply awaited): a count that must match exactly, with no UDP buffer in the way.
    for (let i = 0; i < total; i++) {
      await tx.send(kinds[i % kinds.length](), bridge.address.port);
      await rx.waitFor((m) => m.length > i, 5000);
    }
    expect(rx.messages.length).toBe(total);
    expect(rx.messages.every((m) => m.address === '/timbreremap/error' && m.tags === 's' && (m.args[0] as string).length > 20)).toBe(true);
    // Still alive and still right.
    rx.messages.length = 0;
    await tx.send(frameMessage(frames[5]), bridge.address.port);
    await after('/timbreremap/params');
    const want = await expectedFor(modelBase, frames[5]);
    expect(rx.messages[0].args).toEqual(Array.from(want.params01, F));
  });

  it('answers every frame of a 1 000-frame burst sent within one second, in order', async () => {
    const rnd = prng(7);
    const x = frames;
    const burst = Array.from({ length: 1000 }, (_, i) => {
      const f = x[i % x.length];
      const g = 0.2 + 1.6 * rnd(); // vary the level so each hit's parameters differ
      return Float32Array.from(f, (v) => v * g);
    });
    const framesBefore = bridge.stats.frames;
    const t0 = performance.now();
    for (let i = 0; i < burst.length; i++) {
      await tx.send(frameMessage(burst[i]), bridge.address.port);
      const due = t0 + (i + 1) * 0.95; // 1 000 frames in 0.95 s
      while (performance.now() < due) await new Promise((r) => setImmediate(r));
    }
    const sendMs = performance.now() - t0;
    expect(sendMs).toBeLessThan(1500);
    await rx.waitFor((m) => m.filter((a) => a.address === '/timbreremap/features').length >= burst.length, 10000);
    const params = rx.messages.filter((m) => m.address === '/timbreremap/params');
    expect(bridge.stats.frames - framesBefore).toBe(1000);
    expect(params.length).toBe(1000);
    expect(rx.count('/timbreremap/error')).toBe(0);
    const e = new Engine();
    expect((await e.loadModel(modelBase)).ok).toBe(true);
    for (let i = 0; i < burst.length; i += 37) {
      const r = await e.processFrame(burst[i]);
      expect(r.ok && params[i].args).toEqual(r.ok && Array.from(r.params01, F));
    }
  });

  it('refuses a port that is in use with a message naming it', async () => {
    await expect(startOscBridge({ port: bridge.address.port, replyPort: rx.port, engine: new Engine() })).rejects.toThrow(new RegExp(`port ${bridge.address.port} is already in use`));
  });
});
