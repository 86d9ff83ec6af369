/** The node.script host against a fake max-api: protocol, errors, hold-back until ready, training. */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { Engine } from '../../src/engine/engine';
import { createMaxHost, maxPathToNative, type MaxStartTraining, type MaxTrainingJob } from '../../src/hosts/max/host';
import { KNOWN_SELECTORS, MAX_IN } from '../../src/hosts/max/messages';
import { PARAMS } from '../../src/synth/params';
import { EXAMPLE_WAV } from '../helpers/audio';
import { hostContract, presetNormalisedFromFile, testFrame, type HostDriver } from '../hosts/hostContract';
import { FakeMaxApi } from './fakeMaxApi';

const ROOT = join(__dirname, '../..');

async function makeMax(opts: Parameters<typeof createMaxHost>[2] = {}) {
  const api = new FakeMaxApi();
  const host = createMaxHost(api, () => new Engine({ sampleRateHz: 44100 }), { modelsDir: join(ROOT, 'models'), ...opts });
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

describe('Max host protocol', () => {
  test('announces frame_samples and ready; a hit answers features, params, physical, synth (named), trigger in that order', async () => {
    const { api } = await makeMax();
    expect(api.answers('frame_samples')).toEqual([[256]]);
    expect(api.answers('status')).toEqual([['ready']]);
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

  test('messages sent before the engine is ready are held back and replayed in order', async () => {
    const api = new FakeMaxApi();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const host = createMaxHost(api, async () => {
      await gate;
      return new Engine();
    });
    await api.send('preset', '808_tom_2');
    await api.send('frame', ...testFrame(256));
    expect(api.outlets).toHaveLength(0);
    release();
    await host.ready;
    expect(api.outlets.map((o) => o[0])).toEqual(['frame_samples', 'status', 'drywet', 'status', 'features', 'params', 'physical', 'synth', 'trigger']);
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
    expect(KNOWN_SELECTORS).toContain('train');
  });

  test('Max paths (Volume:/path) become native paths; Windows drives are kept', () => {
    expect(maxPathToNative('Macintosh HD:/Users/me/m.json', 'darwin')).toBe('/Users/me/m.json');
    expect(maxPathToNative('C:/models/m.json', 'win32')).toBe('C:/models/m.json');
    expect(maxPathToNative('/abs/m.json', 'linux')).toBe('/abs/m.json');
  });
});

describe('Max host training', () => {
  test('without training in the build, train answers that it is unavailable', async () => {
    const { api } = await makeMax();
    await api.send('train', EXAMPLE_WAV);
    expect(api.answers('status').pop()).toEqual(['training', 'unavailable']);
    expect(api.answers('error')[0][0]).toMatch(/not available/);
  });

  function fakeTraining() {
    const calls: Array<Parameters<MaxStartTraining>[0]> = [];
    let finish!: (r: { out: { onnx: string; json: string }; cancelled: boolean }) => void;
    let cancelled = false;
    const ev = new EventEmitter();
    const start: MaxStartTraining = (o) => {
      calls.push(o);
      const job: MaxTrainingJob = {
        done: new Promise((r) => (finish = r)),
        cancel: () => {
          cancelled = true;
        },
        on: (_e, cb) => ev.on('progress', cb),
      };
      return job;
    };
    return { start, calls, ev, finish: (r: { out: { onnx: string; json: string }; cancelled: boolean }) => finish(r), isCancelled: () => cancelled };
  }

  test('train checks its file, reports progress, can be cancelled, and loads the result (a failed load keeps playing)', async () => {
    const t = fakeTraining();
    const { api } = await makeMax({ startTraining: t.start });
    await api.send('train', '/no/such/file.wav');
    expect(api.answers('error').pop()?.[0]).toMatch(/does not exist/);
    await api.send('train', EXAMPLE_WAV, '808_snare_2', '-', 3, '-', 'linear');
    expect(t.calls).toHaveLength(1);
    expect(t.calls[0]).toMatchObject({ inputs: [EXAMPLE_WAV], preset: '808_snare_2', arch: 'linear', epochs: 3 });
    expect(t.calls[0].out).toMatch(/gmrock-snare-performance-808_snare_2$/);
    await api.send('train', EXAMPLE_WAV);
    expect(api.answers('error').pop()?.[0]).toMatch(/already/);
    t.ev.emit('progress', { epoch: 1, epochs: 3, trainLoss: 0.5, valLoss: 0.6 });
    expect(api.answers('progress')).toEqual([[1, 3, 0.5, 0.6]]);
    await api.send('cancel');
    expect(t.isCancelled()).toBe(true);
    t.finish({ out: { onnx: '/tmp/none.onnx', json: '/tmp/none.json' }, cancelled: true });
    await new Promise((r) => setTimeout(r, 50));
    expect(api.answers('status')).toContainEqual(['cancelled', '/tmp/none.json']);
    // the written model does not exist here: loading fails, the preset keeps playing
    expect(api.answers('error').pop()?.[0]).toMatch(/could not load model/);
    await api.send('frame', ...testFrame(256));
    expect(api.answers('params')).toHaveLength(1);
    await api.send('cancel');
    expect(api.answers('error').pop()?.[0]).toMatch(/no training/);
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
