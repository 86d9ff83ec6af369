import { Engine } from '../../src/engine/engine';
import { remapRecording, Remapper } from '../../src/engine/remapper';
import { UserError } from '../../src/util/errors';
import * as api from '../../src/index';

/** Issue #12 item 8: wrong library calls are refused with a UserError; nothing NaN comes out. */
describe('engine and remapper arguments', () => {
  it.each([NaN, Infinity, -1, 4.5, '1' as unknown as number])('new Engine({ sensitivity: %p }) is refused, naming the option (NaN gave 14 NaN parameters)', (s) => {
    expect(() => new Engine({ sensitivity: s })).toThrow(UserError);
    expect(() => new Engine({ sensitivity: s })).toThrow(/sensitivity must be a number within 0…4/);
  });

  it.each([NaN, 0, 7999, 1e9])('new Engine({ sampleRateHz: %p }) is refused', (r) => {
    expect(() => new Engine({ sampleRateHz: r })).toThrow(/sampleRateHz must be a number of Hz within 8000…384000/);
  });

  it('null or non-object options are refused, not a TypeError', () => {
    expect(() => new Engine(null as never)).toThrow(UserError);
    expect(() => new Engine({ preset: 5 as never })).toThrow(/preset must be a preset name/);
  });

  it.each([NaN, -0.1, 1.5])('remapRecording with dryWet %p is refused (NaN gave NaN audio)', async (w) => {
    const e = new Engine();
    await expect(remapRecording(e, new Float32Array(44100), 44100, { dryWet: w })).rejects.toThrow(/dryWet must be a number within 0…1/);
  });

  it('remapRecording refuses a non-array input, a NaN sample, a bad rate or a non-engine', async () => {
    const e = new Engine();
    await expect(remapRecording(e, [0, 1] as never, 44100)).rejects.toThrow(UserError);
    const x = new Float32Array(1000);
    x[500] = NaN;
    await expect(remapRecording(e, x, 44100)).rejects.toThrow(/input sample 500 is NaN/);
    await expect(remapRecording(e, new Float32Array(10), 1000)).rejects.toThrow(/sample rate must be between 8000 and 384000/);
    expect(() => new Remapper({} as never, 44100)).toThrow(/needs an Engine/);
  });

  it('control calls with wrong types fail with a Status, never throw', async () => {
    const e = new Engine();
    expect(await e.loadModel(undefined as never)).toMatchObject({ ok: false, error: expect.stringMatching(/load needs the path of a model/) });
    expect(e.setPreset(null as never)).toMatchObject({ ok: false });
    expect(e.setParam(7 as never, 1)).toMatchObject({ ok: false });
    expect(e.setSensitivity(NaN)).toMatchObject({ ok: false });
    const r = await e.processFrame(new Float32Array(256).fill(NaN));
    expect(r.ok).toBe(false);
  });

  it('public building blocks refuse wrong types with UserErrors (they threw raw TypeError/RangeError or hung)', () => {
    const calls: Array<() => unknown> = [
      () => api.segmentHits(new Float32Array(10), [0], 2 ** 31), // allocated 10 × 8 GB
      () => api.paramIndex(3 as never),
      () => api.paramIndex('no.such'),
      () => api.toPhysical([NaN] as never),
      () => new api.SynthVoice(0),
      () => new api.SynthVoice(44100).process(null as never),
      () => new api.VoicePool(44100, { voices: 0 }),
      () => api.detectOnsets(null as never, 44100),
      () => api.onsetFeatures(new Float32Array(256), Symbol('x') as never),
      () => api.fullFeatures([NaN], 44100),
      () => api.buildOnnxModel(5 as never),
      () => api.validateBundleMeta(null, Symbol('x') as never),
      () => api.renderHit(new Float64Array(14), { numSamples: 1e12 }),
      () => api.createOnsetDetector(44100, null as never),
    ];
    for (const c of calls) expect(c).toThrow(UserError);
    expect(api.createOnsetDetector(44100).process(null as never)).toEqual([]);
  });
});
