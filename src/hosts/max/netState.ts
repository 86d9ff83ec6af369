/**
 * The engine's state as tr.remap~ needs it (the net record, src/gen/record.ts): base parameters,
 * sensitivity, and for a model gen~ can run (linear, mlp) its normalisation, damping and weights.
 * Anything else (mlp-large, graphs whose weights could not be read back) is played by the round
 * trip: gen~ captures the window, the engine answers, tr.808~ plays.
 */
import type { Engine } from '../../engine/engine';
import { DEFAULT_TIMBRE_RANGE, MODE_PRESET, MODE_ROUND_TRIP, genModeFor, type NetState } from '../../gen/record';

export interface NetChoice {
  state: NetState;
  /** Why gen~ cannot run the loaded model (round trip), or null. */
  roundTripReason: string | null;
}

export function netStateFor(engine: Pick<Engine, 'currentModel' | 'baseParams01' | 'sensitivity'>, stateNumber: number): NetChoice {
  const model = engine.currentModel;
  const base01 = engine.baseParams01();
  const defaults = { min: DEFAULT_TIMBRE_RANGE.map((t) => t.range[0]), max: DEFAULT_TIMBRE_RANGE.map((t) => t.range[1]) };
  if (!model) {
    return { state: { state: stateNumber, mode: MODE_PRESET, sensitivity: engine.sensitivity, base01, damping: new Float64Array(base01.length).fill(1), timbre: defaults }, roundTripReason: null };
  }
  const m = model.meta;
  const timbre = { min: m.featureNorm.min, max: m.featureNorm.max };
  let mode = model.weights && model.evaluate ? genModeFor(model.weights.arch) : MODE_ROUND_TRIP;
  let reason: string | null = null;
  if (mode === MODE_ROUND_TRIP) {
    reason = !model.weights || !model.evaluate
      ? `the model's graph is not one gen~ can read (no plain weights)`
      : `gen~ runs the linear and mlp networks; this one is ${model.weights.arch} (${m.training?.parameters ?? '?'} parameters)`;
  }
  return {
    state: { state: stateNumber, mode, sensitivity: engine.sensitivity, base01, damping: m.damping, norm: m.featureNorm, timbre, weights: mode === MODE_ROUND_TRIP ? null : model.weights },
    roundTripReason: reason,
  };
}
