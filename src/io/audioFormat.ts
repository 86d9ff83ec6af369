/**
 * Audio file headers (WAV, AIFF/AIFF-C; FLAC's STREAMINFO in flac.ts), validated completely before
 * any sample is decoded: channel count, sample rate (8–384 kHz, the engine's range), bits, block
 * align, format tag and data size against the file size. What cannot be decoded correctly is
 * refused with a message saying what the file has and how to convert it; nothing decodes to garbage.
 *
 * Layouts are read through a `ByteSource` (a buffer or a file descriptor), so the same code checks
 * a whole file in memory and a 2-hour file read in blocks.
 */
import { UserError } from '../util/errors';

export const MIN_SAMPLE_RATE_HZ = 8000;
export const MAX_SAMPLE_RATE_HZ = 384000;
export const MAX_CHANNELS = 64;
/** Chunks before the audio data that we step over (LIST, fact, bext, …); more is not a real file. */
const MAX_CHUNKS = 4096;

export type SampleEncoding = 'uint8' | 'int' | 'float' | 'alaw' | 'mulaw';

/** Where the samples are and how to decode them. */
export interface AudioLayout {
  container: 'wav' | 'aiff' | 'flac';
  encoding: SampleEncoding;
  /** Bytes per sample in the file (container width). */
  bytesPerSample: number;
  /** Significant bits (≤ 8·bytesPerSample). */
  bits: number;
  bigEndian: boolean;
  channels: number;
  sampleRate: number;
  /** Bytes per frame (all channels of one sample). */
  blockAlign: number;
  /** Byte offset of the first frame. */
  dataOffset: number;
  /** Frames available (whole frames inside the file). */
  frames: number;
  /** For messages: "16-bit int, 2 ch". */
  format: string;
  /** Things worth telling the user (a file cut short, a partial last frame). */
  notes: string[];
}

export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes at `offset` (fewer at the end). */
  read(offset: number, length: number): Uint8Array;
}

export function bufferSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.byteLength, read: (o, n) => bytes.subarray(o, Math.min(bytes.byteLength, o + n)) };
}

const ascii = (b: Uint8Array, at = 0, n = 4): string => String.fromCharCode(...b.subarray(at, at + n));

const WAV_TAGS: Record<number, string> = {
  0x0002: 'MS ADPCM', 0x0011: 'IMA ADPCM', 0x0031: 'GSM 6.10', 0x0050: 'MPEG', 0x0055: 'MP3', 0x0092: 'AC-3', 0x0161: 'WMA', 0x2000: 'AC-3', 0xf1ac: 'FLAC',
};
const CONVERT = 'Convert it to PCM or float WAV (e.g. sox IN OUT.wav, or export from your editor as 16/24-bit PCM WAV).';

/** Which container the first bytes say this is (null: none we read). */
export function sniffContainer(head: Uint8Array): 'wav' | 'aiff' | 'flac' | null {
  if (head.length >= 4 && ascii(head) === 'fLaC') return 'flac';
  if (head.length >= 12 && ascii(head) === 'FORM' && (ascii(head, 8) === 'AIFF' || ascii(head, 8) === 'AIFC')) return 'aiff';
  if (head.length >= 12 && (ascii(head) === 'RIFF' || ascii(head) === 'RIFX' || ascii(head) === 'RF64') && ascii(head, 8) === 'WAVE') return 'wav';
  return null;
}

function bad(name: string, problem: string, fix = CONVERT): never {
  throw new UserError(`"${name}" ${problem}. ${fix}`, 'E_NOTWAV');
}

export function checkRate(name: string, rate: number): void {
  if (!Number.isInteger(rate) || rate < MIN_SAMPLE_RATE_HZ || rate > MAX_SAMPLE_RATE_HZ) {
    bad(name, `has a sample rate of ${rate} Hz; TimbreRemap works at ${MIN_SAMPLE_RATE_HZ}–${MAX_SAMPLE_RATE_HZ} Hz`, `Resample it (e.g. sox IN OUT.wav rate 44100) or re-export it at 44.1 or 48 kHz.`);
  }
}

