import { readFileSync, existsSync, statSync } from 'node:fs';
import { WaveFile } from 'wavefile';
import { UserError } from '../util/errors';
import { writeFileAtomic } from './atomic';

/** A decoded recording: samples in [−1, 1], one array per channel, and the mono mix. */
export interface Audio {
  readonly sampleRate: number;
  readonly channels: Float32Array[];
  /** Mean of the channels (the reference detector's input). */
  readonly mono: Float32Array;
  /** Source description, e.g. "16-bit int, 2 ch" for messages. */
  readonly format: string;
}

/**
 * Decode a WAV file: 8/16/24/32-bit int and 32/64-bit float, any channel count and sample rate.
 * Throws UserError naming the file and what to do when it is missing, empty or not a WAV.
 */
export function readWav(path: string): Audio {
  if (!existsSync(path)) throw new UserError(`cannot read "${path}": no such file. Check the path (relative paths start from ${process.cwd()}).`, 'E_NOFILE');
  if (statSync(path).isDirectory()) throw new UserError(`"${path}" is a folder, not a WAV file. Pass a .wav file.`, 'E_NOTWAV');
  const bytes = readFileSync(path);
  return decodeWav(bytes, path);
}

export function decodeWav(bytes: Uint8Array, name = 'input'): Audio {
  const wav = new WaveFile();
  try {
    wav.fromBuffer(bytes);
  } catch (e) {
    throw new UserError(`"${name}" is not a readable WAV file (${(e as Error).message}). Export it as PCM or float WAV.`, 'E_NOTWAV');
  }
  const fmt = wav.fmt as { sampleRate: number; numChannels: number; audioFormat: number; bitsPerSample: number; subformat: number[] };
  // WAVE_FORMAT_EXTENSIBLE (0xFFFE) with the IEEE-float subformat (GUID starting with 3), as Pd
  // and many DAWs write it: wavefile decodes it as integer PCM, so decode the float data here.
  if (fmt.audioFormat === 0xfffe && fmt.subformat?.[0] === 3) {
    return decodeExtensibleFloat(wav, fmt, name);
  }
  const bitDepth = wav.bitDepth as string;
  const sampleRate = fmt.sampleRate;
  const numChannels = fmt.numChannels;
  if (!(sampleRate > 0) || !(numChannels > 0)) throw new UserError(`"${name}" has an invalid header (rate ${sampleRate}, ${numChannels} channels). Re-export the file.`, 'E_NOTWAV');
  const supported = ['8', '16', '24', '32', '32f', '64'];
  if (!supported.includes(bitDepth)) throw new UserError(`"${name}" uses ${bitDepth}-bit samples, which are not supported. Export as 16/24/32-bit PCM or 32-bit float.`, 'E_NOTWAV');
  const raw = wav.getSamples(false, Float64Array) as unknown as Float64Array[] | Float64Array;
  const chans = (numChannels === 1 ? [raw as Float64Array] : (raw as Float64Array[]));
  const channels = chans.map((c) => {
    const out = new Float32Array(c.length);
    if (bitDepth === '32f' || bitDepth === '64') {
      for (let i = 0; i < c.length; i++) out[i] = c[i];
    } else if (bitDepth === '8') {
      for (let i = 0; i < c.length; i++) out[i] = (c[i] - 128) / 128; // 8-bit WAV is unsigned
    } else {
      const scale = 2 ** (Number(bitDepth) - 1);
      for (let i = 0; i < c.length; i++) out[i] = c[i] / scale;
    }
    return out;
  });
  for (const c of channels) {
    for (let i = 0; i < c.length; i++) {
      if (!Number.isFinite(c[i])) throw new UserError(`"${name}" contains NaN or infinite samples (first at sample ${i}). Re-export the file.`, 'E_BADAUDIO');
    }
  }
  return { sampleRate, channels, mono: mixToMono(channels), format: `${bitDepth.endsWith('f') || bitDepth === '64' ? `${parseInt(bitDepth)}-bit float` : `${bitDepth}-bit int`}, ${numChannels} ch` };
}

function decodeExtensibleFloat(wav: WaveFile, fmt: { sampleRate: number; numChannels: number; bitsPerSample: number }, name: string): Audio {
  const bytes = (wav as unknown as { data: { samples: Uint8Array } }).data.samples;
  const width = fmt.bitsPerSample / 8;
  if (width !== 4 && width !== 8) throw new UserError(`"${name}" is a ${fmt.bitsPerSample}-bit float WAV; only 32/64-bit float are supported. Re-export it.`, 'E_NOTWAV');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const frames = Math.floor(bytes.byteLength / (width * fmt.numChannels));
  const channels = Array.from({ length: fmt.numChannels }, () => new Float32Array(frames));
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < fmt.numChannels; c++) {
      const at = (i * fmt.numChannels + c) * width;
      const v = width === 4 ? view.getFloat32(at, true) : view.getFloat64(at, true);
      if (!Number.isFinite(v)) throw new UserError(`"${name}" contains NaN or infinite samples (first at sample ${i}). Re-export the file.`, 'E_BADAUDIO');
      channels[c][i] = v;
    }
  }
  return { sampleRate: fmt.sampleRate, channels, mono: mixToMono(channels), format: `${fmt.bitsPerSample}-bit float (extensible), ${fmt.numChannels} ch` };
}

export function mixToMono(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0];
  const n = channels[0].length;
  const out = new Float32Array(n);
  for (const c of channels) for (let i = 0; i < n; i++) out[i] += c[i];
  for (let i = 0; i < n; i++) out[i] /= channels.length;
  return out;
}

/** Encode mono or multichannel float audio as a WAV (default 32-bit float; '16' for 16-bit PCM). */
export function encodeWav(channels: Float32Array[] | Float32Array, sampleRate: number, bitDepth: '16' | '24' | '32f' = '32f'): Uint8Array {
  const chans = channels instanceof Float32Array ? [channels] : channels;
  const wav = new WaveFile();
  if (bitDepth === '32f') {
    wav.fromScratch(chans.length, sampleRate, '32f', chans.length === 1 ? chans[0] : chans);
  } else {
    // Same scale as the decoder (2^(bits−1)), so a round trip is exact to half a step; +1.0 clips to the largest code.
    const scale = 2 ** (Number(bitDepth) - 1);
    const ints = chans.map((c) => Int32Array.from(c, (v) => Math.max(-scale, Math.min(scale - 1, Math.round(v * scale)))));
    wav.fromScratch(chans.length, sampleRate, bitDepth, ints.length === 1 ? ints[0] : ints);
  }
  return wav.toBuffer();
}

/** Write a WAV atomically (temporary file, then rename). */
export function writeWav(path: string, channels: Float32Array[] | Float32Array, sampleRate: number, bitDepth: '16' | '24' | '32f' = '32f'): void {
  writeFileAtomic(path, encodeWav(channels, sampleRate, bitDepth));
}
