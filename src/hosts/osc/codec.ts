/**
 * OSC 1.0 packets ↔ values, for the bridge's raw UDP socket. Written here rather than taken from
 * node-osc because the bridge must look at a packet's address before decoding anything else
 * (only `/timbreremap/…` is decoded further; node-osc's Server turned every address into an event
 * name, issue 12.1), must bound bundle nesting and size, and reads a frame's 256 floats without an
 * object per argument. Decoding never throws: a bad packet gives a `problem` naming what is wrong.
 */
import { OSC_PREFIX } from './addresses';

/** One decoded message. `tags` are the type tags without the comma; `args[i]` belongs to `tags[i]`. */
export interface OscMessage {
  readonly address: string;
  readonly tags: string;
  readonly args: readonly OscValue[];
}

/** f, i, d → number; s, S, c → string; b → Uint8Array; T/F → boolean; N, I → null; h, t → bigint; m, r → number. */
export type OscValue = number | string | Uint8Array | boolean | null | bigint;

export interface DecodeLimits {
  /** Bundles inside bundles: how deep (1 = a bundle of messages). */
  maxBundleDepth: number;
  /** Messages per packet (all bundle levels together). */
  maxMessages: number;
  /** Arguments per message: more are refused before any is decoded. */
  maxArgs?: number;
}

export interface DecodedPacket {
  /** Messages under the prefix, decoded, in packet order. */
  messages: OscMessage[];
  /** Addresses outside the prefix: not decoded further. */
  foreign: string[];
  /** What was wrong (one line each); elements after an unrecoverable problem are lost. */
  problems: string[];
  bundles: number;
}

const PREFIX_SLASH = Buffer.from(`${OSC_PREFIX}/`, 'latin1');
const BUNDLE_TAG = Buffer.from('#bundle\0', 'latin1');

class DecodeError extends Error {}

const pad4 = (n: number) => (n + 3) & ~3;

/** Read a null-terminated, 4-byte padded string in [off, end); returns it and the next offset. */
function readString(b: Buffer, off: number, end: number, what: string): [string, number] {
  let z = off;
  while (z < end && b[z] !== 0) z++;
  if (z >= end) throw new DecodeError(`${what} is not terminated (no 0 byte before the end of the packet)`);
  const next = pad4(z + 1);
  if (next > end) throw new DecodeError(`${what} lacks its 4-byte padding`);
  return [b.toString('utf8', off, z), next];
}

function need(off: number, n: number, end: number, tag: string, i: number): void {
  if (off + n > end) throw new DecodeError(`argument ${i} (type ${tag}) needs ${n} bytes; the packet ends after ${end - off}`);
}

function decodeArgs(b: Buffer, off: number, end: number, tags: string): OscValue[] {
  const args = new Array<OscValue>(tags.length);
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    switch (t) {
      case 'f':
        need(off, 4, end, t, i);
        args[i] = b.readFloatBE(off);
        off += 4;
        break;
      case 'i':
        need(off, 4, end, t, i);
        args[i] = b.readInt32BE(off);
        off += 4;
        break;
      case 'm':
      case 'r':
        need(off, 4, end, t, i);
        args[i] = b.readUInt32BE(off);
        off += 4;
        break;
      case 'c':
        need(off, 4, end, t, i);
        args[i] = String.fromCharCode(b.readUInt32BE(off) & 0xffff);
        off += 4;
        break;
      case 'd':
        need(off, 8, end, t, i);
        args[i] = b.readDoubleBE(off);
        off += 8;
        break;
      case 'h':
      case 't':
        need(off, 8, end, t, i);
        args[i] = b.readBigInt64BE(off);
        off += 8;
        break;
      case 's':
      case 'S': {
        const [s, next] = readString(b, off, end, `string argument ${i}`);
        args[i] = s;
        off = next;
        break;
      }
      case 'b': {
        need(off, 4, end, t, i);
        const n = b.readInt32BE(off);
        off += 4;
        if (n < 0 || off + n > end) throw new DecodeError(`blob argument ${i} claims ${n} bytes; the packet holds ${end - off}`);
        args[i] = new Uint8Array(b.buffer, b.byteOffset + off, n);
        off = pad4(off + n);
        break;
      }
      case 'T':
        args[i] = true;
        break;
      case 'F':
        args[i] = false;
        break;
      case 'N':
      case 'I':
        args[i] = null;
        break;
      default:
        throw new DecodeError(`type tag "${printable(t)}" (argument ${i}) is not an OSC 1.0 type`);
    }
  }
  return args;
}

