/**
 * FLAC input through @wasm-audio-decoders/flac (libFLAC compiled to WebAssembly and inlined in
 * the package: no native build, no download, streaming `decode(chunk)`), so a 2-hour FLAC is
 * decoded block by block in bounded memory. The STREAMINFO header is validated here first (rate,
 * channels, bits) with the same rules and messages as WAV.
 */
import { UserError } from '../util/errors';
import { checkChannels, checkRate, type ByteSource } from './audioFormat';

export interface FlacInfo {
  sampleRate: number;
  channels: number;
  bits: number;
  /** Total frames from STREAMINFO; 0 when the encoder did not know (streamed). */
  frames: number;
  format: string;
}

export function parseFlacHeader(src: ByteSource, name: string): FlacInfo {
  const b = src.read(0, 42);
  if (b.length < 42 || String.fromCharCode(...b.subarray(0, 4)) !== 'fLaC') throw new UserError(`"${name}" is not a FLAC file (too short or no fLaC marker). Pass a WAV, AIFF or FLAC recording.`, 'E_NOTWAV');
  const blockType = b[4] & 0x7f;
  const blockLen = (b[5] << 16) | (b[6] << 8) | b[7];
  if (blockType !== 0 || blockLen < 34) throw new UserError(`"${name}" is a FLAC file without a valid STREAMINFO block. The file is damaged: re-encode it (flac -f IN.wav).`, 'E_NOTWAV');
  const s = b.subarray(8);
  const sampleRate = (s[10] << 12) | (s[11] << 4) | (s[12] >> 4);
  const channels = ((s[12] >> 1) & 0x07) + 1;
  const bits = (((s[12] & 1) << 4) | (s[13] >> 4)) + 1;
  const frames = (s[13] & 0x0f) * 2 ** 32 + ((s[14] << 24) >>> 0) + (s[15] << 16) + (s[16] << 8) + s[17];
  checkChannels(name, channels);
  checkRate(name, sampleRate);
  if (bits < 4 || bits > 32) throw new UserError(`"${name}" is ${bits}-bit FLAC; 4–32 bits are read. Re-encode it.`, 'E_NOTWAV');
  return { sampleRate, channels, bits, frames, format: `${bits}-bit FLAC, ${channels} ch` };
}

interface Decoded { channelData: Float32Array[]; samplesDecoded: number; sampleRate: number; errors: Array<{ message: string }> }
interface FlacDecoderLike { ready: Promise<void>; decode(data: Uint8Array): Promise<Decoded>; flush(): Promise<Decoded>; free(): void }

let ctor: (new () => FlacDecoderLike) | null = null;
function decoderClass(): new () => FlacDecoderLike {
  // The package is an ES module; Node ≥ 20.19 requires it directly, jest compiles it to CommonJS.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ctor ??= (require('@wasm-audio-decoders/flac') as { FLACDecoder: new () => FlacDecoderLike }).FLACDecoder;
  return ctor;
}

/** A streaming FLAC decoder: push file bytes, get channel blocks. */
export class FlacStream {
  private decoder: FlacDecoderLike | null = null;
  constructor(private readonly name: string, private readonly info: FlacInfo) {}

  private async ready(): Promise<FlacDecoderLike> {
    if (!this.decoder) {
      const d = new (decoderClass())();
      await d.ready;
      this.decoder = d;
    }
    return this.decoder;
  }

  /** Decode a chunk of the file (any cut); null bytes = end of file (flush). */
  async push(bytes: Uint8Array | null): Promise<Float32Array[]> {
    const d = await this.ready();
    let r: Decoded;
    try {
      r = bytes ? await d.decode(bytes) : await d.flush();
    } catch (e) {
      throw new UserError(`"${this.name}" could not be decoded as FLAC (${e instanceof Error ? e.message : String(e)}). The file is damaged: re-encode it.`, 'E_BADAUDIO');
    }
    if (r.errors?.length) throw new UserError(`"${this.name}" has damaged FLAC frames (${r.errors[0].message}). Re-encode it from the original.`, 'E_BADAUDIO');
    if (r.samplesDecoded > 0) {
      if (r.sampleRate !== this.info.sampleRate || r.channelData.length !== this.info.channels) {
        throw new UserError(`"${this.name}" changes format mid-stream (${r.channelData.length} ch at ${r.sampleRate} Hz after ${this.info.channels} ch at ${this.info.sampleRate} Hz). Re-encode it.`, 'E_BADAUDIO');
      }
      // The decoder divides by 2^(bits−1) − 1; WAV, AIFF and sox divide by 2^(bits−1). Recover the
      // integer (exact up to 24 bits: checked at full scale) and scale as the other formats do.
      const up = 2 ** (this.info.bits - 1) - 1;
      const down = 2 ** (this.info.bits - 1);
      return r.channelData.map((c) => {
        const out = new Float32Array(r.samplesDecoded);
        for (let i = 0; i < out.length; i++) out[i] = Math.round(c[i] * up) / down;
        return out;
      });
    }
    return Array.from({ length: this.info.channels }, () => new Float32Array(0));
  }

  close(): void {
    this.decoder?.free();
    this.decoder = null;
  }
}
