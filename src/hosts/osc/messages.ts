/**
 * Pure checks of decoded OSC messages (no sockets): what node-osc's decoder can hand us (numbers for
 * `i`/`f`, strings, Buffers for blobs and MIDI, booleans for T/F, null for N) is turned into a typed
 * request (the shared command table, src/hosts/commands.ts) or a readable error naming the address,
 * the argument and what to send instead.
 */
import { commandSpec, commandsFor, MAX_FRAME_SAMPLES, parseCommand, type HostRequest, type ParsedCommand } from '../commands';
import { didYouMeanHint } from '../../util/didYouMean';
import { OSC_PREFIX } from './addresses';

export type OscArg = number | string | boolean | null | Uint8Array | unknown;

export type OscRequest = HostRequest;

export type Parsed = ParsedCommand;

export { MAX_FRAME_SAMPLES };

/** Parse one decoded message `[address, ...args]` with the shared command table. Never throws. */
export function parseOscMessage(address: unknown, args: readonly OscArg[]): Parsed {
  if (typeof address !== 'string') return { ok: false, error: 'OSC message without an address; send e.g. /timbreremap/frame with float arguments.' };
  const name = address.startsWith(`${OSC_PREFIX}/`) ? address.slice(OSC_PREFIX.length + 1) : null;
  if (name === null || !commandSpec(name, 'osc')) {
    const known = commandsFor('osc').map((c) => `${OSC_PREFIX}/${c.name}`);
    const shown = address.length > 60 ? `${address.slice(0, 60)}…` : address;
    const hint = address.startsWith(OSC_PREFIX) ? '' : ` (every address starts with ${OSC_PREFIX})`;
    return { ok: false, error: `unknown address ${shown}${hint}.${didYouMeanHint(address, known)} The bridge understands ${known.join(', ')}.` };
  }
  return parseCommand(name, args, 'osc', address);
}

/** Float32-typed OSC arguments (node-osc would send whole numbers as `i`; Pd and the contract want `f`). */
export function floatArgs(values: ArrayLike<number>): Array<{ type: 'f'; value: number }> {
  const out = new Array<{ type: 'f'; value: number }>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = { type: 'f', value: values[i] };
  return out;
}
