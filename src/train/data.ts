/**
 * Training data from recordings (reference-implementation.md §5.1–§5.2, §3.3):
 * wav files or folders → mono 44.1 kHz → onsets → checks → 1 s hits (onset − 16, 1024-sample fade
 * before an overlapping next hit) → onset features (network input) and full features (loss
 * targets) → reference hit (median loudness rank) → normalised, reference-centred inputs.
 *
 * Onsets: by default the live detector with its default settings (`createOnsetDetector`), the one
 * `onsets`, `plot onsets`, `render` and the hosts use, so the model learns from the hits the
 * player's host will find; its complete settings go into the bundle (`ModelBundleMeta.detector`)
 * and hosts rebuild the same detector from them. The reference's training segmentation (trigger
 * 10 dB, hold 10 000 samples) stays available as `reference-training`.
 *
 * The hit checks (hitChecks.ts) leave out hits that start inside another hit's decay and report
 * hits swallowed by the hold, clipped input and too few hits.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WaveFile } from 'wavefile';
import { decodeWav } from '../io/wav';
import { FILE_LIMITS, readFileBounded } from '../io/files';
import { UserError } from '../util/errors';
import { createOnsetDetector, detectOnsets, REFERENCE_TRAINING_SETTINGS, type OnsetMode, type OnsetOptions } from '../onset';
import { fullFeatures, onsetFeatures, segmentHits } from '../features';
import { MODEL_SAMPLE_RATE_HZ, ONSET_BACKTRACK_SAMPLES, ONSET_WINDOW_SAMPLES } from '../engine/constants';
import { normaliseFeatures } from '../engine/normalise';
import { featureNormalisation, hitTargets, referenceHitIndex, type Dataset, type Hit } from './dataset';
import { clippedIn, holdSamplesOf, MIN_RISE_DB, onsetRiseDb, peakOf, swallowedByHold } from './hitChecks';
import { matchLabels, readLabels, siblingLabels } from './labels';

export type { Dataset, Hit } from './dataset';
export { featureNormalisation, hitTargets, loudnessOrder, referenceHitIndex } from './dataset';

/** Named detector choices of the CLI; `reference-training` = the reference's training segmentation. */
export type DetectorMode = OnsetMode | 'reference-training';
export const DETECTOR_CHOICES: readonly DetectorMode[] = ['adaptive', 'reference', 'reference-training'];

/** Fewest usable hits: 2 validation + the reference + ≥ 5 to learn from. */
export const MIN_HITS = 8;
/** Below this many hits a warning suggests recording more. */
export const FEW_HITS = 20;
/**
 * Hits whose onset features all span less than these (about one just-noticeable difference:
 * 1 dB of level, half a semitone of brightness, 1 dB of flatness) are the same stroke repeated:
 * normalising them would stretch measurement noise over the network's whole input range.
 */
export const SAME_STROKE_SPAN = [1, 0.5, 1];

/** The detector a training used: mode and complete resolved settings (the bundle's `detector`). */
export interface DetectorRecord {
  mode: OnsetMode;
  settings: Record<string, number | string>;
}

export interface InputFile {
  path: string;
  sha256: string;
  sampleRateHz: number;
  channels: number;
  durationSec: number;
  /** Detected onsets (sample indices at 44.1 kHz), all of them. */
  onsets: number[];
  /** Hits used for training. */
  hits: number;
  /** Onsets left out: inside another hit's decay. */
  insideDecay: number[];
  /** Likely hits hidden by the detector's hold (44.1 kHz samples). */
  swallowed: number[];
  /** Onsets whose hit is clipped. */
  clipped: number[];
  /** The labels CSV used, if any. */
  labels: string | null;
  /** How the file was brought to 44.1 kHz ("none" or the resampler). */
  resampled: string;
}

/** Everything the hit checks found, for the summary and the report. */
export interface HitDiagnostics {
  detected: number;
  used: number;
  insideDecay: number;
  swallowed: number;
  clipped: number;
  warnings: string[];
}