export function checkChannels(name: string, channels: number): void {
  if (!Number.isInteger(channels) || channels < 1 || channels > MAX_CHANNELS) {
    bad(name, channels === 0 ? 'has 0 channels in its header (no audio can be in it)' : `has ${channels} channels; at most ${MAX_CHANNELS} are read`, channels === 0 ? 'The header is damaged: re-export the file.' : 'Mix it down (e.g. sox IN OUT.wav remix -) or re-export it.');
  }
}

function describe(encoding: SampleEncoding, bits: number, channels: number, extra = ''): string {
  const e = encoding === 'float' ? `${bits}-bit float` : encoding === 'alaw' ? '8-bit A-law' : encoding === 'mulaw' ? '8-bit µ-law' : `${bits}-bit int`;
  return `${e}${extra}, ${channels} ch`;
}

/** Validate a WAV file's header and locate its samples. */
export function parseWav(src: ByteSource, name: string): AudioLayout {
  const head = src.read(0, 12);
  if (head.length < 12) bad(name, `is ${src.size} bytes long: too short to be a WAV file`, 'Pass a WAV, AIFF or FLAC recording.');
  const riff = ascii(head);
  if (riff === 'RIFX') bad(name, 'is a big-endian WAV (RIFX), which is not supported');
  if (riff === 'RF64') bad(name, 'is an RF64 (over 4 GiB) WAV, which is not supported', 'Split it into parts under 4 GiB, or convert it to FLAC.');
  if (riff !== 'RIFF' || ascii(head, 8) !== 'WAVE') bad(name, 'is not a WAV file (no RIFF/WAVE header)', 'Pass a WAV, AIFF or FLAC recording.');

  let pos = 12;
  let fmt: Omit<AudioLayout, 'dataOffset' | 'frames' | 'notes'> | null = null;
  const notes: string[] = [];
  for (let chunks = 0; chunks < MAX_CHUNKS; chunks++) {
    if (pos + 8 > src.size) break;
    const h = src.read(pos, 8);
    const id = ascii(h);
    const len = new DataView(h.buffer, h.byteOffset, 8).getUint32(4, true);
    const body = pos + 8;
    if (id === 'fmt ') {
      if (fmt) bad(name, 'has two fmt chunks');
      if (len < 16) bad(name, `has a ${len}-byte fmt chunk (at least 16 are needed)`, 'The header is damaged: re-export the file.');
      if (body + len > src.size) bad(name, 'is cut short inside its fmt chunk', 'The file is truncated: export it again.');
      fmt = parseWavFmt(src.read(body, Math.min(len, 64)), len, name);
    } else if (id === 'data') {
      if (!fmt) bad(name, 'has its data chunk before the fmt chunk (no format to decode it with)', 'The header is damaged: re-export the file.');
      const avail = src.size - body;
      let bytes = len;
      if (len > avail) {
        // Recorders that crash (or stream) leave the size unset or too large: read what is there.
        if (len !== 0xffffffff) notes.push(`"${name}" says its audio is ${len} bytes but only ${avail} are in the file (cut short?); reading the ${avail} bytes present.`);
        bytes = avail;
      }
      const frames = Math.floor(bytes / fmt.blockAlign);
      if (frames * fmt.blockAlign !== bytes && len <= avail) notes.push(`"${name}" ends with a partial frame (${bytes % fmt.blockAlign} bytes); it is ignored.`);
      return { ...fmt, dataOffset: body, frames, notes };
    }
    if (len > src.size - body) break; // a chunk running past the end: nothing after it
    pos = body + len + (len & 1);
  }
  if (!fmt) bad(name, 'has no fmt chunk (no audio format)', 'The header is damaged: re-export the file.');
  return bad(name, 'has no data chunk (no audio)', 'The file is damaged or truncated: export it again.');
}

const KSDATAFORMAT_SUFFIX = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

