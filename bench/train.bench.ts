/**
 * Training speed and memory: ms per training step (batch 16, mlp, 2 DSP workers), the kernel's
 * ms per hit (forward + backward), a whole-run estimate for the example recording at 250 epochs,
 * and peak resident memory.
 */
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { loadPreset } from '../src/synth/presets';
import { loadNoiseBuffer } from '../src/synth/noise';
import { HitLoss } from '../src/train/diff/hitLoss';
import { buildDataset } from '../src/train/data';
import { DspPool } from '../src/train/dspPool';
import { fit } from '../src/train/trainer';

export async function run(): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  const preset = loadPreset('808_snare_1');
  const noise = loadNoiseBuffer();
  // kernel: one hit, forward + backward, one thread
  const k = new HitLoss(noise);
  const target = new Float64Array(7).fill(0.5);
  const pf = k.features(preset.normalised);
  for (let i = 0; i < 5; i++) k.lossAndGrad(preset.normalised, target, pf, 1 / 7);
  const n = 20;
  let t = performance.now();
  for (let i = 0; i < n; i++) k.lossAndGrad(preset.normalised, target, pf, 1 / 7);
  out.push({ bench: 'train.kernel', msPerHit: (performance.now() - t) / n, note: 'render 35 328 samples + 7 features + adjoints, one thread' });
  // training steps on the example recording
  const data = buildDataset([join(__dirname, '../examples/gmrock-snare-performance.wav')], { seed: 1 });
  const workers = Math.min(2, availableParallelism());
  const pool = new DspPool(noise, workers);
  try {
    const presetFeatures = await pool.features(Float64Array.from(preset.normalised));
    const epochs = 6;
    t = performance.now();
    const r = await fit({ inputs: data.inputs, targets: data.targets, train: data.split.train, val: data.split.val }, preset, presetFeatures, pool, { arch: 'mlp', epochs, batchSize: 16, learningRate: 5e-4, patience: 20, seed: 1 });
    const secPerEpoch = (performance.now() - t) / 1000 / epochs;
    out.push({ bench: 'train.step', msPerStep: Math.round(r.meanStepMs), batch: 16, arch: 'mlp', workers, trainHits: data.split.train.length, goalMs: 270, stretchMs: 100 });
    out.push({ bench: 'train.run', secPerEpoch: Number(secPerEpoch.toFixed(3)), estimatedSecFor250Epochs: Math.round(secPerEpoch * 250), referencePyTorchSec: 135.5 });
  } finally {
    await pool.close();
  }
  out.push({ bench: 'train.memory', peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), note: 'main thread + workers (one process)' });
  return out;
}

if (require.main === module) void run().then((rows) => rows.forEach((r) => console.log(JSON.stringify(r))));
