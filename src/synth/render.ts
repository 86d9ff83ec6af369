/**
 * Offline render of one hit with the training semantics (the reference's `Snare808.forward`): a fresh
 * `SynthVoice` triggered at sample 0 and run for `numSamples` without the voice's silence cut-off,
 * so the result matches the reference to the last sample (the golden renders within 1e-5).
 */
import { NUM_PARAMS } from './params';
import { SynthVoice } from './voice';
import { UserError } from '../util/errors';
import { checkInteger, checkOptions, checkSampleRate } from '../util/validate';

export interface RenderHitOptions {
  /** Sample rate, Hz (default 44 100, the training rate). */
  sampleRateHz?: number;
  /** Output length, samples (default 44 100 = the reference's 1 s at 44.1 kHz). */
  numSamples?: number;
  /** Noise buffer (default: the reference's fixed buffer). */
  noise?: Float32Array;
}

/**
 * Render one hit.
 * @param params01 the 14 normalised parameters in `PARAMS` order (clamped to [0, 1])
 * @returns float32 samples in (−1, 1)
 * @throws UserError on a wrong parameter count, non-finite parameters or a bad length/rate
 */
export function renderHit(params01: ArrayLike<number>, opts: RenderHitOptions = {}): Float32Array {
  opts = checkOptions('renderHit', opts);
  const sampleRateHz = opts.sampleRateHz ?? 44100;
  const numSamples = opts.numSamples ?? 44100;
  if (!params01 || params01.length !== NUM_PARAMS) {
    throw new UserError(`renderHit needs ${NUM_PARAMS} normalised parameters, got ${params01?.length ?? 'none'}.`, 'E_PARAMS');
  }
  for (let i = 0; i < NUM_PARAMS; i++) {
    if (!Number.isFinite(params01[i])) throw new UserError(`renderHit: parameter ${i} is ${params01[i]}; give numbers in [0, 1].`, 'E_PARAMS');
  }
  checkSampleRate('renderHit', sampleRateHz);
  checkInteger('renderHit', 'numSamples', numSamples, 0, 60 * sampleRateHz, 'A hit is rendered for up to a minute.');

  const voice = new SynthVoice(sampleRateHz, { noise: opts.noise, silenceThreshold: 0 });
  voice.trigger(params01);
  const out = new Float32Array(numSamples);
  voice.process(out, 0, numSamples);
  return out;
}
