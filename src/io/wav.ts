import { closeSync } from 'node:fs';
import { UserError } from '../util/errors';
import { writeFileAtomic } from './atomic';
import { bufferSource, decodeFrames, type AudioLayout } from './audioFormat';
import { fdSource, openAudioStream, parseLayout } from './audioStream';
import { FILE_LIMITS, openRegularFile } from './files';
import { encodeWavBytes, type WavBitDepth } from './wavWriter';

/** A decoded recording: samples in [−1, 1], one array per channel, and the mono mix. */
export interface Audio {
  readonly sampleRate: number;
  readonly channels: Float32Array[];
  /** Mean of the channels (the reference detector's input). */
  readonly mono: Float32Array;
  /** Source description, e.g. "16-bit int, 2 ch" for messages. */
  readonly format: string;
  /** Header observations for the user (a file cut short, …); absent when there are none. */
  readonly notes?: readonly string[];
}

/**
 * Decode a whole WAV or AIFF file: 8/16/24/32-bit int, 32/64-bit float, A-law/µ-law, any channel
 * count up to 64, 8–384 kHz. Only regular files of at most FILE_LIMITS.wholeAudioBytes (1 GiB) are
 * read: longer recordings go through the streaming commands (`openAudioStream`). FLAC needs the
 * asynchronous `readAudio`. Throws UserError naming the file, what is wrong and what to do.
 */
export function readWav(path: string): Audio {
  const { fd, size } = openRegularFile(path, { what: 'recording read whole (WAV or AIFF)', maxBytes: FILE_LIMITS.wholeAudioBytes });
  try {
    const src = fdSource(fd, size, path);
    const layout = parseLayout(src, path);
    if (layout === 'flac') throw new UserError(`"${path}" is FLAC, which is decoded asynchronously: use readAudio() (the CLI reads FLAC everywhere).`, 'E_NOTWAV');
    return decodeLayout(src.read(layout.dataOffset, layout.frames * layout.blockAlign), layout, path);
  } finally {
    closeSync(fd);
  }
}

/** Decode a whole WAV or AIFF file from memory (same checks as readWav). */
export function decodeWav(bytes: Uint8Array, name = 'input'): Audio {
  const src = bufferSource(bytes);
  const layout = parseLayout(src, name);
  if (layout === 'flac') throw new UserError(`"${name}" is FLAC: use readAudio() to decode it.`, 'E_NOTWAV');
  return decodeLayout(src.read(layout.dataOffset, layout.frames * layout.blockAlign), layout, name);
}

function decodeLayout(data: Uint8Array, layout: AudioLayout, name: string): Audio {
  const channels = decodeFrames(data, layout, layout.frames, name);
  return { sampleRate: layout.sampleRate, channels, mono: mixToMono(channels), format: layout.format, ...(layout.notes.length ? { notes: layout.notes } : {}) };
}

/** Any supported recording (WAV, AIFF, FLAC) decoded whole, within FILE_LIMITS.wholeAudioBytes. */
export async function readAudio(path: string): Promise<Audio> {
  const s = openAudioStream(path, FILE_LIMITS.wholeAudioBytes);
  try {
    const parts: Float32Array[][] = [];
    let n = 0;
    for (let b = await s.read(1 << 16); b; b = await s.read(1 << 16)) {
      parts.push(b);
      n += b[0].length;
    }
    const channels = Array.from({ length: s.channelCount }, (_, c) => {
      const out = new Float32Array(n);
      let at = 0;
      for (const p of parts) {
        out.set(p[c], at);
        at += p[c].length;
      }
      return out;
    });
    return { sampleRate: s.sampleRate, channels, mono: mixToMono(channels), format: s.format, ...(s.notes.length ? { notes: s.notes } : {}) };
  } finally {
    s.close();
  }
}

/** Mean of the channels, summed in channel order in float32 (blocks mix exactly as whole files). */
export function mixToMono(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0];
  const n = channels[0].length;
  const out = new Float32Array(n);
  for (const c of channels) for (let i = 0; i < n; i++) out[i] += c[i];
  for (let i = 0; i < n; i++) out[i] /= channels.length;
  return out;
}

function toChannels(channels: unknown, what: string): Float32Array[] {
  const chans = channels instanceof Float32Array ? [channels] : channels;
  if (!Array.isArray(chans) || chans.length === 0 || !chans.every((c) => c instanceof Float32Array)) {
    throw new UserError(`${what}: channels must be a Float32Array or a non-empty array of Float32Arrays; got ${describeValue(channels)}.`, 'E_ARG');
  }
  const n = chans[0].length;
  if (!chans.every((c) => c.length === n)) throw new UserError(`${what}: every channel must have the same length; got ${chans.map((c) => c.length).join(', ')}.`, 'E_ARG');
  for (const c of chans) {
    for (let i = 0; i < c.length; i++) if (!Number.isFinite(c[i])) throw new UserError(`${what}: sample ${i} is ${c[i]}; every sample must be finite. Nothing was written.`, 'E_ARG');
  }
  return chans;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`;
  return typeof v;
}

function checkDepth(bitDepth: unknown): WavBitDepth {
  if (bitDepth !== '16' && bitDepth !== '24' && bitDepth !== '32f') throw new UserError(`bitDepth must be '16', '24' or '32f'; got ${String(bitDepth)}.`, 'E_ARG');
  return bitDepth;
}

/** Encode mono or multichannel float audio as a WAV (default 32-bit float; '16'/'24' for PCM). */
export function encodeWav(channels: Float32Array[] | Float32Array, sampleRate: number, bitDepth: WavBitDepth = '32f'): Uint8Array {
  return encodeWavBytes(toChannels(channels, 'encodeWav'), sampleRate, checkDepth(bitDepth));
}

/** Write a WAV atomically (temporary file, then rename). */
export function writeWav(path: string, channels: Float32Array[] | Float32Array, sampleRate: number, bitDepth: WavBitDepth = '32f'): void {
  if (typeof path !== 'string' || path === '') throw new UserError(`writeWav: path must be a file name; got ${describeValue(path)}.`, 'E_ARG');
  writeFileAtomic(path, encodeWav(channels, sampleRate, bitDepth));
}
