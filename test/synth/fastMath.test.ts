import { fastSin } from '../../src/synth/fastMath';

describe('fastSin', () => {
  test('agrees with Math.sin within 1e-10 over the phases a voice reaches', () => {
    let worst = 0;
    for (let x = -2e5; x <= 2e5; x += 0.37117) worst = Math.max(worst, Math.abs(fastSin(x) - Math.sin(x)));
    for (let x = -10; x <= 10; x += 0.000731) worst = Math.max(worst, Math.abs(fastSin(x) - Math.sin(x)));
    expect(worst).toBeLessThan(1e-10);
  });

  test('exact at 0 and odd', () => {
    expect(fastSin(0)).toBe(0);
    for (const x of [0.1, 1, 2, 3, 4, 100.5]) expect(fastSin(-x)).toBeCloseTo(-fastSin(x), 14);
  });
});