/** Expand arguments into wav paths: files as given, folders → their *.wav files (sorted). */
export function expandInputs(inputs: readonly string[]): string[] {
  if (inputs.length === 0) throw new UserError('no recordings given. Pass one or more WAV files or a folder of them (about a minute of playing).', 'E_USAGE');
  const out: string[] = [];
  for (const p of inputs) {
    if (!existsSync(p)) throw new UserError(`cannot read "${p}": no such file or folder. Check the path (relative paths start from ${process.cwd()}).`, 'E_NOFILE');
    if (statSync(p).isDirectory()) {
      const wavs = readdirSync(p).filter((f) => /\.wave?$/i.test(f)).sort().map((f) => join(p, f));
      if (wavs.length === 0) throw new UserError(`folder "${p}" holds no .wav files. Put the recordings there or pass the files.`, 'E_NOFILE');
      out.push(...wavs);
    } else out.push(p);
  }
  return out.map((p) => resolve(p));
}

/**
 * Bring a mono signal to 44.1 kHz: wavefile's windowed-sinc resampler with its anti-alias
 * low-pass (`toSampleRate(…, {method: 'sinc', LPF: true})`).
 */
export function resampleTo44k(mono: Float32Array, sampleRateHz: number): Float32Array {
  if (sampleRateHz === MODEL_SAMPLE_RATE_HZ) return mono;
  const wav = new WaveFile();
  wav.fromScratch(1, sampleRateHz, '32f', mono);
  wav.toSampleRate(MODEL_SAMPLE_RATE_HZ, { method: 'sinc', LPF: true });
  return Float32Array.from(wav.getSamples(false, Float64Array) as unknown as Float64Array);
}

/** Detector options for a choice: a mode name, `reference-training`, or explicit options. */
export function detectorOptionsFor(choice: DetectorMode | OnsetOptions | undefined, overrides: Readonly<Record<string, number | string>> = {}): OnsetOptions {
  const base: OnsetOptions = choice === undefined ? {} : typeof choice === 'string'
    ? choice === 'reference-training' ? { mode: 'reference', base: REFERENCE_TRAINING_SETTINGS } : { mode: choice }
    : choice;
  return { ...base, ...(overrides as OnsetOptions) };
}

/** The complete settings a detector runs with at 44.1 kHz (what the bundle stores), and its warnings. */
export function resolveDetector(options: OnsetOptions): { record: DetectorRecord; warnings: string[] } {
  const d = createOnsetDetector(MODEL_SAMPLE_RATE_HZ, options);
  const settings: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(d.settings)) if (typeof v === 'number' || typeof v === 'string') settings[k] = v;
  return { record: { mode: d.mode, settings }, warnings: [...d.warnings] };
}

export interface LoadOptions {
  /** Detector (default: the live default). */
  detector?: DetectorMode | OnsetOptions;
  /** One labels CSV per input path (null: none); default: `NAME.onsets.csv` beside `NAME.wav` when present. */
  labels?: Array<string | null>;
  /** Polled between files and hits: true stops with a UserError E_CANCELLED. */
  isCancelled?: () => boolean;
}

export interface LoadedHits {
  files: InputFile[];
  /** Every detected hit, with its checks (`used` = goes into training). */
  hits: Hit[];
  detector: DetectorRecord;
  /** The detector's warnings (clamped settings) and notes on the inputs. */
  detectorWarnings: string[];
}

function cancelled(): never {
  throw new UserError('training was stopped while reading the recordings; nothing was written.', 'E_CANCELLED');
}

