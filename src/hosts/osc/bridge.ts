/**
 * The OSC bridge: a UDP socket in front of one engine per client, for Pure Data or any OSC client
 * (protocol v2, addresses.ts).
 *
 *   client ──/timbreremap/hit id f×256──▶ bridge (port) ── session(client) ── engine.processFrame
 *   client ◀──/timbreremap/answer id f×14, /features id f×3── (the client's own address and port)
 *
 * Packets are decoded by codec.ts straight from the dgram socket: the address is checked before
 * anything else, so nothing a client sends becomes an event name or reaches a handler untyped
 * (issue 12.1). Frames and hits skip the control queue: each session keeps at most a few unanswered
 * frames (the newest; older ones give way), answered on the next turn of the event loop unless they
 * have grown stale (issue 12.6). Control messages run in order per session. Every problem is answered on
 * `/timbreremap/error`, rate-limited, and changes nothing; the bridge never throws on input.
 *
 * This is the only module (with its folder) that opens the bridge's sockets.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { basename, dirname, extname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { messageOf, UserError, type Status } from '../../util/errors';
import type { FrameResult } from '../../engine/engine';
import { windowSamplesAt } from '../../engine/constants';
import { createOnsetDetector, ONSET_SETTINGS, type OnsetOptions } from '../../onset';
import { PARAM_NAMES, toPhysical } from '../../synth/params';
import { listPresets } from '../../synth/presets';
import { MAX_FRAME_SAMPLES, MAX_HOST_EPOCHS, presetArgName } from '../commands';
import { ERROR_LIMITS, FILE_LIMITS, FLOOD_LIMITS, OSC_OUT, SESSION_LIMITS, STANDARD_RATES_HZ, STATE_RESEND_MS } from './addresses';
import { decodePacket, encodeFloats, encodeMessage, type OutArg } from './codec';
import { parseOscMessage, unknownAddressError } from './messages';
import { createFileAccess, jsonStrings, publicVocabulary, readSmallFile, redactFileStrings, type FileAccess } from './paths';
import { KeyedBuckets, TokenBucket } from './rateLimit';
import { Session, SessionTable, sessionKey, type ControlRequest, type PendingFrame } from './sessions';

/** What the bridge needs from an engine (the lead's `Engine` satisfies it). */
export interface OscEngine {
  processFrame(frame: ArrayLike<number>): Promise<FrameResult>;
  loadModel(path: string): Promise<Status>;
  setPreset(nameOrFile: string): Status;
  setSensitivity(s: number): Status;
  setSampleRate(hz: number): Status;
  reset(): Status;
  readonly sampleRateHz: number;
  /** Current base parameters (normalised), for `/base`. */
  baseParams01(): ArrayLike<number>;
  /** The loaded model's detector (COORDINATION "Detector settings"); absent or null: the default detector. */
  detectorOptions?(): OnsetOptions | null;
}

/** A running training job as the bridge sees it (src/train `startTraining`). */
export interface OscTrainingJob {
  readonly done: Promise<{ out: { onnx: string; json: string }; cancelled: boolean }>;
  cancel(): void;
  on(event: 'progress', cb: (p: { epoch: number; epochs: number; trainLoss: number; valLoss: number }) => void): unknown;
}
export type StartTraining = (opts: { inputs: string[]; preset: string; out: string; epochs?: number; arch?: string; force?: boolean }) => OscTrainingJob;

export interface OscBridgeLimits {
  maxSessions: number;
  idleMs: number;
  newSessionsPerSecond: number;
  maxFrameAgeMs: number;
  maxPendingFrames: number;
  maxControlQueue: number;
  errorBurst: number;
  errorsPerSecond: number;
  globalErrorsPerSecond: number;
}

