/**
 * The OSC bridge: a UDP server (node-osc) in front of the engine, for Pure Data or any OSC client.
 *
 *   client ──/timbreremap/frame f×256──▶ bridge (port)          engine.processFrame
 *   client ◀──/timbreremap/params f×14, /physical f×14, /features f×3── (sender's address, replyPort)
 *
 * Replies go from the bridge's socket to the sender's IP address on `replyPort` (Pd's
 * `[netsend -u -b]` sends from an ephemeral port, so the reply port is fixed by convention).
 * Messages are handled one after another in arrival order (a queue), so replies keep the order of
 * the frames and a model load never interleaves with a frame. Every problem with a packet (not
 * decodable, doubles, wrong types or counts, unknown address) is answered on `/timbreremap/error`
 * and changes nothing; the bridge never throws on input.
 *
 * This is the only module (with its folder) that imports node-osc.
 */
import { createSocket } from 'node:dgram';
import { Server } from 'node-osc';
import { messageOf, UserError, type Status } from '../../util/errors';
import type { FrameResult } from '../../engine/engine';
import { isAbsolute, join } from 'node:path';
import { listPresets } from '../../synth/presets';
import { MAX_HOST_EPOCHS, presetArgName } from '../commands';
import { OSC_OUT } from './addresses';
import { floatArgs, parseOscMessage, type OscArg, type OscRequest } from './messages';

/** What the bridge needs from the engine (the lead's `Engine` satisfies it). */
export interface OscEngine {
  processFrame(frame: ArrayLike<number>): Promise<FrameResult>;
  loadModel(path: string): Promise<Status>;
  setPreset(nameOrFile: string): Status;
  setSensitivity(s: number): Status;
  setSampleRate(hz: number): Status;
  reset(): Status;
}

/** A running training job as the bridge sees it (src/train `startTraining`). */
export interface OscTrainingJob {
  readonly done: Promise<{ out: { onnx: string; json: string }; cancelled: boolean }>;
  cancel(): void;
  on(event: 'progress', cb: (p: { epoch: number; epochs: number; trainLoss: number; valLoss: number }) => void): unknown;
}
export type StartTraining = (opts: { inputs: string[]; preset: string; out: string; epochs?: number; force?: boolean }) => OscTrainingJob;

export interface OscBridgeOptions {
  /** UDP port to listen on (default 9000; 0 = any free port). */
  port?: number;
  /** Port replies are sent to, on the sender's address (default 9001). */
  replyPort?: number;
  /** Interface to bind (default 127.0.0.1: loopback only). */
  host?: string;
  /** Engine to drive (default: a new `Engine()` at 44.1 kHz with the default preset). */
  engine?: OscEngine;
  /** Training entry (default: src/train `startTraining`, loaded when first asked). */
  startTraining?: StartTraining;
  /** Where the bridge reports what it does (default: nowhere). */
  log?: (line: string) => void;
  /** Messages waiting beyond this are refused with an error (flood protection; default 10 000). */
  maxQueue?: number;
}

export interface OscBridgeStats {
  received: number;
  frames: number;
  errors: number;
  dropped: number;
}

export interface OscBridge {
  /** Where the bridge listens (the real port when 0 was asked). */
  readonly address: { host: string; port: number };
  readonly replyPort: number;
  readonly engine: OscEngine;
  readonly stats: OscBridgeStats;
  /** Stop listening (waits for queued messages to finish; cancels a running training). */
  close(): Promise<void>;
}

interface Peer {
  address: string;
}

function listenError(e: NodeJS.ErrnoException, host: string, port: number): UserError {
  const what =
    e.code === 'EADDRINUSE' ? `port ${port} is already in use (another bridge?); pick another with --port`
    : e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND' || e.code === 'EINVAL' ? `host ${host} is not an address of this machine; use --host 127.0.0.1 (or 0.0.0.0 for all interfaces)`
    : e.code === 'EACCES' ? `port ${port} needs privileges; use a port above 1023`
    : messageOf(e);
  return new UserError(`OSC bridge cannot listen on ${host}:${port}: ${what}.`, 'E_OSC_LISTEN');
}

function probePort(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = createSocket({ type: 'udp4', reuseAddr: false });
    s.once('error', (e: NodeJS.ErrnoException) => {
      s.close();
      reject(listenError(e, host, port));
    });
    s.bind(port, host, () => s.close(() => resolve()));
  });
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

