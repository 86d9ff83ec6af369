/**
 * Writing WAV files: `encodeWav` for a buffer in memory and `WavStreamWriter` for output written
 * block by block (render of a 2-hour recording), both with the same header. The stream goes to a
 * temporary file beside the target; `close()` patches the sizes into the header and renames it
 * over the target (atomic: a reader or a crash never sees a half-written file), `abort()` removes it.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../util/errors';
import { fsError } from './files';
import { tempPathFor } from './atomic';

export type WavBitDepth = '16' | '24' | '32f';

const HEADER_BYTES = 44;
const MAX_DATA_BYTES = 0xffffffff - 36;

export function wavHeader(channels: number, sampleRate: number, bitDepth: WavBitDepth, dataBytes: number): Buffer {
  const bytes = bitDepth === '32f' ? 4 : Number(bitDepth) / 8;
  const h = Buffer.alloc(HEADER_BYTES);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(bitDepth === '32f' ? 3 : 1, 20);
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * channels * bytes, 28);
  h.writeUInt16LE(channels * bytes, 32);
  h.writeUInt16LE(bytes * 8, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/** Interleave channel blocks into WAV sample bytes (integers: ×2^(bits−1), rounded, clipped). */
export function encodeFrames(chans: readonly Float32Array[], bitDepth: WavBitDepth): Buffer {
  const n = chans[0]?.length ?? 0;
  const ch = chans.length;
  if (bitDepth === '32f') {
    const f = new Float32Array(n * ch);
    if (ch === 1) f.set(chans[0]);
    else for (let i = 0, k = 0; i < n; i++) for (let c = 0; c < ch; c++) f[k++] = chans[c][i];
    return Buffer.from(f.buffer, f.byteOffset, f.byteLength);
  }
  const bytes = Number(bitDepth) / 8;
  const scale = 2 ** (8 * bytes - 1);
  const b = Buffer.alloc(n * ch * bytes);
  let at = 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < ch; c++) {
      // Same scale as the decoder (2^(bits−1)), so a round trip is exact to half a step; +1.0 clips to the largest code.
      const v = Math.max(-scale, Math.min(scale - 1, Math.round(chans[c][i] * scale)));
      if (bytes === 2) b.writeInt16LE(v, at);
      else b.writeIntLE(v, at, 3);
      at += bytes;
    }
  }
  return b;
}

function checkWritable(channels: number, sampleRate: number): void {
  if (!Number.isInteger(channels) || channels < 1 || channels > 64) throw new UserError(`a WAV needs 1–64 channels; got ${String(channels)}.`, 'E_ARG');
  if (!Number.isInteger(sampleRate) || sampleRate < 1 || sampleRate > 768000) throw new UserError(`a WAV needs an integer sample rate in Hz (e.g. 44100); got ${String(sampleRate)}.`, 'E_ARG');
}

/** A whole WAV file in memory (default 32-bit float). */
export function encodeWavBytes(chans: readonly Float32Array[], sampleRate: number, bitDepth: WavBitDepth = '32f'): Uint8Array {
  checkWritable(chans.length, sampleRate);
  const data = encodeFrames(chans, bitDepth);
  if (data.length > MAX_DATA_BYTES) throw new UserError(`the audio is ${data.length} bytes, more than a WAV file can hold (4 GiB). Write a shorter piece.`, 'E_TOOBIG');
  return Buffer.concat([wavHeader(chans.length, sampleRate, bitDepth, data.length), data]);
}

/** A WAV written block by block to a temporary file, renamed over `path` by `close()`. */
export class WavStreamWriter {
  private fd: number | null;
  private readonly tmp: string;
  private dataBytes = 0;
  private framesWritten = 0;

  constructor(readonly path: string, readonly channels: number, readonly sampleRate: number, readonly bitDepth: WavBitDepth = '32f') {
    checkWritable(channels, sampleRate);
    this.tmp = tempPathFor(path);
    try {
      mkdirSync(dirname(path), { recursive: true });
      this.fd = openSync(this.tmp, 'wx');
      writeSync(this.fd, wavHeader(channels, sampleRate, bitDepth, 0));
    } catch (e) {
      this.fd = null;
      rmSync(this.tmp, { force: true });
      throw fsError(e, path, 'write');
    }
  }

  get frames(): number {
    return this.framesWritten;
  }

  /** Append one block (one array per channel, or a mono array). */
  write(block: readonly Float32Array[] | Float32Array): void {
    if (this.fd === null) throw new UserError(`"${this.path}" is already closed.`, 'E_INTERNAL');
    const chans = block instanceof Float32Array ? [block] : block;
    const data = encodeFrames(chans, this.bitDepth);
    if (this.dataBytes + data.length > MAX_DATA_BYTES) {
      this.abort();
      throw new UserError(`the output would exceed the 4 GiB a WAV file can hold; "${this.path}" was not written. Render a shorter piece.`, 'E_TOOBIG');
    }
    try {
      let off = 0;
      while (off < data.length) off += writeSync(this.fd, data, off, data.length - off);
    } catch (e) {
      this.abort();
      throw fsError(e, this.path, 'write');
    }
    this.dataBytes += data.length;
    this.framesWritten += chans[0].length;
  }

  /** Patch the header and move the file into place. */
  close(): void {
    if (this.fd === null) return;
    try {
      writeSync(this.fd, wavHeader(this.channels, this.sampleRate, this.bitDepth, this.dataBytes), 0, HEADER_BYTES, 0);
      closeSync(this.fd);
      this.fd = null;
      renameSync(this.tmp, this.path);
    } catch (e) {
      this.abort();
      throw fsError(e, this.path, 'write');
    }
  }

  /** Drop the temporary file; the target is untouched. */
  abort(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        /* already closed */
      }
      this.fd = null;
    }
    rmSync(this.tmp, { force: true });
  }
}
