/**
 * The library folder copied alone to a temporary folder: its example patch opens and plays in real
 * Pd with no error line, and what it plays is the remapping: it loads a shipped model at open, so
 * the hits of the example recording get different parameters (the model follows each hit's timbre)
 * instead of one preset for all. Driven by a second patch that adds, by dynamic patching, a receive
 * into tr.remap's control inlet (to point it at this test's bridge), prints on its outlets and a
 * bang into the example's play message (and a 50 ms budget, so a loaded test machine does not turn
 * answers into base sounds).
 */
import '../model/jestRealm';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOscBridge, type OscBridge } from '../../src/hosts/osc';
import { detectOnsets } from '../../src/onset';
import { exampleAudio } from '../helpers/audio';
import { parsePdFile } from './pdfile';
import { pdLibraryDir, requirePd, runPdRealtime } from './pd';

describe('the library folder alone: the example opens and plays the remapping', () => {
  let bridge: OscBridge;
  const root = mkdtempSync(join(tmpdir(), 'tr-pd-example-'));
  beforeAll(async () => {
    bridge = await startOscBridge({ port: 0 });
  });
  afterAll(async () => {
    await bridge?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('timbreremap-example.pd from a copy of the folder: no error line, a model loaded, every hit plays its own parameters', async () => {
    requirePd();
    const lib = join(root, 'timbreremap');
    cpSync(pdLibraryDir(), lib, { recursive: true });
    const example = join(lib, 'timbreremap-example.pd');
    const top = parsePdFile(example);
    const index = (re: RegExp) => {
      const i = top.boxes.findIndex((b) => re.test(b.text));
      if (i < 0) throw new Error(`no box ${re} in the example`);
      return i;
    };
    const remap = index(/^tr\.remap /);
    const play = top.boxes.findIndex((b) => b.kind === 'msg' && b.text === 'bang');
    const n0 = top.boxes.length;
    const canvas = 'pd-timbreremap-example.pd';
    const seconds = 7;
    const add = [
      `; ${canvas} obj 10 10 r test-ctl`, `; ${canvas} connect ${n0} 0 ${remap} 1`,
      `; ${canvas} obj 10 40 r test-play`, `; ${canvas} connect ${n0 + 1} 0 ${play} 0`,
      `; ${canvas} obj 10 70 print HIT`, `; ${canvas} connect ${remap} 0 ${n0 + 2} 0`,
      `; ${canvas} obj 10 100 route hit`, `; ${canvas} connect ${remap} 2 ${n0 + 3} 0`,
      `; ${canvas} obj 10 130 print ANSWERED`, `; ${canvas} connect ${n0 + 3} 0 ${n0 + 4} 0`,
    ].join(' ');
    const driver = join(root, 'driver.pd');
    writeFileSync(
      driver,
      [
        '#N canvas 0 50 400 300 12;',
        '#X obj 10 10 loadbang;',
        `#X msg 10 40 ${add.replace(/;/g, '\\;')};`,
        '#X obj 10 70 delay 200;',
        // (a 50 ms budget: a loaded test machine must not turn answers into base sounds; the default budget's timing is latency.test.ts's)
        `#X msg 10 100 \\; test-ctl connect 127.0.0.1 ${bridge.address.port} \\; test-ctl budget 50 \\; pd dsp 1;`,
        '#X obj 10 130 delay 600;',
        '#X msg 10 160 \\; test-play bang;',
        `#X obj 10 190 delay ${seconds * 1000};`,
        '#X msg 10 220 \\; pd quit;',
        '#X connect 0 0 1 0;',
        '#X connect 0 0 2 0;',
        '#X connect 2 0 3 0;',
        '#X connect 0 0 4 0;',
        '#X connect 4 0 5 0;',
        '#X connect 0 0 6 0;',
        '#X connect 6 0 7 0;',
        '',
      ].join('\n'),
    );
    const run = runPdRealtime(driver, seconds * 1000 + 30000, ['-sleepgrain', '1', '-open', example]);
    const { code, stderr } = await run.done;
    expect(code).toBe(0);
    const lines = stderr.split('\n').filter((l) => l && !/^(HIT|ANSWERED): /.test(l));
    // the model line, nothing else (a heavily loaded machine may add the one line that says answers come late)
    expect(lines[0]).toBe('tr.remap: model gmrock_808_snare_1');
    expect(lines.slice(1).filter((l) => !/^tr\.remap: an answer came after its hit's deadline/.test(l))).toEqual([]);
    const hits = [...stderr.matchAll(/^HIT: (.*)$/gm)].map((m) => m[1]);
    const answered = [...stderr.matchAll(/^ANSWERED: \S+ (\S+)$/gm)].map((m) => m[1] === '1');
    // every onset of the part of the recording played (play starts 800 ms in) gave a hit
    const x = exampleAudio().mono;
    const playedSamples = Math.round((seconds - 0.8 - 0.1) * 44100);
    const onsets = detectOnsets(x.subarray(0, playedSamples), 44100, { mode: 'adaptive' }).filter((s) => s + 240 + 2000 < playedSamples);
    expect(hits.length).toBeGreaterThanOrEqual(onsets.length);
    // the remapping: the model's answers, and they differ from hit to hit (the preset alone would repeat one list)
    const modelHits = hits.filter((_, k) => answered[k]);
    // (a heavily loaded machine may hold up an answer beyond the budget: most, not all)
    expect(modelHits.length).toBeGreaterThanOrEqual(0.75 * onsets.length);
    expect(new Set(modelHits.map((h) => h.split(' ').slice(0, 14).join(' '))).size).toBe(modelHits.length);
    // eslint-disable-next-line no-console
    console.log(`example from a copy of the library folder: console ${JSON.stringify(lines)}; ${hits.length} hits, ${modelHits.length} with the model's answer, ${new Set(modelHits).size} distinct parameter sets`);
  });
});
