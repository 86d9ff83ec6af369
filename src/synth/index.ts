/** The 808 snare synth: parameter spec, presets, noise buffer, voice, offline render, voice pool. */
export * from './params';
export * from './presets';
export * from './noise';
export * from './voice';
export * from './render';
export * from './pool';
