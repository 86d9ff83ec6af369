/**
 * The OSC bridge on loopback: replies go to the sender's own port, equal the engine's own results,
 * every kind of bad packet gets a readable error and changes nothing, hits are answered with their
 * id. Ports are ephemeral (unique per run). Floods: flood.test.ts; sessions: sessions.test.ts;
 * files: paths.test.ts.
 */
import '../model/jestRealm';
import { Engine } from '../../src/engine/engine';
import { toPhysical } from '../../src/synth/params';
import { startOscBridge, type OscBridge } from '../../src/hosts/osc';
import { encodeOsc, frameMessage, openClient, type Client, type OscMsg } from './udp';
import { exampleFrames, writeTestModel } from './model';

const F = Math.fround;

async function expectedFor(modelBase: string | null, frame: Float32Array, preset?: string) {
  const e = new Engine(preset ? { preset } : {});
  if (modelBase) expect((await e.loadModel(modelBase)).ok).toBe(true);
  const r = await e.processFrame(frame);
  if (!r.ok) throw new Error(r.error);
  return r;
}

describe('OSC bridge', () => {
  let bridge: OscBridge;
  let c: Client;
  let modelBase: string;
  const frames = exampleFrames();

  beforeAll(async () => {
    modelBase = writeTestModel();
    // The error rate limit is flood.test.ts's subject: here every error must come back.
    bridge = await startOscBridge({ port: 0, host: '127.0.0.1', allow: [modelBase.replace(/\/[^/]+$/, '')], limits: { errorBurst: 1e6, errorsPerSecond: 1e6, globalErrorsPerSecond: 1e6 } });
    c = await openClient();
  });
  afterAll(async () => {
    await bridge?.close();
    await c?.close();
  });
  beforeEach(() => {
    c.messages.length = 0;
  });

  const after = (address: string, n = 1) => c.waitFor((m) => m.filter((x) => x.address === address).length >= n);
  const last = (address: string): OscMsg => [...c.messages].reverse().find((m) => m.address === address) as OscMsg;

  it('binds loopback, greets a new sender with welcome 0 and its state, and answers a frame on its own port as float32', async () => {
    expect(bridge.address.host).toBe('127.0.0.1');
    expect(bridge.address.port).toBeGreaterThan(0);
    expect(bridge.replyPort).toBeNull();
    await c.send(frameMessage(frames[3]), bridge.address.port);
    await after('/timbreremap/model');
    await after('/timbreremap/features');
    const order = c.messages.map((m) => m.address);
    // The unsolicited welcome 0 comes first: this bridge never heard of this client.
    expect(order[0]).toBe('/timbreremap/welcome');
    expect(c.messages[0].args).toEqual([0]);
    expect(order.filter((a) => ['/timbreremap/params', '/timbreremap/physical', '/timbreremap/features'].includes(a))).toEqual(['/timbreremap/params', '/timbreremap/physical', '/timbreremap/features']);
    const want = await expectedFor(null, frames[3]);
    const [p, ph, fe] = ['params', 'physical', 'features'].map((a) => last(`/timbreremap/${a}`));
    expect(p.tags).toBe('f'.repeat(14));
    expect(ph.tags).toBe('f'.repeat(14));
    expect(fe.tags).toBe('fff');
    expect(p.args).toEqual(Array.from(want.params01, F));
    expect(ph.args).toEqual(Array.from(want.physical, F));
    expect(fe.args).toEqual(Array.from(want.features, F));
    // The state: the default preset's physical values, the default detector, no model.
    expect(last('/timbreremap/base').args).toEqual(Array.from(toPhysical(new Engine().baseParams01()), F));
    expect(last('/timbreremap/model').args).toEqual(['none']);
    expect(last('/timbreremap/detector').args[0]).toBe('adaptive');
  });

  it('loads a model over OSC and then answers exactly what the engine computes for each hit', async () => {
    await c.send(encodeOsc('/timbreremap/load', 's', [modelBase]), bridge.address.port);
    await after('/timbreremap/status');
    await after('/timbreremap/model');
    expect(last('/timbreremap/status').args[0]).toContain('loaded model');
    expect(last('/timbreremap/model').args).toEqual(['linear']);
    c.messages.length = 0;
    // One hit at a time, as a drummer plays (a frame sent while an older one waits replaces it: flood.test.ts).
    for (const [i, f] of frames.entries()) {
      await c.send(frameMessage(f), bridge.address.port);
      await after('/timbreremap/features', i + 1);
    }
    const got = c.messages.filter((m) => m.address === '/timbreremap/params');
    const distinct = new Set(got.map((m) => (m.args as number[]).join(',')));
    expect(distinct.size).toBeGreaterThan(20); // the model makes each hit's parameters differ
    for (let i = 0; i < frames.length; i++) {
      const want = await expectedFor(modelBase, frames[i]);
      expect(got[i].args).toEqual(Array.from(want.params01, F));
    }
  });

  it('answers /hit with /answer and /features tagged with the hit id', async () => {
    const ids = [7, 8, 123456];
    for (const [i, id] of ids.entries()) {
      await c.send(encodeOsc('/timbreremap/hit', 'f'.repeat(257), [id, ...frames[i]]), bridge.address.port);
      await after('/timbreremap/features', i + 1);
    }
    const answers = c.messages.filter((m) => m.address === '/timbreremap/answer');
    const feats = c.messages.filter((m) => m.address === '/timbreremap/features');
    expect(answers.map((m) => m.args[0])).toEqual(ids);
    expect(feats.map((m) => m.args[0])).toEqual(ids);
    for (const [i] of ids.entries()) {
      const want = await expectedFor(modelBase, frames[i]);
      expect(answers[i].tags).toBe('f'.repeat(15));
      expect(answers[i].args.slice(1)).toEqual(Array.from(want.physical, F));
      expect(feats[i].args.slice(1)).toEqual(Array.from(want.features, F));
    }
    expect(c.count('/timbreremap/params')).toBe(0);
  });

  it.each([
    ['a wrong frame length', encodeOsc('/timbreremap/frame', 'f'.repeat(100), new Array(100).fill(0.1)), /100 samples; expected 256/],
    ['an empty frame', encodeOsc('/timbreremap/frame', '', []), /is empty/],
    ['a hit without samples', encodeOsc('/timbreremap/hit', 'f', [3]), /\/timbreremap\/hit is empty/],
    ['a hit with a string id', encodeOsc('/timbreremap/hit', 'sf', ['x', 1]), /id must be a number; got the string "x"/],
    ['a string in a frame', encodeOsc('/timbreremap/frame', 'ffs', [0.1, 0.2, 'x']), /sample 2 is the string "x"/],
    ['doubles', encodeOsc('/timbreremap/frame', 'dd', [0.5, 0.25]), /doubles \(d\) are not supported/],
    ['an unknown address', encodeOsc('/timbreremap/fram', 'f', [1]), /unknown address \/timbreremap\/fram/],
    ['a missing prefix', encodeOsc('/frame', 'f', [1]), /every address starts with \/timbreremap/],
    ['a preset index out of the list', encodeOsc('/timbreremap/preset', 'i', [99]), /preset index 99 is not in the list/],
    ['a fractional preset index', encodeOsc('/timbreremap/preset', 'f', [1.5]), /must be a name or a whole-number index/],
    ['too many sensitivity arguments', encodeOsc('/timbreremap/sensitivity', 'ff', [1, 2]), /takes 1 argument \(value: modulation scale/],
    ['a misspelt address', encodeOsc('/timbreremap/lod', 's', ['x']), /Did you mean "\/timbreremap\/load"\?/],
    ['a blob', encodeOsc('/timbreremap/sensitivity', 'T', []), /argument 0 is true \(T\); send float32/],
    ['an unknown preset', encodeOsc('/timbreremap/preset', 's', ['no_such_preset']), /no_such_preset/],
    ['a missing model in the working folder', encodeOsc('/timbreremap/load', 's', ['test/fixtures/no-such-model']), /model file .*no-such-model\.json not found/],
    ['a model outside the allowed folders', encodeOsc('/timbreremap/load', 's', ['/nonexistent/model']), /outside the folders the bridge may use: restart it with --allow DIR/],
    ['random bytes', Buffer.from([1, 2, 3, 4, 5, 6, 7]), /could not decode the OSC packet/],
    ['a truncated frame', frameMessage(frames[0]).subarray(0, 300), /could not decode the OSC packet .*needs 4 bytes/],
    ['a bad sample rate', encodeOsc('/timbreremap/samplerate', 'f', [5]), /sample rate must be between/],
    ['a bad hello', encodeOsc('/timbreremap/hello', 's', ['x']), /hz must be a number/],
    ['cancel without training', encodeOsc('/timbreremap/cancel', '', []), /no training is running/],
    ['epochs out of range', encodeOsc('/timbreremap/train', 'sssf', ['a.wav', '808_snare_1', 'out', 1e6]), /epochs 1000000 is more than 2000/],
    ['zero epochs', encodeOsc('/timbreremap/train', 'sssf', ['a.wav', '808_snare_1', 'out', 0]), /epochs must be at least 1/],
  ])('answers %s on /timbreremap/error', async (_what, packet, text) => {
    await c.send(packet, bridge.address.port);
    await after('/timbreremap/error');
    const e = last('/timbreremap/error');
    expect(e.tags).toBe('s');
    expect(e.args[0]).toMatch(text);
  });

  it('confirms control messages on /timbreremap/status and re-sends the base after preset and reset', async () => {
    await c.send(encodeOsc('/timbreremap/sensitivity', 'f', [7]), bridge.address.port);
    await after('/timbreremap/status');
    expect(last('/timbreremap/status').args[0]).toMatch(/clamped to 4/);
    const s = bridge.session('127.0.0.1', c.port)!;
    expect((s.engine as Engine).sensitivity).toBe(4);
    await c.send(encodeOsc('/timbreremap/sensitivity', 'i', [1]), bridge.address.port);
    await c.send(encodeOsc('/timbreremap/preset', 's', ['808_snare_2']), bridge.address.port);
    await after('/timbreremap/base', 1);
    await c.send(encodeOsc('/timbreremap/reset', '', []), bridge.address.port);
    await after('/timbreremap/status', 4);
    await after('/timbreremap/base', 2);
    expect(c.messages.filter((m) => m.address === '/timbreremap/status').map((m) => m.args[0])).toEqual(['sensitivity 7 (sensitivity 7 is outside 0…4; clamped to 4.)', 'sensitivity 1', expect.stringMatching(/^preset 808_snare_2/), 'reset']);
    expect(last('/timbreremap/model').args).toEqual(['none']);
    expect(last('/timbreremap/base').args).toEqual(Array.from(toPhysical(new Engine({ preset: '808_snare_2' }).baseParams01()), F));
    // The preset now plays unchanged.
    c.messages.length = 0;
    await c.send(frameMessage(frames[0]), bridge.address.port);
    await after('/timbreremap/params');
    const want = await expectedFor(null, frames[0], '808_snare_2');
    expect(last('/timbreremap/params').args).toEqual(Array.from(want.params01, F));
  });

  it('refuses a port that is in use with a message naming it', async () => {
    await expect(startOscBridge({ port: bridge.address.port, engine: new Engine() })).rejects.toThrow(new RegExp(`port ${bridge.address.port} is already in use`));
  });

  it('sends replies to a fixed --reply-port when asked (legacy)', async () => {
    const rx = await openClient();
    const b = await startOscBridge({ port: 0, replyPort: rx.port });
    try {
      await c.send(frameMessage(frames[1]), b.address.port);
      await rx.waitFor((m) => m.some((x) => x.address === '/timbreremap/features'));
      expect(rx.count('/timbreremap/params')).toBe(1);
      expect(c.count('/timbreremap/params')).toBe(0);
    } finally {
      await b.close();
      await rx.close();
    }
  });
});
