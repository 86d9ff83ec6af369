/**
 * The OSC address space of the bridge, protocol v2 (COORDINATION.md "OSC protocol v2"), declared
 * once: the bridge dispatches on it, `timbre-remap osc --help` and docs/pd.md list it, and the Pd
 * abstractions route on the same names. Conventions (max-pd-ecosystem.md §7.1): one prefix,
 * lowercase, no numeric segments, float32 `f` / int32 `i` / string `s` arguments only, one message
 * per event. Messages in come from the shared command table (src/hosts/commands.ts), so their
 * arguments mean the same as in Max; replies are listed here.
 *
 * ## Protocol v2 as the bridge implements it (details the coordination text left open)
 *
 * Replies. Every reply goes to the UDP source (address and port) of the request, so a Pd
 * `[netsend -u -b]` gets its own answers on its right outlet. Verified with Pd 0.53.1 on this
 * machine (test/osc/pdReplies.test.ts): two `[netsend -u -b]` in one patch, each `connect`ed to the
 * bridge, send from two different ephemeral ports and each receives only the replies sent back to
 * its port, on outlet 1 ("messages sent back", feed it to `[oscparse]`). A UDP netsend must send at
 * least one message before anything can come back; `connect` again (another bridge) opens a new
 * socket = a new port = a new session. `--reply-port N` (legacy) sends replies to port N on the
 * sender's host instead.
 *
 * Sessions. One per sender (address:port), each with its own engine (model, preset, sensitivity,
 * sample rate, detector). At most `SESSION_LIMITS.maxSessions` (least recently heard evicted, never
 * one that is training); a session not heard from for `idleMs` expires. New senders are admitted at
 * most `newPerSecond` per second (a flood of spoofed ports cannot churn the table).
 *
 * hello / welcome. `/hello [f sampleRateHz]` → `/welcome f known`: 1 when this session has had a
 * hello before (same bridge process, not evicted/expired), else 0 and the client re-sends its
 * state (samplerate, load or preset, sensitivity). After the welcome the bridge sends `/base`,
 * `/detector` and `/model` (at most every `STATE_RESEND_MS` per session; heartbeats in between get
 * only the welcome). ADDITION: when a session is created by any message other than hello (e.g. the
 * first frame after a bridge restart), the bridge first sends an unsolicited `/welcome 0`, so the
 * client re-sends its state at once instead of at the next heartbeat. Clients should handle
 * `/welcome 0` whenever it arrives.
 *
 * Frames and hits. `/hit f id, f×N` → `/answer f id, f×14` (physical units, parameter order) then
 * `/features f id, f×3` (ids are float32: whole numbers up to 2^24 come back exactly). `/frame f×N` → `/params f×14`, `/physical f×14`, `/features f×3` as in v1.
 * N is the onset window at the session's rate (256 at 44.1 kHz). A frame whose length does not fit
 * the session's rate but matches exactly one standard rate (STANDARD_RATES_HZ) is answered at that
 * rate, the session switches to it and `/status` says so (a client that lost its `/samplerate`,
 * e.g. after a bridge restart, keeps playing).
 *
 * State replies. `/base f×14`: the physical parameters of the base sound, after load, preset,
 * reset and welcome. `/detector s mode, (s id f value)…`: the loaded model's detector settings
 * (the default detector without a model or when the bundle has none), complete and resolved, in
 * ONSET_SETTINGS order; a setting whose value is a string (reference mode's `rearmLogic`) comes as
 * `s id s value`; sent after load, preset and welcome. `/model s name`: the bundle's base name, or
 * `none` when a preset plays; after load, preset and welcome. State replies caused by several
 * messages within one event-loop turn are sent once.
 *
 * Paths. `/load s model [s baseDir]`, `/preset s name` (or `f index` into the shipped list), `/train
 * s input [s preset] [s out] [f epochs] [s baseDir] [s arch]` (the command table, a superset of the
 * coordination text: preset and out optional, arch added; `-` = the default for any optional argument,
 * so Pd can give baseDir without epochs). A bare name (no `/` or `\`) given to load is a shipped model when
 * `models/NAME.json` exists, given to preset a shipped preset; anything else resolves against baseDir
 * (absolute: the patch's folder) or else the bridge's working folder (preset files: the working
 * folder; the table gives preset no baseDir). The resolved path (symlinks followed) must lie inside
 * the models folder, the bridge's working folder or a `--allow DIR` folder; baseDir grants nothing by
 * itself. A refusal names `--allow DIR` and the allowed folders, and is the same whether or not the
 * path exists. Only regular files are read, at most FILE_LIMITS bytes, without blocking; no message
 * quotes a file's content. Training: epochs 1…MAX_HOST_EPOCHS, preset default 808_snare_1, OUT
 * default beside the recording (INPUT-PRESET, -2, -3… when taken); an OUT that exists is refused (the
 * bridge never overwrites) and its folder must exist (the bridge creates none);
 * `/progress f epoch f epochs f trainLoss f valLoss` per epoch; `/trained s path` at the end (the base
 * path of the new bundle): the model is NOT loaded, the client sends `/load path` when it wants it.
 * One training at a time per bridge; `/cancel` stops the sender's own training (the best model so far
 * is written).
 *
 * Floods. Each session queues at most FLOOD_LIMITS.maxPendingFrames frames/hits: when full, the
 * oldest gives way to the newest (superseded); one that waited longer than
 * FLOOD_LIMITS.maxFrameAgeMs is not answered (stale); both are counted and reported in the log.
 * Sessions are served in turn, one frame each, so a client's burst never delays another's hit.
 * Loads waiting in a session's queue collapse to the newest, and model loads (all sessions) start at
 * least 100 ms apart. Other control messages wait in a per-session queue of
 * FLOOD_LIMITS.maxControlQueue and never hold up frames. A bundle may nest
 * FLOOD_LIMITS.maxBundleDepth deep and hold FLOOD_LIMITS.maxBundleMessages messages. `/error`
 * replies are rate-limited per sender (ERROR_LIMITS) and globally, and an error reply is at most
 * max(2 × the request's bytes, ERROR_LIMITS.minReplyBytes) bytes; the first one after a pause says
 * how many were held back. Measured (bench/osc.bench.ts): a hit is answered ~0.1 ms after a bare
 * echo server would, also under a 5 000 packets/s garbage flood.
 */
