/**
 * Bad input to the abstractions, in real Pd: every creation argument or message they do not know
 * gets one console line naming what they accept, and the patch keeps playing (every onset still
 * plays, at the same latency, after all of them). Sent while the example plays through
 * `[tr.remap] → [tr.808~]` with the bridge running.
 */
import '../model/jestRealm';
import { rmSync } from 'node:fs';
import { backtrackSamplesAt, triggerDelaySamplesAt, windowSamplesAt } from '../../src/engine/constants';
import { startOscBridge, type OscBridge } from '../../src/hosts/osc';
import { detectOnsets } from '../../src/onset';
import { NUM_PARAMS } from '../../src/synth/params';
import { exampleAudio, tempDir } from '../helpers/audio';
import { remapLines, renderPool, runChain, SR } from './chain';

describe('Pd: unknown arguments and messages get one line each and change nothing', () => {
  let bridge: OscBridge;
  const dirs: string[] = [];
  beforeAll(async () => {
    bridge = await startOscBridge({ port: 0 });
  });
  afterAll(async () => {
    await bridge?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('tr.remap and tr.808~: bad arguments, misspelt and malformed messages; the performance goes on', async () => {
    const input = exampleAudio().mono.subarray(0, 6 * SR);
    const port = bridge.address.port;
    const remapBad: Array<[string, RegExp | null]> = [
      ['lod gmrock_808_snare_1', /^tr\.remap: unknown message lod gmrock_808_snare_1 - accepted: load PATH \/ preset NAME \/ sensitivity S \/ reset \/ train INPUT \[PRESET\] \[OUT\] \[EPOCHS\] \[ARCH\] \/ cancel \/ connect HOST PORT \/ disconnect \/ budget MS \/ mode adaptive\|reference \/ trigger DB \/ rearm DB \/ hold SAMPLES \/ holdms MS \/ maskms MS$/],
      ['Load x', /^tr\.remap: unknown message Load x - accepted: load PATH/],
      ['42', /^tr\.remap: unknown message float 42 - accepted: load PATH/],
      ['load', /^tr\.remap: load needs a PATH/],
      ['sensitivity loud', /^tr\.remap: sensitivity needs a number 0\.\.4$/],
      ['connect localhost', /^tr\.remap: connect needs HOST PORT$/],
      ['budget 0.5', /^tr\.remap: budget 0\.5 ms is outside 1\.5\.\.50 ms - clamped$/],
      ['budget 50', null], // (back to the budget the hits below are checked with: no line)
      ['listen 9001', /^tr\.remap: listen is not needed any more/],
      ['train', /^tr\.remap: train needs INPUT \[PRESET\] \[OUT\] \[EPOCHS\] \[ARCH\]$/],
    ];
    const synthBad: Array<[string, RegExp]> = [
      ['nose 0', /^tr\.808~: unknown message nose 0 - accepted: a list of 14 parameters 0\.\.1 \[OFFSET\] \/ noise 0\|1 \/ reset$/],
      ['0.5 0.5 0.5', /^tr\.808~: a hit needs 14 parameters 0\.\.1 \[\+ start offset\] - got: 0\.5 0\.5 0\.5$/],
      ['bang', /^tr\.808~: unknown message bang - accepted:/],
    ];
    const dir = tempDir('tr-pd-messages-');
    dirs.push(dir);
    const r = await runChain(dir, [
      {
        input,
        // 500 ms of budget is clamped to 50 at creation: one line (and the hits play at window + 50 ms)
        args: `${port} 500`,
        // (budget 50 at the same logical time as budget 0.5: no hit plays at the short one)
        messages: [[0, 'load gmrock_808_snare_1'], ...remapBad.map(([m], k): [number, string] => [1000 + 100 * (m === 'budget 50' ? k - 1 : k), m])],
        synthMessages: synthBad.map(([m], k): [number, string] => [2500 + 100 * k, m]),
      },
      { input: new Float32Array(SR), args: 'foo' },
      { input: new Float32Array(SR), args: `${port} abc` },
      { input: new Float32Array(SR), args: `70000 5 7`, synthArgs: '3' },
    ]);
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => /^tr\.(remap|808~): /.test(l));
    const expected: RegExp[] = [
      /^tr\.remap: budget 500 ms is outside 1\.5\.\.50 ms - clamped$/,
      /^tr\.remap: argument 1 is foo - not a port 1\.\.65535 - using 9000 - arguments: PORT BUDGET_MS$/,
      /^tr\.remap: argument 2 is abc - not a number of ms - using 5 - arguments: PORT BUDGET_MS$/,
      /^tr\.remap: argument 1 is 70000 - not a port 1\.\.65535 - using 9000 - arguments: PORT BUDGET_MS$/,
      /^tr\.remap: takes at most 2 arguments: \[tr\.remap PORT BUDGET_MS\] \(defaults 9000 5\) - the rest is ignored$/,
      /^tr\.808~: takes no arguments - ignoring 3$/,
      ...remapBad.flatMap(([, re]) => (re ? [re] : [])),
      ...synthBad.map(([, re]) => re),
    ];
    // one line for each, nothing else (the instances on port 9000 may also say the bridge there is not answering)
    const rest = lines.filter((l) => !/is not answering|answers again|^tr\.remap: model /.test(l));
    for (const re of expected) expect({ re: String(re), n: rest.filter((l) => re.test(l)).length }).toEqual({ re: String(re), n: 1 });
    expect(rest).toHaveLength(expected.length);
    expect(remapLines(r.stderr).filter((l) => /error/.test(l))).toEqual([]);
    // the performance went on: every onset played at window + 50 ms (the clamped budget), as VoicePool plays the hits
    const latency = triggerDelaySamplesAt(SR) + Math.floor((50 * SR) / 1000);
    const onsets = detectOnsets(input, SR, { mode: 'adaptive' }).filter((s) => s + windowSamplesAt(SR) - backtrackSamplesAt(SR) + latency < input.length);
    expect(r.hits[0]).toHaveLength(onsets.length);
    const all = renderPool(onsets.map((s, k) => ({ at: s + latency, params01: r.hits[0][k].subarray(0, NUM_PARAMS) })), r.rec[0].length);
    let err = 0;
    for (let i = 0; i < all.length; i++) err = Math.max(err, Math.abs(r.rec[0][i] - all[i]));
    expect(err).toBeLessThan(1e-3);
    // eslint-disable-next-line no-console
    console.log(`Pd bad input: ${expected.length} bad arguments/messages, ${rest.length} console lines; ${onsets.length} hits still played (recording vs VoicePool ${err.toExponential(2)})`);
  });
});