/**
 * Start the bridge. Resolves once the socket listens; rejects with a UserError when the port is
 * taken or the host cannot be bound.
 */
export async function startOscBridge(opts: OscBridgeOptions = {}): Promise<OscBridge> {
  const port = opts.port ?? 9000;
  const replyPort = opts.replyPort ?? 9001;
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? (() => undefined);
  const maxQueue = opts.maxQueue ?? 10000;
  for (const [name, v] of [['port', port], ['reply port', replyPort]] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 65535) throw new UserError(`OSC ${name} must be an integer 0…65535; got ${v}.`, 'E_USAGE');
  }
  if (replyPort === 0) throw new UserError('OSC reply port must be a real port (1…65535): replies are sent there.', 'E_USAGE');
  const engine = opts.engine ?? loadDefaultEngine();
  const stats: OscBridgeStats = { received: 0, frames: 0, errors: 0, dropped: 0 };

  // node-osc binds with SO_REUSEADDR, so a second bridge on the same port would silently share it:
  // probe with an exclusive socket first to report the clash.
  if (port !== 0) await probePort(port, host);
  const server = new Server(port, host);
  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      try {
        server.close(() => undefined);
      } catch {
        /* socket never opened */
      }
      reject(listenError(e, host, port));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
  });

  let closed = false;
  const send = (peer: Peer, address: string, args: unknown[]): void => {
    if (closed) return;
    try {
      server.send([address, ...args], replyPort, peer.address, (err: Error | null) => {
        if (err) log(`reply to ${peer.address}:${replyPort} failed: ${err.message}`);
      });
    } catch (e) {
      log(`reply to ${peer.address}:${replyPort} failed: ${messageOf(e)}`);
    }
  };
  const sendError = (peer: Peer, text: string): void => {
    stats.errors++;
    send(peer, OSC_OUT.error, [{ type: 's', value: text }]);
  };
  const sendStatus = (peer: Peer, st: Status, okText: string): void => {
    if (!st.ok) sendError(peer, st.error);
    else send(peer, OSC_OUT.status, [{ type: 's', value: st.warning ? `${okText} (${st.warning})` : okText }]);
  };

  // In-order processing: one promise chain; `pending` counts what waits on it.
  let chain: Promise<void> = Promise.resolve();
  let pending = 0;
  let job: OscTrainingJob | null = null;

  const handle = async (req: OscRequest, peer: Peer): Promise<void> => {
    switch (req.kind) {
      case 'frame': {
        const r = await engine.processFrame(req.samples);
        if (!r.ok) return sendError(peer, r.error);
        stats.frames++;
        send(peer, OSC_OUT.params, floatArgs(r.params01));
        send(peer, OSC_OUT.physical, floatArgs(r.physical));
        send(peer, OSC_OUT.features, floatArgs(r.features));
        return;
      }
      case 'load': {
        const path = req.baseDir && !isAbsolute(req.model) ? join(req.baseDir, req.model) : req.model;
        return sendStatus(peer, await engine.loadModel(path), `loaded model ${path}`);
      }
      case 'preset': {
        const name = presetArgName(req.preset);
        if (name === undefined) return sendError(peer, `preset index ${String(req.preset)} is not in the list: ${listPresets().map((n, i) => `${i} ${n}`).join(', ')}; or send a name or a preset JSON file. Nothing changed.`);
        return sendStatus(peer, engine.setPreset(name), `preset ${name}`);
      }
      case 'sensitivity':
        return sendStatus(peer, engine.setSensitivity(req.value), `sensitivity ${req.value}`);
      case 'samplerate':
        return sendStatus(peer, engine.setSampleRate(req.hz), `sample rate ${req.hz} Hz`);
      case 'reset':
        return sendStatus(peer, engine.reset(), 'reset');
      case 'cancel':
        if (!job) return sendError(peer, 'no training is running; nothing to cancel.');
        job.cancel();
        return sendStatus(peer, { ok: true }, 'training cancelled; writing the best model so far');
      case 'train':
        return startTrain(req, peer);
    }
  };

  const startTrain = (req: Extract<OscRequest, { kind: 'train' }>, peer: Peer): void => {
    if (job) return sendError(peer, 'a training is already running; send /timbreremap/cancel first or wait for /timbreremap/trained.');
    if (!req.preset || !req.out) return sendError(peer, '/timbreremap/train needs INPUT PRESET OUT [EPOCHS]: the recording (or folder), the preset, the model to write (without extension). Nothing started.');
    if (req.epochs !== undefined && req.epochs > MAX_HOST_EPOCHS) return sendError(peer, `/timbreremap/train: epochs ${req.epochs} is more than ${MAX_HOST_EPOCHS}. Nothing started.`);
    const preset = req.preset;
    const outPath = req.out;
    let start: StartTraining;
    try {
      start = opts.startTraining ?? loadStartTraining();
    } catch (e) {
      return sendError(peer, `training is not available: ${messageOf(e)}.`);
    }
    let j: OscTrainingJob;
    try {
      j = start({ inputs: [req.input], preset, out: outPath, ...(req.epochs !== undefined ? { epochs: req.epochs } : {}) });
    } catch (e) {
      return sendError(peer, `training could not start: ${messageOf(e)}`);
    }
    job = j;
    j.on('progress', (p) => send(peer, OSC_OUT.progress, floatArgs([p.epoch, p.epochs, p.trainLoss, p.valLoss])));
    sendStatus(peer, { ok: true }, `training ${req.input} with preset ${preset} → ${outPath}`);
    j.done.then(
      (report) => {
        job = null;
        if (closed) return;
        // Load it through the queue so it does not interleave with a frame.
        enqueue({ kind: 'load', model: report.out.json }, peer, () => send(peer, OSC_OUT.trained, [{ type: 's', value: outPath }]));
      },
      (e) => {
        job = null;
        sendError(peer, `training failed: ${messageOf(e)}`);
      },
    );
  };

  const enqueue = (req: OscRequest, peer: Peer, after?: () => void): void => {
    if (pending >= maxQueue) {
      stats.dropped++;
      return sendError(peer, `bridge overloaded: ${pending} messages waiting; ${req.kind} dropped. Send fewer messages per second.`);
    }
    pending++;
    chain = chain
      .then(() => handle(req, peer))
      .then(after)
      .catch((e) => sendError(peer, `internal error while handling ${req.kind}: ${messageOf(e)}`))
      .finally(() => {
        pending--;
      });
  };

  const onMessage = (address: unknown, args: readonly OscArg[], peer: Peer): void => {
    const p = parseOscMessage(address, args);
    if (!p.ok) return sendError(peer, p.error);
    enqueue(p.request, peer);
  };

  interface DecodedBundle {
    elements: Array<unknown[] | DecodedBundle>;
  }
  const onBundle = (b: DecodedBundle, peer: Peer): void => {
    for (const el of b.elements) {
      if (Array.isArray(el)) onMessage(el[0], el.slice(1), peer);
      else if (el && Array.isArray((el as DecodedBundle).elements)) onBundle(el as DecodedBundle, peer);
    }
  };

  server.on('message', (msg: unknown[], rinfo: { address: string }) => {
    stats.received++;
    try {
      onMessage(msg[0], msg.slice(1), { address: rinfo.address });
    } catch (e) {
      log(`message handling failed: ${messageOf(e)}`);
    }
  });
  server.on('bundle', (b: DecodedBundle, rinfo: { address: string }) => {
    stats.received++;
    try {
      onBundle(b, { address: rinfo.address });
    } catch (e) {
      log(`bundle handling failed: ${messageOf(e)}`);
    }
  });
  // node-osc reports undecodable packets (including any `d` double argument) as 'error' with the
  // sender's rinfo; socket errors come without it. Either way: answer or log, never crash.
  server.on('error', (e: Error, rinfo?: { address: string; port: number }) => {
    if (rinfo) {
      stats.received++;
      const why = e.message.replace(/^can't decode incoming message:\s*/, '');
      const hint = /argument code d\b/.test(why) ? 'doubles (d) are not supported: send float32 (f)' : 'send OSC 1.0 messages with f, i or s arguments';
      sendError({ address: rinfo.address }, `could not decode the OSC packet (${rinfo.address}:${rinfo.port}, ${why}); ${hint}. Packet ignored.`);
    } else log(`socket error: ${messageOf(e)}`);
  });

  const bound = { host, port: server.port as number };
  log(`timbre-remap OSC bridge listening on ${bound.host}:${bound.port} (UDP); replies go to the sender on port ${replyPort}`);

  return {
    address: bound,
    replyPort,
    engine,
    stats,
    async close(): Promise<void> {
      if (closed) return;
      job?.cancel();
      await chain.catch(() => undefined);
      closed = true;
      await new Promise<void>((r) => {
        try {
          server.close(() => r());
        } catch {
          r();
        }
      });
      log('OSC bridge closed');
    },
  };
}
