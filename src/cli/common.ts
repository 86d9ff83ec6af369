import { readWav, type Audio } from '../io/wav';
import { UserError } from '../util/errors';
import type { CliIO, OptionSpec } from './types';
import { ONSET_MODES } from '../onset';

/** Read a WAV for a command, with a note on stderr when it was mixed down. */
export function loadInput(path: string | undefined, io: CliIO, quiet: boolean): Audio {
  if (!path) throw new UserError('no input file given. Pass a WAV file, e.g. examples/gmrock-snare-performance.wav.', 'E_USAGE');
  const audio = readWav(path);
  if (audio.mono.length === 0) throw new UserError(`"${path}" holds no samples. Record or export some audio first.`, 'E_EMPTY');
  if (!quiet && audio.channels.length > 1) io.stderr(`note: "${path}" has ${audio.channels.length} channels; mixed to mono.\n`);
  return audio;
}

/** Stderr note when a recording yields no onsets: say why it may be and what to try. */
export function noOnsetsMessage(path: string, audio: Audio): string {
  let peak = 0;
  for (let i = 0; i < audio.mono.length; i++) peak = Math.max(peak, Math.abs(audio.mono[i]));
  if (peak === 0) return `no onsets in "${path}": the file is silent (all samples are zero).`;
  return `no onsets in "${path}" (peak ${(20 * Math.log10(peak)).toFixed(1)} dBFS): no hit stands out from the background. Check the recording, or try --detector reference / adaptive.`;
}

export const round = (x: number, digits = 6): number => Number(x.toFixed(digits));

/** `--detector`, shared by every command that finds hits. */
export const DETECTOR_OPTION: OptionSpec = {
  name: 'detector',
  type: 'string',
  choices: ONSET_MODES,
  default: 'adaptive',
  description: 'adaptive: thresholds over the estimated noise floor (catches quiet hits); reference: the reference plugin (trigger 16 dB, re-arm 4.6666 dB, hold 1323 samples)',
};
