/**
 * Per-sample internals of a detector run, for plots (src/plot/onsets.ts `OnsetTraceData`).
 * All values in dB; one entry per input sample.
 */
export interface OnsetTrace {
  /** Onset-detection function (dB): what the thresholds are applied to. */
  odfDb: Float32Array;
  /** Trigger threshold (dB, constant over the run). */
  triggerDb: number;
  /** Re-arm threshold (dB, constant over the run). */
  rearmDb: number;
  /** Adaptive mode: the noise-floor estimate (dBFS); reference mode: its fixed level floor. */
  noiseFloorDb: Float32Array | number;
  /** Adaptive mode: the short-term level of the high-passed input (dBFS). */
  levelDb?: Float32Array;
  /** Adaptive mode: the retrigger mask (dBFS) a new onset's gated level must rise above. */
  maskDb?: Float32Array;
}

/** Where a core writes its internals: arrays indexed by absolute sample (writes beyond their length are dropped). */
export interface TraceSink {
  odfDb: Float32Array;
  noiseFloorDb?: Float32Array;
  levelDb?: Float32Array;
  maskDb?: Float32Array;
}
