/**
 * Training speed and memory: the kernel's ms per hit (forward + backward, exact and training
 * features), ms per training step, and the wall time of a default `train` (the whole command:
 * read, detect, train with early stopping, 3-fold cross-validation, write) on a one-minute
 * recording — the two other-kit performances forzee (40.7 s) and the first 19.3 s of millo joined
 * into one 60 s file — with the epochs and Adam steps run, the CPU seconds it took (all threads:
 * comparable across loads, unlike the wall time) and the machine's load average (it is shared).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { loadPreset } from '../src/synth/presets';
import { loadNoiseBuffer } from '../src/synth/noise';
import { HitLoss } from '../src/train/diff/hitLoss';
import { SUSTAIN_STRIDE } from '../src/train/dspPool';
import { runTraining } from '../src/train/run';
import { readWav, writeWav } from '../src/io/wav';

const EXAMPLES = join(__dirname, '../examples/other');

/** forzee + the start of millo = 60 s at 44.1 kHz. */
function oneMinuteRecording(dir: string): string {
  const a = readWav(join(EXAMPLES, 'forzee-snare-performance.wav'));
  const b = readWav(join(EXAMPLES, 'millo-snare-performance.wav'));
  const total = 60 * a.sampleRate;
  const x = new Float32Array(total);
  x.set(a.mono.subarray(0, Math.min(a.mono.length, total)));
  x.set(b.mono.subarray(0, total - a.mono.length), a.mono.length);
  const path = join(dir, 'one-minute.wav');
  writeWav(path, [x], a.sampleRate, '16');
  return path;
}

export async function run(): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  const preset = loadPreset('808_snare_1');
  const noise = loadNoiseBuffer();
  for (const stride of [1, SUSTAIN_STRIDE]) {
    const k = new HitLoss(noise, 44100, true, stride);
    const target = new Float64Array(10).fill(0.5);
    const pf = k.features(preset.normalised);
    const w = new Float64Array(10).fill(0.1);
    for (let i = 0; i < 5; i++) k.lossAndGrad(preset.normalised, target, pf, w, 1);
    const n = 30;
    const t = performance.now();
    for (let i = 0; i < n; i++) k.lossAndGrad(preset.normalised, target, pf, w, 1);
    out.push({ bench: stride === 1 ? 'train.kernel.exact' : 'train.kernel', msPerHit: Number(((performance.now() - t) / n).toFixed(2)), sustainStride: stride, note: 'render 35 328 samples + 10 loss features + adjoints, one thread' });
  }
  const dir = mkdtempSync(join(tmpdir(), 'tr-bench-train-'));
  try {
    const wav = oneMinuteRecording(dir);
    const load = loadavg()[0];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await runTraining({ inputs: [wav], preset: '808_snare_1', out: join(dir, 'model') });
    const wallSec = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    out.push({
      bench: 'train.default', wallSec: Number(wallSec.toFixed(1)), cpuSec: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)), goalSec: 60, recordingSec: 60, hits: r.hits.total,
      epochsRun: r.epochsRun, bestEpoch: r.bestEpoch, stoppedEarly: r.stoppedEarly, foldEpochs: r.folds.epochsRun, steps: r.steps,
      msPerStep: Math.round(r.meanStepMs), batch: 8, workers: Math.min(2, availableParallelism()),
      heldOutMean: { preset: r.mean.preset, model: r.mean.model, spread: r.spread?.model },
      loadAverageBefore: Number(load.toFixed(2)), loadAverageAfter: Number(loadavg()[0].toFixed(2)),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  out.push({ bench: 'train.memory', peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), note: 'main thread + workers (one process)' });
  return out;
}

if (require.main === module) void run().then((rows) => rows.forEach((r) => console.log(JSON.stringify(r))));
