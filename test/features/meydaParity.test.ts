/**
 * Where Meyda computes the same thing, it agrees with us on the same input (docs/features.md says
 * why Meyda is not in the hot path); where it differs, the difference is the documented one.
 */
import Meyda from 'meyda';
import { getSpectrum } from '../../src/dsp/spectrum';
import { getWindow, hannPeriodic, hannSymmetric } from '../../src/dsp/window';
import { centroidBins } from '../../src/features/centroidSemitones';
import { flatnessDbFromMagnitudes, POWER_FLOOR } from '../../src/features/flatnessDb';
import { rmsDbOf } from '../../src/features/rmsDb';
import { onsetFeatures } from '../../src/features';
import { noise, render } from './goldenData';

type Extractor = (args: Record<string, unknown>) => number;
const extractors = Meyda.featureExtractors as Record<string, Extractor>;

function hannMagnitudes(x: ArrayLike<number>): Float64Array {
  const s = getSpectrum(x.length);
  return s.magnitude(x, getWindow('hannPeriodic', x.length), new Float64Array(s.bins));
}

const frames = (): Array<[string, Float32Array]> => [
  ['808_snare_1', render('808_snare_1').subarray(0, 256)],
  ['random_5', render('random_5').subarray(0, 256)],
  ['noise', Float32Array.from(noise(256, 42))],
];

describe('Meyda parity', () => {
  test.each(frames())('rmsMatchesMeydaPlusTheRegulariser (%s)', (_n, x) => {
    const meydaRms = extractors.rms({ signal: x });
    expect(rmsDbOf(x)).toBeCloseTo(20 * Math.log10(Math.sqrt(meydaRms * meydaRms + 1e-8) + 1e-8), 9);
  });

  test.each(frames())('centroidInBinsMatchesMeydaOnOurSpectrum (%s)', (_n, x) => {
    const mag = hannMagnitudes(x);
    const meyda = extractors.spectralCentroid({ ampSpectrum: Float32Array.from(mag) });
    expect(centroidBins(mag, mag.length)).toBeCloseTo(meyda, 3); // Meyda works in float32
  });

  test.each(frames())('flatnessRatioMatchesMeydaOnTheFlooredPowerSpectrum (%s)', (_n, x) => {
    const mag = hannMagnitudes(x);
    const power = Float64Array.from(mag, (m) => Math.max(m * m, POWER_FLOOR));
    const meydaRatio = extractors.spectralFlatness({ ampSpectrum: power });
    expect(flatnessDbFromMagnitudes(mag, mag.length)).toBeCloseTo(20 * Math.log10(meydaRatio + 1e-8), 6);
  });

  test('meydaCentroidIsNaNOnSilenceWhereTheReferenceIsFinite', () => {
    expect(extractors.spectralCentroid({ ampSpectrum: new Float32Array(129) })).toBeNaN();
    expect(Number.isFinite(onsetFeatures(new Float32Array(256))[1])).toBe(true);
  });

  test('meydaHanningIsSymmetricNotThePeriodicHannTheReferenceUses', () => {
    const meyda = Meyda.windowing(new Float32Array(256).fill(1), 'hanning') as ArrayLike<number>;
    const sym = hannSymmetric(256), per = hannPeriodic(256);
    let dSym = 0, dPer = 0;
    for (let i = 0; i < 256; i++) {
      dSym = Math.max(dSym, Math.abs(meyda[i] - sym[i]));
      dPer = Math.max(dPer, Math.abs(meyda[i] - per[i]));
    }
    expect(dSym).toBeLessThan(1e-6);
    expect(dPer).toBeGreaterThan(1e-3);
  });

  test('meydaExtractDropsTheNyquistBin', () => {
    // Meyda's amplitudeSpectrum has N/2 bins; torch.rfft (and ours) N/2 + 1.
    Meyda.bufferSize = 256;
    const r = Meyda.extract('amplitudeSpectrum', Float32Array.from(noise(256, 1))) as { length: number } | null;
    expect(r?.length).toBe(128);
    expect(getSpectrum(256).bins).toBe(129);
  });
});