export interface OscBridgeOptions {
  /** UDP port to listen on (default 9000; 0 = any free port). */
  port?: number;
  /** Legacy: send replies to this port on the sender's host instead of the sender's own port. */
  replyPort?: number;
  /** Interface to bind (default 127.0.0.1: loopback only). */
  host?: string;
  /** Makes each session's engine (default: a new `Engine()` at 44.1 kHz with the default preset). */
  createEngine?: () => OscEngine;
  /** Legacy / tests: one engine shared by every session (sessions then share model and settings). */
  engine?: OscEngine;
  /** Training entry (default: src/train `startTraining`, loaded when first asked). */
  startTraining?: StartTraining;
  /** Where the bridge reports what it does (default: nowhere). */
  log?: (line: string) => void;
  /** More folders clients may load from and train into (`--allow DIR`). */
  allow?: readonly string[];
  /** The working folder relative paths start from (default process.cwd()). */
  cwd?: string;
  /** The shipped models folder (default: the package's models/). */
  modelsDir?: string;
  /** Override the protocol's limits (tests). */
  limits?: Partial<OscBridgeLimits>;
}

export interface OscBridgeStats {
  /** UDP packets received. */
  received: number;
  /** Frames and hits answered. */
  frames: number;
  /** Error replies sent. */
  errors: number;
  /** Error replies not sent (rate limit). */
  errorsSuppressed: number;
  /** Frames not answered because they waited longer than maxFrameAgeMs. */
  stale: number;
  /** Frames not answered because newer ones of the same sender filled its queue first. */
  superseded: number;
  /** Control messages refused (queue full) or replaced (a newer load), packets of senders refused a session. */
  dropped: number;
  /** Sessions opened since start. */
  sessions: number;
}

export interface OscSessionInfo {
  address: string;
  port: number;
  engine: OscEngine;
  model: string;
  greeted: boolean;
}

export interface OscBridge {
  /** Where the bridge listens (the real port when 0 was asked). */
  readonly address: { host: string; port: number };
  /** The legacy fixed reply port, or null (replies go to each sender's own port). */
  readonly replyPort: number | null;
  /** The engine shared by all sessions when one was given (`engine` option), else null. */
  readonly engine: OscEngine | null;
  readonly stats: OscBridgeStats;
  /** The session of a sender, if it has one. */
  session(address: string, port: number): OscSessionInfo | undefined;
  /** Number of open sessions. */
  readonly sessionCount: number;
  /** Stop listening (waits for messages being handled; cancels a running training). */
  close(): Promise<void>;
}

interface Peer {
  address: string;
  port: number;
}

type S = Session<OscEngine>;

const DEFAULT_LIMITS: OscBridgeLimits = {
  maxSessions: SESSION_LIMITS.maxSessions,
  idleMs: SESSION_LIMITS.idleMs,
  newSessionsPerSecond: SESSION_LIMITS.newPerSecond,
  maxFrameAgeMs: FLOOD_LIMITS.maxFrameAgeMs,
  maxPendingFrames: FLOOD_LIMITS.maxPendingFrames,
  maxControlQueue: FLOOD_LIMITS.maxControlQueue,
  errorBurst: ERROR_LIMITS.burst,
  errorsPerSecond: ERROR_LIMITS.perSecond,
  globalErrorsPerSecond: ERROR_LIMITS.globalPerSecond,
};

// A frame of the longest window and a hit id fit; more arguments are refused before decoding.
const DECODE_LIMITS = { maxBundleDepth: FLOOD_LIMITS.maxBundleDepth, maxMessages: FLOOD_LIMITS.maxBundleMessages, maxArgs: MAX_FRAME_SAMPLES + 1 };

/**
 * Model loads (all sessions together) start at least this far apart: one can hold the event loop
 * for milliseconds (onnxruntime, the evaluator check, collecting the previous model), so a client
 * sending loads in a loop must not delay everyone's hits. A person choosing models never notices.
 */
const MODEL_LOAD_SPACING_MS = 100;

/** How often the log may report drops (ms). */
const DROP_LOG_MS = 5000;

function listenError(e: NodeJS.ErrnoException, host: string, port: number): UserError {
  const what =
    e.code === 'EADDRINUSE' ? `port ${port} is already in use (another bridge?); pick another with --port`
    : e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND' || e.code === 'EINVAL' ? `host ${host} is not an address of this machine; use --host 127.0.0.1 (or 0.0.0.0 for all interfaces)`
    : e.code === 'EACCES' ? `port ${port} needs privileges; use a port above 1023`
    : messageOf(e);
  return new UserError(`OSC bridge cannot listen on ${host}:${port}: ${what}.`, 'E_OSC_LISTEN');
}

function loadDefaultEngine(): OscEngine {
  // Loaded lazily so that tests with a fake engine do not pull in the model runtime.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Engine } = require('../../engine/engine') as typeof import('../../engine/engine');
  return new Engine();
}

