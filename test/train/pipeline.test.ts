import '../model/jestRealm';
/**
 * End to end: `startTraining` in a worker thread (progress, bundle written atomically with the
 * live detector's settings and exactly its hits, k-fold held-out evaluation with spread, follow
 * and saturation figures), the report listing exactly those hits, refusals before any work,
 * cancellation (before the first epoch nothing is written; a stuck input is stopped promptly),
 * `evaluateModel` (in-sample vs held-out, detector mismatch warning), the ONNX export, and the
 * CLI commands' contracts.
 */
import { existsSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTraining, evaluateModel } from '../../src/train';
import { buildOnnxModel, validateBundleMeta } from '../../src/model';
import { TfNetwork, forwardPlain, initWeights } from '../../src/train/network';
import { createRng } from '../../src/train/rng';
import { toOnnxWeights } from '../../src/train/onnxWeights';
import * as ort from 'onnxruntime-node';
import * as tf from '@tensorflow/tfjs-core';
import { command as train, trainSummary } from '../../src/cli/commands/train';
import { command as evaluate } from '../../src/cli/commands/evaluate';
import { UserError } from '../../src/util/errors';
import { PARAM_NAMES } from '../../src/synth/params';
import { FULL_FEATURE_NAMES } from '../../src/model/bundle';
import { createOnsetDetector, detectOnsets } from '../../src/onset';
import { readWav, writeWav } from '../../src/io/wav';
import { EXAMPLE_WAV, exampleAudio, tempDir } from '../helpers/audio';
import { runTsx, SRC } from '../plot/helpers';

const OTHER_WAV = join(__dirname, '../../examples/other/millo-snare-performance.wav');

const io = () => {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), isTTY: false } };
};

describe('ONNX export', () => {
  it.each(['linear', 'mlp', 'mlp-large'] as const)('%s: onnxruntime output equals the trained network (tfjs and plain) within 1e-5', async (arch) => {
    const rng = createRng(11);
    const w = initWeights(arch, rng);
    for (const l of w.layers) {
      l.weight.forEach((_, i) => (l.weight[i] = rng.normal() * 0.7));
      l.bias?.forEach((_, i) => (l.bias![i] = rng.normal() * 0.1));
    }
    const session = await ort.InferenceSession.create(buildOnnxModel(toOnnxWeights(w), arch));
    const n = 6;
    const x = Float32Array.from({ length: n * 3 }, () => rng.normal());
    const res = await session.run({ features: new ort.Tensor('float32', x, [n, 3]) });
    const y = res.modulation.data as Float32Array;
    const net = new TfNetwork(w);
    const yt = tf.tidy(() => net.apply(tf.tensor2d(x, [n, 3])).dataSync());
    net.dispose();
    for (let i = 0; i < n; i++) {
      forwardPlain(w, x.subarray(i * 3, i * 3 + 3)).forEach((v, k) => {
        expect(Math.abs(v - y[i * 14 + k])).toBeLessThan(1e-5);
        expect(Math.abs(yt[i * 14 + k] - y[i * 14 + k])).toBeLessThan(1e-5);
      });
    }
  });
});