import { commandsFor, MAX_HOST_EPOCHS, type ArgType } from '../commands';

export const OSC_PREFIX = '/timbreremap';

export interface OscAddressSpec {
  readonly address: string;
  /** Argument types as OSC type tags (`f…` = any number of floats, `[x]` optional). */
  readonly args: string;
  readonly doc: string;
}

/** Messages the bridge accepts (from Pd or any OSC client): the command table's OSC commands. */
export const OSC_IN: Readonly<Record<string, string>> = Object.fromEntries(commandsFor('osc').map((c) => [c.name, `${OSC_PREFIX}/${c.name}`]));

/** Messages the bridge sends back (to the sender's own address and port). */
export const OSC_OUT = {
  welcome: `${OSC_PREFIX}/welcome`,
  params: `${OSC_PREFIX}/params`,
  physical: `${OSC_PREFIX}/physical`,
  features: `${OSC_PREFIX}/features`,
  answer: `${OSC_PREFIX}/answer`,
  base: `${OSC_PREFIX}/base`,
  detector: `${OSC_PREFIX}/detector`,
  model: `${OSC_PREFIX}/model`,
  error: `${OSC_PREFIX}/error`,
  status: `${OSC_PREFIX}/status`,
  progress: `${OSC_PREFIX}/progress`,
  trained: `${OSC_PREFIX}/trained`,
} as const;

/** Rates whose window length identifies them (see "Frames and hits"). */
export const STANDARD_RATES_HZ = [22050, 32000, 44100, 48000, 88200, 96000, 176400, 192000] as const;

export const SESSION_LIMITS = {
  maxSessions: 16,
  idleMs: 5 * 60 * 1000,
  newPerSecond: 32,
} as const;

/** Shortest time between two state resends (/base, /detector, /model) caused by hellos. */
export const STATE_RESEND_MS = 100;

