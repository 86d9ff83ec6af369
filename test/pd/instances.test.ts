/**
 * Several `[tr.remap]` in one patch, one bridge: each talks from its own socket (`[netsend -u -b]`)
 * and gets only its own replies, so each has its own session (model) and its own answers. Two and
 * three instances, each playing a different part of the example with a different shipped model;
 * every answer an instance played must be what the engine computes for that instance's own onset
 * window with that instance's own model (a crossed reply would carry another window's or another
 * model's parameters), and every onset of every instance plays.
 */
import '../model/jestRealm';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { backtrackSamplesAt, windowSamplesAt } from '../../src/engine/constants';
import { Engine } from '../../src/engine/engine';
import { startOscBridge, type OscBridge } from '../../src/hosts/osc';
import { NUM_PARAMS } from '../../src/synth/params';
import { exampleAudio, tempDir } from '../helpers/audio';
import { chainOnsets, runChain, SR } from './chain';

const MODELS = ['gmrock_808_snare_1', 'gmrock_808_snare_2', 'gmrock_808_snare_3'];
const BUDGET_MS = 50;

describe('Pd: two and three tr.remap in one patch get only their own replies', () => {
  let bridge: OscBridge;
  const dirs: string[] = [];
  const x = exampleAudio().mono;
  beforeAll(async () => {
    bridge = await startOscBridge({ port: 0 });
  });
  afterAll(async () => {
    await bridge?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it.each([2, 3])('%i instances: 0 crossed replies, every onset plays', async (n) => {
    // instance i plays 6 s of the example from 3·i s, with model i
    const inputs = Array.from({ length: n }, (_, i) => x.slice(3 * i * SR, (3 * i + 6) * SR));
    const dir = tempDir('tr-pd-instances-');
    dirs.push(dir);
    const r = await runChain(dir, inputs.map((input, i) => ({ input, args: `${bridge.address.port} ${BUDGET_MS}`, messages: [[0, `load ${MODELS[i]}`] as [number, string]] })));
    expect(r.code).toBe(0);
    let crossed = 0;
    let answered = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      // every onset gives a hit: the window of one near the end is completed by the silence Pd plays after the input
      const onsets = chainOnsets(inputs[i]);
      const padded = new Float32Array(inputs[i].length + SR);
      padded.set(inputs[i]);
      expect(r.hits[i]).toHaveLength(onsets.length);
      const engine = new Engine();
      expect((await engine.loadModel(join(__dirname, '../../models', MODELS[i]))).ok).toBe(true);
      for (let k = 0; k < onsets.length; k++) {
        total++;
        if (!r.answered[i][k].model) continue;
        answered++;
        const s = onsets[k] - backtrackSamplesAt(SR);
        const own = await engine.processFrame(padded.subarray(s, s + windowSamplesAt(SR)));
        if (!own.ok) throw new Error(own.error);
        const got = r.hits[i][k].subarray(0, NUM_PARAMS);
        if (!Array.from(got).every((v, j) => Math.abs(v - own.params01[j]) < 2e-6)) crossed++;
      }
      // enough answers for the check to mean something (a heavily loaded machine may hold some up beyond the budget)
      expect(r.answered[i].filter((a) => a.model).length).toBeGreaterThanOrEqual(onsets.length / 2);
    }
    // eslint-disable-next-line no-console
    console.log(`Pd, ${n} tr.remap in one patch: ${total} hits, ${answered} answered by the model, ${crossed} crossed replies`);
    expect(crossed).toBe(0);
  });
});
