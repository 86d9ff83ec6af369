/** The node.script host against a fake max-api: protocol, gen~ hand-off, ordering, menu, recording, training. */
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../../src/engine/engine';
import { createMaxHost, maxPathToNative, type MaxStartTraining, type MaxTrainingJob } from '../../src/hosts/max/host';
import { KNOWN_SELECTORS, MAX_IN } from '../../src/hosts/max/messages';
import { HIT_FEATURES, HIT_PARAMS, HIT_STATE, HIT_TIMBRE, HIT_W, HIT_WINDOW, MODE_MLP, MODE_PRESET, MODE_ROUND_TRIP, NET_FIELD, encodeNetRecord } from '../../src/gen/record';
import { netStateFor } from '../../src/hosts/max/netState';
import type { MaxTrainReport } from '../../src/hosts/max/trainSummary';
import { PARAMS } from '../../src/synth/params';
import { EXAMPLE_WAV, tempDir } from '../helpers/audio';
import { hostContract, presetNormalisedFromFile, testFrame, type HostDriver } from '../hosts/hostContract';
import { FakeMaxApi } from './fakeMaxApi';
import { writeLargeModel } from './testModels';

const ROOT = join(__dirname, '../..');
const MODELS = join(ROOT, 'models');

async function makeMax(opts: Parameters<typeof createMaxHost>[2] = {}, engine = () => new Engine({ sampleRateHz: 44100 })) {
  const api = new FakeMaxApi();
  const host = createMaxHost(api, engine, { modelsDir: MODELS, userDir: tempDir('tr-max-user-'), ...opts });
  await host.ready;
  return { api, host };
}

function driver(api: FakeMaxApi): HostDriver {
  let mark = 0;
  const since = () => api.outlets.slice(mark);
  const last = (sel: string) => {
    const o = since().filter((x) => x[0] === sel).pop();
    return o ? (o.slice(1) as number[]) : undefined;
  };
  return {
    send: (s, ...a) => api.send(s, ...a),
    lastOutputs: () => ({ params: last('params'), physical: last('physical'), features: last('features') }),
    lastError: () => {
      const e = since().filter((x) => x[0] === 'error').pop();
      return e ? String(e[1]) : null;
    },
    clear: () => {
      mark = api.outlets.length;
    },
    frameSamples: 256,
  };
}

hostContract('Max node.script', async () => driver((await makeMax()).api));

/** The net record of the host's last `neta|netb` answer, decoded per scalar (hi + lo). */
function lastNet(api: FakeMaxApi): { bank: number; scalar: (field: string, i?: number) => number; frames: number[] } {
  const o = api.outlets.filter((x) => x[0] === 'neta' || x[0] === 'netb').pop()!;
  const frames = o.slice(1) as number[];
  return { bank: o[0] === 'netb' ? 1 : 0, frames, scalar: (f, i = 0) => frames[2 * (NET_FIELD[f] + i)] + frames[2 * (NET_FIELD[f] + i) + 1] };
}

/** A hit record as tr.remap~ writes it (state, W, features, params, timbre, window). */
function hitRecord(state: number, window: number[], params: ArrayLike<number>, features = [-20, 100, -40], timbre = [0.5, 0.5, 0.5]): number[] {
  const r = new Array(HIT_WINDOW + window.length).fill(0);
  r[HIT_STATE] = state;
  r[HIT_W] = window.length;
  features.forEach((v, i) => (r[HIT_FEATURES + i] = v));
  Array.from(params).forEach((v, i) => (r[HIT_PARAMS + i] = v));
  timbre.forEach((v, i) => (r[HIT_TIMBRE + i] = v));
  window.forEach((v, i) => (r[HIT_WINDOW + i] = Math.fround(v)));
  return r;
}

