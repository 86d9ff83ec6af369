/**
 * Training data from recordings (reference-implementation.md §5.1–§5.2, §3.3):
 * wav files or folders → mono 44.1 kHz → onsets → 1 s hits (onset − 16, 1024-sample fade before an
 * overlapping next hit) → onset features (network input) and full features (loss targets) →
 * reference hit (median loudness rank) → normalised, reference-centred inputs → a seeded,
 * loudness-stratified validation/test split.
 *
 * Onsets: the reference detector at the reference's training settings (trigger 10 dB, hold
 * 10 000 samples) by default: it is what built the reference's training sets and it is checked
 * against the golden onsets; `adaptive` is available for quiet or dense recordings.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WaveFile } from 'wavefile';
import { decodeWav } from '../io/wav';
import { FILE_LIMITS, readFileBounded } from '../io/files';
import { UserError } from '../util/errors';
import { detectOnsets, REFERENCE_TRAINING_SETTINGS } from '../onset';
import { fullFeatures, onsetFeatures, segmentHits } from '../features';
import { MODEL_SAMPLE_RATE_HZ, ONSET_BACKTRACK_SAMPLES, ONSET_WINDOW_SAMPLES } from '../engine/constants';
import { normaliseFeatures } from '../engine/normalise';
import { featureNormalisation, referenceHitIndex, stratifiedSplit, type Dataset, type Hit } from './dataset';

export type { Dataset, Hit } from './dataset';
export { featureNormalisation, loudnessOrder, referenceHitIndex, stratifiedSplit } from './dataset';

export type DetectorMode = 'reference' | 'adaptive';

/** Fewest hits a recording set must give: 1 validation + 1 test + the reference + ≥ 5 to train on. */
export const MIN_HITS = 8;

export interface InputFile {
  path: string;
  sha256: string;
  sampleRateHz: number;
  channels: number;
  hits: number;
  /** How the file was brought to 44.1 kHz ("none" or the resampler). */
  resampled: string;
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

/** Onsets of a 44.1 kHz mono signal with the chosen detector. */
export function detectTrainingOnsets(mono: Float32Array, detector: DetectorMode): number[] {
  return detector === 'reference'
    ? detectOnsets(mono, MODEL_SAMPLE_RATE_HZ, { mode: 'reference', base: REFERENCE_TRAINING_SETTINGS })
    : detectOnsets(mono, MODEL_SAMPLE_RATE_HZ, { mode: 'adaptive' });
}

/** Read, resample, detect and analyse every hit of the given recordings. */
export function loadHits(paths: readonly string[], detector: DetectorMode = 'reference'): { files: InputFile[]; hits: Hit[] } {
  const files: InputFile[] = [];
  const hits: Hit[] = [];
  expandInputs(paths).forEach((path, fi) => {
    // Regular files within the size bound only (never a FIFO or a device); header validated first.
    const bytes = readFileBounded(path, { what: 'recording', maxBytes: FILE_LIMITS.wholeAudioBytes });
    const audio = decodeWav(bytes, path);
    const mono = resampleTo44k(audio.mono, audio.sampleRate);
    const onsets = detectTrainingOnsets(mono, detector);
    const segs = segmentHits(mono, onsets, MODEL_SAMPLE_RATE_HZ);
    segs.forEach((seg, i) => {
      hits.push({
        file: fi,
        onsetSample: onsets[i],
        onset: Float64Array.from(onsetFeatures(seg.subarray(0, ONSET_WINDOW_SAMPLES), MODEL_SAMPLE_RATE_HZ)),
        full: Float64Array.from(fullFeatures(seg, MODEL_SAMPLE_RATE_HZ)),
      });
    });
    files.push({
      path,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sampleRateHz: audio.sampleRate,
      channels: audio.channels.length,
      hits: segs.length,
      resampled: audio.sampleRate === MODEL_SAMPLE_RATE_HZ ? 'none' : 'wavefile sinc + LPF',
    });
  });
  return { files, hits };
}

/** Everything training needs, from recordings. UserError when there are too few hits. */
export function buildDataset(paths: readonly string[], opts: { seed: number; detector?: DetectorMode }): Dataset {
  const { files, hits } = loadHits(paths, opts.detector ?? 'reference');
  if (hits.length < MIN_HITS) {
    const per = files.map((f) => `${f.path}: ${f.hits}`).join(', ');
    throw new UserError(
      `found ${hits.length} hit(s) (${per}); training needs at least ${MIN_HITS} (the reference hit, 1 validation, 1 test and 5 to learn from), and about a minute of playing (20+ hits) works best. Record more hits, add files, or try --detector ${opts.detector === 'adaptive' ? 'reference' : 'adaptive'}.`,
      'E_TOO_FEW_HITS',
    );
  }
  const refIndex = referenceHitIndex(hits);
  const norm = featureNormalisation(hits, refIndex);
  const inputs = hits.map((h) => normaliseFeatures(h.onset, norm));
  const targets = hits.map((h) => h.full.map((v, j) => v - hits[refIndex].full[j]));
  return { files, hits, refIndex, norm, inputs, targets, split: stratifiedSplit(hits, refIndex, opts.seed) };
}

/** Provenance constants of the onset window (bundle `onsetWindow`). */
export const ONSET_WINDOW = { samples: ONSET_WINDOW_SAMPLES, backtrackSamples: ONSET_BACKTRACK_SAMPLES, sampleRateHz: MODEL_SAMPLE_RATE_HZ };
