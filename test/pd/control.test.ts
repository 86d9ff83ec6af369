/**
 * tr.remap's control side in real Pd with the real bridge:
 * - `load PATH` resolves against the folder of the patch that holds tr.remap (sent as baseDir):
 *   a model beside the patch is loaded and played; a path outside the allowed folders is refused
 *   with one console line naming what to do;
 * - `train INPUT [PRESET] [OUT] [EPOCHS]` from Pd (paths relative to the patch's folder, defaults
 *   for what is left out) reports progress and the end on the third outlet and one console line;
 *   `cancel` stops a running training;
 * - `connect HOST PORT` switches bridges (no "already connected"): the new bridge gets the state
 *   (the model) and answers the hits;
 * - a sample-rate change while Pd runs (`; pd audio-dialog … 48000 …`) is noticed: the bridge is
 *   told, the windows are 279 samples and are answered.
 */
import '../model/jestRealm';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { windowSamplesAt } from '../../src/engine/constants';
import { Engine } from '../../src/engine/engine';
import { startOscBridge, type OscBridge, type OscTrainingJob, type StartTraining } from '../../src/hosts/osc';
import { exampleAudio, EXAMPLE_WAV, tempDir } from '../helpers/audio';
import { remapLines, runChain, SR } from './chain';

const MODELS = join(__dirname, '../../models');

/** Engines that note what the bridge asked of them. */
function spiedEngines() {
  const loads: string[] = [];
  const rates: number[] = [];
  const frameLengths: number[] = [];
  const createEngine = () => {
    const e = new Engine();
    const load = e.loadModel.bind(e);
    const rate = e.setSampleRate.bind(e);
    const frame = e.processFrame.bind(e);
    e.loadModel = async (p: string) => {
      loads.push(p);
      return load(p);
    };
    e.setSampleRate = (hz: number) => {
      rates.push(hz);
      return rate(hz);
    };
    e.processFrame = async (f: ArrayLike<number>) => {
      frameLengths.push(f.length);
      return frame(f);
    };
    return e;
  };
  return { loads, rates, frameLengths, createEngine };
}