describe('Max host protocol', () => {
  test('announces frame_samples and ready; a frame answers features, params, physical, synth (named), trigger in that order', async () => {
    const { api } = await makeMax();
    expect(api.answers('frame_samples')).toEqual([[256]]);
    expect(api.answers('status')[0]).toEqual(['ready']);
    api.outlets.length = 0;
    await api.send('frame', ...testFrame(256));
    expect(api.outlets.map((o) => o[0])).toEqual(['features', 'params', 'physical', 'synth', 'trigger']);
    const physical = api.answers('physical')[0] as number[];
    const synth = api.answers('synth')[0];
    expect(synth).toHaveLength(28);
    PARAMS.forEach((p, i) => {
      expect(synth[2 * i]).toBe(p.id);
      expect(synth[2 * i + 1]).toBe(physical[i]);
    });
    // default preset 808_snare_1 unchanged (no model), in physical units of its JSON file
    const norm = presetNormalisedFromFile('808_snare_1');
    (api.answers('params')[0] as number[]).forEach((v, i) => expect(Math.abs(v - norm[i])).toBeLessThan(1e-9));
  });

  test('errors go to the Max console at ERROR level, saying what to do, and to the error outlet', async () => {
    const { api } = await makeMax();
    await api.send('frame', 1, 2, 3);
    const post = api.posts.find((p) => p.level === 'error');
    expect(post?.text).toMatch(/expected 256/);
    expect(post?.text).toMatch(/tr\.onset~/);
    expect(api.answers('error')).toHaveLength(1);
    await api.send('bogus');
    expect(api.posts.filter((p) => p.level === 'error').pop()?.text).toMatch(/understands: .*frame/);
  });

  test('warnings (clamped values) go to the console at WARN level', async () => {
    const { api } = await makeMax();
    await api.send('sensitivity', 9);
    expect(api.posts.find((p) => p.level === 'warn')?.text).toMatch(/clamped to 4/);
    await api.send('drywet', 1.5);
    expect(api.answers('drywet')).toEqual([[1], [1]]);
    await api.send('drywet', 0.25);
    expect(api.answers('drywet').pop()).toEqual([0.25]);
  });

  test('messages sent before the engine is ready are held back and replayed in order, after the default model', async () => {
    const api = new FakeMaxApi();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const host = createMaxHost(api, async () => {
      await gate;
      return new Engine();
    }, { modelsDir: MODELS, userDir: tempDir('tr-max-user-'), defaultModel: 'gmrock_808_snare_1' });
    await api.send('preset', '808_tom_2');
    await api.send('frame', ...testFrame(256));
    expect(api.outlets).toHaveLength(0);
    release();
    await host.ready;
    const order = api.outlets.map((o) => o[0]).filter((s) => ['frame_samples', 'status', 'params', 'showing'].includes(String(s)));
    expect(order).toEqual(['frame_samples', 'status', 'status', 'showing', 'status', 'showing', 'params']);
    expect(api.answers('showing')).toEqual([['gmrock_808_snare_1'], ['preset only: 808_tom_2']]);
    const norm = presetNormalisedFromFile('808_tom_2');
    (api.answers('params')[0] as number[]).forEach((v, i) => expect(Math.abs(v - norm[i])).toBeLessThan(1e-9));
  });

  test('an engine that cannot start shows "status crashed" and an error', async () => {
    const api = new FakeMaxApi();
    const host = createMaxHost(api, () => {
      throw new Error('boom');
    });
    await host.ready;
    expect(api.answers('status')).toEqual([['crashed']]);
    expect(api.posts[0].level).toBe('error');
  });

  test('samplerate changes the frame length (256 samples at 44.1 kHz → 279 at 48 kHz)', async () => {
    const { api } = await makeMax();
    await api.send('samplerate', 48000);
    expect(api.answers('frame_samples').pop()).toEqual([279]);
    await api.send('frame', ...testFrame(279));
    expect(api.answers('params')).toHaveLength(1);
    await api.send('samplerate', 'fast');
    expect(api.answers('error')).toHaveLength(1);
  });

  test('param overrides the base sound in physical units; reset clears it', async () => {
    const { api } = await makeMax();
    await api.send('param', 'osc1_freq', 440);
    await api.send('frame', ...testFrame(256));
    expect((api.answers('physical')[0] as number[])[0]).toBeCloseTo(440, 9);
    await api.send('reset');
    await api.send('frame', ...testFrame(256));
    expect((api.answers('physical')[1] as number[])[0]).toBeCloseTo(180, 9);
  });

  test('presets fills a umenu: clear, then one append per shipped preset file', async () => {
    const { api } = await makeMax();
    await api.send('presets');
    const menu = api.answers('menu');
    expect(menu[0]).toEqual(['clear']);
    const names = menu.slice(1).map((m) => m[1]);
    expect(menu.slice(1).every((m) => m[0] === 'append')).toBe(true);
    expect(names).toEqual(expect.arrayContaining(['808_snare_1', '808_kick', '808_tom_2']));
  });

  test('every selector in the message spec is handled (none answers "unknown message")', async () => {
    const { api } = await makeMax();
    for (const m of MAX_IN) {
      await api.send(m.selector);
      expect(api.posts.map((p) => p.text).join('\n')).not.toMatch(new RegExp(`unknown message "${m.selector}"`));
    }
    expect(KNOWN_SELECTORS).toEqual(expect.arrayContaining(['train', 'hitcheck', 'model', 'models', 'record']));
  });

  test('Max paths (Volume:/path) become native paths; Windows drives are kept', () => {
    expect(maxPathToNative('Macintosh HD:/Users/me/m.json', 'darwin')).toBe('/Users/me/m.json');
    expect(maxPathToNative('C:/models/m.json', 'win32')).toBe('C:/models/m.json');
    expect(maxPathToNative('/abs/m.json', 'linux')).toBe('/abs/m.json');
  });
});

