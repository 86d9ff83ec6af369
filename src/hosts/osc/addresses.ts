/**
 * The OSC address space of the bridge, protocol v2 (COORDINATION.md "OSC protocol v2"), declared
 * once: the bridge dispatches on it, `timbre-remap osc --help` and docs/pd.md list it, and the Pd
 * abstractions route on the same names. Conventions (max-pd-ecosystem.md §7.1): one prefix,
 * lowercase, no numeric segments, float32 `f` / int32 `i` / string `s` arguments only, one message
 * per event.
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
 * `/features f id, f×3`. `/frame f×N` → `/params f×14`, `/physical f×14`, `/features f×3` as in v1.
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
 * Paths. `/load s path [s baseDir]`, `/preset s name [s baseDir]` (ADDITION: baseDir for preset
 * files too), `/train s input s preset s out [f epochs] [s baseDir]`. A bare name (no `/` or `\`)
 * given to load is a shipped model when `models/NAME.json` exists, given to preset a shipped
 * preset; anything else resolves against baseDir (absolute, the patch's folder) or else the
 * bridge's working folder. The resolved path (symlinks followed) must lie inside the models folder,
 * the bridge's working folder or a `--allow DIR` folder; baseDir grants nothing by itself. A refusal
 * names the allowed folders and `--allow DIR`, and is the same whether or not the path exists.
 * Only regular files are read, at most FILE_LIMITS bytes; no message ever quotes a file's content.
 * Training: epochs 1…MAX_OSC_EPOCHS, OUT must not exist (the bridge never overwrites) and its
 * folder must exist (the bridge creates none); `/progress f epoch f epochs f trainLoss f valLoss`
 * per epoch; `/trained s path` at the end (the base path of the new bundle): the model is NOT
 * loaded, the client sends `/load path` when it wants it. One training at a time per bridge;
 * `/cancel` stops the sender's own training (the best model so far is written).
 *
 * Floods. Each session has one slot for a waiting frame/hit: a newer one replaces an older one not
 * yet answered (superseded), and one that waited longer than FLOOD_LIMITS.maxFrameAgeMs is not
 * answered (stale); both are counted and reported in the log. Control messages wait in a per-session
 * queue of FLOOD_LIMITS.maxControlQueue and never hold up frames. A bundle may nest
 * FLOOD_LIMITS.maxBundleDepth deep and hold FLOOD_LIMITS.maxBundleMessages messages. `/error`
 * replies are rate-limited per sender (ERROR_LIMITS) and globally, and an error reply is at most
 * max(2 × the request's bytes, ERROR_LIMITS.minReplyBytes) bytes.
 */
export const OSC_PREFIX = '/timbreremap';

export interface OscAddressSpec {
  readonly address: string;
  /** Argument types as OSC type tags (`f…` = any number of floats, `[x]` optional). */
  readonly args: string;
  readonly doc: string;
}

/** Messages the bridge accepts (from Pd or any OSC client). */
export const OSC_IN = {
  hello: `${OSC_PREFIX}/hello`,
  frame: `${OSC_PREFIX}/frame`,
  hit: `${OSC_PREFIX}/hit`,
  load: `${OSC_PREFIX}/load`,
  preset: `${OSC_PREFIX}/preset`,
  sensitivity: `${OSC_PREFIX}/sensitivity`,
  reset: `${OSC_PREFIX}/reset`,
  samplerate: `${OSC_PREFIX}/samplerate`,
  train: `${OSC_PREFIX}/train`,
  cancel: `${OSC_PREFIX}/cancel`,
} as const;

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
  /** A waiting frame older than this is not answered: the client's deadline has long passed. */
  maxFrameAgeMs: 50,
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

export const MAX_OSC_EPOCHS = 1000;

export const OSC_IN_SPECS: readonly OscAddressSpec[] = [
  { address: OSC_IN.hello, args: '[f]', doc: 'connect / heartbeat (every 500 ms), optionally with the sample rate in Hz; answered by /welcome, then /base, /detector, /model' },
  { address: OSC_IN.frame, args: 'f…', doc: 'the onset window: 256 samples at 44.1 kHz (round(256·sr/44100) at the session rate), from 16 samples before the onset; answered by /params, /physical, /features' },
  { address: OSC_IN.hit, args: 'f f…', doc: 'a hit id, then the onset window as for /frame; answered by /answer id …, /features id …' },
  { address: OSC_IN.load, args: 's[s]', doc: 'load a model bundle: NAME (shipped) or PATH (PATH.onnx, PATH.json), relative to BASEDIR if given; on failure the previous model keeps playing' },
  { address: OSC_IN.preset, args: 's[s]', doc: 'play a preset (shipped name or JSON file, relative to BASEDIR if given) unchanged, without a model' },
  { address: OSC_IN.sensitivity, args: 'f', doc: 'modulation scale 0…4 (default 1)' },
  { address: OSC_IN.reset, args: '', doc: "back to the model's (or preset's) base sound" },
  { address: OSC_IN.samplerate, args: 'f', doc: 'the host sample rate in Hz (sets the expected frame length; default 44100)' },
  { address: OSC_IN.train, args: 'sss[f][s]', doc: `train a model: INPUT.wav (or folder) PRESET OUT [EPOCHS 1…${MAX_OSC_EPOCHS}] [BASEDIR]; /progress per epoch, then /trained OUT (not loaded: send /load OUT)` },
  { address: OSC_IN.cancel, args: '', doc: 'stop your training after the current step (the best model so far is written)' },
];

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