function loadStartTraining(): StartTraining {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const train = require('../../train') as { startTraining?: StartTraining };
  if (typeof train.startTraining !== 'function') throw new Error('this build has no training (src/train startTraining missing)');
  return train.startTraining;
}

/** Engines that hold an onnxruntime session release it when their session goes. */
function releaseEngine(e: OscEngine): void {
  const m = (e as { currentModel?: { dispose?: () => Promise<void> } | null }).currentModel;
  void m?.dispose?.().catch(() => undefined);
}

/** Text safe in an OSC string (no control characters), cut to at most `maxBytes` UTF-8 bytes. */
function fitText(text: string, maxBytes: number): string {
  const clean = text.replace(/[\x00-\x1f\x7f]/g, '?');
  if (Buffer.byteLength(clean) <= maxBytes) return clean;
  let lo = 0;
  let hi = clean.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (Buffer.byteLength(clean.slice(0, mid)) + 3 <= maxBytes) lo = mid;
    else hi = mid - 1;
  }
  return `${clean.slice(0, lo)}…`;
}

/** The detector settings message: mode, then id/value pairs in ONSET_SETTINGS order (strings as s). */
export function detectorArgs(engine: OscEngine): OutArg[] {
  let opts: OnsetOptions = {};
  try {
    opts = engine.detectorOptions?.() ?? {};
  } catch {
    opts = {};
  }
  let det;
  try {
    det = createOnsetDetector(engine.sampleRateHz, opts);
  } catch {
    det = createOnsetDetector(engine.sampleRateHz, {});
  }
  const settings = det.settings as unknown as Record<string, number | string>;
  const known = ONSET_SETTINGS.map((s) => s.id as string).filter((id) => id in settings);
  const rest = Object.keys(settings).filter((k) => !known.includes(k));
  const args: OutArg[] = [{ type: 's', value: det.mode }];
  for (const id of [...known, ...rest]) {
    const v = settings[id];
    args.push({ type: 's', value: id }, typeof v === 'number' ? { type: 'f', value: v } : { type: 's', value: String(v) });
  }
  return args;
}

/**
 * Start the bridge. Resolves once the socket listens; rejects with a UserError when the port is
 * taken or the host cannot be bound.
 */
