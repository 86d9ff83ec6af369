/**
 * From files to vega-lite specs: the glue between the analysis modules (onset detector, engine,
 * model bundle) and the pure spec builders. Used by `timbre-remap plot` and the HTML report.
 * Throws UserError with a message naming the file and what to do.
 */
import { basename } from 'node:path';
import { FILE_LIMITS, readJsonFile } from '../io/files';
import type { TopLevelSpec } from 'vega-lite';
import type { Audio } from '../io/wav';
import { UserError } from '../util/errors';
import type { ModelBundleMeta } from '../model/bundle';
import type { OnsetMode, OnsetOptions } from '../onset';
import { onsetsSpec } from './onsets';
import { timbreSpec } from './timbre';
import { paramsSpec } from './params';
import { trainingHistoryOf, trainingSpec } from './training';
import { readTruthCsv } from './truth';
import { analyseRecording, type AnalyseOptions, type RecordingAnalysis } from './hits';
import { onsetTrace } from './onset-trace';

export interface Picture {
  spec: TopLevelSpec;
  /** Facts for the CLI's summary line / --json (counts the marks should match). */
  summary: Record<string, unknown>;
  warnings: string[];
}

/** `plot onsets`: waveform, detector traces, detected (and ground-truth) onsets. */
export async function onsetsPicture(audio: Audio, sourcePath: string, detector: OnsetMode | OnsetOptions, truthCsv?: string): Promise<Picture> {
  const mode = typeof detector === 'string' ? detector : detector.mode ?? 'adaptive';
  const truth = truthCsv ? readTruthCsv(truthCsv, audio.sampleRate) : undefined;
  const { onsets, trace, description } = onsetTrace(audio.mono, audio.sampleRate, detector);
  const spec = onsetsSpec({
    sampleRateHz: audio.sampleRate,
    signal: audio.mono,
    onsets,
    trace,
    truth,
    title: `Onsets in ${basename(sourcePath)}`,
    subtitle: `${mode} detector: ${description}; ${audio.sampleRate} Hz, ${(audio.mono.length / audio.sampleRate).toFixed(1)} s`,
  });
  return { spec, summary: { onsets: onsets.length, ...(truth ? { truth: truth.length } : {}), detector: mode }, warnings: [] };
}

/** Analyse a recording with a model. */
export async function analyse(audio: Audio, sourcePath: string, opts: AnalyseOptions): Promise<RecordingAnalysis> {
  return analyseRecording(audio.mono, audio.sampleRate, { sourceName: `"${sourcePath}"`, ...opts });
}

/** `plot timbre` / `plot params` for a recording and a model. */
export async function modelPicture(kind: 'timbre' | 'params', audio: Audio, sourcePath: string, opts: AnalyseOptions): Promise<Picture> {
  const an = await analyse(audio, sourcePath, opts);
  return kind === 'timbre' ? timbrePictureOf(an, sourcePath, opts.sensitivity ?? 1) : paramsPictureOf(an, sourcePath, opts.sensitivity ?? 1);
}

export function timbrePictureOf(an: RecordingAnalysis, sourcePath: string, sensitivity: number): Picture {
  const spec = timbreSpec({
    hits: an.hits.map((h) => ({ index: h.index, timeSec: h.timeSec, input: h.features, synth: h.synthFeatures })),
    reference: { input: an.referenceFeatures, synth: an.presetSynthFeatures },
    title: `Timbre space: ${basename(sourcePath)} → model ${an.meta.name}`,
    subtitle: `${an.hits.length} hits (circles) and the synth hits the model made of them (triangles), preset ${an.meta.preset.name}, sensitivity ${sensitivity}`,
  });
  return { spec, summary: { hits: an.hits.length, model: an.meta.name, preset: an.meta.preset.name }, warnings: an.warnings };
}

export function paramsPictureOf(an: RecordingAnalysis, sourcePath: string, sensitivity: number): Picture {
  const spec = paramsSpec({
    hits: an.hits.map((h) => ({ index: h.index, timeSec: h.timeSec, modulation: h.modulation, physical: h.physical })),
    title: `Synth parameter modulation per hit: ${basename(sourcePath)} → model ${an.meta.name}`,
    subtitle: `colour = clamp(damping · network output, −1, 1); played value = preset ${an.meta.preset.name} + ${sensitivity} × colour (normalised units)`,
  });
  return { spec, summary: { hits: an.hits.length, params: 14, model: an.meta.name, preset: an.meta.preset.name }, warnings: an.warnings };
}

/** Read a bundle's JSON (BASE, BASE.json or BASE.onnx) without loading the network. */
export function readBundleMeta(path: string): { meta: ModelBundleMeta; jsonPath: string } {
  const base = path.replace(/\.(onnx|json)$/i, '');
  const jsonPath = `${base}.json`;
  let json: unknown;
  try {
    json = readJsonFile(jsonPath, { what: 'model JSON', maxBytes: FILE_LIMITS.modelJsonBytes }, 'It is damaged: retrain or restore it.');
  } catch (e) {
    if (e instanceof UserError && e.code === 'E_NOFILE') throw new UserError(`cannot read model "${jsonPath}": no such file. Give the PATH used with "train --out PATH".`, 'E_MODEL');
    throw e;
  }
  const meta = json as ModelBundleMeta;
  if (!meta || typeof meta !== 'object' || typeof meta.name !== 'string') throw new UserError(`"${jsonPath}" is not a TimbreRemap model bundle (no "name"); give the PATH of a model written by "train".`, 'E_MODEL');
  return { meta, jsonPath };
}

/** `plot training`: loss and learning rate per epoch, evaluation bars. */
export function trainingPicture(modelPath: string): Picture {
  const { meta, jsonPath } = readBundleMeta(modelPath);
  return trainingPictureOf(meta, jsonPath);
}

export function trainingPictureOf(meta: ModelBundleMeta, source: string): Picture {
  const history = trainingHistoryOf(meta, source);
  const ev = meta.evaluation;
  const last = history[history.length - 1];
  const spec = trainingSpec({
    history,
    evaluation: ev,
    title: `Training of model ${meta.name}`,
    subtitle: `${meta.architecture}, preset ${meta.preset.name}, ${history.length} epochs; final train loss ${last.trainLoss.toPrecision(3)}${last.valLoss != null ? `, validation ${last.valLoss.toPrecision(3)}` : ''}${bestEpochNote(meta)}`,
  });
  const warnings = ev ? [] : [`model "${source}" has no evaluation table; only the loss and learning rate are drawn (run "timbre-remap evaluate").`];
  return { spec, summary: { epochs: history.length, evaluated: Boolean(ev), features: ev ? Object.keys(ev.table).length : 0 }, warnings };
}

/** ", kept: best validation loss 0.69 at epoch 18" when the training settings record it. */
function bestEpochNote(meta: ModelBundleMeta): string {
  const t = meta.training as { bestEpoch?: unknown; bestValLoss?: unknown } | undefined;
  return typeof t?.bestEpoch === 'number' && typeof t.bestValLoss === 'number' ? `; kept: best validation loss ${t.bestValLoss.toPrecision(3)} at epoch ${t.bestEpoch}` : '';
}
