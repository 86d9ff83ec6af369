/**
 * The detector a model was trained with, for hosts: the options to rebuild it, and one warning when
 * a host runs another one. A model maps the onset features of the hits its training detector found;
 * a host whose detector finds other hits (other thresholds, another hold) feeds it hits it never
 * saw, so the host should use the bundle's detector, or at least say once that it does not.
 *
 *   const opts = bundleDetectorOptions(meta);            // → createOnsetDetector(sr, opts)
 *   const w = detectorMismatch(meta, hostOptions);        // null, or one line naming both
 *
 * Settings are compared after resolution (defaults filled in, clamped) over every setting the
 * detector module declares (`ONSET_SETTINGS`) and the reference's re-arm logic, at 44.1 kHz (the
 * training rate).
 */
import { createOnsetDetector, ONSET_SETTINGS, type OnsetMode, type OnsetOptions } from '../onset';
import type { BundleDetector, ModelBundleMeta } from './bundle';

const MODEL_RATE_HZ = 44100;

/** The bundle's detector as options for `createOnsetDetector` (the default detector for old bundles). */
export function bundleDetectorOptions(meta: Pick<ModelBundleMeta, 'detector'>): OnsetOptions {
  const d = meta.detector;
  return d ? ({ mode: d.mode, ...d.settings } as OnsetOptions) : {};
}

interface Resolved {
  mode: OnsetMode;
  settings: Record<string, number | string>;
}

function resolved(opts: OnsetOptions | BundleDetector | undefined): Resolved {
  const o: OnsetOptions = opts && 'settings' in opts ? ({ mode: opts.mode, ...opts.settings } as OnsetOptions) : (opts as OnsetOptions | undefined) ?? {};
  const d = createOnsetDetector(MODEL_RATE_HZ, o);
  return { mode: d.mode, settings: { ...(d.settings as unknown as Record<string, number | string>) } };
}

/** The settings that differ between two detectors ([] = the same detector). */
export function detectorDifferences(a: Resolved, b: Resolved): string[] {
  if (a.mode !== b.mode) return ['mode'];
  const ids = [...ONSET_SETTINGS.map((s) => s.id as string), 'rearmLogic'];
  const keys = new Set([...ids.filter((k) => k in a.settings || k in b.settings), ...Object.keys(a.settings), ...Object.keys(b.settings)]);
  return [...keys].filter((k) => !sameValue(a.settings[k], b.settings[k]));
}

const sameValue = (x: unknown, y: unknown): boolean => (typeof x === 'number' && typeof y === 'number' ? Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y)) : x === y);

function describe(r: Resolved, keys: readonly string[]): string {
  const unit = (k: string) => ONSET_SETTINGS.find((s) => s.id === k)?.unit ?? '';
  const fmt = (k: string) => {
    const v = r.settings[k];
    return `${k} ${typeof v === 'number' ? Number(v.toPrecision(6)) : String(v ?? '–')}${unit(k) && typeof v === 'number' ? ` ${unit(k)}` : ''}`;
  };
  const shown = keys.includes('mode') ? Object.keys(r.settings).filter((k) => k === 'triggerDb' || k === 'rearmDb' || k === 'holdMs' || k === 'holdSamples') : keys;
  return `${r.mode}${shown.length ? ` (${shown.map(fmt).join(', ')})` : ''}`;
}

/**
 * One warning when the host's detector differs from the model's, naming both; null when they are
 * the same. Never throws: unusable options are resolved the way the detector resolves them.
 * @param meta the model's bundle metadata (its `detector`, and `name` for the message)
 * @param host the host's detector options (or a bundle-style {mode, settings})
 */
export function detectorMismatch(meta: Pick<ModelBundleMeta, 'detector' | 'name'>, host: OnsetOptions | BundleDetector | undefined): string | null {
  try {
    const model = resolved(meta.detector);
    const mine = resolved(host);
    const diff = detectorDifferences(model, mine);
    if (diff.length === 0) return null;
    return `model "${meta.name}" was trained on hits found by the ${describe(model, diff)} detector, but this host detects hits with the ${describe(mine, diff)} detector: it will find other hits than the model learnt from. Use the model's detector settings, or retrain with the host's.`;
  } catch (e) {
    return `model "${meta.name}": could not compare onset detectors (${(e as Error).message}).`;
  }
}
