/**
 * The loaded model's detector settings (ModelBundleMeta.detector, `Engine.detectorOptions()`) as
 * messages for tr.onset~'s gen~ Params (named after ONSET_SETTINGS ids; gen~ takes the hold in ms and
 * the mode as 0 adaptive / 1 reference). Without a model, or a model that does not say, the gen~
 * defaults (src/gen/sources.ts onsetGenParams) go back, so an earlier model's settings do not linger.
 */
import type { OnsetOptions } from '../../onset/settings';
import { ONSET_MODE_PARAM, onsetGenParams } from '../../gen/sources';

/** [Param, value] pairs for tr.onset~ (`onset NAME VALUE` answers). */
export function detectorParams(opts: OnsetOptions | null | undefined, sampleRateHz: number): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const given = (opts ?? {}) as Record<string, unknown>;
  const defaults = new Map(onsetGenParams().map((p) => [p.name, p.defaultValue]));
  out.push([ONSET_MODE_PARAM.name, opts?.mode === 'reference' ? 1 : 0]);
  for (const [name, def] of defaults) {
    let v = typeof given[name] === 'number' ? (given[name] as number) : undefined;
    if (name === 'holdMs' && v === undefined && typeof given.holdSamples === 'number') v = ((given.holdSamples as number) / sampleRateHz) * 1000;
    out.push([name, v ?? def]);
  }
  return out;
}
