import { SingleBar, Presets } from 'cli-progress';
import type { CliIO } from './types';

/** A progress bar on stderr when it is a terminal and `--json` is off; otherwise a no-op. */
export interface Progress {
  update(fraction: number, payload?: Record<string, string | number>): void;
  stop(): void;
}

export function progressBar(io: CliIO, enabled: boolean, format = '{bar} {percentage}% | ETA {eta}s'): Progress {
  if (!enabled || !io.isTTY || !io.stderrStream) return { update() {}, stop() {} };
  const bar = new SingleBar({ format, stream: io.stderrStream, hideCursor: true, clearOnComplete: true, etaBuffer: 20 }, Presets.shades_classic);
  bar.start(1000, 0);
  return {
    update: (f, payload) => bar.update(Math.round(Math.min(1, Math.max(0, f)) * 1000), payload),
    stop: () => bar.stop(),
  };
}