function printable(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function isOurs(b: Buffer, off: number, end: number): boolean {
  return end - off > PREFIX_SLASH.length && b.compare(PREFIX_SLASH, 0, PREFIX_SLASH.length, off, off + PREFIX_SLASH.length) === 0;
}

function decodeMessage(b: Buffer, off: number, end: number, out: DecodedPacket, limits: DecodeLimits): void {
  if (b[off] !== 0x2f) throw new DecodeError(`not an OSC message (an address starts with "/", a bundle with "#bundle")`);
  const ours = isOurs(b, off, end);
  const [address, o1] = readString(b, off, end, 'the address');
  // The address decides before anything else: a foreign message is never decoded further.
  if (!ours) {
    out.foreign.push(address);
    return;
  }
  if (o1 >= end) {
    // OSC 1.0 allows a message without type tags (old senders): no arguments.
    out.messages.push({ address, tags: '', args: [] });
    return;
  }
  if (b[o1] !== 0x2c) throw new DecodeError(`${address}: the type tag string must start with ","`);
  const [tagStr, o2] = readString(b, o1, end, `${address}: the type tags`);
  const tags = tagStr.slice(1);
  if (limits.maxArgs !== undefined && tags.length > limits.maxArgs) throw new DecodeError(`${address}: ${tags.length} arguments; at most ${limits.maxArgs} are accepted`);
  try {
    out.messages.push({ address, tags, args: decodeArgs(b, o2, end, tags) });
  } catch (e) {
    if (e instanceof DecodeError) throw new DecodeError(`${address}: ${e.message}`);
    throw e;
  }
}

function decodeBundle(b: Buffer, off: number, end: number, depth: number, out: DecodedPacket, limits: DecodeLimits): void {
  if (depth > limits.maxBundleDepth) throw new DecodeError(`bundles nested more than ${limits.maxBundleDepth} deep`);
  out.bundles++;
  if (end - off < 16) throw new DecodeError('bundle shorter than its 16-byte header ("#bundle", time tag)');
  let p = off + 16;
  while (p < end) {
    if (p + 4 > end) throw new DecodeError('bundle element size cut off');
    const size = b.readInt32BE(p);
    p += 4;
    if (size <= 0 || p + size > end) throw new DecodeError(`bundle element claims ${size} bytes; ${end - p} remain`);
    if (out.messages.length + out.foreign.length >= limits.maxMessages) throw new DecodeError(`more than ${limits.maxMessages} messages in one packet`);
    decodeElement(b, p, p + size, depth + 1, out, limits);
    p += size;
  }
}

function decodeElement(b: Buffer, off: number, end: number, depth: number, out: DecodedPacket, limits: DecodeLimits): void {
  if (end - off >= 8 && b.compare(BUNDLE_TAG, 0, 8, off, off + 8) === 0) decodeBundle(b, off, end, depth, out, limits);
  else decodeMessage(b, off, end, out, limits);
}

/** Decode one UDP payload. Never throws. */
export function decodePacket(b: Buffer, limits: DecodeLimits): DecodedPacket {
  const out: DecodedPacket = { messages: [], foreign: [], problems: [], bundles: 0 };
  if (b.length === 0) {
    out.problems.push('empty packet');
    return out;
  }
  try {
    decodeElement(b, 0, b.length, 1, out, limits);
  } catch (e) {
    out.problems.push(e instanceof DecodeError ? e.message : `undecodable packet (${e instanceof Error ? e.message : String(e)})`);
  }
  return out;
}

/** A reply argument: float32, int32 or string (the only types the bridge sends). */
export type OutArg = { type: 'f' | 'i'; value: number } | { type: 's'; value: string };

/** Encode one message with float32 (`f`), int32 (`i`) and string (`s`) arguments. */
export function encodeMessage(address: string, args: readonly OutArg[]): Buffer {
  const strs: Buffer[] = [];
  let size = pad4(Buffer.byteLength(address) + 1) + pad4(args.length + 2);
  for (const a of args) {
    if (a.type === 's') {
      const s = Buffer.from(a.value, 'utf8');
      strs.push(s);
      size += pad4(s.length + 1);
    } else size += 4;
  }
  const b = Buffer.alloc(size);
  let p = b.write(address, 0, 'utf8');
  p = pad4(p + 1);
  b[p] = 0x2c;
  for (let i = 0; i < args.length; i++) b[p + 1 + i] = args[i].type.charCodeAt(0);
  p = pad4(p + args.length + 2);
  let si = 0;
  for (const a of args) {
    if (a.type === 'f') {
      b.writeFloatBE(a.value, p);
      p += 4;
    } else if (a.type === 'i') {
      b.writeInt32BE(a.value | 0, p);
      p += 4;
    } else {
      const s = strs[si++];
      s.copy(b, p);
      p = pad4(p + s.length + 1);
    }
  }
  return b;
}

/** Encode `address ,f…` with an optional leading float (a hit id) before `values` (the hot path). */
export function encodeFloats(address: string, values: ArrayLike<number>, lead?: number): Buffer {
  const n = values.length + (lead === undefined ? 0 : 1);
  const aLen = pad4(Buffer.byteLength(address) + 1);
  const tLen = pad4(n + 2);
  const b = Buffer.alloc(aLen + tLen + 4 * n);
  b.write(address, 0, 'utf8');
  b[aLen] = 0x2c;
  b.fill(0x66, aLen + 1, aLen + 1 + n); // 'f'
  let p = aLen + tLen;
  if (lead !== undefined) {
    b.writeFloatBE(lead, p);
    p += 4;
  }
  for (let i = 0; i < values.length; i++, p += 4) b.writeFloatBE(values[i], p);
  return b;
}
