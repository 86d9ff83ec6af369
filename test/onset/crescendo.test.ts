import { buildCrescendo, makeNoise } from './crescendo';

const rmsDb = (x: ArrayLike<number>, a: number, b: number): number => {
  let s = 0;
  for (let i = a; i < b; i++) s += x[i] * x[i];
  return 10 * Math.log10(s / (b - a));
};

describe('crescendo test signal', () => {
  it('has the requested hits, levels, noise and is reproducible from its seed', () => {
    const c = buildCrescendo({ seed: 1 });
    expect(c.onsets).toHaveLength(40);
    expect(c.peaksDbfs[0]).toBeCloseTo(-41, 9);
    expect(c.peaksDbfs[39]).toBeCloseTo(-1, 9);
    for (let k = 1; k < 40; k++) expect(Math.abs(c.onsets[k] - c.onsets[k - 1] - 0.25 * 44100)).toBeLessThanOrEqual(1);
    // Noise-only lead-in at −66 dBFS RMS (±0.5 dB over 0.4 s).
    expect(Math.abs(rmsDb(c.signal, 0, Math.round(0.4 * 44100)) + 66)).toBeLessThan(0.5);
    // The loudest hit's peak is within 1 dB of −1 dBFS (tails of earlier hits add a little).
    let peak = 0;
    for (let i = c.onsets[39] - 64; i < c.onsets[39] + 4410; i++) peak = Math.max(peak, Math.abs(c.signal[i]));
    expect(Math.abs(20 * Math.log10(peak) + 1)).toBeLessThan(1);
    expect(buildCrescendo({ seed: 1 }).signal).toEqual(c.signal);
    expect(buildCrescendo({ seed: 2 }).signal).not.toEqual(c.signal);
  });

  it('pink noise has the requested RMS and falls ~3 dB per octave', () => {
    const n = makeNoise(1 << 18, -66, 'pink', 3);
    expect(rmsDb(n, 0, n.length)).toBeCloseTo(-66, 6);
    // Energy of first differences (a crude high-frequency weighting) is much lower than white noise's (2× power).
    let d = 0;
    for (let i = 1; i < n.length; i++) d += (n[i] - n[i - 1]) ** 2;
    const white = makeNoise(1 << 18, -66, 'white', 3);
    let dw = 0;
    for (let i = 1; i < white.length; i++) dw += (white[i] - white[i - 1]) ** 2;
    expect(d / dw).toBeLessThan(0.5);
  });
});
