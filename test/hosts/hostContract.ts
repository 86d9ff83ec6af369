/**
 * One contract for every host of the engine (Max node.script, OSC): bad messages give an error and
 * change nothing, model swaps are atomic (a failed load keeps what was playing), frames of the
 * wrong length give an error. Each host's test calls `hostContract(name, makeHost)` with a small
 * driver that speaks the host's protocol.
 *
 * Expected values come from outside the engine: the preset JSON files and the reference's
 * parameter ranges in the golden fixture.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface HostDriver {
  /** Send one message (Max selector / OSC address leaf: frame, load, preset, sensitivity, reset, …). */
  send(selector: string, ...args: Array<string | number>): Promise<void>;
  /** The most recent answers of each kind since the last `clear()`. */
  lastOutputs(): { params?: number[]; physical?: number[]; features?: number[] };
  /** The most recent error message since the last `clear()`, or null. */
  lastError(): string | null;
  /** Forget answers and errors. */
  clear(): void;
  /** Samples the host expects per frame (256 at 44.1 kHz). */
  readonly frameSamples: number;
  /** Stop the host (sockets, processes). */
  close?(): Promise<void>;
}

const ROOT = join(__dirname, '../..');
const golden = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/golden/synth-golden.json'), 'utf8')) as { param_order: string[]; param_ranges: Record<string, [number, number]> };

/** A preset's normalised parameters straight from its JSON file and the reference's ranges. */
export function presetNormalisedFromFile(name: string): number[] {
  const j = JSON.parse(readFileSync(join(ROOT, 'models/presets', `${name}.json`), 'utf8')) as { preset: Record<string, number> };
  return golden.param_order.map((k) => {
    const [lo, hi] = golden.param_ranges[k];
    return (j.preset[k] - lo) / (hi - lo);
  });
}

/** A deterministic snare-like onset window: 16 samples of near-silence, then a decaying noise burst. */
export function testFrame(n: number, seed = 1): number[] {
  let s = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 2 ** 32 - 0.5;
    out.push(i < 16 ? 1e-4 * u : 0.8 * u * Math.exp(-(i - 16) / 80));
  }
  return out;
}

function expectClose(a: number[] | undefined, b: number[], tol: number): void {
  expect(a).toBeDefined();
  expect(a!.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) expect(Math.abs(a![i] - b[i])).toBeLessThanOrEqual(tol);
}

export function hostContract(name: string, makeHost: () => Promise<HostDriver>): void {
  describe(`host contract: ${name}`, () => {
    let h: HostDriver;
    beforeEach(async () => {
      h = await makeHost();
    });
    afterEach(async () => {
      await h.close?.();
    });

    async function frameParams(): Promise<number[]> {
      h.clear();
      await h.send('frame', ...testFrame(h.frameSamples));
      expect(h.lastError()).toBeNull();
      const p = h.lastOutputs().params;
      expect(p).toBeDefined();
      return p as number[];
    }

    test('a frame of the right length gives 14 normalised params, 14 physical values and 3 features', async () => {
      await h.send('frame', ...testFrame(h.frameSamples));
      expect(h.lastError()).toBeNull();
      const o = h.lastOutputs();
      expect(o.params).toHaveLength(14);
      expect(o.physical).toHaveLength(14);
      expect(o.features).toHaveLength(3);
      for (const v of o.params!) expect(v >= 0 && v <= 1).toBe(true);
      for (const v of [...o.physical!, ...o.features!]) expect(Number.isFinite(v)).toBe(true);
    });

    test('without a model a preset plays unchanged (its JSON values)', async () => {
      await h.send('preset', '808_snare_3');
      expect(h.lastError()).toBeNull();
      expectClose(await frameParams(), presetNormalisedFromFile('808_snare_3'), 1e-6);
    });

    test('frames of the wrong length give an error and no answer; the next good frame plays', async () => {
      for (const n of [h.frameSamples - 1, h.frameSamples + 1, 0]) {
        h.clear();
        await h.send('frame', ...testFrame(n));
        expect(h.lastError()).toMatch(/frame/i);
        expect(h.lastOutputs().params).toBeUndefined();
      }
      expect(await frameParams()).toHaveLength(14);
    });

    test('a frame with a non-number gives an error', async () => {
      const f: Array<string | number> = testFrame(h.frameSamples);
      f[10] = 'oops';
      h.clear();
      await h.send('frame', ...f);
      expect(h.lastError()).not.toBeNull();
      expect(h.lastOutputs().params).toBeUndefined();
    });

    test('unknown messages and wrong arguments give an error and change nothing', async () => {
      await h.send('preset', '808_tom_1');
      const before = await frameParams();
      const bad: Array<[string, Array<string | number>]> = [
        ['no_such_message', [1, 2]],
        ['preset', []],
        ['preset', ['no_such_preset']],
        ['sensitivity', ['loud']],
        ['sensitivity', []],
        ['param', ['no_such_param', 3]],
        ['param', ['osc1_freq']],
        ['load', []],
      ];
      for (const [sel, args] of bad) {
        h.clear();
        await h.send(sel, ...args);
        expect(h.lastError()).not.toBeNull();
      }
      expectClose(await frameParams(), before, 0);
    });

    test('a model that fails to load keeps the previous sound (atomic swap)', async () => {
      await h.send('preset', '808_snare_2');
      const before = await frameParams();
      h.clear();
      await h.send('load', join(ROOT, 'test/fixtures/no-such-model'));
      expect(h.lastError()).toMatch(/model|load/i);
      expectClose(await frameParams(), before, 0);
      expectClose(before, presetNormalisedFromFile('808_snare_2'), 1e-6);
    });

    test('the last control message wins: load then preset (sent without waiting) ends with the preset', async () => {
      h.clear();
      await Promise.all([h.send('load', join(ROOT, 'models/gmrock_808_snare_1')), h.send('preset', '808_snare_3')]);
      expect(h.lastError()).toBeNull();
      expectClose(await frameParams(), presetNormalisedFromFile('808_snare_3'), 1e-6);
    });
  });
}