function parseWavFmt(b: Uint8Array, len: number, name: string): Omit<AudioLayout, 'dataOffset' | 'frames' | 'notes'> {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let tag = v.getUint16(0, true);
  const channels = v.getUint16(2, true);
  const sampleRate = v.getUint32(4, true);
  const blockAlign = v.getUint16(12, true);
  const containerBits = v.getUint16(14, true);
  let bits = containerBits;
  let extra = '';
  if (tag === 0xfffe) {
    if (len < 40 || v.getUint16(16, true) < 22) bad(name, 'is WAVE_FORMAT_EXTENSIBLE but its fmt chunk is too short for the extension', 'The header is damaged: re-export the file.');
    const valid = v.getUint16(18, true);
    if (!KSDATAFORMAT_SUFFIX.every((x, i) => b[26 + i] === x)) bad(name, 'is WAVE_FORMAT_EXTENSIBLE with an unknown sub-format GUID');
    tag = v.getUint16(24, true);
    if (valid !== 0) {
      if (valid > containerBits) bad(name, `says ${valid} valid bits in ${containerBits}-bit samples`, 'The header is damaged: re-export the file.');
      bits = valid;
    }
    extra = ' (extensible)';
  }
  checkChannels(name, channels);
  checkRate(name, sampleRate);
  let encoding: SampleEncoding;
  if (tag === 1) {
    if (![8, 16, 24, 32].includes(containerBits)) bad(name, `is ${containerBits}-bit PCM; 8, 16, 24 and 32-bit PCM are read${containerBits === 64 ? ' (64 bits: float data labelled PCM?)' : ''}`);
    encoding = containerBits === 8 ? 'uint8' : 'int';
  } else if (tag === 3) {
    if (containerBits !== 32 && containerBits !== 64) bad(name, `is ${containerBits}-bit float; 32 and 64-bit float are read`);
    encoding = 'float';
  } else if (tag === 6 || tag === 7) {
    if (containerBits !== 8) bad(name, `is ${tag === 6 ? 'A-law' : 'µ-law'} with ${containerBits} bits per sample (G.711 has 8)`);
    encoding = tag === 6 ? 'alaw' : 'mulaw';
  } else {
    bad(name, `uses the WAV format tag 0x${tag.toString(16).padStart(4, '0')}${WAV_TAGS[tag] ? ` (${WAV_TAGS[tag]})` : ''}, which is not supported; PCM, float, A-law and µ-law are`);
  }
  const bytesPerSample = containerBits / 8;
  if (blockAlign !== channels * bytesPerSample) bad(name, `has a block align of ${blockAlign} bytes; ${channels} channel(s) of ${containerBits} bits need ${channels * bytesPerSample}`, 'The header is damaged: re-export the file.');
  return { container: 'wav', encoding, bytesPerSample, bits, bigEndian: false, channels, sampleRate, blockAlign, format: describe(encoding, encoding === 'float' ? containerBits : bits, channels, extra) };
}

/** IEEE 754 80-bit extended (AIFF's sample rate). */
function extended80(b: Uint8Array): number {
  const v = new DataView(b.buffer, b.byteOffset, 10);
  const exp = v.getUint16(0) & 0x7fff;
  const sign = v.getUint16(0) & 0x8000 ? -1 : 1;
  const hi = v.getUint32(2);
  const lo = v.getUint32(6);
  if (exp === 0 && hi === 0 && lo === 0) return 0;
  if (exp === 0x7fff) return NaN;
  return sign * (hi * 2 ** 32 + lo) * 2 ** (exp - 16383 - 63);
}

