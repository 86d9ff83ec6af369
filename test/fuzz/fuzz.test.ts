/**
 * The fuzz suite in short form for CI: every target in this folder for a few seconds with a fixed
 * seed (`npm run fuzz` runs them longer, with any seed). The goals are zero crashes, hangs,
 * silent-wrong results and lost files.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { failures, type FuzzCounts, type FuzzOptions } from './counts';

const SECONDS = 3;
const SEED = 20240613;
const targets = readdirSync(__dirname).filter((f) => f.endsWith('.fuzz.ts')).sort();

describe('fuzz suite (short run, fixed seed)', () => {
  it('has the targets of issue #12', () => {
    expect(targets).toEqual(expect.arrayContaining(['api.fuzz.ts', 'bundle.fuzz.ts', 'cli.fuzz.ts', 'wav.fuzz.ts']));
  });

  it.each(targets)('%s: no crash, hang, silent-wrong result or lost file', async (file) => {
    const mod = (await import(join(__dirname, file))) as { fuzz: (o: FuzzOptions) => Promise<FuzzCounts> };
    const c = await mod.fuzz({ seconds: SECONDS, seed: SEED });
    // Notes are a target's report lines (failures and observations); on a failure they say which.
    expect({ failures: failures(c), notes: c.notes }).toEqual({ failures: 0, notes: expect.any(Array) });
    expect(c.cases).toBeGreaterThan(10);
    // Hostile inputs of these targets must reach the checks (others, e.g. a flood, may all be answered).
    if (['api', 'bundle', 'cli', 'wav'].some((t) => file === `${t}.fuzz.ts`)) expect(c.clearError).toBeGreaterThan(0);
  }, 120000);
});
