/**
 * Feature timings: µs per `onsetFeatures` call (median, p99 over 10 000 frames of the example
 * recording; 256 samples at 44.1 kHz and the 279-sample 48 kHz window, which takes the exact
 * non-power-of-two DFT path), and ms per `fullFeatures` call on 1 s hits.
 */
import { join } from 'node:path';
import { fullFeatures, onsetFeatures, segmentHits } from '../src/features';
import { readWav } from '../src/io/wav';

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function timeOnset(signal: Float32Array, frameSamples: number, sampleRateHz: number, frames: number): Record<string, unknown> {
  const out = new Float64Array(3);
  const hop = Math.max(1, Math.floor((signal.length - frameSamples) / frames));
  for (let i = 0; i < 2000; i++) onsetFeatures(signal.subarray(i * hop, i * hop + frameSamples), sampleRateHz, out); // warm-up
  const views = Array.from({ length: frames }, (_, i) => signal.subarray(i * hop, i * hop + frameSamples));
  const us = new Float64Array(frames);
  for (let i = 0; i < frames; i++) {
    const t0 = process.hrtime.bigint();
    onsetFeatures(views[i], sampleRateHz, out);
    us[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  us.sort();
  return {
    bench: 'features.onset',
    frameSamples,
    sampleRateHz,
    frames,
    medianUs: +quantile(us, 0.5).toFixed(2),
    p99Us: +quantile(us, 0.99).toFixed(2),
    maxUs: +us[us.length - 1].toFixed(2),
    goalMedianUs: 20,
  };
}

export async function run(): Promise<Array<Record<string, unknown>>> {
  const audio = readWav(join(__dirname, '../examples/gmrock-snare-performance.wav'));
  const x = audio.mono;
  const records = [timeOnset(x, 256, 44100, 10000), timeOnset(x, 279, 48000, 10000)];

  const hits = segmentHits(x, Array.from({ length: 20 }, (_, i) => 22000 + i * 20000).filter((o) => o < x.length), 44100);
  const out = new Float64Array(7);
  fullFeatures(hits[0], 44100, out); // warm-up
  const ms = new Float64Array(hits.length * 3);
  for (let r = 0; r < 3; r++) {
    hits.forEach((h, i) => {
      const t0 = process.hrtime.bigint();
      fullFeatures(h, 44100, out);
      ms[r * hits.length + i] = Number(process.hrtime.bigint() - t0) / 1e6;
    });
  }
  ms.sort();
  records.push({ bench: 'features.full', hitSamples: 44100, calls: ms.length, medianMs: +quantile(ms, 0.5).toFixed(3), p99Ms: +quantile(ms, 0.99).toFixed(3) });
  return records;
}