describe('Pd: paths, training, connect and sample rate from tr.remap', () => {
  const dirs: string[] = [];
  const bridges: OscBridge[] = [];
  afterAll(async () => {
    for (const b of bridges) await b.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const input = exampleAudio().mono.subarray(0, 5 * SR);
  const newDir = () => {
    const d = tempDir('tr-pd-control-');
    dirs.push(d);
    return d;
  };

  it('load PATH is relative to the patch\'s folder; a path outside the allowed folders gets one line', async () => {
    const dir = newDir();
    mkdirSync(join(dir, 'mine'));
    for (const ext of ['onnx', 'json']) copyFileSync(join(MODELS, `gmrock_808_snare_2.${ext}`), join(dir, 'mine', `take2.${ext}`));
    const spy = spiedEngines();
    const bridge = await startOscBridge({ port: 0, allow: [dir], createEngine: spy.createEngine });
    bridges.push(bridge);
    const r = await runChain(dir, [{ input, args: `${bridge.address.port} 50`, messages: [[0, 'load mine/take2'], [2500, 'load ../../etc/passwd']] }]);
    expect(r.code).toBe(0);
    expect(spy.loads.map((p) => resolve(p).replace(/\.(json|onnx)$/, ''))).toContain(join(dir, 'mine', 'take2'));
    const lines = remapLines(r.stderr);
    expect(lines).toContain('tr.remap: model take2');
    const refused = lines.filter((l) => /--allow/.test(l));
    expect(refused).toHaveLength(1);
    // the hits played the model beside the patch (gmrock_808_snare_2's answers)
    expect(r.answered[0].filter((a) => a.model).length).toBeGreaterThan(3);
    // eslint-disable-next-line no-console
    console.log(`Pd load relative to the patch: loaded ${spy.loads.join(', ')}; refusal: ${refused[0]}`);
  });

  it('train INPUT [PRESET] [OUT] [EPOCHS] and cancel from Pd: progress and the end on the third outlet', async () => {
    const dir = newDir();
    copyFileSync(EXAMPLE_WAV, join(dir, 'take.wav'));
    const started: Array<{ inputs: string[]; preset: string; out: string; epochs?: number }> = [];
    let cancelled = 0;
    const startTraining: StartTraining = (o) => {
      started.push(o);
      const listeners: Array<(p: { epoch: number; epochs: number; trainLoss: number; valLoss: number }) => void> = [];
      const epochs = o.epochs ?? 250;
      let stop = false;
      const done = (async () => {
        for (let e = 1; e <= epochs && !stop; e++) {
          await new Promise((res) => setTimeout(res, 60));
          for (const l of listeners) l({ epoch: e, epochs, trainLoss: 1 / e, valLoss: 2 / e });
        }
        return { out: { onnx: `${o.out}.onnx`, json: `${o.out}.json` }, cancelled: stop };
      })();
      const job: OscTrainingJob = { done, cancel: () => ((stop = true), cancelled++), on: (_ev, cb) => listeners.push(cb) };
      return job;
    };
    const bridge = await startOscBridge({ port: 0, allow: [dir], startTraining });
    bridges.push(bridge);
    const r = await runChain(dir, [{ input: new Float32Array(4 * SR), args: `${bridge.address.port}`, messages: [[0, 'train take.wav 808_snare_1 first 3'], [1500, 'train take.wav 808_snare_1 second 200'], [2200, 'cancel'], [2800, 'train take.wav']] }]);
    expect(r.code).toBe(0);
    expect(started).toHaveLength(3);
    expect(started[0].inputs.map((p) => resolve(p))).toEqual([join(dir, 'take.wav')]);
    expect(resolve(started[0].out)).toBe(join(dir, 'first'));
    expect(started[0].epochs).toBe(3);
    expect(cancelled).toBe(1);
    // only INPUT: the bridge's defaults (preset 808_snare_1, the model beside the recording)
    expect(started[2].inputs.map((p) => resolve(p))).toEqual([join(dir, 'take.wav')]);
    expect(resolve(started[2].out)).toBe(join(dir, 'take-808_snare_1'));
    expect(started[2].epochs).toBeUndefined();
    const progress = r.replies[0].filter((l) => l.startsWith('progress '));
    expect(progress.slice(0, 3)).toEqual(['progress 1 3 1 2', 'progress 2 3 0.5 1', 'progress 3 3 0.333333 0.666667']);
    expect(r.replies[0].filter((l) => l.startsWith('trained '))).toHaveLength(2);
    const lines = remapLines(r.stderr).filter((l) => /training finished/.test(l));
    expect(lines).toHaveLength(2);
    expect(remapLines(r.stderr).filter((l) => !/training finished/.test(l))).toEqual([]);
    expect(lines[0]).toMatch(/training finished: .*first - send load with this path to play it/);
    // eslint-disable-next-line no-console
    console.log(`Pd train/cancel: ${progress.length} progress messages, ${lines.length} finished lines, cancel reached the job ${cancelled}×`);
  });

  it('connect HOST PORT switches bridges: the new one gets the model and answers', async () => {
    const dir = newDir();
    const a = spiedEngines();
    const b = spiedEngines();
    const bridgeA = await startOscBridge({ port: 0, createEngine: a.createEngine });
    const bridgeB = await startOscBridge({ port: 0, createEngine: b.createEngine });
    bridges.push(bridgeA, bridgeB);
    const r = await runChain(dir, [{ input, args: `${bridgeA.address.port} 50`, messages: [[0, 'load gmrock_808_snare_3'], [2000, `connect 127.0.0.1 ${bridgeB.address.port}`]] }]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/already connected|error/i);
    expect(a.loads.some((p) => /gmrock_808_snare_3/.test(p))).toBe(true);
    expect(b.loads.some((p) => /gmrock_808_snare_3/.test(p))).toBe(true);
    expect(a.frameLengths.length).toBeGreaterThan(0);
    expect(b.frameLengths.length).toBeGreaterThan(0);
    expect(r.hits[0].length).toBe(a.frameLengths.length + b.frameLengths.length);
    // eslint-disable-next-line no-console
    console.log(`Pd connect: ${a.frameLengths.length} hits to bridge A, then ${b.frameLengths.length} to bridge B (model re-sent)`);
  });

  it('a sample-rate change while running is noticed: the bridge is told, 279-sample windows are answered', async () => {
    const dir = newDir();
    const spy = spiedEngines();
    const bridge = await startOscBridge({ port: 0, createEngine: spy.createEngine });
    bridges.push(bridge);
    const r = await runChain(dir, [{ input, args: `${bridge.address.port} 50`, messages: [[0, 'load gmrock_808_snare_1']] }], { pdMessages: [[1500, '; pd audio-dialog 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 48000 50 0 64']] });
    expect(r.code).toBe(0);
    expect(spy.rates).toContain(48000);
    const w48 = windowSamplesAt(48000);
    expect(w48).toBe(279);
    expect(spy.frameLengths).toContain(256);
    expect(spy.frameLengths).toContain(w48);
    expect(spy.frameLengths.every((n) => n === 256 || n === w48)).toBe(true);
    const after = r.answered[0].slice(spy.frameLengths.indexOf(w48));
    expect(after.length).toBeGreaterThan(3);
    expect(after.filter((a) => !a.model).length).toBeLessThanOrEqual(1);
    expect(remapLines(r.stderr).filter((l) => /error|frame has/.test(l))).toEqual([]);
    // eslint-disable-next-line no-console
    console.log(`Pd sample-rate change: the bridge was told ${spy.rates.join(', ')} Hz; frames ${[...new Set(spy.frameLengths)].join(' then ')} samples; ${after.filter((a) => a.model).length}/${after.length} hits after the change answered`);
  });
});
