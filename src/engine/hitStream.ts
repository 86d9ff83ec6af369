/**
 * Hit segmentation on a stream: the same hits as `segmentHits` on the whole signal (1 s from
 * onset − backtrack, cut with a fade before an overlapping next onset), emitted as soon as each is
 * final (its next onset is known, or 1 s has passed), holding only about a second of input. The
 * detector reports each onset at its own sample, so once N samples are in, every onset before N
 * is known. `features` streams a 2-hour recording through it.
 */
import { createOnsetDetector, type OnsetOptions } from '../onset';
import { segmentHits } from '../features';
import { backtrackSamplesAt } from './constants';

export interface StreamedHit {
  /** Onset (absolute sample index). */
  sample: number;
  /** The segmented hit, `lengthSamples` long (as segmentHits). */
  hit: Float32Array;
}

export class HitStream {
  private readonly detector: ReturnType<typeof createOnsetDetector>;
  private readonly backtrack: number;
  private readonly length: number;
  private buf: Float32Array;
  /** Absolute index of buf[0]. */
  private off = 0;
  /** Samples pushed so far. */
  private n = 0;
  private readonly pending: number[] = [];

  constructor(readonly sampleRateHz: number, detector: OnsetOptions) {
    this.detector = createOnsetDetector(sampleRateHz, detector);
    this.backtrack = backtrackSamplesAt(sampleRateHz);
    this.length = Math.round(sampleRateHz);
    this.buf = new Float32Array(2 * this.length);
  }

  get detectorWarnings(): readonly string[] {
    return this.detector.warnings;
  }

  /** Add the next block of the mono signal; returns the hits that became final. */
  push(block: Float32Array): StreamedHit[] {
    const need = this.n + block.length - this.off;
    if (need > this.buf.length) {
      const grown = new Float32Array(Math.max(need, 2 * this.buf.length));
      grown.set(this.buf.subarray(0, this.n - this.off));
      this.buf = grown;
    }
    this.buf.set(block, this.n - this.off);
    this.n += block.length;
    for (const d of this.detector.process(block)) this.pending.push(d);
    const out: StreamedHit[] = [];
    while (this.pending.length) {
      const start = Math.max(this.pending[0] - this.backtrack, 0);
      if (this.pending.length < 2 && this.n < start + this.length) break;
      out.push(this.emit());
    }
    this.compact();
    return out;
  }

  /** The signal has ended: every remaining hit. */
  finish(): StreamedHit[] {
    const out: StreamedHit[] = [];
    while (this.pending.length) out.push(this.emit());
    return out;
  }

  private emit(): StreamedHit {
    const j = this.pending.shift() as number;
    const onsets = this.pending.length ? [j - this.off, this.pending[0] - this.off] : [j - this.off];
    const local = this.buf.subarray(0, this.n - this.off);
    const [hit] = segmentHits(local, onsets, this.sampleRateHz, { backtrackSamples: this.backtrack, lengthSamples: this.length });
    return { sample: j, hit };
  }

  /** Drop input no pending or future hit can start in (keeps buf[0] ≤ every hit start). */
  private compact(): void {
    const keepFrom = this.pending.length ? Math.max(this.pending[0] - this.backtrack, 0) : Math.max(this.n - this.backtrack, 0);
    const drop = keepFrom - this.off;
    if (drop <= 0) return;
    this.buf.copyWithin(0, drop, this.n - this.off);
    this.off = keepFrom;
  }
}