/** Validate an AIFF / AIFF-C header and locate its samples (big-endian, or 'sowt' little-endian). */
export function parseAiff(src: ByteSource, name: string): AudioLayout {
  const head = src.read(0, 12);
  if (head.length < 12 || ascii(head) !== 'FORM') bad(name, 'is not an AIFF file', 'Pass a WAV, AIFF or FLAC recording.');
  const aifc = ascii(head, 8) === 'AIFC';
  let pos = 12;
  let comm: { channels: number; frames: number; bits: number; rate: number; encoding: SampleEncoding; bigEndian: boolean; width: number; label: string } | null = null;
  for (let chunks = 0; chunks < MAX_CHUNKS; chunks++) {
    if (pos + 8 > src.size) break;
    const h = src.read(pos, 8);
    const id = ascii(h);
    const len = new DataView(h.buffer, h.byteOffset, 8).getUint32(4, false);
    const body = pos + 8;
    if (id === 'COMM') {
      if (len < 18 || body + len > src.size) bad(name, 'has a damaged COMM (format) chunk', 'Re-export the file.');
      const b = src.read(body, Math.min(len, 64));
      const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
      const channels = v.getUint16(0);
      const frames = v.getUint32(2);
      const bits = v.getUint16(6);
      const rateF = extended80(b.subarray(8, 18));
      let compression = 'NONE';
      if (aifc) {
        if (len < 22) bad(name, 'is AIFF-C without a compression type', 'Re-export the file.');
        compression = ascii(b, 18);
      }
      checkChannels(name, channels);
      const rate = Math.round(rateF);
      if (Math.abs(rate - rateF) > 1e-6) bad(name, `has a sample rate of ${rateF} Hz (not a whole number)`, 'Resample it to 44.1 or 48 kHz.');
      checkRate(name, rate);
      let encoding: SampleEncoding = 'int';
      let bigEndian = true;
      let width = Math.ceil(bits / 8);
      let label = '';
      switch (compression) {
        case 'NONE': case 'twos': break;
        case 'sowt': bigEndian = false; label = ' (little-endian)'; break;
        case 'fl32': case 'FL32': encoding = 'float'; width = 4; break;
        case 'fl64': case 'FL64': encoding = 'float'; width = 8; break;
        case 'alaw': case 'ALAW': encoding = 'alaw'; width = 1; break;
        case 'ulaw': case 'ULAW': encoding = 'mulaw'; width = 1; break;
        default: bad(name, `is AIFF-C compressed as "${compression.replace(/[^\x20-\x7e]/g, '?')}", which is not supported; uncompressed, sowt, fl32/fl64, alaw and ulaw are`);
      }
      if (encoding === 'int' && (bits < 1 || bits > 32)) bad(name, `has ${bits}-bit samples; 1–32 bits are read`, 'Re-export it as 16 or 24-bit.');
      comm = { channels, frames, bits: encoding === 'int' ? bits : width * 8, rate, encoding, bigEndian, width, label };
    } else if (id === 'SSND') {
      if (!comm) bad(name, 'has its sound data before the COMM (format) chunk', 'Re-export the file.');
      if (len < 8 || body + 8 > src.size) bad(name, 'has a damaged SSND (sound) chunk', 'Re-export the file.');
      const b = src.read(body, 8);
      const offset = new DataView(b.buffer, b.byteOffset, 8).getUint32(0, false);
      const dataOffset = body + 8 + offset;
      const notes: string[] = [];
      const blockAlign = comm.channels * comm.width;
      const declared = Math.max(0, len - 8 - offset);
      const avail = Math.max(0, src.size - dataOffset);
      if (declared > avail) notes.push(`"${name}" says its audio is ${declared} bytes but only ${avail} are in the file (cut short?); reading the ${avail} bytes present.`);
      let frames = Math.floor(Math.min(declared, avail) / blockAlign);
      if (comm.frames < frames) frames = comm.frames;
      else if (comm.frames > frames && declared <= avail) notes.push(`"${name}" says it has ${comm.frames} frames but holds ${frames}; reading ${frames}.`);
      const encoding: SampleEncoding = comm.encoding === 'int' && comm.width === 1 ? 'int' : comm.encoding;
      return {
        container: 'aiff', encoding, bytesPerSample: comm.width, bits: comm.bits, bigEndian: comm.bigEndian, channels: comm.channels, sampleRate: comm.rate, blockAlign, dataOffset, frames, notes,
        format: `${describe(encoding, comm.bits, comm.channels, comm.label)} (AIFF${aifc ? '-C' : ''})`,
      };
    }
    if (len > src.size - body) break;
    pos = body + len + (len & 1);
  }
  if (!comm) bad(name, 'has no COMM (format) chunk', 'The file is damaged: re-export it.');
  return bad(name, 'has no SSND (sound) chunk', 'The file is damaged or truncated: export it again.');
}

