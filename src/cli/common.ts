import { readWav, mixToMono, type Audio } from '../io/wav';
import { openAudioStream, type AudioStream } from '../io/audioStream';
import { UserError } from '../util/errors';
import type { CliIO, OptionSpec } from './types';
import { ONSET_MODES } from '../onset';

/** Frames read per block when streaming a recording (64 Ki frames: 1.5 s at 44.1 kHz). */
export const STREAM_BLOCK_FRAMES = 1 << 16;

const NO_INPUT = 'no input file given. Pass a recording (WAV, AIFF or FLAC), e.g. examples/gmrock-snare-performance.wav.';

function tellNotes(io: CliIO, quiet: boolean, path: string, channels: number, notes: readonly string[] | undefined): void {
  if (quiet) return;
  for (const n of notes ?? []) io.stderr(`note: ${n}\n`);
  if (channels > 1) io.stderr(`note: "${path}" has ${channels} channels; mixed to mono.\n`);
}

/** Read a whole recording for a command (plots), with notes on stderr (mix-down, cut-short file). */
export function loadInput(path: string | undefined, io: CliIO, quiet: boolean): Audio {
  if (!path) throw new UserError(NO_INPUT, 'E_USAGE');
  const audio = readWav(path);
  if (audio.mono.length === 0) throw new UserError(`"${path}" holds no samples. Record or export some audio first.`, 'E_EMPTY');
  tellNotes(io, quiet, path, audio.channels.length, audio.notes);
  return audio;
}

/** Open a recording to stream (onsets, features, render); refuses an empty one before any work. */
export function openInput(path: string | undefined, io: CliIO, quiet: boolean): AudioStream {
  if (!path) throw new UserError(NO_INPUT, 'E_USAGE');
  const s = openAudioStream(path);
  if (s.frames === 0 && s.format.indexOf('FLAC') < 0) {
    s.close();
    throw new UserError(`"${path}" holds no samples. Record or export some audio first.`, 'E_EMPTY');
  }
  tellNotes(io, quiet, path, s.channelCount, s.notes);
  return s;
}

/** Stream the mono mix of a recording block by block; returns the sample count and the peak. */
export async function forEachMonoBlock(s: AudioStream, onBlock: (mono: Float32Array, start: number) => void | Promise<void>): Promise<{ samples: number; peak: number }> {
  let samples = 0;
  let peak = 0;
  for (let b = await s.read(STREAM_BLOCK_FRAMES); b; b = await s.read(STREAM_BLOCK_FRAMES)) {
    const mono = mixToMono(b);
    for (let i = 0; i < mono.length; i++) {
      const v = Math.abs(mono[i]);
      if (v > peak) peak = v;
    }
    await onBlock(mono, samples);
    samples += mono.length;
  }
  if (samples === 0) throw new UserError(`"${s.path}" holds no samples. Record or export some audio first.`, 'E_EMPTY');
  return { samples, peak };
}

function peakOf(x: Float32Array): number {
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i]));
  return peak;
}

/** Stderr note when a recording yields no onsets: say why it may be and what to try. */
export function noOnsetsMessage(path: string, audioOrPeak: Audio | number): string {
  const peak = typeof audioOrPeak === 'number' ? audioOrPeak : peakOf(audioOrPeak.mono);
  if (peak === 0) return `no onsets in "${path}": the file is silent (all samples are zero).`;
  return `no onsets in "${path}" (peak ${(20 * Math.log10(peak)).toFixed(1)} dBFS): no hit stands out from the background. Check the recording, or try --detector reference / adaptive.`;
}

export const round = (x: number, digits = 6): number => Number(x.toFixed(digits));

/** Wall-clock timer for honest "× real time" figures (decode and write included). */
export function startClock(): () => number {
  const t0 = performance.now();
  return () => (performance.now() - t0) / 1000;
}

/** `--detector`, shared by every command that finds hits. */
export const DETECTOR_OPTION: OptionSpec = {
  name: 'detector',
  type: 'string',
  choices: ONSET_MODES,
  default: 'adaptive',
  description: 'adaptive: thresholds over the estimated noise floor (catches quiet hits); reference: the reference plugin (trigger 16 dB, re-arm 4.6666 dB, hold 1323 samples)',
};

/** `--force`, shared by every command that writes files. */
export const FORCE_OPTION: OptionSpec = { name: 'force', type: 'boolean', description: 'Replace existing output files (never an input, a read-only file or a folder)' };
