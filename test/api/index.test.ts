import * as api from '../../src/index';

describe('public surface', () => {
  it('exports exactly the documented names', () => {
    expect(Object.keys(api).sort()).toEqual([
      'Engine', 'NUM_PARAMS', 'ONSET_SETTINGS', 'PARAMS', 'PARAM_NAMES', 'SynthVoice', 'UserError', 'VoicePool',
      'buildOnnxModel', 'createOnsetDetector', 'detectOnsets', 'evaluateModel', 'fullFeatures', 'listPresets',
      'loadModelBundle', 'loadPreset', 'onsetFeatures', 'paramIndex', 'readWav', 'remapRecording', 'renderHit',
      'segmentHits', 'startOscBridge', 'startTraining', 'toNormalised', 'toPhysical', 'validateBundleMeta',
      'writeModelBundle', 'writeWav',
    ]);
  });

  it('every synth parameter has a unit, a range and a doc line (the spec drives all help text)', () => {
    for (const p of api.PARAMS) {
      expect(p.doc.length).toBeGreaterThan(5);
      expect(p.max).toBeGreaterThan(p.min);
      expect(p.defaultValue).toBeGreaterThanOrEqual(p.min);
      expect(p.defaultValue).toBeLessThanOrEqual(p.max);
    }
  });
});
