/** Every registered feature passes the shared contract; the registry matches the bundle contract. */
import { FEATURES, FULL_FEATURES, ONSET_FEATURES, featureByName, fullFeatures, onsetFeatures } from '../../src/features';
import { FULL_FEATURE_NAMES, ONSET_FEATURE_NAMES } from '../../src/model/bundle';
import { featureContract } from './featureContract';
import { noise, render, synthGolden } from './goldenData';

for (const spec of FEATURES) featureContract(spec);

describe('registry', () => {
  test('listsTheContractFeaturesInOrder', () => {
    expect(ONSET_FEATURES.map((f) => f.name)).toEqual([...ONSET_FEATURE_NAMES]);
    expect(FULL_FEATURES.map((f) => f.name)).toEqual([...FULL_FEATURE_NAMES]);
    // Same order as the reference's golden files.
    const g = synthGolden();
    expect(ONSET_FEATURES.map((f) => f.name)).toEqual(g.onset_feature_order);
    expect(FULL_FEATURES.map((f) => f.name)).toEqual(g.full_feature_order);
    ONSET_FEATURES.forEach((f, i) => expect(f.index).toBe(i));
    FULL_FEATURES.forEach((f, i) => expect(f.index).toBe(i));
    expect(featureByName('TC')).toBe(FULL_FEATURES[6]);
    expect(featureByName('nope')).toBeUndefined();
  });

  test('perFeatureComputeEqualsBatchFunctions', () => {
    for (const name of ['808_snare_1', 'random_3']) {
      const x = render(name);
      const on = onsetFeatures(x.subarray(0, 256));
      ONSET_FEATURES.forEach((f, i) => expect(f.compute({ signal: x.subarray(0, 256), sampleRateHz: 44100 })).toBeCloseTo(on[i], 9));
      const full = fullFeatures(x);
      FULL_FEATURES.forEach((f, i) => expect(f.compute({ signal: x, sampleRateHz: 44100 })).toBeCloseTo(full[i], 9));
    }
    const y = noise(279, 5);
    const on48 = onsetFeatures(y, 48000);
    ONSET_FEATURES.forEach((f, i) => expect(f.compute({ signal: y, sampleRateHz: 48000 })).toBeCloseTo(on48[i], 9));
  });

  test('batchFunctionsWriteIntoOut', () => {
    const out = new Float64Array(3);
    const x = noise(256, 3);
    expect(onsetFeatures(x, 44100, out)).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(onsetFeatures(x)));
    const out7 = new Float64Array(7);
    expect(fullFeatures(x, 44100, out7)).toBe(out7);
  });

  test('silentInputGivesTheReferenceFloors', () => {
    // Reference formulas on zeros: rms 20·log10(1e-4 + 1e-8); centroid 12·log2(1e-8/440) + 69; flatness 20·log10(1 + 1e-8).
    const on = onsetFeatures(new Float64Array(256));
    expect(on[0]).toBeCloseTo(20 * Math.log10(1e-4 + 1e-8), 9);
    expect(on[1]).toBeCloseTo(12 * Math.log2(1e-8 / 440) + 69, 9);
    expect(on[2]).toBeCloseTo(0, 6);
    const full = fullFeatures(new Float64Array(0));
    expect(full[0]).toBeCloseTo(-0.691 + 10 * Math.log10(1e-8), 9);
    expect(full[1]).toBeCloseTo(full[0], 12);
    // Flat floored spectrum: centroid at bin 512 of 1025 → 11 025 Hz.
    expect(full[2]).toBeCloseTo(-34.61 * Math.pow(11025, -0.1621) + 21.2985, 9);
    expect(full[4]).toBeCloseTo(0, 6);
    expect(full[6]).toBe(0);
  });

  test('badArgumentsGiveClearMessages', () => {
    expect(() => onsetFeatures(new Float64Array(256), 0)).toThrow(/sample rate/);
    expect(() => onsetFeatures(new Float64Array(256), NaN)).toThrow(/sample rate/);
    expect(() => fullFeatures(new Float64Array(256), -1)).toThrow(/sample rate/);
  });
});