describe('training pipeline', () => {
  const dir = tempDir('tr-train-');
  const base = join(dir, 'model');
  let report: Awaited<ReturnType<typeof startTraining>['done']>;
  const progress: string[] = [];

  beforeAll(async () => {
    const job = startTraining({ inputs: [EXAMPLE_WAV], preset: '808_snare_1', epochs: 2, folds: 2, out: base, seed: 4 });
    job.on('progress', (p) => progress.push(`${p.stage}${p.fold ?? ''}:${p.epoch}`));
    report = await job.done;
  }, 600000);

  it('runs in a worker, reports progress (model, then each fold) and writes a valid bundle with the live detector', () => {
    expect(progress.slice(0, 2)).toEqual(['model:1', 'model:2']);
    expect(progress.filter((p) => p.startsWith('fold1')).length).toBeGreaterThan(0);
    expect(progress.filter((p) => p.startsWith('fold2')).length).toBeGreaterThan(0);
    const meta = validateBundleMeta(JSON.parse(readFileSync(`${base}.json`, 'utf8')));
    expect(meta.paramOrder).toEqual([...PARAM_NAMES]);
    expect(meta.onsetWindow).toEqual({ samples: 256, backtrackSamples: 16, sampleRateHz: 44100 });
    expect(meta.detector).toEqual({ mode: 'adaptive', settings: { ...createOnsetDetector(44100).settings } });
    expect((meta.training as { history: unknown[] }).history).toHaveLength(2);
    expect((meta.provenance as { inputs: Array<{ sha256: string }> }).inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lists exactly the hits the live detector finds, in the bundle, the report and the CLI summary', () => {
    const live = detectOnsets(exampleAudio().mono, 44100);
    const meta = JSON.parse(readFileSync(`${base}.json`, 'utf8'));
    expect(meta.provenance.inputs[0].onsets).toEqual(live);
    expect(report.hitList[0].onsets).toEqual(live);
    expect(report.hits).toMatchObject({ detected: live.length, total: live.length });
    // the CLI summary: the count and a marker per hit under a waveform strip
    const text = trainSummary(report);
    expect(text).toContain(`hits: ${live.length} used of ${live.length} detected`);
    const marks = text.split('\n').find((l) => /^\s+[|x2-9][ |x2-9]*$/.test(l))!;
    expect([...marks].reduce((n, c) => n + (c === '|' ? 1 : /[2-9]/.test(c) ? Number(c) : 0), 0)).toBe(live.length);
    // the report page (drawn in a child process: vega is ESM-only)
    const r = runTsx(`
      import { writeTrainingReport } from ${JSON.stringify(join(SRC, 'report/report'))};
      writeTrainingReport(${JSON.stringify(base)}).then((x) => process.stdout.write('@@' + JSON.stringify(x)));
    `);
    const written = JSON.parse(r.stdout.slice(r.stdout.indexOf('@@') + 2));
    expect(written.ok).toBe(true);
    const html = readFileSync(`${base}.report.html`, 'utf8');
    const list = /<span class="onset-list">(.*?)<\/span><\/li>/.exec(html)![1];
    expect([...list.matchAll(/>(\d+)</g)].map((m) => Number(m[1]))).toEqual(live);
    expect(html).toContain(`<b>${live.length}</b> hits used of <b>${live.length}</b> detected`);
    expect(html).toMatch(/id="fig-hits-0"/);
    expect(html).toContain(`${meta.provenance.seed}`); // exact seed (3608013887-style integers are not rounded)
    expect(html).toMatch(/id="follow-onset"/);
  }, 300000);

  it('evaluates by 2-fold cross-validation over all hits: mean ± spread, per-fold counts, follow and saturation', () => {
    const n = report.hits.total;
    expect(report.hitsEvaluated).toBe(n - 1);
    expect(report.scheme).toMatch(/^2-fold cross-validation over \d+ hits/);
    const meta = JSON.parse(readFileSync(`${base}.json`, 'utf8'));
    const ev = meta.evaluation;
    expect(ev.folds).toHaveLength(2);
    expect(ev.folds[0].hits + ev.folds[1].hits).toBe(n - 1);
    const m = (ev.folds[0].model * ev.folds[0].hits + ev.folds[1].model * ev.folds[1].hits) / (n - 1);
    expect(ev.mean.model).toBeCloseTo(m, 9); // the pooled mean is the hit-weighted mean of the folds
    expect(ev.spread.model).toBeCloseTo(Math.abs(ev.folds[0].model - ev.folds[1].model) / Math.SQRT2, 9);
    expect(Object.keys(ev.table)).toEqual([...FULL_FEATURE_NAMES]);
    expect(ev.follow.onset.features.map((f: { name: string }) => f.name)).toEqual(['rms_db', 'spectral_centroid_semitones', 'spectral_flatness_db']);
    expect(ev.follow.onset.articulation.source).toBe('labels');
    expect(ev.saturation.hits).toBe(n - 1);
    expect(report.modelSaturation.hits).toBe(n);
    expect(report.folds).toMatchObject({ k: 2, completed: 2 });
  });

  it('refuses before any work: existing outputs without --force, batch size 0, 1 fold; nothing is written', async () => {
    const before = readFileSync(`${base}.json`, 'utf8');
    await expect(startTraining({ inputs: [EXAMPLE_WAV], preset: '808_snare_1', epochs: 1, out: base }).done).rejects.toThrow(/already exist.*--force/);
    await expect(startTraining({ inputs: [EXAMPLE_WAV], preset: '808_snare_1', out: join(dir, 'b0'), batchSize: 0 }).done).rejects.toThrow(/batch size must be a whole number ≥ 1; got 0/);
    await expect(startTraining({ inputs: [EXAMPLE_WAV], preset: '808_snare_1', out: join(dir, 'f1'), folds: 1 }).done).rejects.toThrow(/folds must be 0/);
    expect(readFileSync(`${base}.json`, 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((f) => /^(b0|f1)/.test(f))).toEqual([]);
  });

  it('evaluates on its own recording (in-sample, said so) and on another one (held out); another detector → one warning naming both', async () => {
    const own = await evaluateModel({ input: EXAMPLE_WAV, model: base, workers: 0 });
    expect(own.inSample).toBe(true);
    expect(own.selection).toMatch(/in-sample.*not held-out/);
    expect(own.training?.scheme).toMatch(/2-fold/);
    const other = await evaluateModel({ input: OTHER_WAV, model: base });
    expect(other.inSample).toBe(false);
    expect(other.hits).toBe(other.hitList.used.filter(Boolean).length - 1);
    expect(other.follow?.onset.articulation?.source).toBe('labels');
    const ref = await evaluateModel({ input: EXAMPLE_WAV, model: base, detector: 'reference', workers: 0 });
    expect(ref.warnings.filter((w) => /trained on hits found by the adaptive .* detector, but this host detects hits with the reference/.test(w))).toHaveLength(1);
  }, 300000);

  it('CLI: --help, bad input → UserError (exit 2) and nothing written; evaluate writes its own report, not the model\'s', async () => {
    const h = io();
    expect(await train.run(['--help'], h.io)).toBe(0);
    expect(h.out.stdout).toMatch(/--loss/);
    const bad = join(dir, 'bad');
    writeFileSync(join(dir, 'not.wav'), 'hello');
    await expect(train.run([join(dir, 'not.wav'), '--preset', '808_snare_1', '--out', bad, '--epochs', '1'], h.io)).rejects.toBeInstanceOf(UserError);
    const audio = exampleAudio();
    const short = join(dir, 'three-hits.wav');
    writeWav(short, [audio.mono.subarray(0, 60000)], audio.sampleRate, '16');
    await expect(train.run([short, '--preset', '808_snare_1', '--out', bad], h.io)).rejects.toThrow(/found \d usable hit\(s\).*at least 8/);
    expect(readdirSync(dir).filter((f) => f.startsWith('bad'))).toEqual([]);
    const trainingReport = existsSync(`${base}.report.html`) ? readFileSync(`${base}.report.html`, 'utf8') : null;
    const e = io();
    const page = join(dir, 'eval.html');
    expect(await evaluate.run([OTHER_WAV, '--model', base, '--report', page, '--json'], e.io)).toBe(0);
    const j = JSON.parse(e.out.stdout);
    expect(j.hits).toBeGreaterThan(40);
    expect(Object.keys(j.table)).toEqual([...FULL_FEATURE_NAMES]);
    expect(j.mean).toHaveProperty('model');
    expect(j.follow.onset.features).toHaveLength(3);
    expect(j.saturation).toHaveProperty('hitsAtLimit');
    expect(j.inSample).toBe(false);
    expect(j.reportHtml).toBe(page);
    expect(existsSync(page)).toBe(true);
    expect(existsSync(`${base}.report.html`) ? readFileSync(`${base}.report.html`, 'utf8') : null).toBe(trainingReport);
    // and it refuses to overwrite its page without --force
    await expect(evaluate.run([OTHER_WAV, '--model', base, '--report', page], e.io)).rejects.toThrow(/--force/);
  }, 300000);
});

describe('stopping a training', () => {
  const dir = tempDir('tr-stop-');

  it('Ctrl-C before the first epoch finishes writes nothing (E_CANCELLED)', async () => {
    const out = join(dir, 'early');
    const job = startTraining({ inputs: [EXAMPLE_WAV], preset: '808_snare_1', out, epochs: 5 });
    setTimeout(() => job.cancel(), 300);
    await expect(job.done).rejects.toMatchObject({ code: 'E_CANCELLED' });
    expect(readdirSync(dir).filter((f) => f.startsWith('early'))).toEqual([]);
  }, 60000);

  it('stops promptly on a recording that takes long to read (no epoch yet): the worker is ended', async () => {
    // 90 s at 48 kHz: resampling and analysing it takes far longer than the grace period
    const sr = 48000;
    const x = new Float32Array(90 * sr);
    const ex = readWav(EXAMPLE_WAV).mono;
    for (let i = 0; i < x.length; i++) x[i] = ex[i % ex.length];
    const wav = join(dir, 'long.wav');
    writeWav(wav, [x], sr, '16');
    const job = startTraining({ inputs: [wav], preset: '808_snare_1', out: join(dir, 'long') });
    await new Promise((r) => setTimeout(r, 500));
    const t0 = Date.now();
    job.cancel();
    await expect(job.done).rejects.toMatchObject({ code: 'E_CANCELLED' });
    expect(Date.now() - t0).toBeLessThan(5000); // the grace period before the first epoch is 2 s
    expect(readdirSync(dir).filter((f) => f.startsWith('long.') && !f.endsWith('.wav'))).toEqual([]);
  }, 60000);
});
