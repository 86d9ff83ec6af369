import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWav } from '../../src/io/wav';

export const EXAMPLE_WAV = join(__dirname, '../../examples/gmrock-snare-performance.wav');
export const EXAMPLE_ONSETS_CSV = join(__dirname, '../../examples/gmrock-snare-performance.onsets.csv');

export function tempDir(prefix = 'tr-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function exampleAudio() {
  return readWav(EXAMPLE_WAV);
}

/** Ground-truth onset samples of the example recording. */
export function exampleTruth(): number[] {
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  return readFileSync(EXAMPLE_ONSETS_CSV, 'utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));
}

/** One-to-one matching within ±tolerance samples: counts of true positives. */
export function matchOnsets(detected: number[], truth: number[], toleranceSamples: number): { tp: number; precision: number; recall: number; f: number } {
  const used = new Set<number>();
  let tp = 0;
  for (const t of truth) {
    let best = -1, bestD = Infinity;
    detected.forEach((d, i) => {
      const dist = Math.abs(d - t);
      if (!used.has(i) && dist <= toleranceSamples && dist < bestD) { best = i; bestD = dist; }
    });
    if (best >= 0) { used.add(best); tp++; }
  }
  const precision = detected.length ? tp / detected.length : 0;
  const recall = truth.length ? tp / truth.length : 0;
  return { tp, precision, recall, f: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}
