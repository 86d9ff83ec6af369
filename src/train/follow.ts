/**
 * "Does the synth follow the drum?" (issue #9 §4): across hits, per feature,
 *   ρ           Spearman rank correlation between the drum's feature and the synth's (the synth
 *               hit the model made of that drum hit): 1 = the synth orders the hits exactly as the
 *               drum does; a synth that does not move gives 0;
 *   rangeRatio  (synth's p90 − p10) / (drum's p90 − p10): how much of the drum's spread the synth
 *               reproduces (percentiles, so one odd hit does not set the range);
 * and the articulation check: the brightness difference "rim minus centre" for the drum and for
 * the synth, and whether their signs agree.
 *
 * Articulation groups come from labels when given (an onsets CSV's `articulation` column; "center"/
 * "centre" is the centre group, every other label the rim group). Without labels the hits are split
 * at the median of the drum's brightness *residual after loudness* (a straight-line fit of brightness
 * on loudness): a rim shot is brighter than a centre hit of the same loudness, and the part of
 * brightness that loudness explains is already judged by ρ, so the residual is what is left of
 * articulation. The drum's difference is then positive by construction; what is tested is
 * whether the synth's has the same sign.
 */
import type { ArticulationFollow, FeatureFollow, FollowReport } from '../model/bundle';

export type { ArticulationFollow, FeatureFollow, FollowReport } from '../model/bundle';

/** Average ranks (1-based, ties share their mean rank). */
export function ranks(x: readonly number[]): number[] {
  const order = x.map((_, i) => i).sort((a, b) => x[a] - x[b]);
  const r = new Array<number>(x.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && x[order[j + 1]] === x[order[i]]) j++;
    const mean = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[order[k]] = mean;
    i = j + 1;
  }
  return r;
}

/** Pearson correlation; 0 when either side has no variance (nothing follows a constant). */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n < 2) return 0;
  const mx = x.reduce((s, v) => s + v, 0) / n, my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

export function spearman(x: readonly number[], y: readonly number[]): number {
  return pearson(ranks(x), ranks(y));
}

/** Linear-interpolated percentile (p in 0…100). */
export function percentile(x: readonly number[], p: number): number {
  if (x.length === 0) return NaN;
  const s = [...x].sort((a, b) => a - b);
  const at = (p / 100) * (s.length - 1);
  const lo = Math.floor(at), hi = Math.ceil(at);
  return s[lo] + (s[hi] - s[lo]) * (at - lo);
}

/** p90 − p10. */
export function spread(x: readonly number[]): number {
  return percentile(x, 90) - percentile(x, 10);
}

export function featureFollow(name: string, drum: readonly number[], synth: readonly number[]): FeatureFollow {
  const drumRange = spread(drum), synthRange = spread(synth);
  return { name, rho: spearman(drum, synth), rangeRatio: drumRange > 0 ? synthRange / drumRange : 0, drumRange, synthRange };
}

/** True for a centre-hit label. */
export const isCentreLabel = (label: string): boolean => /^\s*cent(er|re)\s*$/i.test(label);

/**
 * The articulation check on one brightness feature.
 * @param labels per hit, or null/undefined entries for unlabelled hits; null for no labels at all
 * @param loudness the drum's loudness per hit (used without labels)
 */
export function articulationFollow(feature: string, drumBright: readonly number[], synthBright: readonly number[], loudness: readonly number[], labels: ReadonlyArray<string | null> | null): ArticulationFollow | null {
  const n = drumBright.length;
  let rim: boolean[];
  let source: ArticulationFollow['source'];
  const usable = labels && labels.some((l) => l !== null && !isCentreLabel(l)) && labels.some((l) => l !== null && isCentreLabel(l));
  const include = new Array<boolean>(n).fill(true);
  if (usable) {
    source = 'labels';
    rim = labels!.map((l) => l !== null && !isCentreLabel(l));
    labels!.forEach((l, i) => (include[i] = l !== null));
  } else {
    source = 'residual';
    const res = residuals(drumBright, loudness);
    const med = percentile(res, 50);
    rim = res.map((r) => r > med);
  }
  const mean = (v: readonly number[], want: boolean) => {
    let s = 0, c = 0;
    for (let i = 0; i < n; i++) if (include[i] && rim[i] === want) (s += v[i]), c++;
    return c ? s / c : NaN;
  };
  const rimHits = rim.filter((r, i) => r && include[i]).length;
  const centreHits = rim.filter((r, i) => !r && include[i]).length;
  if (rimHits === 0 || centreHits === 0) return null;
  const drumDiff = mean(drumBright, true) - mean(drumBright, false);
  const synthDiff = mean(synthBright, true) - mean(synthBright, false);
  return { source, feature, centreHits, rimHits, drumDiff, synthDiff, sameSign: synthDiff !== 0 && Math.sign(synthDiff) === Math.sign(drumDiff) };
}

/** y − (a + b·x), the least-squares line (b = 0 when x is constant). */
export function residuals(y: readonly number[], x: readonly number[]): number[] {
  const n = y.length;
  const mx = x.reduce((s, v) => s + v, 0) / n, my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const b = sxx > 0 ? sxy / sxx : 0;
  return y.map((v, i) => v - (my + b * (x[i] - mx)));
}

/**
 * The whole check. `drum[i]` and `synth[i]` are feature vectors of hit i (same feature order as
 * `names`); `loudnessIndex` / `brightnessIndex` name which features the articulation check uses.
 */
export function followReport(names: readonly string[], drum: readonly ArrayLike<number>[], synth: readonly ArrayLike<number>[], opts: { loudnessIndex: number; brightnessIndex: number; labels?: ReadonlyArray<string | null> | null }): FollowReport {
  const col = (rows: readonly ArrayLike<number>[], j: number) => rows.map((r) => r[j]);
  const features = names.map((name, j) => featureFollow(name, col(drum, j), col(synth, j)));
  const articulation = drum.length >= 2
    ? articulationFollow(names[opts.brightnessIndex], col(drum, opts.brightnessIndex), col(synth, opts.brightnessIndex), col(drum, opts.loudnessIndex), opts.labels ?? null)
    : null;
  return { hits: drum.length, features, articulation };
}
