/**
 * Hostile packets and floods (issue 12.1 and 12.6): an address that was an event name of the old
 * OSC library (`error`, `message`, `bundle`…) is just an unknown address; bundles are bounded;
 * error replies are rate-limited per sender and never much larger than the request; a client's
 * burst of frames is answered with its newest frame (the older ones counted, not queued); control
 * messages and garbage from others never cost a valid frame its answer. Functional checks only:
 * the timing goals are measured by bench/osc.bench.ts.
 */
import '../model/jestRealm';
import { createSocket } from 'node:dgram';
import { Engine } from '../../src/engine/engine';
import { ERROR_LIMITS, FLOOD_LIMITS, startOscBridge, type OscBridge } from '../../src/hosts/osc';
import { encodeBundle, encodeOsc, frameMessage, openClient, prng, type Client } from './udp';
import { exampleFrames } from './model';

const F = Math.fround;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The packet of issue 12.1, byte for byte: address `error`, no arguments. */
const ERROR_PACKET = Buffer.from('error\0\0\0,\0\0\0', 'latin1');

describe('OSC bridge under hostile packets and floods', () => {
  const frames = exampleFrames();
  let bridge: OscBridge;
  let c: Client;
  const logs: string[] = [];

  beforeEach(async () => {
    logs.length = 0;
    bridge = await startOscBridge({ port: 0, log: (l) => logs.push(l) });
    c = await openClient();
  });
  afterEach(async () => {
    await bridge.close();
    await c.close();
  });

  async function frameAnswered(i: number): Promise<void> {
    const before = c.count('/timbreremap/params');
    await c.send(frameMessage(frames[i]), bridge.address.port);
    await c.waitFor(() => c.count('/timbreremap/features') > before, 3000);
    const want = await new Engine().processFrame(frames[i]);
    expect(want.ok && c.messages.filter((m) => m.address === '/timbreremap/params').pop()!.args).toEqual(want.ok && Array.from(want.params01, F));
  }

  it('the 12-byte "error" packet of issue 12.1 and other event names are refused like any unknown address; nothing else happens', async () => {
    expect(ERROR_PACKET.length).toBe(12);
    const names = ['message', 'bundle', 'listening', 'close', '__proto__', 'constructor', '/error', '/message', '/bundle', '/timbreremap', '/timbreremap/', '/timbreremap/__proto__', '/timbreremap/toString'];
    const packets = [ERROR_PACKET, ...names.map((n) => encodeOsc(n, 'f', [1]))];
    for (const [i, p] of packets.entries()) {
      await c.send(p, bridge.address.port);
      await c.waitFor((m) => m.filter((x) => x.address === '/timbreremap/error').length === i + 1);
      await sleep(1000 / ERROR_LIMITS.perSecond); // stay within the error rate limit: every one must be answered
    }
    const errors = c.messages.filter((m) => m.address === '/timbreremap/error').map((m) => String(m.args[0]));
    // Without a leading "/" it is not an OSC message at all; with one it is an address the bridge does not know.
    for (const [i, e] of errors.entries()) expect(e).toMatch(i <= 6 ? /could not decode the OSC packet \(not an OSC message/ : /unknown address/);
    expect(bridge.sessionCount).toBe(0); // none of these opened a session
    await frameAnswered(0);
  });

  it('bundles: messages inside are handled, nesting and size are bounded, 5 bundles of reset cost no frame its answer', async () => {
    const reset = encodeOsc('/timbreremap/reset', '', []);
    await c.send(encodeBundle([encodeOsc('/timbreremap/sensitivity', 'f', [2]), encodeBundle([encodeOsc('/timbreremap/sensitivity', 'f', [3])])]), bridge.address.port);
    await c.waitFor(() => c.count('/timbreremap/status') === 2);
    expect(c.messages.filter((m) => m.address === '/timbreremap/status').map((m) => m.args[0])).toEqual(['sensitivity 2', 'sensitivity 3']);
    let deep = encodeOsc('/timbreremap/reset', '', []);
    for (let i = 0; i < 5; i++) deep = encodeBundle([deep]);
    await c.send(deep, bridge.address.port);
    await c.send(encodeBundle(Array.from({ length: 65 }, () => reset)), bridge.address.port);
    await c.waitFor(() => c.count('/timbreremap/error') === 2);
    const [e1, e2] = c.messages.filter((m) => m.address === '/timbreremap/error').map((m) => String(m.args[0]));
    expect(e1).toMatch(/bundles nested more than 4 deep/);
    expect(e2).toMatch(/more than 64 messages in one packet/);
    // Issue 12.6: "five bundles of reset lost 14 of the next 20 frames".
    for (let k = 0; k < 5; k++) await c.send(encodeBundle(Array.from({ length: 32 }, () => reset)), bridge.address.port);
    const before = c.count('/timbreremap/params');
    for (let i = 0; i < 20; i++) {
      await c.send(frameMessage(frames[i]), bridge.address.port);
      await sleep(50); // 20 hits per second
    }
    await c.waitFor(() => c.count('/timbreremap/params') - before === 20, 3000);
  });

  it('error replies: per sender at most the burst plus the refill rate, each at most max(2 × request, 256) bytes, and a note of what was held back', async () => {
    const rnd = prng(12);
    const sent: Buffer[] = [];
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) {
      const b = i % 2 ? Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 40) }, () => Math.floor(rnd() * 256))) : encodeOsc(`/x${i}`, '', []);
      sent.push(b);
      await c.send(b, bridge.address.port);
    }
    await sleep(300);
    const dt = (performance.now() - t0) / 1000;
    const errors = c.messages.filter((m) => m.address === '/timbreremap/error');
    expect(errors.length).toBeGreaterThanOrEqual(ERROR_LIMITS.burst);
    expect(errors.length).toBeLessThanOrEqual(ERROR_LIMITS.burst + Math.ceil(ERROR_LIMITS.perSecond * dt) + 1);
    expect(bridge.stats.errorsSuppressed).toBe(2000 - errors.length);
    // Sizes, as they came over the wire.
    const replyBytes = errors.map((m) => encodeOsc(m.address, m.tags, m.args).length);
    for (const n of replyBytes) expect(n).toBeLessThanOrEqual(Math.max(2 * 40, ERROR_LIMITS.minReplyBytes));
    const inBytes = sent.reduce((a, b) => a + b.length, 0);
    const outBytes = replyBytes.reduce((a, b) => a + b, 0);
    // Was 23× the request bytes (issue 12.6); now bounded by the rate limit whatever the flood.
    expect(outBytes).toBeLessThanOrEqual((ERROR_LIMITS.burst + Math.ceil(ERROR_LIMITS.perSecond * dt) + 1) * ERROR_LIMITS.minReplyBytes);
    expect(outBytes).toBeLessThan(inBytes);
    // After a pause the next error says how many were not sent.
    await sleep(1100);
    await c.send(encodeOsc('/nope', '', []), bridge.address.port);
    await c.waitFor(() => c.count('/timbreremap/error') === errors.length + 1);
    expect(String(c.messages.filter((m) => m.address === '/timbreremap/error').pop()!.args[0])).toMatch(/\[\d+ earlier errors not sent: rate limit\]/);
    // A long answer to a short request is cut to the bound (the address list alone is longer).
    await sleep(1100);
    const shortReq = encodeOsc('/timbreremap/no-such-address-here', '', []);
    const n0 = c.count('/timbreremap/error');
    await c.send(shortReq, bridge.address.port);
    await c.waitFor(() => c.count('/timbreremap/error') === n0 + 1);
    const cut = c.messages.filter((m) => m.address === '/timbreremap/error').pop()!;
    expect(shortReq.length).toBeLessThan(ERROR_LIMITS.minReplyBytes / 2);
    expect(encodeOsc(cut.address, cut.tags, cut.args).length).toBeLessThanOrEqual(ERROR_LIMITS.minReplyBytes);
    expect(String(cut.args[0])).toMatch(/^unknown address \/timbreremap\/no-such-address-here\..*…$/);
    await frameAnswered(1);
  });

  it('a burst of one client’s frames is answered with its newest few; the older ones are counted, not queued without bound', async () => {
    const n = 60;
    const burst = Array.from({ length: n }, (_, i) => frameMessage(frames[i % frames.length].map((v) => v * (0.3 + (1.4 * i) / n))));
    // All at once from one socket: most are readable together, so only the newest few of each batch are answered.
    await Promise.all(burst.map((b) => c.send(b, bridge.address.port)));
    await sleep(500);
    const answered = c.count('/timbreremap/params');
    expect(answered).toBeGreaterThanOrEqual(FLOOD_LIMITS.maxPendingFrames);
    expect(answered + bridge.stats.superseded + bridge.stats.stale).toBe(n);
    expect(bridge.stats.superseded).toBeGreaterThan(0);
    // The last answer is for the last frame sent.
    const last = await new Engine().processFrame(frames[(n - 1) % frames.length].map((v) => v * (0.3 + (1.4 * (n - 1)) / n)));
    expect(last.ok && c.messages.filter((m) => m.address === '/timbreremap/params').pop()!.args).toEqual(last.ok && Array.from(last.params01, F));
    await bridge.close();
    expect(logs.join('\n')).toMatch(/flood protection: \d+ stale and \d+ superseded frames not answered/);
  });

  it('a frame that waited in the queue longer than maxFrameAgeMs is not answered (counted as stale); the next one is', async () => {
    // An engine that holds the event loop on one marked frame, as a stall would.
    class SlowEngine extends Engine {
      override async processFrame(frame: ArrayLike<number>) {
        if (frame[0] === 0.25) {
          const until = performance.now() + FLOOD_LIMITS.maxFrameAgeMs + 50;
          while (performance.now() < until) {
            /* busy */
          }
        }
        return super.processFrame(frame);
      }
    }
    const slow = await startOscBridge({ port: 0, createEngine: () => new SlowEngine() });
    try {
      const marked = Float32Array.from(frames[0], (v, i) => (i === 0 ? 0.25 : v));
      // Both readable in one turn: the first holds the loop, the second ages behind it.
      await Promise.all([c.send(frameMessage(marked), slow.address.port), c.send(frameMessage(frames[1]), slow.address.port)]);
      await c.waitFor(() => c.count('/timbreremap/params') === 1, 3000);
      await sleep(100);
      expect(slow.stats.stale).toBe(1);
      expect(c.count('/timbreremap/params')).toBe(1);
      const n = c.count('/timbreremap/params');
      await c.send(frameMessage(frames[2]), slow.address.port);
      await c.waitFor(() => c.count('/timbreremap/params') === n + 1, 3000);
    } finally {
      await slow.close();
    }
  });

  it('a garbage flood from another sender (about 5 000 packets/s) and the client’s own control messages leave every frame at 20/s answered', async () => {
    const flooder = createSocket('udp4');
    await new Promise<void>((r) => flooder.bind(0, '127.0.0.1', r));
    const rnd = prng(99);
    const garbage = Array.from({ length: 64 }, (_, i) =>
      i % 4 === 0 ? ERROR_PACKET
      : i % 4 === 1 ? Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 300) }, () => Math.floor(rnd() * 256)))
      : i % 4 === 2 ? encodeOsc('/timbreremap/frame', 'f'.repeat(100), new Array(100).fill(0.5))
      : encodeBundle([encodeOsc('/timbreremap/reset', '', []), ERROR_PACKET]),
    );
    let flooding = true;
    let floodSent = 0;
    const flood = (async () => {
      while (flooding) {
        for (let k = 0; k < 10; k++) flooder.send(garbage[floodSent++ % garbage.length], bridge.address.port, '127.0.0.1');
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    try {
      const before = c.count('/timbreremap/params');
      for (let i = 0; i < 30; i++) {
        await c.send(frameMessage(frames[i % frames.length]), bridge.address.port);
        if (i % 3 === 0) await c.send(encodeOsc('/timbreremap/sensitivity', 'f', [1]), bridge.address.port);
        await sleep(50);
      }
      await c.waitFor(() => c.count('/timbreremap/params') - before === 30, 3000);
      expect(floodSent).toBeGreaterThan(1000);
      expect(c.count('/timbreremap/error')).toBe(0);
    } finally {
      flooding = false;
      await flood;
      flooder.close();
    }
  });
});