// G.711 decoding to 16-bit linear (ITU-T G.711), then scaled as 16-bit PCM.
function alawToLinear(a: number): number {
  a ^= 0x55;
  let t = (a & 0x0f) << 4;
  const seg = (a & 0x70) >> 4;
  if (seg === 0) t += 8;
  else if (seg === 1) t += 0x108;
  else t = (t + 0x108) << (seg - 1);
  return a & 0x80 ? t : -t;
}
function mulawToLinear(u: number): number {
  u = ~u & 0xff;
  let t = ((u & 0x0f) << 3) + 0x84;
  t <<= (u & 0x70) >> 4;
  return u & 0x80 ? 0x84 - t : t - 0x84;
}
const LITTLE_ENDIAN_HOST = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
const ALAW = Float32Array.from({ length: 256 }, (_, i) => alawToLinear(i) / 32768);
const MULAW = Float32Array.from({ length: 256 }, (_, i) => mulawToLinear(i) / 32768);

/**
 * Decode `frames` whole frames from `bytes` (frame-aligned) into one Float32Array per channel, in
 * [−1, 1] (integers scaled by 2^(bits−1) of the container, 8-bit WAV unsigned). Non-finite float
 * samples are refused (`firstFrame` gives the absolute index for the message).
 */
export function decodeFrames(bytes: Uint8Array, layout: AudioLayout, frames: number, name: string, firstFrame = 0): Float32Array[] {
  const ch = layout.channels;
  const out = Array.from({ length: ch }, () => new Float32Array(frames));
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = !layout.bigEndian;
  const w = layout.bytesPerSample;
  let at = 0;
  switch (layout.encoding) {
    case 'uint8':
      for (let i = 0; i < frames; i++) for (let c = 0; c < ch; c++) out[c][i] = (bytes[at++] - 128) / 128;
      break;
    case 'alaw':
    case 'mulaw': {
      const table = layout.encoding === 'alaw' ? ALAW : MULAW;
      for (let i = 0; i < frames; i++) for (let c = 0; c < ch; c++) out[c][i] = table[bytes[at++]];
      break;
    }
    case 'float':
      for (let i = 0; i < frames; i++) {
        for (let c = 0; c < ch; c++) {
          const x = w === 4 ? v.getFloat32(at, le) : v.getFloat64(at, le);
          at += w;
          if (!Number.isFinite(x)) throw new UserError(`"${name}" contains NaN or infinite samples (first at sample ${firstFrame + i}). Re-export the file.`, 'E_BADAUDIO');
          out[c][i] = x;
        }
      }
      break;
    case 'int': {
      const scale = 2 ** (8 * w - 1);
      if (w === 2 && le && LITTLE_ENDIAN_HOST && bytes.byteOffset % 2 === 0) {
        // The common case (16-bit little-endian) through a typed view: same values, no DataView calls.
        const s16 = new Int16Array(bytes.buffer, bytes.byteOffset, frames * ch);
        if (ch === 1) for (let i = 0; i < frames; i++) out[0][i] = s16[i] / scale;
        else for (let i = 0, k = 0; i < frames; i++) for (let c = 0; c < ch; c++) out[c][i] = s16[k++] / scale;
        break;
      }
      for (let i = 0; i < frames; i++) {
        for (let c = 0; c < ch; c++) {
          let x: number;
          if (w === 2) x = v.getInt16(at, le);
          else if (w === 3) x = le ? ((bytes[at + 2] << 24) | (bytes[at + 1] << 16) | (bytes[at] << 8)) >> 8 : ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8)) >> 8;
          else if (w === 4) x = v.getInt32(at, le);
          else x = v.getInt8(at); // 8-bit AIFF is signed
          at += w;
          out[c][i] = x / scale;
        }
      }
      break;
    }
  }
  return out;
}
