import { UserError } from '../../src/util/errors';
import {
  ADAPTIVE_DEFAULT_SETTINGS, ONSET_SETTINGS, REFERENCE_PLUGIN_SETTINGS, REFERENCE_TRAINING_SETTINGS,
  createOnsetDetector, resolveAdaptiveSettings, resolveReferenceSettings, type OnsetMode,
} from '../../src/onset';

describe('onset settings spec', () => {
  it('documents every adaptive setting and the reference ones, with sane ranges and defaults', () => {
    const ids = ONSET_SETTINGS.map((s) => s.id);
    for (const key of Object.keys(ADAPTIVE_DEFAULT_SETTINGS)) expect(ids).toContain(key);
    for (const key of ['holdSamples', 'minDb', 'epsilon']) expect(ids).toContain(key);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of ONSET_SETTINGS) {
      expect(s.doc.length).toBeGreaterThan(10);
      expect(s.label.length).toBeGreaterThan(2);
      expect(s.min).toBeLessThan(s.max);
      const defaults = Object.entries(s.defaults) as Array<[OnsetMode, number]>;
      expect(defaults.length).toBeGreaterThan(0);
      for (const [, v] of defaults) {
        expect(v).toBeGreaterThanOrEqual(s.min);
        expect(v).toBeLessThanOrEqual(s.max);
      }
    }
  });

  it('adaptive spec defaults are the settings actually used', () => {
    for (const s of ONSET_SETTINGS) {
      const d = s.defaults.adaptive;
      if (d !== undefined) expect(ADAPTIVE_DEFAULT_SETTINGS[s.id as keyof typeof ADAPTIVE_DEFAULT_SETTINGS]).toBe(d);
    }
  });

  it('host controls: trigger threshold (dB) and hold (ms)', () => {
    const host = ONSET_SETTINGS.filter((s) => s.host).map((s) => [s.id, s.unit]);
    expect(host).toEqual([['triggerDb', 'dB'], ['holdMs', 'ms']]);
  });

  it('reference setting sets are those of §2.1', () => {
    expect(REFERENCE_PLUGIN_SETTINGS).toMatchObject({ triggerDb: 16, rearmDb: 4.6666, holdSamples: 1323, minDb: -55 });
    expect(REFERENCE_TRAINING_SETTINGS).toMatchObject({ triggerDb: 10, rearmDb: 4.6666, holdSamples: 10000, minDb: -55 });
  });
});

describe('resolving options (clamp and tell, never throw)', () => {
  it('clamps out-of-range values and says which, by how much', () => {
    const r = resolveAdaptiveSettings({ triggerDb: 99, holdMs: -5 });
    expect(r.settings.triggerDb).toBe(60);
    expect(r.settings.holdMs).toBe(0);
    expect(r.warnings.join('\n')).toMatch(/triggerDb = 99 dB is outside 0.5…60; clamped to 60/);
    expect(r.warnings.join('\n')).toMatch(/holdMs = -5 ms/);
  });

  it('keeps the default for non-numbers and fixes a re-arm threshold above the trigger', () => {
    const r = resolveAdaptiveSettings({ gateDb: Number.NaN, triggerDb: 8, rearmDb: 9 });
    expect(r.settings.gateDb).toBe(ADAPTIVE_DEFAULT_SETTINGS.gateDb);
    expect(r.settings.rearmDb).toBe(4);
    expect(r.warnings).toHaveLength(2);
  });

  it('reference: hold in ms converts at the stream rate; holdSamples wins', () => {
    expect(resolveReferenceSettings(48000, { holdMs: 30 }).settings.holdSamples).toBe(1440);
    expect(resolveReferenceSettings(48000, { holdMs: 30, holdSamples: 100 }).settings.holdSamples).toBe(100);
    expect(resolveReferenceSettings(44100).settings).toEqual(REFERENCE_PLUGIN_SETTINGS);
  });

  it('createOnsetDetector reports clamped options in warnings', () => {
    const d = createOnsetDetector(44100, { triggerDb: 0 });
    expect(d.warnings).toHaveLength(1);
    expect(d.settings.triggerDb).toBe(0.5);
    expect(d.settings.rearmDb).toBe(0.25); // default re-arm follows the trigger (half)
    expect(d.mode).toBe('adaptive');
  });

  it('an unusable sample rate or mode is a UserError naming the value', () => {
    expect(() => createOnsetDetector(0)).toThrow(UserError);
    expect(() => createOnsetDetector(Number.NaN)).toThrow(/sample rate NaN Hz/);
    expect(() => createOnsetDetector(44100, { mode: 'fast' as OnsetMode })).toThrow(/mode "fast" is unknown; use one of: adaptive, reference/);
  });
});
