/**
 * `evaluate`: the paper's table for a recording and a trained model bundle. Test hits: when the
 * recording is the one the model was trained on (same sha256 and hit count), the model's own test
 * split; otherwise every hit except the recording's reference hit (all are held out). Targets are
 * relative to the recording's own median-loudness reference hit; network inputs use the model's
 * stored normalisation, exactly as live.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { loadModelBundle } from '../model';
import { parsePreset, type Preset } from '../synth/presets';
import { loadNoiseBuffer } from '../synth/noise';
import { normaliseFeatures } from '../engine/normalise';
import type { EvaluationTable } from '../model/bundle';
import { UserError } from '../util/errors';
import { expandInputs, loadHits, referenceHitIndex, type DetectorMode } from './data';
import { DspPool } from './dspPool';
import { DIRECT_DEFAULTS, evaluateParams, paramsFromModulation } from './evaluate';

export interface EvaluateOptions {
  input: string;
  /** Model bundle path (with or without .onnx/.json). */
  model: string;
  direct?: boolean;
  workers?: number;
  detector?: DetectorMode;
}

export interface EvaluateReport extends EvaluationTable {
  /** Which hits were evaluated: "test split" of the model's training, or "all but the reference". */
  selection: string;
}

export async function evaluateModel(opts: EvaluateOptions): Promise<EvaluateReport> {
  const model = await loadModelBundle(opts.model);
  const meta = model.meta;
  const preset: Preset = { ...parsePreset({ preset: meta.preset.physical, damping: {} }, meta.preset.name), normalised: Float64Array.from(meta.preset.normalised), damping: Float64Array.from(meta.damping) };
  const [path] = expandInputs([opts.input]);
  const detector = opts.detector ?? ((meta.training?.detector as DetectorMode | undefined) ?? 'reference');
  const { hits } = loadHits([path], detector);
  if (hits.length < 2) throw new UserError(`found ${hits.length} hit(s) in "${opts.input}"; evaluation needs at least 2 (a reference hit and a hit to evaluate).`, 'E_TOO_FEW_HITS');
  const refIndex = referenceHitIndex(hits);
  const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
  const prov = meta.provenance as { inputs?: Array<{ sha256: string }>; hits?: number } | undefined;
  const split = meta.training?.split as { test?: number[] } | undefined;
  const sameRecording = prov?.inputs?.length === 1 && prov.inputs[0].sha256 === sha && prov.hits === hits.length && Array.isArray(split?.test);
  const testIdx = sameRecording ? split!.test! : hits.map((_, i) => i).filter((i) => i !== refIndex);
  const targets = testIdx.map((i) => hits[i].full.map((v, j) => v - hits[refIndex].full[j]));
  const inputs = new Float32Array(testIdx.length * 3);
  testIdx.forEach((hi, i) => inputs.set(normaliseFeatures(hits[hi].onset, meta.featureNorm), i * 3));
  const modulation = await model.run(inputs, testIdx.length);
  const pool = new DspPool(loadNoiseBuffer(), opts.workers ?? Math.min(2, availableParallelism()));
  try {
    const presetFeatures = await pool.features(Float64Array.from(preset.normalised));
    const table = await evaluateParams(pool, preset, presetFeatures, targets, paramsFromModulation(preset, modulation, testIdx.length), opts.direct ? DIRECT_DEFAULTS : false);
    return { ...table, selection: sameRecording ? 'test split of the model\'s training' : 'all hits except the reference hit' };
  } finally {
    await pool.close();
  }
}
