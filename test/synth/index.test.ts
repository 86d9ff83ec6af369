import * as synth from '../../src/synth';

test('the synth folder exports its public API in one place', () => {
  for (const name of ['PARAMS', 'NUM_PARAMS', 'toPhysical', 'toNormalised', 'loadPreset', 'listPresets', 'loadNoiseBuffer', 'SynthVoice', 'renderHit', 'VoicePool']) {
    expect(synth).toHaveProperty(name);
  }
  expect(synth.loadNoiseBuffer()).toHaveLength(44100);
});
