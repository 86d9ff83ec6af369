/**
 * The OSC address space of the bridge (design.md "OSC"), declared once: the bridge dispatches on
 * it, `timbre-remap osc --help` and docs/pd.md list it, and the Pd abstractions route on the same
 * names. Conventions (max-pd-ecosystem.md §7.1): one prefix, lowercase, no numeric segments,
 * float32 `f` / int32 `i` / string `s` arguments only, one message per event.
 */
import { commandsFor, type ArgType } from '../commands';

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

const TYPE_TAGS: Record<ArgType, string> = { floats: 'f…', number: 'f', int: 'i', string: 's', nameOrIndex: 's' };

/** Messages in: the shared command table (src/hosts/commands.ts) as the bridge offers it; optional arguments in brackets. */
export const OSC_IN_SPECS: readonly OscAddressSpec[] = commandsFor('osc').map((c) => ({
  address: `${OSC_PREFIX}/${c.name}`,
  args: c.args.map((a) => (a.optional ? `[${TYPE_TAGS[a.type]}]` : TYPE_TAGS[a.type])).join(''),
  doc: `${c.doc}${c.args.length ? ` (${c.args.map((a) => `${a.name}: ${a.doc}`).join('; ')})` : ''}`,
}));

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
