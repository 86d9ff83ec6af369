/**
 * `featureContract(spec)`: the properties every registered feature must have (style.md item 10):
 * silence → finite, random input of several lengths → finite, deterministic (also after other
 * lengths were used in between, which would expose stale per-length caches), full features read
 * only their frames (T: 2 560 samples, S: 35 328, TC: 5 512), and the unit metadata the contract documents.
 */
import type { FeatureSpec } from '../../src/features';
import { noise } from './goldenData';

/** Units per contract name, from reference-implementation.md §3 (independent of the registry). */
const EXPECTED_UNITS: Record<string, string> = {
  rms_db: 'dB',
  spectral_centroid_semitones: 'semitones',
  spectral_flatness_db: 'dB',
  SPL_T: 'LKFS',
  SPL_S: 'LKFS',
  SC_T: 'kazazis',
  SC_S: 'kazazis',
  SF_T: 'dB',
  SF_S: 'dB',
  TC: 'schlauch',
};

export function featureContract(spec: FeatureSpec): void {
  const onset = spec.set === 'onset';
  const lengths = onset ? [1, 2, 64, 255, 256, 279, 512, 1000] : [0, 100, 2048, 5512, 35328, 44100, 48000];
  const sampleRates = [44100, 48000, 96000];
  const run = (signal: ArrayLike<number>, sampleRateHz = 44100): number => spec.compute({ signal, sampleRateHz });

  describe(`featureContract: ${spec.name}`, () => {
    test('unitMetadataMatchesContract', () => {
      expect(spec.unit).toBe(EXPECTED_UNITS[spec.name]);
      expect(spec.description.length).toBeGreaterThan(10);
    });

    test.each(lengths)('silenceIsFinite (%i samples)', (n) => {
      if (onset && n === 0) return;
      for (const sr of sampleRates) expect(Number.isFinite(run(new Float64Array(n), sr))).toBe(true);
    });

    test.each(lengths.filter((n) => n > 0))('randomInputIsFinite (%i samples)', (n) => {
      for (const seed of onset ? [1, 2, 3] : [1]) {
        const x = noise(n, seed);
        for (const sr of sampleRates) expect(Number.isFinite(run(x, sr))).toBe(true);
        // Very quiet and clipped-loud versions too.
        expect(Number.isFinite(run(x.map((v) => v * 1e-9)))).toBe(true);
        expect(Number.isFinite(run(x.map((v) => Math.sign(v) * 4)))).toBe(true);
      }
    });

    test('deterministicAcrossCalls', () => {
      const n = onset ? 256 : 44100;
      const x = noise(n, 7);
      const first = run(x);
      run(noise(onset ? 279 : 1000, 8)); // another length in between
      run(noise(onset ? 64 : 35328, 9));
      expect(run(Float32Array.from(x))).toBeCloseTo(run(x), 5); // float32 input works the same
      expect(run(x)).toBe(first);
    });

    if (!onset) {
      test('readsOnlyTheAnalysedSamples', () => {
        // Last sample read + 1: group T ends at frame 1 (512 + 2048), group S at frame 65, TC at 5512.
        const used = spec.name === 'TC' ? 5512 : spec.name.endsWith('_T') ? 2560 : 35328;
        const x = noise(44100, 11);
        const y = Float64Array.from(x);
        for (let i = used; i < y.length; i++) y[i] = 0.9;
        expect(run(y)).toBe(run(x));
        const changed = Float64Array.from(x);
        changed[used - 1] += 0.5;
        expect(run(changed)).not.toBe(run(x));
      });
    } else {
      test('emptyFrameThrowsWithMessage', () => {
        expect(() => run(new Float64Array(0))).toThrow(/empty/);
      });
    }
  });
}
