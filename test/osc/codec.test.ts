/**
 * The bridge's OSC codec against the spec-written encoder/decoder of ./udp.ts: every OSC 1.0 type
 * decodes, replies encode to what the spec says, foreign addresses are never decoded past the
 * address, and no truncation or random packet throws.
 */
import { decodePacket, encodeFloats, encodeMessage } from '../../src/hosts/osc/codec';
import { decodeOsc, encodeBundle, encodeOsc, prng } from './udp';

const LIMITS = { maxBundleDepth: 4, maxMessages: 64 };
const F = Math.fround;

describe('OSC codec', () => {
  it('decodes f, i, s, d and the argument-less tags of a message under the prefix', () => {
    const b = encodeOsc('/timbreremap/frame', 'fisd', [0.1, -7, 'héllo', 0.25]);
    const d = decodePacket(b, LIMITS);
    expect(d.problems).toEqual([]);
    expect(d.messages).toEqual([{ address: '/timbreremap/frame', tags: 'fisd', args: [F(0.1), -7, 'héllo', 0.25] }]);
    const tf = Buffer.concat([encodeOsc('/timbreremap/x', '', []).subarray(0, 16), Buffer.from(',TFNI\0\0\0', 'latin1')]);
    expect(decodePacket(tf, LIMITS).messages[0]).toEqual({ address: '/timbreremap/x', tags: 'TFNI', args: [true, false, null, null] });
  });

  it('does not decode a foreign message past its address', () => {
    // Its arguments are garbage; only the address is read.
    const b = Buffer.concat([encodeOsc('/elsewhere', '', []).subarray(0, 12), Buffer.from(',fff\0\0\0\0\x01', 'latin1')]);
    const d = decodePacket(b, LIMITS);
    expect(d).toEqual({ messages: [], foreign: ['/elsewhere'], problems: [], bundles: 0 });
  });

  it('walks bundles in order and bounds their depth and size', () => {
    const m = (v: number) => encodeOsc('/timbreremap/sensitivity', 'f', [v]);
    const d = decodePacket(encodeBundle([m(1), encodeBundle([m(2), m(3)]), encodeOsc('/x', '', [])]), LIMITS);
    expect(d.messages.map((x) => x.args[0])).toEqual([1, 2, 3]);
    expect(d.foreign).toEqual(['/x']);
    expect(d.bundles).toBe(2);
    let deep = m(1);
    for (let i = 0; i < 5; i++) deep = encodeBundle([deep]);
    expect(decodePacket(deep, LIMITS).problems[0]).toMatch(/nested more than 4 deep/);
    expect(decodePacket(encodeBundle(Array.from({ length: 65 }, () => m(1))), LIMITS).problems[0]).toMatch(/more than 64 messages/);
  });

  it('never throws: every truncation of valid packets and 20 000 random or mutated packets give messages or problems', () => {
    const valid = [encodeOsc('/timbreremap/frame', 'f'.repeat(8), [1, 2, 3, 4, 5, 6, 7, 8]), encodeOsc('/timbreremap/load', 'ss', ['a', 'b']), encodeBundle([encodeOsc('/timbreremap/reset', '', [])])];
    for (const v of valid) {
      for (let n = 0; n < v.length; n++) {
        const d = decodePacket(v.subarray(0, n), LIMITS);
        expect(d.messages.length + d.problems.length + d.foreign.length + d.bundles).toBeGreaterThan(0); // an empty bundle is valid
      }
    }
    const rnd = prng(5);
    for (let k = 0; k < 20000; k++) {
      let b: Buffer;
      if (k % 2) b = Buffer.from(Array.from({ length: Math.floor(rnd() * 96) }, () => Math.floor(rnd() * 256)));
      else {
        b = Buffer.from(valid[k % valid.length]);
        for (let j = 0; j < 1 + Math.floor(rnd() * 4); j++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
      }
      expect(() => decodePacket(b, LIMITS)).not.toThrow();
    }
  });

  it('encodes replies as the spec says: float32 f, int32 i, padded strings', () => {
    expect(decodeOsc(encodeMessage('/timbreremap/status', [{ type: 's', value: 'ok' }, { type: 'f', value: 0.5 }, { type: 'i', value: 3 }]))).toEqual({ address: '/timbreremap/status', tags: 'sfi', args: ['ok', 0.5, 3] });
    expect(decodeOsc(encodeFloats('/timbreremap/answer', [1.5, 2.25], 42))).toEqual({ address: '/timbreremap/answer', tags: 'fff', args: [42, 1.5, 2.25] });
    const b = encodeFloats('/timbreremap/params', new Float64Array(14).fill(0.1));
    expect(b.length).toBe(20 + 16 + 56); // address 20 (19 + NUL), ",f×14" + NUL = 16, 14 floats
    expect(encodeMessage('/timbreremap/status', [{ type: 's', value: 'abc' }]).length % 4).toBe(0);
  });
});
