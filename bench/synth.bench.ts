/**
 * Synth speed: one `SynthVoice` rendering 10 s of audio at 44.1 kHz in 128-sample blocks, retriggered
 * every second with a different hit (all 16 golden parameter sets in turn), with the silence cut-off
 * off so every sample is computed — reported as × real time (median of 5 runs); plus `renderHit`
 * (1 s at 44.1 kHz) in ms, median of 20. Wall time, plus CPU time for the voice (steadier on a
 * shared machine). Goal (issue 2): ≥ 500× real time for one voice.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SynthVoice } from '../src/synth/voice';
import { renderHit } from '../src/synth/render';
import { loadPreset } from '../src/synth/presets';

const SAMPLE_RATE_HZ = 44100;
const BLOCK_SAMPLES = 128;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Parameter sets to cycle through: the golden cases if present, else the shipped presets. */
function hitParams(): number[][] {
  try {
    const golden = JSON.parse(readFileSync(join(__dirname, '../test/fixtures/golden/synth-golden.json'), 'utf8')) as { cases: Record<string, { params01: number[] }> };
    return Object.values(golden.cases).map((c) => c.params01);
  } catch {
    return [Array.from(loadPreset('808_snare_1').normalised)];
  }
}

/** Wall and CPU seconds to render `seconds` of audio through one voice in blocks. */
function timeVoice(params: number[][], seconds: number, silenceThreshold: number): { wall: number; cpu: number } {
  const voice = new SynthVoice(SAMPLE_RATE_HZ, { silenceThreshold });
  const block = new Float32Array(BLOCK_SAMPLES);
  const total = Math.round(seconds * SAMPLE_RATE_HZ);
  let hit = 0;
  let sink = 0;
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (let start = 0; start < total; start += BLOCK_SAMPLES) {
    if (start % SAMPLE_RATE_HZ < BLOCK_SAMPLES) voice.trigger(params[hit++ % params.length], start % SAMPLE_RATE_HZ);
    block.fill(0);
    voice.process(block, 0, Math.min(BLOCK_SAMPLES, total - start));
    sink += block[0];
  }
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  if (!Number.isFinite(sink)) throw new Error('voice produced non-finite samples');
  return { wall, cpu: (c.user + c.system) / 1e6 };
}

export async function run(): Promise<Array<Record<string, unknown>>> {
  const params = hitParams();
  const seconds = 10;
  timeVoice(params, 2, 0); // warm-up (JIT)
  const runs: number[] = [];
  const cpuRuns: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = timeVoice(params, seconds, 0);
    runs.push(seconds / t.wall);
    cpuRuns.push(seconds / t.cpu);
  }
  const gated: number[] = [];
  for (let i = 0; i < 3; i++) gated.push(seconds / timeVoice(params, seconds, 1e-5).wall);

  for (let i = 0; i < 5; i++) renderHit(params[i % params.length]);
  const renderMs: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = process.hrtime.bigint();
    renderHit(params[i % params.length]);
    renderMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return [
    {
      bench: 'synth-voice',
      what: 'one SynthVoice, 10 s at 44.1 kHz, 128-sample blocks, retriggered each second, every sample computed',
      realtimeFactor: Math.round(median(runs)),
      realtimeFactorMin: Math.round(Math.min(...runs)),
      realtimeFactorMax: Math.round(Math.max(...runs)),
      nsPerSample: +(1e9 / (median(runs) * SAMPLE_RATE_HZ)).toFixed(1),
      // CPU time is less disturbed by other processes on a shared machine than wall time.
      realtimeFactorCpuTime: Math.round(median(cpuRuns)),
      realtimeFactorWithSilenceCutoff: Math.round(median(gated)),
      goal: '>= 500x',
    },
    { bench: 'synth-renderHit', what: 'renderHit, 1 s at 44.1 kHz', medianMs: +median(renderMs).toFixed(3), minMs: +Math.min(...renderMs).toFixed(3) },
  ];
}
