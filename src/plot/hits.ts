/**
 * What the model does to every hit of a recording, for the `timbre` and `params` pictures and the
 * report: detect onsets, take each onset window exactly as training does (256 samples from
 * onset − 16 at 44.1 kHz, scaled with the rate), run the engine (features → normalisation →
 * network → damping → parameters), render the synth hit for those parameters and measure its
 * onset features on its first window, with the same feature code.
 */
import { detectOnsets, type OnsetMode, type OnsetOptions } from '../onset';
import { onsetFeatures } from '../features';
import { renderHit } from '../synth/render';
import { Engine } from '../engine/engine';
import { backtrackSamplesAt, windowSamplesAt } from '../engine/constants';
import { loadPreset } from '../synth/presets';
import type { ModelBundleMeta } from '../model/bundle';
import { UserError } from '../util/errors';

export interface AnalysedHit {
  index: number;
  /** Detected onset (sample index) and time (s). */
  sample: number;
  timeSec: number;
  /** The drum hit's onset features [rms dB, centroid semitones, flatness dB]. */
  features: number[];
  /** Modulation clamp(damping ⊙ m, −1, 1), parameter order (before sensitivity). */
  modulation: number[];
  /** Parameters played: normalised and physical, parameter order. */
  params01: number[];
  physical: number[];
  /** The synth hit's onset features (same extractor, its first window). */
  synthFeatures: number[];
}

export interface RecordingAnalysis {
  sampleRateHz: number;
  hits: AnalysedHit[];
  meta: ModelBundleMeta;
  /** The training reference hit's raw onset features: min + ref · (max − min). */
  referenceFeatures: number[];
  /** Onset features of the preset played unmodulated. */
  presetSynthFeatures: number[];
  warnings: string[];
}

export interface AnalyseOptions {
  modelPath: string;
  /** A mode (its default settings) or complete options; default: the model's own detector. */
  detector?: OnsetMode | OnsetOptions;
  sensitivity?: number;
  /** When given, the model's preset must be this one (UserError otherwise). */
  expectPreset?: string;
  /** Shown in messages (default "the recording"). */
  sourceName?: string;
}

/** Onset features of a synth hit for `params01`, rendered at `sampleRateHz`. */
export function synthOnsetFeatures(params01: ArrayLike<number>, sampleRateHz: number): number[] {
  const window = windowSamplesAt(sampleRateHz);
  const audio = renderHit(params01, { sampleRateHz, numSamples: window });
  return Array.from(onsetFeatures(audio.subarray(0, window), sampleRateHz));
}

/** Analyse every hit of `signal` with the model. UserError when the model or the hits are unusable. */
export async function analyseRecording(signal: Float32Array, sampleRateHz: number, opts: AnalyseOptions): Promise<RecordingAnalysis> {
  const source = opts.sourceName ?? 'the recording';
  const engine = new Engine({ sampleRateHz, sensitivity: opts.sensitivity ?? 1 });
  const loaded = await engine.loadModel(opts.modelPath);
  if (!loaded.ok) throw new UserError(loaded.error, 'E_MODEL');
  const warnings = loaded.warning ? [loaded.warning] : [];
  const model = engine.currentModel;
  if (!model) throw new UserError(`model "${opts.modelPath}" did not load.`, 'E_MODEL');
  const meta = model.meta;
  if (opts.expectPreset !== undefined) {
    const want = loadPreset(opts.expectPreset).name;
    if (want !== meta.preset.name) {
      throw new UserError(`model "${opts.modelPath}" was trained for preset "${meta.preset.name}", not "${want}": its modulations only make sense around its own preset. Drop --preset, or train a model for "${want}" with "timbre-remap train ... --preset ${want}".`, 'E_PRESET_MISMATCH');
    }
  }
  const detector = opts.detector === undefined ? engine.detectorOptions() ?? {} : typeof opts.detector === 'string' ? { mode: opts.detector } : opts.detector;
  const onsets = detectOnsets(signal, sampleRateHz, detector);
  if (onsets.length === 0) throw new UserError(`no hits found in ${source}, so there is nothing to plot. Check the recording (is it silent or very quiet?) or try --detector reference.`, 'E_NO_HITS');

  const window = windowSamplesAt(sampleRateHz);
  const backtrack = backtrackSamplesAt(sampleRateHz);
  const frame = new Float32Array(window);
  const hits: AnalysedHit[] = [];
  for (const sample of onsets) {
    frame.fill(0);
    const start = sample - backtrack;
    for (let i = 0; i < window; i++) {
      const j = start + i;
      if (j >= 0 && j < signal.length) frame[i] = signal[j];
    }
    const r = await engine.processFrame(frame);
    if (!r.ok) {
      warnings.push(`hit at sample ${sample} skipped: ${r.error}`);
      continue;
    }
    hits.push({
      index: hits.length,
      sample,
      timeSec: sample / sampleRateHz,
      features: Array.from(r.features),
      modulation: Array.from(r.modulation),
      params01: Array.from(r.params01),
      physical: Array.from(r.physical),
      synthFeatures: synthOnsetFeatures(r.params01, sampleRateHz),
    });
  }
  if (hits.length === 0) throw new UserError(`none of the ${onsets.length} hits found in ${source} could be analysed: ${warnings.at(-1) ?? ''}`, 'E_NO_HITS');
  const fn = meta.featureNorm;
  const referenceFeatures = fn.ref.map((r, i) => fn.min[i] + r * (fn.max[i] - fn.min[i]));
  const presetSynthFeatures = synthOnsetFeatures(meta.preset.normalised, sampleRateHz);
  return { sampleRateHz, hits, meta, referenceFeatures, presetSynthFeatures, warnings };
}
