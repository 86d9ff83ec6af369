/** Loaders for the reference's golden vectors (test/fixtures/golden, see its README). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const GOLDEN_DIR = join(__dirname, '../fixtures/golden');
export const EXAMPLE_WAV = join(__dirname, '../../examples/gmrock-snare-performance.wav');

export interface SynthCase {
  params01: number[];
  onset_features: number[];
  full_features: number[];
}

export function synthGolden(): { cases: Record<string, SynthCase>; onset_feature_order: string[]; full_feature_order: string[] } {
  return JSON.parse(readFileSync(join(GOLDEN_DIR, 'synth-golden.json'), 'utf8'));
}

export interface PerformanceGolden {
  onsets_training_settings: number[];
  onsets_plugin_defaults: number[];
  onset_features: number[][];
  full_features: number[][];
  onset_features_plugin_defaults: number[][];
  full_features_plugin_defaults: number[][];
}

export function performanceGolden(): PerformanceGolden {
  return JSON.parse(readFileSync(join(GOLDEN_DIR, 'gmrock-snare-performance-golden.json'), 'utf8'));
}

/** A golden render: 44 100 float32 LE samples. */
export function render(name: string): Float32Array {
  const b = readFileSync(join(GOLDEN_DIR, `render-${name}.f32`));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/** Deterministic uniform noise in [−1, 1) (mulberry32). */
export function noise(n: number, seed = 1): Float64Array {
  let a = seed >>> 0;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

export function sine(n: number, freqHz: number, sampleRateHz: number, amplitude = 1): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freqHz * i) / sampleRateHz);
  return out;
}
