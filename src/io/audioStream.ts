/**
 * Reading a recording block by block (WAV, AIFF, FLAC), so commands on a 2-hour file hold a few
 * blocks, not the file: `onsets`, `features` and `render` stream through it; `readWav` reads the
 * same layouts whole. The header is validated completely when the stream opens (audioFormat.ts),
 * before any sample is decoded.
 */
import { closeSync } from 'node:fs';
import { UserError } from '../util/errors';
import { decodeFrames, parseAiff, parseWav, sniffContainer, type AudioLayout, type ByteSource } from './audioFormat';
import { FILE_LIMITS, openRegularFile, readAt } from './files';
import { FlacStream, parseFlacHeader } from './flac';

export interface AudioStreamInfo {
  readonly path: string;
  readonly sampleRate: number;
  readonly channelCount: number;
  /** Frames in the file (FLAC without a length in its header: 0). */
  readonly frames: number;
  /** "16-bit int, 2 ch" for messages. */
  readonly format: string;
  /** Header observations for the user (a file cut short, …). */
  readonly notes: readonly string[];
}

export interface AudioStream extends AudioStreamInfo {
  /** The next block (one array per channel, up to `maxFrames` long); null at the end. */
  read(maxFrames: number): Promise<Float32Array[] | null>;
  /** Fraction of the file read so far (0…1), for progress. */
  readonly progress: number;
  close(): void;
}

/** Bytes read from a FLAC file at a time. */
const FLAC_CHUNK_BYTES = 256 * 1024;

export function fdSource(fd: number, size: number, path: string): ByteSource {
  return { size, read: (o, n) => readAt(fd, o, Math.max(0, Math.min(n, size - o)), path) };
}

/** Which layout parser a file's first bytes call for; UserError when none. */
export function parseLayout(src: ByteSource, name: string): AudioLayout | 'flac' {
  const kind = sniffContainer(src.read(0, 12));
  if (kind === 'flac') return 'flac';
  if (kind === 'aiff') return parseAiff(src, name);
  if (kind === 'wav' || src.size < 12) return parseWav(src, name);
  throw new UserError(`"${name}" is not a WAV, AIFF or FLAC file (it does not start with RIFF/WAVE, FORM/AIFF or fLaC). Export the recording as WAV (PCM or float), AIFF or FLAC.`, 'E_NOTWAV');
}

/** Open a recording for block reading. Throws UserError before any decoding when it is unusable. */
export function openAudioStream(path: string, maxBytes: number = FILE_LIMITS.streamedAudioBytes): AudioStream {
  const { fd, size } = openRegularFile(path, { what: 'recording (WAV, AIFF or FLAC)', maxBytes });
  try {
    const src = fdSource(fd, size, path);
    const layout = parseLayout(src, path);
    return layout === 'flac' ? flacStream(fd, size, src, path) : pcmStream(fd, layout, src, path);
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

function pcmStream(fd: number, layout: AudioLayout, src: ByteSource, path: string): AudioStream {
  let next = 0;
  let open = true;
  return {
    path, sampleRate: layout.sampleRate, channelCount: layout.channels, frames: layout.frames, format: layout.format, notes: layout.notes,
    get progress() { return layout.frames ? next / layout.frames : 1; },
    async read(maxFrames: number) {
      if (!open || next >= layout.frames) return null;
      const n = Math.min(Math.max(1, Math.floor(maxFrames)), layout.frames - next);
      const bytes = src.read(layout.dataOffset + next * layout.blockAlign, n * layout.blockAlign);
      const got = Math.floor(bytes.length / layout.blockAlign);
      if (got === 0) {
        next = layout.frames; // the file shrank while read
        return null;
      }
      const block = decodeFrames(bytes, layout, got, path, next);
      next += got;
      return block;
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

function flacStream(fd: number, size: number, src: ByteSource, path: string): AudioStream {
  const info = parseFlacHeader(src, path);
  const decoder = new FlacStream(path, info);
  let offset = 0;
  let ended = false;
  let open = true;
  const queue: Float32Array[][] = [];
  let queued = 0;
  const take = (n: number): Float32Array[] => {
    const out = Array.from({ length: info.channels }, () => new Float32Array(n));
    let at = 0;
    while (at < n) {
      const head = queue[0];
      const k = Math.min(n - at, head[0].length);
      for (let c = 0; c < info.channels; c++) out[c].set(head[c].subarray(0, k), at);
      at += k;
      if (k === head[0].length) queue.shift();
      else queue[0] = head.map((x) => x.subarray(k));
    }
    queued -= n;
    return out;
  };
  return {
    path, sampleRate: info.sampleRate, channelCount: info.channels, frames: info.frames, format: info.format, notes: [],
    get progress() { return size ? offset / size : 1; },
    async read(maxFrames: number) {
      const want = Math.max(1, Math.floor(maxFrames));
      while (queued < want && !ended && open) {
        const bytes = offset < size ? src.read(offset, FLAC_CHUNK_BYTES) : null;
        if (bytes && bytes.length) offset += bytes.length;
        const block = await decoder.push(bytes && bytes.length ? bytes : null);
        if (!bytes || !bytes.length) ended = true;
        if (block[0].length) {
          for (const c of block) {
            for (let i = 0; i < c.length; i++) {
              if (!Number.isFinite(c[i])) throw new UserError(`"${path}" decodes to non-finite samples. The file is damaged: re-encode it.`, 'E_BADAUDIO');
            }
          }
          queue.push(block);
          queued += block[0].length;
        }
      }
      if (queued === 0) return null;
      return take(Math.min(want, queued));
    },
    close() {
      if (open) {
        closeSync(fd);
        decoder.close();
      }
      open = false;
    },
  };
}
