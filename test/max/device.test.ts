/**
 * The Max for Live device's signal chain as the device file wires it (test/max/msp.ts: plugin~ →
 * tr.onset~ → tr.remap~ ⇄ node.script → plugout~, every gen~ in the GenExpr test interpreter), with
 * the real node.script host (fake max-api) handing tr.remap~ its state as the patch does, against
 * the engine's offline `remapRecording` (what `timbre-remap render` plays) on the example recording.
 */
import { join } from 'node:path';
import { Engine } from '../../src/engine/engine';
import { remapRecording } from '../../src/engine/remapper';
import { HIT_PARAMS, HIT_RECORD_FRAMES, HIT_STATE, HIT_W, HIT_WINDOW } from '../../src/gen/record';
import { createMaxHost } from '../../src/hosts/max/host';
import { DEFAULT_MODEL } from '../../src/hosts/max/defaults';
import { exampleAudio, tempDir } from '../helpers/audio';
import { FakeMaxApi } from './fakeMaxApi';
import { simulate } from './msp';

const ROOT = join(__dirname, '../..');
const audio = exampleAudio();
const SR = audio.sampleRate;
const TAIL = SR; // 1 s after the recording, as render keeps

/** The device with its host: the host's neta/netb/bank answers go where the patch sends them. */
async function device() {
  const chain = simulate('devices/TimbreRemap.amxd', SR);
  const api = new FakeMaxApi();
  const host = createMaxHost(api, () => new Engine({ sampleRateHz: SR }), { modelsDir: join(ROOT, 'models'), userDir: tempDir('tr-dev-'), defaultModel: DEFAULT_MODEL });
  await host.ready;
  const remap = chain.instances.get('tr.remap~')!;
  const gen = chain.gens.get('tr.remap~/tr.remap.gendsp')!;
  let applied = 0;
  /** [route neta netb bank] → listfunnel → peek~ #0-tr.net.a|b, prepend bank → gen~ */
  const apply = () => {
    for (; applied < api.outlets.length; applied++) {
      const [sel, ...v] = api.outlets[applied];
      if (sel === 'neta' || sel === 'netb') chain.registry.get(`${remap}-tr.net.${sel === 'neta' ? 'a' : 'b'}`)![0].set(v as number[]);
      if (sel === 'bank') expect(gen.setParam('bank', v[0] as number)).toBe(true);
    }
  };
  const hitBuf = () => chain.registry.get(`${remap}-tr.hit`)![0];
  return { chain, api, host, apply, hitBuf };
}

function padded(x: Float32Array): Float64Array {
  const y = new Float64Array(x.length + TAIL);
  y.set(x);
  return y;
}

describe('the Max for Live device, simulated', () => {
  let reference: Float32Array;
  let hitsRendered: number;
  const measured: Record<string, number> = {};

  beforeAll(async () => {
    const e = new Engine({ sampleRateHz: SR });
    expect(await e.loadModel(join(ROOT, 'models', DEFAULT_MODEL))).toEqual({ ok: true });
    const r = await remapRecording(e, audio.mono, SR, { dryWet: 1, tailSec: 1 });
    reference = r.output;
    hitsRendered = r.hits.length;
  });

  test('in its default state (shipped model, sensitivity 1) it plays the example as render does, every hit remapped differently; the host\'s check agrees with gen~ on every hit', async () => {
    const d = await device();
    d.apply();
    const x = padded(audio.mono);
    const records: number[][] = [];
    let last = '';
    const readout = async () => {
      // the patch reads the record out when gen~ raises ready: here, whenever it changed
      const b = d.hitBuf();
      const rec = Array.from(b.subarray(0, HIT_WINDOW + b[HIT_W]));
      const sig = rec.slice(0, HIT_WINDOW).join(',');
      if (b[HIT_W] > 0 && sig !== last) {
        last = sig;
        records.push(rec);
      }
    };
    const out = d.chain.run(x, 64, () => {
      void readout();
      d.apply();
    });
    await readout();
    // node.script checks every hit gen~ played (the patch sends `hit …`)
    for (const r of records) await d.api.send('hitcheck', ...r);
    expect(d.api.answers('error')).toEqual([]);
    expect(d.api.posts.filter((p) => p.level === 'warn')).toEqual([]);
    expect(records.every((r) => r[HIT_STATE] === records[0][HIT_STATE] && r[HIT_STATE] > 0)).toBe(true);

    expect(records).toHaveLength(hitsRendered);
    const distinct = new Set(records.map((r) => r.slice(HIT_PARAMS, HIT_PARAMS + 14).join(',')));
    measured.distinct = distinct.size;
    expect(distinct.size).toBe(records.length);

    let worst = 0;
    for (let i = 0; i < reference.length; i++) worst = Math.max(worst, Math.abs(out[i] - reference[i]));
    measured.audio = worst;
    // eslint-disable-next-line no-console
    console.log(`device vs render: ${records.length} hits, ${distinct.size} distinct parameter vectors, max |audio diff| ${worst.toExponential(2)}`);
    // measured 7.8e-6: the same hits at the same samples with the same parameters; the TS pool stops a
    // voice under its silence level (1e-5) at the end of a block, gen~ on the sample
    expect(worst).toBeLessThan(5e-5);
  });

  test.each([1, 512])('a signal vector of %d samples gives exactly the same output (latency exactly the window, no jitter)', async (vector) => {
    const n = Math.round(3.5 * SR); // the first hits, tails included
    const x = padded(audio.mono).subarray(0, n);
    const run = async (v: number) => {
      const d = await device();
      d.apply();
      return d.chain.run(x, v, () => d.apply());
    };
    const a = await run(64);
    const b = await run(vector);
    let diff = 0;
    for (let i = 0; i < n; i++) diff = Math.max(diff, Math.abs(a[i] - b[i]));
    expect(diff).toBe(0);
    expect(a.reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeGreaterThan(0.05); // hits played
    expect(HIT_RECORD_FRAMES).toBeGreaterThan(HIT_WINDOW + 256);
  });
});
