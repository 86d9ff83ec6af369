/**
 * The OSC address space of the bridge (design.md "OSC"), declared once: the bridge dispatches on
 * it, `timbre-remap osc --help` and docs/pd.md list it, and the Pd abstractions route on the same
 * names. Conventions (max-pd-ecosystem.md §7.1): one prefix, lowercase, no numeric segments,
 * float32 `f` / int32 `i` / string `s` arguments only, one message per event.
 */
export const OSC_PREFIX = '/timbreremap';

export interface OscAddressSpec {
  readonly address: string;
  /** Argument types as OSC type tags (`f…` = any number of floats). */
  readonly args: string;
  readonly doc: string;
}

/** Messages the bridge accepts (from Pd or any OSC client). */
export const OSC_IN = {
  frame: `${OSC_PREFIX}/frame`,
  load: `${OSC_PREFIX}/load`,
  preset: `${OSC_PREFIX}/preset`,
  sensitivity: `${OSC_PREFIX}/sensitivity`,
  reset: `${OSC_PREFIX}/reset`,
  samplerate: `${OSC_PREFIX}/samplerate`,
  train: `${OSC_PREFIX}/train`,
  cancel: `${OSC_PREFIX}/cancel`,
} as const;

/** Messages the bridge sends back (to the sender's address, on the reply port). */
export const OSC_OUT = {
  params: `${OSC_PREFIX}/params`,
  physical: `${OSC_PREFIX}/physical`,
  features: `${OSC_PREFIX}/features`,
  error: `${OSC_PREFIX}/error`,
  status: `${OSC_PREFIX}/status`,
  progress: `${OSC_PREFIX}/progress`,
  trained: `${OSC_PREFIX}/trained`,
} as const;

export const OSC_IN_SPECS: readonly OscAddressSpec[] = [
  { address: OSC_IN.frame, args: 'f…', doc: 'the onset window: 256 samples at 44.1 kHz (round(256·sr/44100) at the rate set by /samplerate), from 16 samples before the onset; answered by /params, /physical, /features' },
  { address: OSC_IN.load, args: 's', doc: 'load a model bundle (PATH, PATH.onnx or PATH.json); on failure the previous model keeps playing' },
  { address: OSC_IN.preset, args: 's', doc: 'play a preset (name or JSON file) unchanged, without a model' },
  { address: OSC_IN.sensitivity, args: 'f', doc: 'modulation scale 0…4 (default 1)' },
  { address: OSC_IN.reset, args: '', doc: "back to the model's (or preset's) base sound" },
  { address: OSC_IN.samplerate, args: 'f', doc: 'the host sample rate in Hz (sets the expected frame length; default 44100)' },
  { address: OSC_IN.train, args: 'sss[f]', doc: 'train a model: INPUT.wav (or folder) PRESET OUT [EPOCHS]; progress on /progress, then /trained OUT and the model is loaded' },
  { address: OSC_IN.cancel, args: '', doc: 'stop training after the current step (the best model so far is written)' },
];

export const OSC_OUT_SPECS: readonly OscAddressSpec[] = [
  { address: OSC_OUT.params, args: 'f×14', doc: 'the 14 synth parameters, normalised 0…1, in the reference order (first reply to a frame)' },
  { address: OSC_OUT.physical, args: 'f×14', doc: 'the same parameters in physical units (Hz, ratio, ms, Q, dB)' },
  { address: OSC_OUT.features, args: 'f×3', doc: "the frame's onset features: RMS dB, spectral centroid (semitones), spectral flatness dB" },
  { address: OSC_OUT.error, args: 's', doc: 'what was wrong with a message and what to do (nothing changed)' },
  { address: OSC_OUT.status, args: 's', doc: 'confirmation of a control message (model loaded, preset set, value clamped, …)' },
  { address: OSC_OUT.progress, args: 'ffff', doc: 'training progress: epoch, epochs, train loss, validation loss' },
  { address: OSC_OUT.trained, args: 's', doc: 'training finished: the model bundle path (already loaded)' },
];

/** One line per address, for --help and docs. */
export function describeOscAddresses(): string {
  const line = (s: OscAddressSpec) => `  ${`${s.address} ${s.args}`.trim().padEnd(30)} ${s.doc}`;
  return ['Messages in (port --port):', ...OSC_IN_SPECS.map(line), '', 'Replies (to the sender, port --reply-port):', ...OSC_OUT_SPECS.map(line)].join('\n');
}
