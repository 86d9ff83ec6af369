/**
 * One session per sender (address:port): its own engine and what the bridge must remember to
 * answer it (issue 11.2, per-instance replies and state). Bounded: the least recently heard
 * session is evicted when the table is full (never one that is training or busy), and sessions not
 * heard from for `idleMs` expire.
 */
import type { OscRequest } from './messages';

export type FrameRequest = Extract<OscRequest, { kind: 'frame' | 'hit' }>;
export type ControlRequest = Exclude<OscRequest, FrameRequest>;

export interface PendingFrame {
  readonly req: FrameRequest;
  /** performance.now() when it arrived. */
  readonly at: number;
  /** Size of the packet it came in (error replies are bounded by it). */
  readonly bytes: number;
}

export interface QueuedControl {
  readonly req: ControlRequest;
  readonly bytes: number;
}

export class Session<E> {
  /** Had a hello (so `/welcome 1` from now on). */
  greeted = false;
  lastSeen: number;
  /** What `/model` says: the bundle's base name or `none`. */
  modelName = 'none';
  /** Frames and hits not yet answered, oldest first (at most FLOOD_LIMITS.maxPendingFrames). */
  readonly pending: PendingFrame[] = [];
  /** A frame of this session is being answered. */
  inFlight = false;
  readonly controls: QueuedControl[] = [];
  controlBusy = false;
  /** Settles when the control queue is empty (close waits for it). */
  controlIdle: Promise<void> = Promise.resolve();
  /** State replies owed (sent once per event-loop turn). */
  readonly dirty = { base: false, detector: false, model: false };
  lastStateAt = -Infinity;
  training = false;

  constructor(
    readonly key: string,
    readonly address: string,
    readonly port: number,
    readonly engine: E,
    now: number,
  ) {
    this.lastSeen = now;
  }

  get busy(): boolean {
    return this.training || this.inFlight || this.controlBusy;
  }
}

export const sessionKey = (address: string, port: number) => `${address}:${port}`;

export class SessionTable<E> {
  /** Insertion order = least recently heard first (a hit moves a session to the end). */
  private readonly map = new Map<string, Session<E>>();

  constructor(private readonly maxSessions: number) {}

  get size(): number {
    return this.map.size;
  }

  /** The session, marked as just heard from. */
  touch(key: string, now: number): Session<E> | undefined {
    const s = this.map.get(key);
    if (!s) return undefined;
    s.lastSeen = now;
    this.map.delete(key);
    this.map.set(key, s);
    return s;
  }

  peek(key: string): Session<E> | undefined {
    return this.map.get(key);
  }

  /** Room for one more: evicts the least recently heard idle session if full; false when all are busy. */
  makeRoom(): { ok: boolean; evicted?: Session<E> } {
    if (this.map.size < this.maxSessions) return { ok: true };
    for (const s of this.map.values()) {
      if (!s.busy) {
        this.map.delete(s.key);
        return { ok: true, evicted: s };
      }
    }
    return { ok: false };
  }

  add(s: Session<E>): void {
    this.map.set(s.key, s);
  }

  /** Remove sessions idle for longer than `idleMs` (not busy ones); returns them. */
  expire(now: number, idleMs: number): Array<Session<E>> {
    const gone: Array<Session<E>> = [];
    for (const s of this.map.values()) {
      if (now - s.lastSeen > idleMs && !s.busy) gone.push(s);
    }
    for (const s of gone) this.map.delete(s.key);
    return gone;
  }

  values(): IterableIterator<Session<E>> {
    return this.map.values();
  }
}
