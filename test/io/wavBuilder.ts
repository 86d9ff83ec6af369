/**
 * Hand-built WAV files with every header field under the test's control (no library: the point
 * is to write what real writers never would), for header-validation tests and the fuzz suite.
 */
export interface WavFields {
  tag?: number;
  channels?: number;
  rate?: number;
  byteRate?: number;
  blockAlign?: number;
  bits?: number;
  /** WAVE_FORMAT_EXTENSIBLE with this sub-format (1 PCM, 3 float, 6 A-law, 7 µ-law). */
  subformat?: number;
  validBits?: number;
  /** Value written as the data chunk's size (default: the real size). */
  dataSize?: number;
  data?: Uint8Array;
  /** Value written as the RIFF size (default: the real size). */
  riffSize?: number;
}

export function buildWav(f: WavFields = {}): Uint8Array {
  const channels = f.channels ?? 1;
  const bits = f.bits ?? 16;
  const rate = f.rate ?? 44100;
  const blockAlign = f.blockAlign ?? channels * (bits / 8);
  const data = f.data ?? new Uint8Array(0);
  const ext = f.subformat !== undefined;
  const fmtLen = ext ? 40 : 16;
  const total = 12 + 8 + fmtLen + 8 + data.length;
  const b = Buffer.alloc(total);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(f.riffSize ?? total - 8, 4);
  b.write('WAVE', 8, 'ascii');
  b.write('fmt ', 12, 'ascii');
  b.writeUInt32LE(fmtLen, 16);
  b.writeUInt16LE(ext ? 0xfffe : f.tag ?? 1, 20);
  b.writeUInt16LE(channels, 22);
  b.writeUInt32LE(rate >>> 0, 24);
  b.writeUInt32LE((f.byteRate ?? rate * blockAlign) >>> 0, 28);
  b.writeUInt16LE(blockAlign & 0xffff, 32);
  b.writeUInt16LE(bits, 34);
  let at = 36;
  if (ext) {
    b.writeUInt16LE(22, 36);
    b.writeUInt16LE(f.validBits ?? bits, 38);
    b.writeUInt32LE(channels === 1 ? 4 : 3, 40);
    b.writeUInt16LE(f.subformat as number, 44);
    Buffer.from([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71]).copy(b, 46);
    at = 60;
  }
  b.write('data', at, 'ascii');
  b.writeUInt32LE((f.dataSize ?? data.length) >>> 0, at + 4);
  Buffer.from(data).copy(b, at + 8);
  return new Uint8Array(b);
}

/** The sample bytes of a WAV written by `buildWav` (or any 44-byte-header WAV). */
export function float32Bytes(x: ArrayLike<number>): Uint8Array {
  return new Uint8Array(Float32Array.from(x).buffer);
}