describe('Max host: gen~ plays, node.script hands it the state', () => {
  test('a shipped model is loaded at start: gen~ gets its net record (mlp, sensitivity 1) and the patch shows its name', async () => {
    const { api } = await makeMax({ defaultModel: 'gmrock_808_snare_1' });
    expect(api.answers('showing').pop()).toEqual(['gmrock_808_snare_1']);
    expect(api.answers('saved').pop()).toEqual(['load', 'gmrock_808_snare_1']);
    const net = lastNet(api);
    expect(api.answers('bank').pop()).toEqual([net.bank]);
    expect(net.scalar('mode')).toBe(MODE_MLP);
    expect(net.scalar('sensitivity')).toBe(1);
    // exactly the record the engine's state gives (the encoder is tested with gen~ in genexpr/remap.test.ts)
    const e = new Engine();
    await e.loadModel(join(MODELS, 'gmrock_808_snare_1'));
    expect(net.frames).toEqual(Array.from(encodeNetRecord(netStateFor(e, net.scalar('state')).state)));
    // and different hits give different parameters (the model maps); both within the loudness the
    // model was trained on (the example's onsets: −14…−6 dB; outside it inputs are clamped alike)
    await api.send('frame', ...testFrame(256, 1).map((v) => v * 4));
    await api.send('frame', ...testFrame(256, 7).map((v) => v * 2));
    const [a, b] = api.answers('params') as number[][];
    expect(a.some((v, i) => Math.abs(v - b[i]) > 1e-3)).toBe(true);
  });

  test('every change of state goes to gen~ through the other bank with a new state number', async () => {
    const { api } = await makeMax({ defaultModel: 'gmrock_808_snare_1' });
    const first = lastNet(api);
    await api.send('sensitivity', 2.5);
    const second = lastNet(api);
    expect(second.bank).toBe(1 - first.bank);
    expect(second.scalar('state')).toBe(first.scalar('state') + 1);
    expect(second.scalar('sensitivity')).toBe(2.5);
    await api.send('param', 'noise_gain', -20);
    expect(lastNet(api).scalar('base', PARAMS.findIndex((p) => p.id === 'noise_gain'))).toBeCloseTo((-20 + 60) / 66, 12);
    await api.send('preset', '808_kick');
    expect(lastNet(api).scalar('mode')).toBe(MODE_PRESET);
    expect(api.answers('showing').pop()).toEqual(['preset only: 808_kick']);
    expect(api.answers('saved').pop()).toEqual(['preset', '808_kick']);
  });

  test('the last control message wins: load then preset ends with the preset, however long the load takes', async () => {
    let slow = 0;
    const { api } = await makeMax({}, () => {
      const e = new Engine();
      const load = e.loadModel.bind(e);
      e.loadModel = async (p: string) => {
        await new Promise((r) => setTimeout(r, 80 * ++slow));
        return load(p);
      };
      return e;
    });
    const sent = [api.send('load', 'gmrock_808_snare_1'), api.send('preset', '808_snare_3')];
    await Promise.all(sent);
    await api.send('frame', ...testFrame(256));
    const norm = presetNormalisedFromFile('808_snare_3');
    (api.answers('params').pop() as number[]).forEach((v, i) => expect(Math.abs(v - norm[i])).toBeLessThan(1e-9));
    expect(api.answers('showing').pop()).toEqual(['preset only: 808_snare_3']);
    expect(lastNet(api).scalar('mode')).toBe(MODE_PRESET);
  });

  test('a hit gen~ played is checked against the engine: agreement is silent, a disagreement is posted once', async () => {
    const { api } = await makeMax({ defaultModel: 'gmrock_808_snare_1' });
    const state = lastNet(api).scalar('state');
    const w = testFrame(256);
    const e = new Engine();
    await e.loadModel(join(MODELS, 'gmrock_808_snare_1'));
    const r = await e.processFrame(Float32Array.from(w));
    if (!r.ok) throw new Error(r.error);
    api.outlets.length = 0;
    await api.send('hitcheck', ...hitRecord(state, w, Array.from(r.params01, Math.fround), [-20, 100, -40], [0.25, 0.5, 0.75]));
    expect(api.outlets.map((o) => o[0])).toEqual(['timbre', 'features', 'params', 'physical']);
    expect(api.answers('timbre')).toEqual([[0.25, 0.5, 0.75]]);
    expect(api.posts.filter((p) => p.level === 'warn')).toHaveLength(0);
    const off = Array.from(r.params01);
    off[4] += 0.01;
    await api.send('hitcheck', ...hitRecord(state, w, off));
    await api.send('hitcheck', ...hitRecord(state, w, off));
    const warnings = api.posts.filter((p) => p.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].text).toMatch(/gen~ and the engine disagree.*freq_env_decay/);
    // a hit of an older state (a change was on its way) is not compared
    await api.send('hitcheck', ...hitRecord(state - 1, w, off.map(() => 0)));
    expect(api.posts.filter((p) => p.level === 'warn')).toHaveLength(1);
    // a malformed record changes nothing and says what is wrong
    await api.send('hitcheck', ...hitRecord(state, w, r.params01).slice(0, HIT_WINDOW + 10));
    expect(api.answers('error').pop()?.[0]).toMatch(/hit record from tr\.remap~: window length 256 does not match the 10 window values/);
  });

  test('a model gen~ cannot run (mlp-large) plays through node.script: one console line says so with the latency; hits answer synth and trigger', async () => {
    const dir = tempDir('tr-max-large-');
    const large = writeLargeModel(dir);
    const { api } = await makeMax();
    await api.send('load', large);
    expect(lastNet(api).scalar('mode')).toBe(MODE_ROUND_TRIP);
    expect(api.answers('showing').pop()).toEqual(['large (round trip)']);
    await api.send('sensitivity', 2);
    const lines = api.posts.filter((p) => /round trip/.test(p.text));
    expect(lines).toHaveLength(1);
    expect(lines[0].text).toMatch(/mlp-large.*Latency: the window \(5\.4 ms\)/);
    const state = lastNet(api).scalar('state');
    api.outlets.length = 0;
    await api.send('hitcheck', ...hitRecord(state, testFrame(256), new Array(14).fill(0)));
    expect(api.outlets.map((o) => o[0])).toEqual(['timbre', 'features', 'params', 'physical', 'synth', 'trigger']);
    // back to a model gen~ runs
    await api.send('load', 'gmrock_808_snare_2');
    expect(lastNet(api).scalar('mode')).toBe(MODE_MLP);
  });
});

