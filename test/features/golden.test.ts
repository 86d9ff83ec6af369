/**
 * Features against the reference implementation's golden values (PyTorch, float32). Tolerance 0.01
 * in each feature's unit (dB, semitones, LKFS, Kazazis, Schlauch), the acceptance bound.
 */
import { fullFeatures, onsetFeatures, segmentHits } from '../../src/features';
import { readWav } from '../../src/io/wav';
import { EXAMPLE_WAV, performanceGolden, render, synthGolden } from './goldenData';

const TOL = 0.01;
const golden = synthGolden();
const perf = performanceGolden();
const audio = readWav(EXAMPLE_WAV);

function expectClose(actual: ArrayLike<number>, expected: number[], names: string[], what: string): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    const err = Math.abs(actual[i] - e);
    if (!(err <= TOL)) throw new Error(`${what} ${names[i]}: got ${actual[i]}, golden ${e} (|err| ${err} > ${TOL})`);
  });
}

describe('synth renders (16 golden renders, 44.1 kHz)', () => {
  test.each(Object.keys(golden.cases))('%s: onset features of the first 256 samples match', (name) => {
    const x = render(name);
    expectClose(onsetFeatures(x.subarray(0, 256), 44100), golden.cases[name].onset_features, golden.onset_feature_order, name);
  });
  test.each(Object.keys(golden.cases))('%s: full features match', (name) => {
    expectClose(fullFeatures(render(name), 44100), golden.cases[name].full_features, golden.full_feature_order, name);
  });
});

describe.each([
  ['training settings', perf.onsets_training_settings, perf.onset_features, perf.full_features],
  ['plugin defaults', perf.onsets_plugin_defaults, perf.onset_features_plugin_defaults, perf.full_features_plugin_defaults],
])('example recording hits segmented at the %s onsets', (_label, onsets, onsetGolden, fullGolden) => {
  const hits = segmentHits(audio.mono, onsets, audio.sampleRate);
  test('one 1 s hit per onset', () => {
    expect(audio.sampleRate).toBe(44100);
    expect(hits).toHaveLength(onsets.length);
    for (const h of hits) expect(h.length).toBe(44100);
  });
  test('every hit: onset features match', () => {
    hits.forEach((h, j) => expectClose(onsetFeatures(h.subarray(0, 256), 44100), onsetGolden[j], golden.onset_feature_order, `hit ${j}`));
  });
  test('every hit: full features match', () => {
    hits.forEach((h, j) => expectClose(fullFeatures(h, 44100), fullGolden[j], golden.full_feature_order, `hit ${j}`));
  });
});
