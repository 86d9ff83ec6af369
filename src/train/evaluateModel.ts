/**
 * `evaluate`: the paper's table, "does the synth follow the drum?" and saturation for a recording
 * and a trained model bundle. Hits are found with the model's own detector (the bundle's
 * `detector`; `--detector` overrides it, with a warning) and checked as in training. Targets are
 * relative to the recording's own median-loudness reference hit; network inputs use the model's
 * stored normalisation, exactly as live. Every hit except the reference hit is evaluated.
 *
 * On a recording the model was trained on (same sha256) those hits trained it: the figures are
 * in-sample and say so; the held-out figures of its training (cross-validation) come with them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { bundleDetectorOptions, detectorMismatch, loadModelBundle } from '../model';
import { parsePreset, type Preset } from '../synth/presets';
import { loadNoiseBuffer } from '../synth/noise';
import { normaliseFeatures } from '../engine/normalise';
import type { EvaluationTable } from '../model/bundle';
import type { OnsetOptions } from '../onset';
import { UserError } from '../util/errors';
import { checkHits, detectorOptionsFor, expandInputs, hitTargets, loadHits, referenceHitIndex, type DetectorMode } from './data';
import { DspPool } from './dspPool';
import { DIRECT_DEFAULTS, paramsFromModulation } from './evaluate';
import { heldOutEvaluation } from './heldOut';

export interface EvaluateOptions {
  input: string;
  /** Model bundle path (with or without .onnx/.json). */
  model: string;
  direct?: boolean;
  workers?: number;
  /** Detector (default: the model's own). */
  detector?: DetectorMode | OnsetOptions;
  /** Labels CSV (default: NAME.onsets.csv beside NAME.wav, when present). */
  labels?: string | null;
}

export interface EvaluateReport extends EvaluationTable {
  /** Which hits were evaluated and whether the model trained on them. */
  selection: string;
  /** True when the recording is one the model was trained on. */
  inSample: boolean;
  /** The held-out evaluation stored with the model at training time, if any. */
  training?: EvaluationTable;
  /** Warnings: detector override, hit checks. */
  warnings: string[];
  /** The recording's detected hits (44.1 kHz samples) and which were used. */
  hitList: { path: string; onsets: number[]; used: boolean[]; swallowed: number[] };
}

export async function evaluateModel(opts: EvaluateOptions): Promise<EvaluateReport> {
  const model = await loadModelBundle(opts.model);
  try {
    const meta = model.meta;
    const preset: Preset = { ...parsePreset({ preset: meta.preset.physical, damping: {} }, meta.preset.name), normalised: Float64Array.from(meta.preset.normalised), damping: Float64Array.from(meta.damping) };
    const [path] = expandInputs([opts.input]);
    const warnings: string[] = [];
    const detector = opts.detector === undefined ? bundleDetectorOptions(meta) : detectorOptionsFor(opts.detector);
    if (opts.detector !== undefined) {
      const w = detectorMismatch(meta, detector);
      if (w) warnings.push(w);
    }
    const loaded = loadHits([path], { detector, labels: opts.labels === undefined ? undefined : [opts.labels] });
    let diagnostics;
    try {
      diagnostics = checkHits(loaded);
    } catch (e) {
      if (e instanceof UserError) throw new UserError(e.message.replace('training needs', 'evaluation needs').replace(/ Nothing was written\.$/, ''), e.code);
      throw e;
    }
    warnings.push(...diagnostics.warnings);
    const hits = loaded.hits.filter((h) => h.used);
    const refIndex = referenceHitIndex(hits);
    const sha = createHash('sha256').update(readFileSync(path)).digest('hex');
    const prov = meta.provenance as { inputs?: Array<{ sha256?: string }> } | undefined;
    const inSample = Boolean(prov?.inputs?.some((i) => i.sha256 === sha));
    const idx = hits.map((_, i) => i).filter((i) => i !== refIndex);
    const all = hitTargets(hits, refIndex);
    const inputs = new Float32Array(idx.length * 3);
    idx.forEach((hi, i) => inputs.set(normaliseFeatures(hits[hi].onset, meta.featureNorm), i * 3));
    const modulation = await model.run(inputs, idx.length);
    const scheme = inSample
      ? `in-sample: all ${idx.length} hits but the reference hit; the model trained on them`
      : `all ${idx.length} hits but the reference hit (the model never trained on them)`;
    const pool = new DspPool(loadNoiseBuffer(), opts.workers ?? Math.min(2, availableParallelism()));
    try {
      const presetFeatures = await pool.features(Float64Array.from(preset.normalised));
      const table = await heldOutEvaluation(pool, preset, presetFeatures, {
        hits: idx.map((i) => hits[i]), targets: idx.map((i) => all[i]), params: paramsFromModulation(preset, modulation, idx.length), fold: idx.map(() => 0), scheme,
      }, opts.direct ? DIRECT_DEFAULTS : false);
      return {
        ...table,
        selection: inSample ? `${scheme}: these are not held-out figures (those of its training are under "training")` : scheme,
        inSample,
        ...(meta.evaluation ? { training: meta.evaluation } : {}),
        warnings,
        hitList: { path, onsets: loaded.files[0].onsets, used: loaded.hits.map((h) => Boolean(h.used)), swallowed: loaded.files[0].swallowed },
      };
    } finally {
      await pool.close();
    }
  } finally {
    await model.dispose().catch(() => undefined);
  }
}