describe('Max host: the model\'s detector settings go to tr.onset~', () => {
  test('after a load the model\'s settings (mode, thresholds, hold in ms), after a preset the defaults; a dial that departs from the model is said once', async () => {
    const { api } = await makeMax({}, () => {
      const e = new Engine({ sampleRateHz: 44100 });
      return Object.assign(e, { detectorOptions: () => (e.currentModel ? { mode: 'reference' as const, triggerDb: 16, rearmDb: 4.6666, holdSamples: 1323 } : null) });
    });
    const onset = () => new Map(api.answers('onset').map((a) => [a[0], a[1]]));
    expect(onset().get('mode')).toBe(0); // preset only: the defaults
    expect(onset().get('triggerDb')).toBe(5);
    await api.send('load', 'gmrock_808_snare_1');
    expect(onset().get('mode')).toBe(1);
    expect(onset().get('triggerDb')).toBe(16);
    expect(onset().get('holdMs')).toBeCloseTo(30, 9);
    await api.send('detector', 'triggerDb', 16);
    expect(api.posts.filter((p) => /overrides the model/.test(p.text))).toHaveLength(0);
    await api.send('detector', 'triggerDb', 9);
    await api.send('detector', 'holdMs', 20);
    expect(api.answers('onset').slice(-2)).toEqual([['triggerDb', 9], ['holdMs', 20]]);
    expect(api.posts.filter((p) => /triggerDb 9 overrides the model's detector setting \(16\)/.test(p.text))).toHaveLength(1);
    expect(api.posts.filter((p) => /overrides the model/.test(p.text))).toHaveLength(1);
    await api.send('detector', 'loudness', 1);
    expect(api.answers('error').pop()?.[0]).toMatch(/detector setting "loudness" is unknown/);
    await api.send('preset', '808_snare_2');
    expect(onset().get('mode')).toBe(0);
  });
});

describe('Max host: model menu, recording, training', () => {
  test('the model menu lists the shipped models, the ones trained here and "load file…"; choosing loads, the last item opens the dialog', async () => {
    const userDir = tempDir('tr-max-user-');
    mkdirSync(join(userDir, 'recordings'), { recursive: true });
    for (const ext of ['json', 'onnx']) copyFileSync(join(MODELS, `gmrock_808_snare_2.${ext}`), join(userDir, 'recordings', `mine.${ext}`));
    writeFileSync(join(userDir, 'recordings', 'half.json'), '{}'); // no .onnx beside it: not a bundle
    const { api } = await makeMax({ userDir, defaultModel: 'gmrock_808_snare_1' });
    const menu = api.answers('models');
    expect(menu[0]).toEqual(['clear']);
    const items = menu.filter((m) => m[0] === 'append').map((m) => m[1]);
    expect(items).toEqual(['gmrock_808_noisy_snare', 'gmrock_808_open_snare', 'gmrock_808_snare_1', 'gmrock_808_snare_2', 'gmrock_808_snare_3', 'mine', 'load file…']);
    expect(api.answers('models').pop()).toEqual(['set', 2]);
    await api.send('model', 5);
    expect(api.answers('showing').pop()).toEqual(['mine']);
    expect(api.answers('saved').pop()).toEqual(['load', join(userDir, 'recordings', 'mine')]);
    await api.send('model', 6);
    expect(api.answers('models').pop()).toEqual(['dialog']);
    await api.send('model', 9);
    expect(api.answers('error').pop()?.[0]).toMatch(/menu item 9 does not exist/);
    await api.send('model', 'gmrock_808_snare_3');
    expect(api.answers('models').pop()).toEqual(['set', 4]);
  });

  test('record 1 / record 0 name a new WAV in the user\'s TimbreRemap folder; record twice is refused', async () => {
    const userDir = tempDir('tr-max-user-');
    const { api } = await makeMax({ userDir, now: () => new Date(2026, 11, 1, 10, 15, 30) });
    await api.send('record', 0);
    expect(api.answers('error').pop()?.[0]).toMatch(/not recording/);
    await api.send('record', 1);
    const path = join(userDir, 'recordings', 'drum-20261201-101530.wav');
    expect(api.answers('record')).toEqual([['open', path]]);
    await api.send('record', 1);
    expect(api.answers('error').pop()?.[0]).toMatch(/already recording/);
    await api.send('record', 0);
    expect(api.answers('record').pop()).toEqual(['stop']);
    expect(api.answers('recorded')).toEqual([[path]]);
    // a second take gets a name of its own
    writeFileSync(path, '');
    await api.send('record', 1);
    expect(api.answers('record').pop()).toEqual(['open', join(userDir, 'recordings', 'drum-20261201-101530-2.wav')]);
  });

  test('without training in the build, train answers that it is unavailable', async () => {
    const { api } = await makeMax();
    await api.send('train', EXAMPLE_WAV);
    expect(api.answers('status').pop()).toEqual(['training', 'unavailable']);
    expect(api.answers('error')[0][0]).toMatch(/not available/);
  });

  function fakeTraining() {
    const calls: Array<Parameters<MaxStartTraining>[0]> = [];
    let finish!: (r: MaxTrainReport) => void;
    let fail!: (e: Error) => void;
    let cancelled = false;
    const ev = new EventEmitter();
    const start: MaxStartTraining = (o) => {
      calls.push(o);
      const job: MaxTrainingJob = {
        done: new Promise((r, j) => {
          finish = r;
          fail = j;
        }),
        cancel: () => {
          cancelled = true;
        },
        on: (_e, cb) => ev.on('progress', cb),
      };
      return job;
    };
    return { start, calls, ev, finish: (r: MaxTrainReport) => finish(r), fail: (e: Error) => fail(e), isCancelled: () => cancelled };
  }
  /** Wait (polling) until the host has answered; a loaded machine can take a while to load a model. */
  async function until(pred: () => boolean, ms = 20000): Promise<void> {
    const t0 = Date.now();
    while (!pred()) {
      if (Date.now() - t0 > ms) throw new Error('the host did not answer in time');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  test('train checks its file, reports progress, can be cancelled, summarises the result and loads it into the menu', async () => {
    const t = fakeTraining();
    const userDir = tempDir('tr-max-user-');
    const { api } = await makeMax({ startTraining: t.start, userDir, defaultModel: 'gmrock_808_snare_1' });
    await api.send('train', '/no/such/file.wav');
    expect(api.answers('error').pop()?.[0]).toMatch(/does not exist/);
    // the recording the device made (stand-in: the example) with the defaults: the playing model's preset
    const wav = join(userDir, 'recordings', 'take.wav');
    mkdirSync(join(userDir, 'recordings'), { recursive: true });
    copyFileSync(EXAMPLE_WAV, wav);
    await api.send('train', wav);
    expect(t.calls).toHaveLength(1);
    expect(t.calls[0]).toMatchObject({ inputs: [wav], preset: '808_snare_1', arch: 'mlp' });
    expect(t.calls[0].out).toBe(join(userDir, 'recordings', 'take-808_snare_1'));
    await api.send('train', wav);
    expect(api.answers('error').pop()?.[0]).toMatch(/already/);
    t.ev.emit('progress', { epoch: 1, epochs: 3, trainLoss: 0.5, valLoss: 0.6 });
    expect(api.answers('progress')).toEqual([[1, 3, 0.5, 0.6]]);
    await api.send('cancel');
    expect(t.isCancelled()).toBe(true);
    // the run writes the bundle (a shipped model copied into place stands for it)
    for (const ext of ['json', 'onnx']) copyFileSync(join(MODELS, `gmrock_808_snare_3.${ext}`), `${t.calls[0].out}.${ext}`);
    t.finish({ out: { onnx: `${t.calls[0].out}.onnx`, json: `${t.calls[0].out}.json` }, cancelled: true, hits: { total: 27, test: 3 }, mean: { preset: 4, model: 3 }, epochsRun: 12, follows: { loudness: 0.9, note: 'x' } });
    await until(() => api.answers('showing').some((a) => a[0] === 'take-808_snare_1'));
    expect(api.answers('status')).toContainEqual(['cancelled', `${t.calls[0].out}.json`]);
    expect(api.answers('summary').pop()).toEqual(['hits', 27, 'test_hits', 3, 'preset_error', 4, 'model_error', 3, 'better_pct', 25, 'epochs', 12, 'follows_loudness', 0.9, 'cancelled', 1]);
    expect(api.posts.some((p) => /27 hits; error 3 vs preset 4 \(25 % better\); follows the drum: loudness 0\.9/.test(p.text))).toBe(true);
    expect(api.answers('showing').pop()).toEqual(['take-808_snare_1']);
    expect(api.answers('models').filter((m) => m[0] === 'append').map((m) => m[1])).toContain('take-808_snare_1');
    await api.send('cancel');
    expect(api.answers('error').pop()?.[0]).toMatch(/no training/);
  });

  test('a failed training leaves the previous model playing; a report without figures still gives a summary', async () => {
    const t = fakeTraining();
    const { api } = await makeMax({ startTraining: t.start, defaultModel: 'gmrock_808_snare_2' });
    await api.send('train', EXAMPLE_WAV, '808_snare_1', '-', 3);
    t.fail(new Error('no hits found'));
    await until(() => api.answers('error').length > 0);
    expect(api.answers('error').pop()?.[0]).toMatch(/training failed: no hits found.*previous sound keeps playing/);
    expect(api.answers('showing').pop()).toEqual(['gmrock_808_snare_2']);
    await api.send('train', EXAMPLE_WAV, '808_snare_1', '-', 3);
    t.finish({ out: { onnx: '/no/x.onnx', json: '/no/x.json' } });
    await until(() => api.answers('error').some((a) => /could not load model/.test(String(a[0]))));
    expect(api.answers('summary').pop()).toEqual([]);
    // the written model does not exist here: loading fails, the previous model keeps playing
    expect(api.answers('error').pop()?.[0]).toMatch(/could not load model/);
    expect(api.answers('showing').pop()).toEqual(['gmrock_808_snare_2']);
    expect(existsSync('/no/x.json')).toBe(false);
  });

  test('train refuses unknown presets, architectures and bad epochs without starting', async () => {
    const t = fakeTraining();
    const { api } = await makeMax({ startTraining: t.start });
    await api.send('train', EXAMPLE_WAV, 'nope');
    await api.send('train', EXAMPLE_WAV, '808_snare_1', '-', '-', '-', 'transformer');
    await api.send('train', EXAMPLE_WAV, '808_snare_1', '-', 0);
    expect(t.calls).toHaveLength(0);
    expect(api.answers('error')).toHaveLength(3);
  });
});
