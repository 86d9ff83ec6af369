/**
 * The OSC fuzz target (test/fuzz/osc.fuzz.ts) in its short form, with a fixed seed: hostile packets
 * of every kind and a flood with valid hits interleaved give no crash, hang, silent wrong answer or
 * lost data. `npm run fuzz` runs it longer.
 */
import '../model/jestRealm';
import { failures } from '../fuzz/counts';
import { fuzz } from '../fuzz/osc.fuzz';

it('OSC fuzz, 6 s, seed 1: 0 crashes, hangs, silent wrong answers and lost hits', async () => {
  const c = await fuzz({ seconds: 6, seed: 1 });
  expect(c.notes.filter((n) => !n.startsWith('flood:') && !/trainings started/.test(n))).toEqual([]);
  expect(failures(c)).toBe(0);
  // How many cases fit in 6 s depends on the machine; most of them must be refused clearly.
  expect(c.cases).toBeGreaterThan(16);
  expect(c.clearError).toBeGreaterThan(c.cases / 2);
}, 60000);
