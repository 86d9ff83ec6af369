/**
 * Pure checks of decoded OSC messages (no sockets): a message under the prefix (codec.ts) becomes a
 * typed request of the shared command table (src/hosts/commands.ts) or a readable error naming the
 * address, the argument and what to send instead. Arguments are `f`/`i` numbers and `s` strings
 * only; any other type tag (doubles above all, which Max and some libraries send) is refused with
 * the tag it came with, before the table looks at the values.
 */
import { commandSpec, commandsFor, MAX_FRAME_SAMPLES, parseCommand, type HostRequest, type ParsedCommand } from '../commands';
import { didYouMeanHint } from '../../util/didYouMean';
import { OSC_PREFIX } from './addresses';

export type OscRequest = HostRequest;
export type Parsed = ParsedCommand;
export { MAX_FRAME_SAMPLES };

const TYPE_NAMES: Record<string, string> = {
  d: 'a double (d)', h: 'an int64 (h)', t: 'a time tag (t)', b: 'a blob (b)', T: 'true (T)', F: 'false (F)',
  N: 'nil (N)', I: 'impulse (I)', m: 'MIDI (m)', c: 'a char (c)', r: 'a colour (r)', S: 'a symbol (S)',
};

/** The first argument whose type tag is not f, i or s, as an error; null when all are. */
function badTag(address: string, tags: string): string | null {
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    if (t === 'f' || t === 'i' || t === 's') continue;
    const what = TYPE_NAMES[t] ?? `type ${t}`;
    const hint = t === 'd' ? 'doubles (d) are not supported: send float32 (f)' : 'send float32 (f), int32 (i) or strings (s) only';
    return `${address}: argument ${i} is ${what}; ${hint}. Ignored.`;
  }
  return null;
}

/**
 * Parse one decoded message `address, args` (with its type tags when known) using the shared
 * command table. Never throws.
 */
export function parseOscMessage(address: unknown, args: readonly unknown[], tags?: string): Parsed {
  if (typeof address !== 'string') return { ok: false, error: 'OSC message without an address; send e.g. /timbreremap/frame with float arguments.' };
  const name = address.startsWith(`${OSC_PREFIX}/`) ? address.slice(OSC_PREFIX.length + 1) : null;
  if (name === null || !commandSpec(name, 'osc')) return { ok: false, error: unknownAddressError(address) };
  if (tags !== undefined) {
    const bad = badTag(address, tags);
    if (bad) return { ok: false, error: bad };
  }
  return parseCommand(name, args, 'osc', address);
}

/** What to say about an address the bridge does not know (under the prefix or not). */
export function unknownAddressError(address: string): string {
  const known = commandsFor('osc').map((c) => `${OSC_PREFIX}/${c.name}`);
  const shown = address.length > 60 ? `${address.slice(0, 60)}…` : address;
  const hint = address.startsWith(`${OSC_PREFIX}/`) ? '' : ` (every address starts with ${OSC_PREFIX}/)`;
  return `unknown address ${shown}${hint}.${didYouMeanHint(address.slice(0, 80), known)} The bridge understands ${known.join(', ')}.`;
}
