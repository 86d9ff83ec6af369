/**
 * Test helpers: a minimal OSC 1.0 encoder/decoder written from the spec (independent of node-osc,
 * so the tests check the bridge's bytes, type tags included) and a UDP receiver that collects replies.
 */
import { createSocket, type Socket } from 'node:dgram';

export interface OscMsg {
  address: string;
  tags: string;
  args: Array<number | string>;
}

const pad4 = (n: number) => (n + 3) & ~3;

function oscString(s: string): Buffer {
  const raw = Buffer.from(s, 'utf8');
  const out = Buffer.alloc(pad4(raw.length + 1));
  raw.copy(out);
  return out;
}

/** Encode a message; `tags` gives each argument's type (f, i, s, d, or anything for raw bytes). */
export function encodeOsc(address: string, tags: string, args: Array<number | string>): Buffer {
  const parts: Buffer[] = [oscString(address), oscString(`,${tags}`)];
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    const a = args[i];
    if (t === 'f') {
      const b = Buffer.alloc(4);
      b.writeFloatBE(a as number);
      parts.push(b);
    } else if (t === 'i') {
      const b = Buffer.alloc(4);
      b.writeInt32BE(a as number);
      parts.push(b);
    } else if (t === 'd') {
      const b = Buffer.alloc(8);
      b.writeDoubleBE(a as number);
      parts.push(b);
    } else if (t === 's') parts.push(oscString(a as string));
  }
  return Buffer.concat(parts);
}

export function frameMessage(samples: ArrayLike<number>): Buffer {
  return encodeOsc('/timbreremap/frame', 'f'.repeat(samples.length), Array.from(samples));
}

function readString(b: Buffer, off: number): [string, number] {
  let end = off;
  while (end < b.length && b[end] !== 0) end++;
  if (end >= b.length) throw new Error('unterminated OSC string');
  return [b.toString('utf8', off, end), pad4(end + 1)];
}

/** Decode one OSC message (f, i, s only: the bridge must send nothing else). */
export function decodeOsc(b: Buffer): OscMsg {
  const [address, o1] = readString(b, 0);
  const [tagStr, o2] = readString(b, o1);
  if (tagStr[0] !== ',') throw new Error(`no type tags in ${address}`);
  const tags = tagStr.slice(1);
  let off = o2;
  const args: Array<number | string> = [];
  for (const t of tags) {
    if (t === 'f') {
      args.push(b.readFloatBE(off));
      off += 4;
    } else if (t === 'i') {
      args.push(b.readInt32BE(off));
      off += 4;
    } else if (t === 's') {
      const [s, o] = readString(b, off);
      args.push(s);
      off = o;
    } else throw new Error(`unexpected type tag ${t} in ${address}`);
  }
  return { address, tags, args };
}

export interface Receiver {
  port: number;
  socket: Socket;
  messages: OscMsg[];
  /** Resolves when `pred(messages)` holds; rejects after `timeoutMs` with what arrived. */
  waitFor(pred: (m: OscMsg[]) => boolean, timeoutMs?: number): Promise<OscMsg[]>;
  count(address: string): number;
  close(): Promise<void>;
}

export async function openReceiver(): Promise<Receiver> {
  const socket = createSocket('udp4');
  const messages: OscMsg[] = [];
  let waiters: Array<() => void> = [];
  socket.on('message', (buf) => {
    messages.push(decodeOsc(buf));
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  socket.setRecvBufferSize(8 * 1024 * 1024);
  const r: Receiver = {
    port: socket.address().port,
    socket,
    messages,
    count: (address) => messages.filter((m) => m.address === address).length,
    waitFor(pred, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms; received ${messages.length} messages: ${[...new Set(messages.map((m) => m.address))].join(', ')}`)), timeoutMs);
        const check = () => {
          if (pred(messages)) {
            clearTimeout(t);
            resolve(messages);
          } else waiters.push(check);
        };
        check();
      });
    },
    close: () => new Promise<void>((res) => socket.close(() => res())),
  };
  return r;
}

/** A sending socket (ephemeral port, like Pd's netsend). */
export async function openSender(): Promise<{ send(buf: Buffer, port: number): Promise<void>; close(): Promise<void> }> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  s.setSendBufferSize(8 * 1024 * 1024);
  return {
    send: (buf, port) => new Promise<void>((res, rej) => s.send(buf, port, '127.0.0.1', (e) => (e ? rej(e) : res()))),
    close: () => new Promise<void>((res) => s.close(() => res())),
  };
}

/**
 * A client with one socket for sending and receiving, as Pd's `[netsend -u -b]`: the bridge
 * answers to the port it sends from.
 */
export interface Client extends Receiver {
  send(buf: Buffer, port: number): Promise<void>;
}

export async function openClient(): Promise<Client> {
  const r = await openReceiver();
  r.socket.setSendBufferSize(8 * 1024 * 1024);
  return {
    ...r,
    send: (buf, port) => new Promise<void>((res, rej) => r.socket.send(buf, port, '127.0.0.1', (e) => (e ? rej(e) : res()))),
  };
}

/** Encode a bundle of already encoded elements (messages or bundles), time tag "immediately". */
export function encodeBundle(elements: Buffer[]): Buffer {
  const head = Buffer.alloc(16);
  head.write('#bundle\0', 0, 'latin1');
  head.writeUInt32BE(0, 8);
  head.writeUInt32BE(1, 12);
  const parts: Buffer[] = [head];
  for (const e of elements) {
    const n = Buffer.alloc(4);
    n.writeInt32BE(e.length);
    parts.push(n, e);
  }
  return Buffer.concat(parts);
}

import { mulberry32 } from '../helpers/random';
export const prng = mulberry32;
