/**
 * Live playing, simulated on a recording: streaming onset detection block by block, the onset
 * window captured from the past input, the engine's parameters, the voice pool triggered at
 * onset + window (the live latency, 240 samples at 44.1 kHz), and an equal-power dry/wet mix
 * (`out = synth·√w + dry·√(1 − w)`), all at the input's sample rate. The CLI's `render` and the
 * benchmarks use it; it is also the reference for what the Max and Pd chains do.
 */
import { createOnsetDetector, type OnsetMode } from '../onset';
import { VoicePool } from '../synth/pool';
import type { Engine } from './engine';
import { backtrackSamplesAt, triggerDelaySamplesAt, windowSamplesAt } from './constants';

export interface RemapOptions {
  /** Onset detector mode (default adaptive). */
  detector?: OnsetMode;
  /** 0 = dry input only, 1 = synth only (default 1). */
  dryWet?: number;
  /** Host block size in samples (default 128). Results do not depend on it. */
  blockSamples?: number;
  /** Extra output after the input ends so the last hit's tail is kept (default 1 s). */
  tailSec?: number;
  /** Voices in the pool (default 4). */
  voices?: number;
  /** Called now and then with the fraction done (0…1). */
  onProgress?: (fraction: number) => void;
}

export interface RemapHit {
  /** Detected onset (input sample index). */
  sample: number;
  /** Sample at which the synth was triggered (onset + window − backtrack). */
  triggerSample: number;
  params01: number[];
  physical: number[];
  features: number[];
}

export interface RemapResult {
  output: Float32Array;
  hits: RemapHit[];
  /** Frames the engine refused (should be empty; kept for reporting). */
  errors: string[];
}

export async function remapRecording(engine: Engine, input: Float32Array, sampleRateHz: number, opts: RemapOptions = {}): Promise<RemapResult> {
  const rateStatus = engine.setSampleRate(sampleRateHz);
  if (!rateStatus.ok) throw new Error(rateStatus.error);
  const dryWet = Math.min(1, Math.max(0, opts.dryWet ?? 1));
  const wetGain = Math.sqrt(dryWet);
  const dryGain = Math.sqrt(1 - dryWet);
  const block = Math.max(1, Math.floor(opts.blockSamples ?? 128));
  const tail = Math.round((opts.tailSec ?? 1) * sampleRateHz);
  const total = input.length + tail;
  const window = windowSamplesAt(sampleRateHz);
  const backtrack = backtrackSamplesAt(sampleRateHz);
  const delay = triggerDelaySamplesAt(sampleRateHz);

  const detector = createOnsetDetector(sampleRateHz, { mode: opts.detector ?? 'adaptive' });
  const pool = new VoicePool(sampleRateHz, { voices: opts.voices ?? 4 });
  const synth = new Float32Array(total);
  const hits: RemapHit[] = [];
  const errors: string[] = [];
  const pending: number[] = []; // onsets waiting for their window to complete
  const frame = new Float32Array(window);
  const zeros = new Float32Array(block);
  let lastProgress = 0;

  for (let start = 0; start < total; start += block) {
    const end = Math.min(total, start + block);
    // The detector sees the input (silence after it ends), exactly as a live host would.
    const inBlock = end <= input.length ? input.subarray(start, end) : padded(input, start, end, zeros);
    for (const d of detector.process(inBlock)) pending.push(d);

    // Render the synth up to each trigger inside this block, trigger, continue.
    let cursor = start;
    while (pending.length && pending[0] + delay < end) {
      const d = pending.shift() as number;
      const at = Math.max(d + delay, cursor);
      if (at > cursor) pool.process(synth, cursor, at);
      cursor = at;
      const from = d - backtrack;
      for (let i = 0; i < window; i++) {
        const k = from + i;
        frame[i] = k >= 0 && k < input.length ? input[k] : 0;
      }
      const r = await engine.processFrame(frame);
      if (!r.ok) {
        errors.push(`onset at sample ${d}: ${r.error}`);
        continue;
      }
      pool.trigger(r.params01);
      hits.push({ sample: d, triggerSample: at, params01: Array.from(r.params01), physical: Array.from(r.physical), features: Array.from(r.features) });
    }
    if (cursor < end) pool.process(synth, cursor, end);

    if (opts.onProgress && end - lastProgress >= sampleRateHz) {
      lastProgress = end;
      opts.onProgress(end / total);
    }
  }
  opts.onProgress?.(1);

  const output = new Float32Array(total);
  for (let i = 0; i < total; i++) output[i] = wetGain * synth[i] + dryGain * (i < input.length ? input[i] : 0);
  return { output, hits, errors };
}

function padded(input: Float32Array, start: number, end: number, zeros: Float32Array): Float32Array {
  if (start >= input.length) return zeros.subarray(0, end - start);
  const out = new Float32Array(end - start);
  out.set(input.subarray(start, Math.min(end, input.length)));
  return out;
}
