import { SingleBar, Presets } from 'cli-progress';
import type { CliIO } from './types';

/**
 * Progress of a long step on stderr: a bar when stderr is a terminal; otherwise (a log, a pipe, CI)
 * one line now and then, `LABEL: 42% after 12 s, about 17 s left`, as sox and aubio users expect.
 * Steps shorter than `quietSec` print nothing. `enabled` false (--quiet, --json) → no-op.
 */
export interface Progress {
  update(fraction: number, payload?: Record<string, string | number>): void;
  stop(): void;
}

export interface ProgressOptions {
  /** Name of the step in periodic lines ("render", "onsets"). */
  label?: string;
  /** cli-progress format for the bar. */
  format?: string;
  /** Seconds between periodic lines (default 5). */
  everySec?: number;
  /** No line before this many seconds (default 2). */
  quietSec?: number;
  /** Clock in ms (tests). */
  now?: () => number;
}

export function progressBar(io: CliIO, enabled: boolean, formatOrOpts: string | ProgressOptions = {}): Progress {
  const opts: ProgressOptions = typeof formatOrOpts === 'string' ? { format: formatOrOpts } : formatOrOpts;
  if (!enabled) return { update() {}, stop() {} };
  if (io.isTTY && io.stderrStream) {
    const format = opts.format ?? `${opts.label ? `${opts.label} ` : ''}{bar} {percentage}% | ETA {eta}s`;
    const bar = new SingleBar({ format, stream: io.stderrStream, hideCursor: true, clearOnComplete: true, etaBuffer: 20 }, Presets.shades_classic);
    bar.start(1000, 0);
    return {
      update: (f, payload) => bar.update(Math.round(Math.min(1, Math.max(0, f)) * 1000), payload),
      stop: () => bar.stop(),
    };
  }
  const now = opts.now ?? Date.now;
  const t0 = now();
  const every = (opts.everySec ?? 5) * 1000;
  const quiet = (opts.quietSec ?? 2) * 1000;
  let last = t0;
  let printed = false;
  const label = opts.label ?? 'progress';
  return {
    update(f) {
      const t = now();
      if (t - t0 < quiet || (printed && t - last < every) || !(f >= 0 && f < 1)) return;
      const elapsed = (t - t0) / 1000;
      const left = f > 0 ? (elapsed * (1 - f)) / f : NaN;
      io.stderr(`${label}: ${(100 * f).toFixed(0)}% after ${elapsed.toFixed(0)} s${Number.isFinite(left) ? `, about ${left.toFixed(0)} s left` : ''}\n`);
      last = t;
      printed = true;
    },
    stop() {},
  };
}
