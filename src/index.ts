/**
 * TimbreRemap's public surface for Node programs: the engine, its building blocks and the hosts'
 * entry points. Everything else is internal; `test/index.test.ts` pins this list.
 */
export { PARAMS, NUM_PARAMS, PARAM_NAMES, toPhysical, toNormalised, paramIndex, type ParamSpec } from './synth/params';
export { loadPreset, listPresets, type Preset } from './synth/presets';
export { renderHit } from './synth/render';
export { SynthVoice } from './synth/voice';
export { VoicePool } from './synth/pool';
export { detectOnsets, createOnsetDetector, ONSET_SETTINGS, type OnsetDetector, type OnsetMode, type OnsetOptions } from './onset';
export { onsetFeatures, fullFeatures, segmentHits } from './features';
export { loadModelBundle, writeModelBundle, buildOnnxModel, validateBundleMeta, type LoadedModel, type ModelBundleMeta, type MlpWeights } from './model';
export { Engine, type EngineOptions, type FrameResult } from './engine/engine';
export { remapRecording, type RemapOptions, type RemapResult } from './engine/remapper';
export { startTraining, evaluateModel, type TrainingJob } from './train';
export { startOscBridge } from './hosts/osc';
export { readWav, writeWav, type Audio } from './io/wav';
export { UserError, type Status } from './util/errors';