/** Read, resample, detect, check and analyse every hit of the given recordings. */
export function loadHits(paths: readonly string[], opts: LoadOptions = {}): LoadedHits {
  const options = detectorOptionsFor(opts.detector);
  const { record, warnings } = resolveDetector(options);
  const files: InputFile[] = [];
  const hits: Hit[] = [];
  const notes: string[] = [];
  const expanded = expandInputs(paths);
  expanded.forEach((path, fi) => {
    if (opts.isCancelled?.()) cancelled();
    // Regular files within the size bound only (never a FIFO or a device); header validated first.
    const bytes = readFileBounded(path, { what: 'recording', maxBytes: FILE_LIMITS.wholeAudioBytes });
    const audio = decodeWav(bytes, path);
    const mono = resampleTo44k(audio.mono, audio.sampleRate);
    const onsets = detectOnsets(mono, MODEL_SAMPLE_RATE_HZ, options);
    if (opts.isCancelled?.()) cancelled();
    const segs = segmentHits(mono, onsets, MODEL_SAMPLE_RATE_HZ);
    const peak = peakOf(mono);
    let labelsPath = opts.labels ? opts.labels[fi] ?? null : siblingLabels(path);
    let labels: Array<string | null> | null = null;
    if (labelsPath) {
      try {
        labels = matchLabels(onsets.map((o) => o / MODEL_SAMPLE_RATE_HZ), readLabels(labelsPath, audio.sampleRate));
      } catch (e) {
        if (opts.labels || !(e instanceof UserError)) throw e;
        // a CSV found beside the recording that holds no articulation labels: not an error
        notes.push(`${labelsPath} was not used for articulation labels: ${e.message}`);
        labelsPath = null;
      }
    }
    const file: InputFile = {
      path,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sampleRateHz: audio.sampleRate,
      channels: audio.channels.length,
      durationSec: audio.mono.length / audio.sampleRate,
      onsets: [...onsets],
      hits: 0,
      insideDecay: [],
      swallowed: swallowedByHold(mono, MODEL_SAMPLE_RATE_HZ, options, onsets, holdSamplesOf(record.mode, record.settings, MODEL_SAMPLE_RATE_HZ)),
      clipped: [],
      labels: labelsPath,
      resampled: audio.sampleRate === MODEL_SAMPLE_RATE_HZ ? 'none' : 'wavefile sinc + LPF',
    };
    segs.forEach((seg, i) => {
      if ((i & 15) === 15 && opts.isCancelled?.()) cancelled();
      const onset = onsets[i];
      const riseDb = onsetRiseDb(mono, onset);
      const insideDecay = riseDb < MIN_RISE_DB;
      const clipped = clippedIn(mono, onset - ONSET_BACKTRACK_SAMPLES, onset + segLength(onsets, i, mono.length), peak, MODEL_SAMPLE_RATE_HZ);
      if (insideDecay) file.insideDecay.push(onset);
      if (clipped) file.clipped.push(onset);
      if (!insideDecay) file.hits++;
      hits.push({
        file: fi,
        onsetSample: onset,
        onset: Float64Array.from(onsetFeatures(seg.subarray(0, ONSET_WINDOW_SAMPLES), MODEL_SAMPLE_RATE_HZ)),
        full: Float64Array.from(fullFeatures(seg, MODEL_SAMPLE_RATE_HZ)),
        riseDb,
        used: !insideDecay,
        clipped,
        label: labels ? labels[i] : null,
      });
    });
    files.push(file);
  });
  return { files, hits, detector: record, detectorWarnings: [...warnings, ...notes] };
}

/** Samples of hit i that the features read: up to the next onset, at most the 35 328 of the full features. */
function segLength(onsets: readonly number[], i: number, total: number): number {
  const next = i + 1 < onsets.length ? onsets[i + 1] : total;
  return Math.min(35328, next - onsets[i]);
}

const at = (samples: readonly number[], max = 8): string => {
  const t = samples.slice(0, max).map((s) => `${(s / MODEL_SAMPLE_RATE_HZ).toFixed(2)} s`).join(', ');
  return samples.length > max ? `${t}, …` : t;
};

