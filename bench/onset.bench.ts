/**
 * Onset detector speed: both modes over the example recording, whole-file and streamed in
 * 128-sample blocks. Figures: ns per sample and multiple of real time (median of 7 runs).
 */
import { createOnsetDetector, detectOnsets, type OnsetMode } from '../src/onset';
import { readWav } from '../src/io/wav';
import { join } from 'node:path';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(): Promise<Array<Record<string, unknown>>> {
  const audio = readWav(join(__dirname, '../examples/gmrock-snare-performance.wav'));
  const x = audio.mono;
  const sr = audio.sampleRate;
  const out: Array<Record<string, unknown>> = [];
  for (const mode of ['adaptive', 'reference'] as OnsetMode[]) {
    for (const block of [0, 128]) {
      const times: number[] = [];
      let onsets = 0;
      for (let r = 0; r < 7; r++) {
        const t0 = process.hrtime.bigint();
        if (block === 0) onsets = detectOnsets(x, sr, { mode }).length;
        else {
          const det = createOnsetDetector(sr, { mode });
          onsets = 0;
          for (let s = 0; s < x.length; s += block) onsets += det.process(x.subarray(s, Math.min(x.length, s + block))).length;
        }
        times.push(Number(process.hrtime.bigint() - t0) / 1e9);
      }
      const sec = median(times);
      out.push({ bench: 'onset', mode, blockSamples: block || 'whole', onsets, nsPerSample: +((sec / x.length) * 1e9).toFixed(1), realtimeFactor: Math.round(x.length / sr / sec) });
    }
  }
  return out;
}
