/**
 * The voice against the reference's own renders (test/fixtures/golden, produced by the published
 * Python reference): every one of the 16 renders within 1e-5 per sample (the issue asks 1e-4 for the
 * presets and 1e-2 for random_*; a float32-faithful voice reaches ~8e-6, the noise filter's float64
 * coefficients being the largest remaining difference).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHit } from '../../src/synth/render';
import { loadNoiseBuffer, decodeFloat32Le } from '../../src/synth/noise';
import { loadPreset } from '../../src/synth/presets';
import { PARAMS } from '../../src/synth/params';

const GOLDEN = join(__dirname, '../fixtures/golden');
const golden = JSON.parse(readFileSync(join(GOLDEN, 'synth-golden.json'), 'utf8')) as {
  sample_rate: number;
  num_samples: number;
  param_order: string[];
  param_ranges: Record<string, [number, number]>;
  cases: Record<string, { params01: number[] }>;
};
const readF32 = (name: string) => decodeFloat32Le(readFileSync(join(GOLDEN, name)));
const TOLERANCE = 1e-5;

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('golden renders', () => {
  test('the parameter spec matches the reference order and ranges', () => {
    expect(PARAMS.map((p) => p.name)).toEqual(golden.param_order);
    for (const p of PARAMS) expect([p.min, p.max]).toEqual(golden.param_ranges[p.name]);
  });

  test('the shipped noise buffer is the golden one', () => {
    const noise = loadNoiseBuffer();
    expect(noise).toEqual(readF32('noise-44100.f32'));
    expect(loadNoiseBuffer()).toBe(noise); // cached
  });

  test.each(Object.keys(golden.cases))('%s within 1e-5 per sample', (name) => {
    const expected = readF32(`render-${name}.f32`);
    const out = renderHit(golden.cases[name].params01, { sampleRateHz: golden.sample_rate, numSamples: golden.num_samples });
    expect(out.length).toBe(expected.length);
    expect(maxAbsDiff(out, expected)).toBeLessThan(TOLERANCE);
  });

  test.each(Object.keys(golden.cases).filter((n) => n.startsWith('808_')))('shipped preset %s renders the golden hit', (name) => {
    const preset = loadPreset(name);
    const out = renderHit(preset.normalised);
    expect(maxAbsDiff(out, readF32(`render-${name}.f32`))).toBeLessThan(TOLERANCE);
  });
});