/** Warnings (and refusals) from the hit checks. Throws UserError for too few or mostly overlapping hits. */
export function checkHits(loaded: LoadedHits): HitDiagnostics {
  const { files, hits } = loaded;
  const used = hits.filter((h) => h.used);
  const inside = files.flatMap((f) => f.insideDecay.map((s) => ({ f, s })));
  const swallowed = files.reduce((n, f) => n + f.swallowed.length, 0);
  const clipped = files.reduce((n, f) => n + f.clipped.length, 0);
  const per = files.map((f) => `${f.path}: ${f.onsets.length} detected, ${f.hits} used`).join('; ');
  const multi = files.length > 1;
  const where = (f: InputFile, s: readonly number[]) => (multi ? `${f.path} at ${at(s)}` : `at ${at(s)}`);
  const settingsLine = `${loaded.detector.mode} detector`;
  if (hits.length > 0 && inside.length > hits.length / 2) {
    throw new UserError(
      `${inside.length} of the ${hits.length} hits the ${settingsLine} found start inside another hit's decay (they rise less than ${MIN_RISE_DB} dB over what was still sounding), so most "hits" are rattle, ring or overlapping strokes (${per}). Record single strokes with space between them (let each hit ring down), or check with "timbre-remap plot onsets IN.wav" what the detector fires on. Nothing was written.`,
      'E_OVERLAPPING_HITS',
    );
  }
  if (used.length < MIN_HITS) {
    throw new UserError(
      `found ${used.length} usable hit(s) (${per}); training needs at least ${MIN_HITS} (the reference hit, 2 to validate and 5 to learn from), and about a minute of playing (${FEW_HITS}+ hits, soft to hard, centre to rim) works best. Record more hits or add files${hits.length === 0 ? ', and check that the recording is not silent or very quiet ("timbre-remap plot onsets IN.wav")' : ''}. Nothing was written.`,
      'E_TOO_FEW_HITS',
    );
  }
  const span = (j: number) => Math.max(...used.map((h) => h.onset[j])) - Math.min(...used.map((h) => h.onset[j]));
  const constant = [0, 1, 2].every((j) => span(j) < SAME_STROKE_SPAN[j]);
  if (constant) {
    throw new UserError(
      `all ${used.length} hits have the same loudness, brightness and noisiness (they span ${span(0).toFixed(2)} dB, ${span(1).toFixed(2)} semitones, ${span(2).toFixed(2)} dB: less than one just-noticeable difference), so there is nothing for a mapping to follow (the model would only ever play one sound). Record hits that differ: soft to hard, centre to rim. Nothing was written.`,
      'E_NO_VARIATION',
    );
  }
  const warnings: string[] = [...loaded.detectorWarnings];
  if (inside.length) {
    const byFile = files.filter((f) => f.insideDecay.length).map((f) => where(f, f.insideDecay)).join('; ');
    warnings.push(`${inside.length} of ${hits.length} detected hits start inside another hit's decay (they rise less than ${MIN_RISE_DB} dB over what was still sounding: a rattle, a ring or a re-trigger) and were left out of training: ${byFile}. The live detector fires on them too; if they are real strokes, leave more space between hits.`);
  }
  if (swallowed) {
    const st = loaded.detector.settings;
    const hold = loaded.detector.mode === 'reference' ? `hold ${st.holdSamples} samples` : `hold ${st.holdMs} ms${typeof st.maskMs === 'number' ? `, retrigger mask ${st.maskMs} ms` : ''}`;
    const byFile = files.filter((f) => f.swallowed.length).map((f) => where(f, f.swallowed)).join('; ');
    const knob = loaded.detector.mode === 'reference' ? 'holdSamples' : typeof st.maskMs === 'number' ? 'holdMs=… / --onset-setting maskMs' : 'holdMs';
    warnings.push(`${swallowed} likely hit(s) come so soon after another hit that the detector (${hold}) did not report them: ${byFile}. If these are flams or fast rolls, train with a shorter setting (--onset-setting ${knob}=…); the model then uses that detector live too.`);
  }
  if (clipped) {
    const byFile = files.filter((f) => f.clipped.length).map((f) => where(f, f.clipped)).join('; ');
    warnings.push(`${clipped} hit(s) are clipped (samples at full scale): ${byFile}. Their loudness and brightness are distorted; record about 6 dB quieter.`);
  }
  if (used.length < FEW_HITS) warnings.push(`only ${used.length} hits: about a minute of playing (${FEW_HITS}+ hits, soft to hard, centre to rim) trains a mapping that follows more of the drum.`);
  return { detected: hits.length, used: used.length, insideDecay: inside.length, swallowed, clipped, warnings };
}

/** Everything training needs, from recordings. UserError when the hits are unusable (nothing is written). */
export function buildDataset(paths: readonly string[], opts: LoadOptions & { seed?: number } = {}): Dataset {
  const loaded = loadHits(paths, opts);
  const diagnostics = checkHits(loaded);
  const hits = loaded.hits.filter((h) => h.used);
  const refIndex = referenceHitIndex(hits);
  const norm = featureNormalisation(hits, refIndex);
  const inputs = hits.map((h) => normaliseFeatures(h.onset, norm));
  const targets = hitTargets(hits, refIndex);
  return { files: loaded.files, allHits: loaded.hits, hits, refIndex, norm, inputs, targets, detector: loaded.detector, diagnostics };
}

/** Provenance constants of the onset window (bundle `onsetWindow`). */
export const ONSET_WINDOW = { samples: ONSET_WINDOW_SAMPLES, backtrackSamples: ONSET_BACKTRACK_SAMPLES, sampleRateHz: MODEL_SAMPLE_RATE_HZ };
