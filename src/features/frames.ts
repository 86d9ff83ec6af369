/**
 * Cascading frame groups (the reference's `CascadingFrameExtactor`, include_mean only):
 * frames `x.unfold(frameSamples, hopSamples)`; for each count n in `numFrames`, the group holds
 * frames k … k+n−1 (k advancing by n) and a feature's group value is the MEAN of its per-frame values.
 *
 * Full features: frames of 2048, hop 512, groups [2, 64]:
 *   T = frames 0–1  (samples 0 … 2559,   the transient)
 *   S = frames 2–65 (samples 1024 … 35327, the sustain)
 * so only the first 65·512 + 2048 = 35 328 samples are read; shorter signals are zero-padded
 * (the reference asserts ≥ 66 frames; padding extends that to short hits).
 */
export const FULL_FRAME_SAMPLES = 2048;
export const FULL_HOP_SAMPLES = 512;

export interface FrameGroup {
  /** 'T' (transient) or 'S' (sustain) for the full features. */
  readonly name: string;
  readonly firstFrame: number;
  readonly numFrames: number;
}

/** Groups for frame counts `numFrames` (k advances by each n), named by `names`. */
export function cascadingGroups(numFrames: readonly number[], names: readonly string[]): FrameGroup[] {
  const groups: FrameGroup[] = [];
  let k = 0;
  numFrames.forEach((n, i) => {
    groups.push({ name: names[i] ?? `${k}_${n}`, firstFrame: k, numFrames: n });
    k += n;
  });
  return groups;
}

export const FULL_GROUPS: readonly FrameGroup[] = cascadingGroups([2, 64], ['T', 'S']);
export const FULL_NUM_FRAMES = 66;
/** Samples the framed full features read: 35 328. */
export const FULL_FEATURE_SAMPLES = (FULL_NUM_FRAMES - 1) * FULL_HOP_SAMPLES + FULL_FRAME_SAMPLES;

/** Copy frame `index` (start = index·hop) of `signal` into `out` (length = frame size), zero-padded. */
export function frameInto(signal: ArrayLike<number>, index: number, hopSamples: number, out: Float64Array): Float64Array {
  const start = index * hopSamples;
  const avail = Math.max(0, Math.min(out.length, signal.length - start));
  for (let i = 0; i < avail; i++) out[i] = signal[start + i];
  out.fill(0, avail);
  return out;
}

/** Mean of `perFrame[first … first+n)`. */
export function groupMean(perFrame: ArrayLike<number>, group: FrameGroup): number {
  let s = 0;
  for (let i = 0; i < group.numFrames; i++) s += perFrame[group.firstFrame + i];
  return s / group.numFrames;
}

/** A per-frame feature averaged over one group of full-feature frames of `signal`. */
export function framewiseGroupMean(signal: ArrayLike<number>, group: FrameGroup, perFrame: (frame: Float64Array) => number): number {
  const frame = new Float64Array(FULL_FRAME_SAMPLES);
  let s = 0;
  for (let i = 0; i < group.numFrames; i++) s += perFrame(frameInto(signal, group.firstFrame + i, FULL_HOP_SAMPLES, frame));
  return s / group.numFrames;
}