export const FLOOD_LIMITS = {
  /**
   * A queued frame older than this is not answered: even a fast drummer has played the next hit, so
   * an untagged answer would be applied to the wrong one. Not shorter: on a loaded machine the
   * process alone can be off the CPU for tens of ms, and a client waiting for its answer would lose it.
   */
  maxFrameAgeMs: 200,
  /** Enough that a stall of the event loop of several ms loses no hit; more would only answer late. */
  maxPendingFrames: 8,
  maxControlQueue: 32,
  maxBundleDepth: 4,
  maxBundleMessages: 64,
} as const;

export const ERROR_LIMITS = {
  /** Token bucket per sender: this many at once, refilled at `perSecond`. */
  burst: 10,
  perSecond: 10,
  /** All senders together. */
  globalPerSecond: 200,
  /** Error replies may always be this long (bytes: room for a clear sentence), longer ones up to 2 × the request. */
  minReplyBytes: 256,
} as const;

/** Largest file the bridge reads for each purpose (bytes). */
export const FILE_LIMITS = {
  presetBytes: 64 * 1024,
  modelJsonBytes: 1024 * 1024,
  modelOnnxBytes: 64 * 1024 * 1024,
} as const;

/** Most epochs a client may ask for (the table's host bound). */
export const MAX_OSC_EPOCHS = MAX_HOST_EPOCHS;

// Pd sends every number as f; the bridge takes f or i wherever a number goes (an int is rounded).
const TYPE_TAGS: Record<ArgType, string> = { floats: 'f…', number: 'f', int: 'f', string: 's', nameOrIndex: 's' };

/** Messages in: the shared command table (src/hosts/commands.ts) as the bridge offers it; optional arguments in brackets. */
export const OSC_IN_SPECS: readonly OscAddressSpec[] = commandsFor('osc').map((c) => ({
  address: `${OSC_PREFIX}/${c.name}`,
  args: c.args.map((a) => (a.optional ? `[${TYPE_TAGS[a.type]}]` : TYPE_TAGS[a.type])).join(''),
  doc: `${c.doc}${c.args.length ? ` (${c.args.map((a) => `${a.name}: ${a.doc}`).join('; ')})` : ''}`,
}));

export const OSC_OUT_SPECS: readonly OscAddressSpec[] = [
  { address: OSC_OUT.welcome, args: 'f', doc: '1: the bridge knows this sender; 0: new session, re-send samplerate, load/preset, sensitivity' },
  { address: OSC_OUT.params, args: 'f×14', doc: 'the 14 synth parameters, normalised 0…1, in the reference order (first reply to a frame)' },
  { address: OSC_OUT.physical, args: 'f×14', doc: 'the same parameters in physical units (Hz, ratio, ms, Q, dB)' },
  { address: OSC_OUT.features, args: '[f]f×3', doc: "the onset features (RMS dB, spectral centroid in semitones, spectral flatness dB); after a hit, its id first" },
  { address: OSC_OUT.answer, args: 'f f×14', doc: 'the hit id, then the 14 parameters in physical units (reply to /hit)' },
  { address: OSC_OUT.base, args: 'f×14', doc: 'the base sound in physical units (play it when an answer is late); after load, preset, reset, welcome' },
  { address: OSC_OUT.detector, args: 's (s f)…', doc: 'detector mode, then setting id / value pairs, for tr.onset~; after load, preset, welcome' },
  { address: OSC_OUT.model, args: 's', doc: 'the model playing (its name) or none; after load, preset, welcome' },
  { address: OSC_OUT.error, args: 's', doc: 'what was wrong with a message and what to do (nothing changed); rate-limited' },
  { address: OSC_OUT.status, args: 's', doc: 'confirmation of a control message (model loaded, preset set, value clamped, …)' },
  { address: OSC_OUT.progress, args: 'ffff', doc: 'training progress: epoch, epochs, train loss, validation loss' },
  { address: OSC_OUT.trained, args: 's', doc: 'training finished: the new model bundle path (send /load with it to play it)' },
];

/** One line per address, for --help and docs. */
export function describeOscAddresses(): string {
  const line = (s: OscAddressSpec) => `  ${`${s.address} ${s.args}`.trim().padEnd(30)} ${s.doc}`;
  return ['Messages in (port --port):', ...OSC_IN_SPECS.map(line), '', "Replies (to the sender's own address and port):", ...OSC_OUT_SPECS.map(line)].join('\n');
}