export async function startOscBridge(opts: OscBridgeOptions = {}): Promise<OscBridge> {
  const port = opts.port ?? 9000;
  const replyPort = opts.replyPort ?? null;
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? (() => undefined);
  const limits: OscBridgeLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`OSC port must be an integer 0…65535; got ${port}.`, 'E_USAGE');
  if (replyPort !== null && (!Number.isInteger(replyPort) || replyPort < 1 || replyPort > 65535)) {
    throw new UserError(`OSC reply port must be an integer 1…65535; got ${replyPort} (leave it out to reply to each sender's own port).`, 'E_USAGE');
  }
  const shared = opts.engine ?? null;
  const createEngine = shared ? () => shared : (opts.createEngine ?? loadDefaultEngine);
  // Load the engine's modules now (the model runtime takes ~0.5 s on first use), not on a client's first hit.
  if (!shared) createEngine();
  const files: FileAccess = createFileAccess({ modelsDir: opts.modelsDir, cwd: opts.cwd, allow: opts.allow });
  const vocabulary = publicVocabulary(files.modelsDir);
  for (const n of PARAM_NAMES) vocabulary.add(n);
  const stats: OscBridgeStats = { received: 0, frames: 0, errors: 0, errorsSuppressed: 0, stale: 0, superseded: 0, dropped: 0, sessions: 0 };

  const sock: Socket = createSocket({ type: 'udp4', reuseAddr: false });
  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      sock.off('listening', onListening);
      try {
        sock.close();
      } catch {
        /* never opened */
      }
      reject(listenError(e, host, port));
    };
    const onListening = () => {
      sock.off('error', onError);
      resolve();
    };
    sock.once('error', onError);
    sock.once('listening', onListening);
    sock.bind(port, host);
  });
  try {
    // Room for bursts while the event loop is busy (a model load): the kernel default holds ~200 frames.
    sock.setRecvBufferSize(4 * 1024 * 1024);
  } catch {
    /* capped by the system: keep its default */
  }

  let closing = false;
  let closed = false;
  const sessions = new SessionTable<OscEngine>(limits.maxSessions);
  const newSessions = new TokenBucket(limits.newSessionsPerSecond, limits.newSessionsPerSecond, performance.now());
  const errorBuckets = new KeyedBuckets(limits.errorBurst, limits.errorsPerSecond, 1024);
  const globalErrors = new TokenBucket(limits.globalErrorsPerSecond, limits.globalErrorsPerSecond, performance.now());

  // ---- sending ------------------------------------------------------------------------------
  const target = (p: Peer): Peer => (replyPort === null ? p : { address: p.address, port: replyPort });
  const sendBuf = (p: Peer, buf: Buffer): void => {
    if (closed) return;
    const t = target(p);
    try {
      sock.send(buf, t.port, t.address, (err) => {
        if (err) log(`reply to ${t.address}:${t.port} failed: ${err.message}`);
      });
    } catch (e) {
      log(`reply to ${t.address}:${t.port} failed: ${messageOf(e)}`);
    }
  };
  const send = (p: Peer, address: string, args: readonly OutArg[]): void => sendBuf(p, encodeMessage(address, args));
  const str = (value: string): OutArg => ({ type: 's', value });

  const ERROR_HEADER_BYTES = encodeMessage(OSC_OUT.error, [str('')]).length - 4; // address + ",s" tags
  /** `text` may be a function: a message that the rate limit drops is never even composed. */
  const sendError = (p: Peer, text: string | (() => string), requestBytes: number): void => {
    const now = performance.now();
    const e = errorBuckets.get(sessionKey(p.address, p.port), now);
    if (!e.bucket.take(now) || !globalErrors.take(now)) {
      e.suppressed++;
      stats.errorsSuppressed++;
      noteDrops(now);
      return;
    }
    const note = e.suppressed ? ` [${e.suppressed} earlier error${e.suppressed === 1 ? '' : 's'} not sent: rate limit]` : '';
    e.suppressed = 0;
    // Never much larger than the request: a flood of tiny packets cannot be amplified.
    const maxBytes = Math.max(2 * requestBytes, ERROR_LIMITS.minReplyBytes);
    const room = (Math.floor((maxBytes - ERROR_HEADER_BYTES) / 4) * 4) - 1;
    const body = fitText(typeof text === 'function' ? text() : text, Math.max(8, room - Buffer.byteLength(note)));
    stats.errors++;
    send(p, OSC_OUT.error, [str(fitText(body + note, room))]);
  };
  const sendStatus = (s: S, st: Status, okText: string, bytes: number, redact?: (m: string) => string): boolean => {
    if (!st.ok) {
      sendError(s, redact ? redact(st.error) : st.error, bytes);
      return false;
    }
    send(s, OSC_OUT.status, [str(st.warning ? `${okText} (${redact ? redact(st.warning) : st.warning})` : okText)]);
    return true;
  };

  // ---- drop accounting (reported in the log, at most every DROP_LOG_MS) ---------------------
  let lastDropLog = -Infinity;
  let lastReported = '';
  const dropSummary = () => `${stats.stale} stale and ${stats.superseded} superseded frames not answered, ${stats.errorsSuppressed} error replies suppressed, ${stats.dropped} messages dropped`;
  function noteDrops(now: number): void {
    if (now - lastDropLog < DROP_LOG_MS) return;
    const s = dropSummary();
    if (s === lastReported) return;
    lastDropLog = now;
    lastReported = s;
    log(`flood protection: ${s} (totals since start)`);
  }

  // ---- state replies (/base, /detector, /model), once per event-loop turn -------------------
  const dirty = new Set<S>();
  let flushScheduled = false;
  const markDirty = (s: S, what: ReadonlyArray<keyof S['dirty']>): void => {
    for (const w of what) s.dirty[w] = true;
    dirty.add(s);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flushState);
    }
  };
  function flushState(): void {
    flushScheduled = false;
    for (const s of dirty) {
      if (s.dirty.base) sendBuf(s, encodeFloats(OSC_OUT.base, toPhysical(s.engine.baseParams01())));
      if (s.dirty.detector) send(s, OSC_OUT.detector, detectorArgs(s.engine));
      if (s.dirty.model) send(s, OSC_OUT.model, [str(s.modelName)]);
      s.dirty.base = s.dirty.detector = s.dirty.model = false;
    }
    dirty.clear();
  }
  const ALL_STATE = ['base', 'detector', 'model'] as const;

  // ---- frames: newest per session, stale ones dropped ---------------------------------------
  const ready = new Set<S>();
  let frameTick = false;
  let frameRunner: Promise<void> | null = null;
  function scheduleFrames(): void {
    if (frameTick || frameRunner || closed) return;
    frameTick = true;
    // The next check phase: every datagram already readable is taken in first, so a burst of
    // one client's frames is cut to its newest few.
    setImmediate(() => {
      frameTick = false;
      frameRunner = runFrames().finally(() => {
        frameRunner = null;
        if (ready.size) scheduleFrames();
      });
    });
  }
  async function runFrames(): Promise<void> {
    while (ready.size && !closed) {
      // One round: one frame from each waiting session, then a turn of the event loop so that
      // packets already readable (another client's hit) join the next round instead of waiting
      // behind a busy client's whole queue.
      const round = [...ready];
      ready.clear();
      for (const s of round) {
        const p = s.pending.shift();
        if (s.pending.length) ready.add(s);
        if (!p) continue;
        const now = performance.now();
        if (now - p.at > limits.maxFrameAgeMs) {
          stats.stale++;
          noteDrops(now);
          continue;
        }
        s.inFlight = true;
        try {
          await answerFrame(s, p);
        } catch (e) {
          sendError(s, `internal error while answering a frame: ${messageOf(e)}`, p.bytes);
        } finally {
          s.inFlight = false;
        }
      }
      if (ready.size) await new Promise<void>((r) => setImmediate(r));
    }
  }
  async function answerFrame(s: S, p: PendingFrame): Promise<void> {
    const e = s.engine;
    const n = p.req.samples.length;
    if (n !== windowSamplesAt(e.sampleRateHz)) {
      // A client that lost its /samplerate (a bridge restart) keeps playing when its window length names one rate.
      const rates = STANDARD_RATES_HZ.filter((hz) => windowSamplesAt(hz) === n);
      if (rates.length === 1) {
        const was = e.sampleRateHz;
        if (e.setSampleRate(rates[0]).ok) {
          send(s, OSC_OUT.status, [str(`frame has ${n} samples, the onset window at ${rates[0]} Hz: this session now expects ${rates[0]} Hz frames (was ${was} Hz); send /timbreremap/samplerate with the host rate`)]);
        }
      }
    }
    const r = await e.processFrame(p.req.samples);
    if (!r.ok) return sendError(s, r.error, p.bytes);
    stats.frames++;
    if (p.req.kind === 'hit') {
      sendBuf(s, encodeFloats(OSC_OUT.answer, r.physical, p.req.id));
      sendBuf(s, encodeFloats(OSC_OUT.features, r.features, p.req.id));
    } else {
      sendBuf(s, encodeFloats(OSC_OUT.params, r.params01));
      sendBuf(s, encodeFloats(OSC_OUT.physical, r.physical));
      sendBuf(s, encodeFloats(OSC_OUT.features, r.features));
    }
  }

  // ---- control messages: in order per session ------------------------------------------------
  let job: { owner: S; job: OscTrainingJob } | null = null;
  let lastLoadAt = -Infinity;

  function pumpControls(s: S): void {
    if (s.controlBusy) return;
    s.controlBusy = true;
    s.controlIdle = (async () => {
      while (s.controls.length) {
        const c = s.controls.shift()!;
        try {
          await handleControl(s, c.req, c.bytes);
        } catch (e) {
          sendError(s, `internal error while handling ${c.req.kind}: ${messageOf(e)}`, c.bytes);
        }
      }
      s.controlBusy = false;
    })();
  }

  /** A client's file, read once here (bounded, never blocking), so its strings can be kept out of errors. */
  function fileStrings(path: string, maxBytes: number): Set<string> | string {
    const r = readSmallFile(path, path, 'file', maxBytes);
    if (!r.ok) return r.error;
    try {
      return jsonStrings(JSON.parse(r.value.toString('utf8')));
    } catch {
      return `${path} is not valid JSON; the file may be truncated or not what you meant. Nothing changed.`;
    }
  }
  const redactor = (strings: Set<string>, sent: string[]) => {
    const keep = new Set([...vocabulary, ...sent]);
    return (m: string) => redactFileStrings(m, strings, keep);
  };

  async function handleControl(s: S, req: ControlRequest, bytes: number): Promise<void> {
    const e = s.engine;
    switch (req.kind) {
      case 'hello': {
        if (req.hz !== undefined) {
          const st = e.setSampleRate(req.hz);
          if (!st.ok) sendError(s, st.error, bytes);
        }
        const known = s.greeted ? 1 : 0;
        s.greeted = true;
        send(s, OSC_OUT.welcome, [{ type: 'f', value: known }]);
        const now = performance.now();
        if (known === 0 || now - s.lastStateAt >= STATE_RESEND_MS) {
          s.lastStateAt = now;
          markDirty(s, ALL_STATE);
        }
        return;
      }
      case 'samplerate':
        sendStatus(s, e.setSampleRate(req.hz), `sample rate ${req.hz} Hz`, bytes);
        return;
      case 'sensitivity':
        sendStatus(s, e.setSensitivity(req.value), `sensitivity ${req.value}`, bytes);
        return;
      case 'reset':
        if (sendStatus(s, e.reset(), 'reset', bytes)) markDirty(s, ['base']);
        return;
      case 'preset': {
        const name = presetArgName(req.preset);
        if (name === undefined) return sendError(s, `preset index ${String(req.preset)} is not in the list: ${listPresets().map((n, i) => `${i} ${n}`).join(', ')}; or send a name or a preset JSON file. Nothing changed.`, bytes);
        const c = files.preset(name);
        if (!c.ok) return sendError(s, c.error, bytes);
        const { value: path, file } = c.value;
        let redact: ((m: string) => string) | undefined;
        if (file) {
          const strings = fileStrings(path, FILE_LIMITS.presetBytes);
          if (typeof strings === 'string') return sendError(s, strings.replace(path, name), bytes);
          redact = redactor(strings, [name, path, basename(path).replace(/\.json$/, '')]);
        }
        if (sendStatus(s, e.setPreset(path), `preset ${name}`, bytes, redact)) {
          s.modelName = 'none';
          markDirty(s, ALL_STATE);
        }
        return;
      }
      case 'load': {
        // Model loads, all sessions together, start at least MODEL_LOAD_SPACING_MS apart.
        const wait = lastLoadAt + MODEL_LOAD_SPACING_MS - performance.now();
        lastLoadAt = performance.now() + Math.max(0, wait);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (closing) return;
        const c = files.model(req.model, req.baseDir);
        if (!c.ok) return sendError(s, c.error, bytes);
        const strings = fileStrings(`${c.value}.json`, FILE_LIMITS.modelJsonBytes);
        if (typeof strings === 'string') return sendError(s, `could not load model "${req.model}": ${strings} The previous sound keeps playing.`, bytes);
        const redact = redactor(strings, [req.model, c.value, `${c.value}.json`, `${c.value}.onnx`]);
        if (sendStatus(s, await e.loadModel(c.value), `loaded model ${req.model}`, bytes, redact)) {
          s.modelName = basename(c.value);
          markDirty(s, ALL_STATE);
        }
        return;
      }
      case 'cancel':
        if (!job || job.owner !== s) return sendError(s, job ? 'the running training was started by another client; only it can cancel it.' : 'no training is running; nothing to cancel.', bytes);
        job.job.cancel();
        send(s, OSC_OUT.status, [str('training cancelled; writing the best model so far')]);
        return;
      case 'train':
        return startTrain(s, req, bytes);
      default:
        // Commands of the table that only Max offers never parse here; say so rather than assume.
        return sendError(s, `${req.kind} is not offered over OSC. Nothing changed.`, bytes);
    }
  }

  function startTrain(s: S, req: Extract<ControlRequest, { kind: 'train' }>, bytes: number): void {
    if (job) return sendError(s, 'a training is already running; wait for /timbreremap/trained (or /cancel it from the client that started it).', bytes);
    if (req.epochs !== undefined && req.epochs > MAX_HOST_EPOCHS) return sendError(s, `/timbreremap/train: epochs ${req.epochs} is more than ${MAX_HOST_EPOCHS}; a run stops by itself when it stops improving. Nothing started.`, bytes);
    const inputs = files.trainingInputs(req.input, req.baseDir);
    if (!inputs.ok) return sendError(s, inputs.error, bytes);
    const presetName = req.preset ?? '808_snare_1';
    const preset = files.preset(presetName);
    if (!preset.ok) return sendError(s, preset.error, bytes);
    if (preset.value.file) {
      const strings = fileStrings(preset.value.value, FILE_LIMITS.presetBytes);
      if (typeof strings === 'string') return sendError(s, strings.replace(preset.value.value, presetName), bytes);
    } else if (!listPresets().includes(presetName)) {
      return sendError(s, `unknown preset "${presetName}" for training; use one of ${listPresets().join(', ')} or a preset .json file. Nothing started.`, bytes);
    }
    let outGiven = req.out;
    if (outGiven === undefined) {
      // As the Max host: beside the recording (or folder), INPUT-PRESET, numbered when taken (never overwritten).
      const input = inputs.value.path;
      const stem = inputs.value.isFolder ? basename(input) : basename(input, extname(input));
      const base = join(dirname(input), `${stem}-${basename(presetName, '.json')}`);
      outGiven = base;
      for (let k = 2; existsSync(`${outGiven}.json`) || existsSync(`${outGiven}.onnx`); k++) outGiven = `${base}-${k}`;
    }
    const out = files.trainingOut(outGiven, req.baseDir);
    if (!out.ok) return sendError(s, out.error, bytes);
    let start: StartTraining;
    try {
      start = opts.startTraining ?? loadStartTraining();
    } catch (e) {
      return sendError(s, `training is not available: ${messageOf(e)}.`, bytes);
    }
    let j: OscTrainingJob;
    try {
      j = start({ inputs: inputs.value.files, preset: preset.value.value, out: out.value, ...(req.epochs !== undefined ? { epochs: req.epochs } : {}), ...(req.arch !== undefined ? { arch: req.arch } : {}) });
    } catch (e) {
      return sendError(s, `training could not start: ${messageOf(e)}`, bytes);
    }
    job = { owner: s, job: j };
    s.training = true;
    j.on('progress', (p) => sendBuf(s, encodeFloats(OSC_OUT.progress, [p.epoch, p.epochs, p.trainLoss, p.valLoss])));
    send(s, OSC_OUT.status, [str(`training ${req.input} with preset ${presetName} → ${out.value} (not loaded when done: send /timbreremap/load with the path /timbreremap/trained gives)`)]);
    j.done.then(
      (report) => {
        job = null;
        s.training = false;
        send(s, OSC_OUT.trained, [str(report.out.json.replace(/\.json$/, ''))]);
      },
      (e) => {
        job = null;
        s.training = false;
        sendError(s, `training failed: ${messageOf(e)}`, bytes);
      },
    );
  }

  // ---- packets -----------------------------------------------------------------------------
  function sessionFor(p: Peer, isHello: boolean, now: number): S | null {
    const key = sessionKey(p.address, p.port);
    const s = sessions.touch(key, now);
    if (s) return s;
    if (!newSessions.take(now)) {
      stats.dropped++;
      noteDrops(now);
      return null;
    }
    const room = sessions.makeRoom();
    if (!room.ok) {
      stats.dropped++;
      sendError(p, `the bridge serves ${limits.maxSessions} clients at once and all are busy; try again later. Message ignored.`, 0);
      return null;
    }
    if (room.evicted) {
      ready.delete(room.evicted);
      if (!shared) releaseEngine(room.evicted.engine);
      log(`session ${room.evicted.key} evicted (least recently heard; ${limits.maxSessions} sessions at most)`);
    }
    let engine: OscEngine;
    try {
      engine = createEngine();
    } catch (e) {
      sendError(p, `the bridge could not make an engine for you: ${messageOf(e)}`, 0);
      return null;
    }
    const ns = new Session<OscEngine>(key, p.address, p.port, engine, now);
    sessions.add(ns);
    stats.sessions++;
    if (!isHello) {
      // A client that never said hello to this bridge (it restarted?) learns at once to re-send its state.
      ns.greeted = true;
      ns.lastStateAt = now;
      send(ns, OSC_OUT.welcome, [{ type: 'f', value: 0 }]);
      markDirty(ns, ALL_STATE);
    }
    return ns;
  }

  function onPacket(buf: Buffer, rinfo: RemoteInfo): void {
    if (closing) return;
    stats.received++;
    const peer: Peer = { address: rinfo.address, port: rinfo.port };
    const d = decodePacket(buf, DECODE_LIMITS);
    // Composed only if the rate limit lets the error out (a garbage flood costs a decode, no more).
    const problems: Array<() => string> = [];
    for (const p of d.problems) problems.push(() => `could not decode the OSC packet (${p}); send OSC 1.0 messages with f, i or s arguments. Packet ignored.`);
    for (const a of d.foreign) problems.push(() => unknownAddressError(a));
    const now = performance.now();
    for (const m of d.messages) {
      const parsed = parseOscMessage(m.address, m.args, m.tags);
      if (!parsed.ok) {
        const text = parsed.error;
        problems.push(() => text);
        continue;
      }
      const req = parsed.request;
      const s = sessionFor(peer, req.kind === 'hello', now);
      if (!s) break;
      if (req.kind === 'frame' || req.kind === 'hit') {
        // Bounded: the oldest waiting frame gives way to the newest.
        if (s.pending.length >= limits.maxPendingFrames) {
          s.pending.shift();
          stats.superseded++;
        }
        // Its age counts from here: making a new session's engine must not make its first hit stale.
        s.pending.push({ req, at: performance.now(), bytes: buf.length });
        ready.add(s);
        scheduleFrames();
      } else if (req.kind === 'load' && s.controls.length && s.controls[s.controls.length - 1].req.kind === 'load') {
        // Only the newest of several waiting loads matters (a load can block the event loop for ms).
        s.controls[s.controls.length - 1] = { req, bytes: buf.length };
        stats.dropped++;
      } else if (s.controls.length >= limits.maxControlQueue) {
        stats.dropped++;
        const kind = req.kind;
        problems.push(() => `${limits.maxControlQueue} control messages are already waiting; ${kind} dropped. Send fewer at once.`);
      } else {
        s.controls.push({ req, bytes: buf.length });
        pumpControls(s);
      }
    }
    if (problems.length) sendError(peer, () => (problems.length === 1 ? problems[0]() : `${problems[0]()} (+${problems.length - 1} more problems in this packet)`), buf.length);
  }

  sock.on('message', (buf, rinfo) => {
    try {
      onPacket(buf, rinfo);
    } catch (e) {
      log(`packet handling failed: ${messageOf(e)}`);
    }
  });
  sock.on('error', (e) => log(`socket error: ${messageOf(e)}`));

  const expiry = setInterval(() => {
    for (const s of sessions.expire(performance.now(), limits.idleMs)) {
      ready.delete(s);
      if (!shared) releaseEngine(s.engine);
      log(`session ${s.key} expired (not heard from for ${Math.round(limits.idleMs / 1000)} s)`);
    }
  }, Math.max(1000, Math.min(30000, limits.idleMs / 4)));
  expiry.unref();

  const a = sock.address();
  const bound = { host, port: a.port };
  log(`timbre-remap OSC bridge listening on ${bound.host}:${bound.port} (UDP); replies go to ${replyPort === null ? "each sender's own port" : `port ${replyPort} on the sender's host`}; files: ${files.describe()}`);

  return {
    address: bound,
    replyPort,
    engine: shared,
    stats,
    get sessionCount() {
      return sessions.size;
    },
    session(address, p) {
      const s = sessions.peek(sessionKey(address, p));
      return s ? { address: s.address, port: s.port, engine: s.engine, model: s.modelName, greeted: s.greeted } : undefined;
    },
    async close(): Promise<void> {
      if (closing) return;
      closing = true;
      job?.job.cancel();
      await frameRunner?.catch(() => undefined);
      await Promise.all([...sessions.values()].map((s) => s.controlIdle.catch(() => undefined)));
      closed = true;
      clearInterval(expiry);
      await new Promise<void>((r) => {
        try {
          sock.close(() => r());
        } catch {
          r();
        }
      });
      if (stats.stale || stats.superseded || stats.errorsSuppressed || stats.dropped) log(`flood protection: ${dropSummary()}`);
      log('OSC bridge closed');
    },
  };
}
