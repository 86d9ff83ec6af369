/**
 * Engine benchmarks (issue 2): per-onset engine time (features + model + parameters) over 10 000
 * frames, and `render` of the example recording as × real time.
 */
import { join } from 'node:path';
import { Engine } from '../src/engine/engine';
import { remapRecording } from '../src/engine/remapper';
import { readWav } from '../src/io/wav';

const ROOT = join(__dirname, '..');
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

export async function run(): Promise<Array<Record<string, unknown>>> {
  const audio = readWav(join(ROOT, 'examples/gmrock-snare-performance.wav'));
  const engine = new Engine();
  const status = await engine.loadModel(join(ROOT, 'models/gmrock_808_snare_1'));
  if (!status.ok) throw new Error(status.error);

  // Frames: windows at pseudo-random places of the recording (hits, tails and silence alike).
  const frames: Float32Array[] = [];
  let seed = 1;
  for (let i = 0; i < 10000; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const at = seed % (audio.mono.length - 256);
    frames.push(audio.mono.slice(at, at + 256));
  }
  for (let i = 0; i < 2000; i++) await engine.processFrame(frames[i]); // warm-up (JIT)
  const us: number[] = [];
  for (const f of frames) {
    const t0 = performance.now();
    const r = await engine.processFrame(f);
    us.push((performance.now() - t0) * 1000);
    if (!r.ok) throw new Error(r.error);
  }

  const inSec = audio.mono.length / audio.sampleRate;
  const renderSec: number[] = [];
  for (let i = 0; i < 6; i++) {
    const e = new Engine();
    await e.loadModel(join(ROOT, 'models/gmrock_808_snare_1'));
    const t0 = performance.now();
    await remapRecording(e, audio.mono, audio.sampleRate);
    renderSec.push((performance.now() - t0) / 1000);
  }
  const warm = renderSec.slice(1);
  return [
    { bench: 'engine.perOnset', frames: frames.length, model: 'gmrock_808_snare_1 (mlp)', backend: engine.describe().backend, medianUs: +quantile(us, 0.5).toFixed(2), p99Us: +quantile(us, 0.99).toFixed(2), goalMedianUs: 50, goalP99Us: 200 },
    { bench: 'engine.render', input: 'examples/gmrock-snare-performance.wav', inputSec: +inSec.toFixed(2), firstRunSec: +renderSec[0].toFixed(3), medianSec: +quantile(warm, 0.5).toFixed(3), realTimeFactor: +(inSec / quantile(warm, 0.5)).toFixed(1), goalRealTimeFactor: 200 },
  ];
}
