import './jestRealm';
/**
 * The detector a model was trained with (bundle `detector`): validated when present, absent in
 * old bundles (they still load: the default detector), rebuilt by hosts from `Engine.detectorOptions`,
 * and one warning naming both detectors when a host uses another one.
 */
import { buildOnnxModel, bundleDetectorOptions, detectorMismatch, loadModelBundle, validateBundleMeta, writeModelBundle } from '../../src/model';
import { createOnsetDetector, REFERENCE_TRAINING_SETTINGS } from '../../src/onset';
import { Engine } from '../../src/engine/engine';
import { UserError } from '../../src/util/errors';
import { tempDir } from '../helpers/audio';
import { meta, randomWeights } from './nets';
import type { BundleDetector } from '../../src/model/bundle';
import { join } from 'node:path';

const live = { mode: 'adaptive' as const, settings: { ...(createOnsetDetector(44100).settings as unknown as Record<string, number>) } };
const withDetector = (d: unknown) => ({ ...meta(), detector: d as BundleDetector });

describe('bundle detector field', () => {
  it('is optional (old bundles) and checked when present', () => {
    expect(validateBundleMeta(meta()).detector).toBeUndefined();
    expect(validateBundleMeta(withDetector(live)).detector).toEqual(live);
    expect(() => validateBundleMeta(withDetector({ mode: 'magic', settings: {} }))).toThrow(/"detector\.mode" is "magic", expected one of adaptive, reference/);
    expect(() => validateBundleMeta(withDetector({ mode: 'adaptive', settings: { holdMs: null } }))).toThrow(/"detector\.settings\.holdMs" is null, expected a finite number or a string/);
    expect(() => validateBundleMeta(withDetector('adaptive'))).toThrow(UserError);
  });

  it('bundleDetectorOptions rebuilds the same detector; an old bundle gives the default', () => {
    const rebuilt = createOnsetDetector(48000, bundleDetectorOptions(withDetector(live)));
    expect(rebuilt.settings).toEqual(createOnsetDetector(48000).settings);
    expect(bundleDetectorOptions(meta())).toEqual({});
    const ref = { mode: 'reference' as const, settings: { ...(createOnsetDetector(44100, { mode: 'reference', base: REFERENCE_TRAINING_SETTINGS }).settings as unknown as Record<string, number | string>) } };
    expect(createOnsetDetector(44100, bundleDetectorOptions(withDetector(ref))).settings).toEqual(createOnsetDetector(44100, { mode: 'reference', base: REFERENCE_TRAINING_SETTINGS }).settings);
  });
});

describe('detectorMismatch', () => {
  const m = withDetector(live);

  it('the same detector (given as options or as a bundle record, defaults filled in) → no warning', () => {
    expect(detectorMismatch(m, {})).toBeNull();
    expect(detectorMismatch(m, { mode: 'adaptive', triggerDb: live.settings.triggerDb })).toBeNull();
    expect(detectorMismatch(m, live)).toBeNull();
    expect(detectorMismatch(meta(), {})).toBeNull(); // old bundle = default detector
  });

  it('another setting → one warning naming both values', () => {
    const w = detectorMismatch(m, { holdMs: 25 })!;
    expect(w).toMatch(new RegExp(`model "${m.name}" was trained on hits found by the adaptive \\(holdMs ${live.settings.holdMs} ms\\) detector, but this host detects hits with the adaptive \\(holdMs 25 ms\\) detector`));
    expect(w.split('\n')).toHaveLength(1);
  });

  it('another mode → names both modes with their main settings', () => {
    const w = detectorMismatch(m, { mode: 'reference' })!;
    expect(w).toMatch(/the adaptive \(triggerDb 5 dB.*\) detector, but this host detects hits with the reference \(triggerDb 16 dB.*holdSamples 1323 samples\) detector/);
  });
});

describe('Engine.detectorOptions', () => {
  it('null without a model and for an old bundle; the model\'s detector once loaded', async () => {
    const dir = tempDir('tr-det-');
    const onnx = buildOnnxModel(randomWeights('mlp', 3), 'mlp');
    writeModelBundle(join(dir, 'old'), onnx, meta());
    writeModelBundle(join(dir, 'new'), onnx, { ...meta(), detector: { mode: 'adaptive', settings: { ...live.settings, holdMs: 12 } } });
    const e = new Engine();
    expect(e.detectorOptions()).toBeNull();
    expect((await e.loadModel(join(dir, 'old'))).ok).toBe(true);
    expect(e.detectorOptions()).toBeNull();
    expect((await e.loadModel(join(dir, 'new'))).ok).toBe(true);
    expect(e.detectorOptions()).toMatchObject({ mode: 'adaptive', holdMs: 12 });
    expect(createOnsetDetector(44100, e.detectorOptions()!).settings).toMatchObject({ holdMs: 12 });
    expect((await loadModelBundle(join(dir, 'new'))).meta.detector?.settings.holdMs).toBe(12);
  });
});
