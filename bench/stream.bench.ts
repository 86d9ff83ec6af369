/**
 * Long recordings in bounded memory (issue #12 item 9): a 2-hour 44.1 kHz 16-bit mono WAV is
 * generated in os.tmpdir() by streaming (the example performance tiled, 635 MB), then `onsets`,
 * `features` and `render` (with the shipped model) run on it in child processes, each measured
 * for wall time and peak RSS (the child's own process.resourceUsage().maxRSS). Goals: peak RSS
 * ≤ 300 MB for onsets and render, render ≥ 200× real time. Set STREAM_BENCH_MINUTES for a
 * shorter file. The files are removed at the end.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWav } from '../src/io/wav';
import { WavStreamWriter } from '../src/io/wavWriter';

const ROOT = join(__dirname, '..');
const SR = 44100;

function runChild(args: string[]): Promise<{ wallSec: number; maxRssMiB: number; cpuSec: number; code: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'rss-child.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let report = '';
    let err = '';
    child.stdio[3]?.on('data', (d) => (report += d));
    child.stderr?.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSec = (performance.now() - t0) / 1000;
      try {
        const r = JSON.parse(report) as { code: number; maxRssMiB: number; cpuSec: number };
        if (r.code !== 0) reject(new Error(`${args[0]} exited ${r.code}: ${err.slice(0, 300)}`));
        else resolve({ wallSec, maxRssMiB: r.maxRssMiB, cpuSec: r.cpuSec, code: code ?? -1 });
      } catch {
        reject(new Error(`${args[0]} gave no report (exit ${code}): ${err.slice(0, 300)}`));
      }
    });
  });
}

export async function run(): Promise<Array<Record<string, unknown>>> {
  const minutes = Number(process.env.STREAM_BENCH_MINUTES ?? 120);
  const dir = mkdtempSync(join(tmpdir(), 'tr-bench-stream-'));
  const input = join(dir, 'long.wav');
  try {
    const example = readWav(join(ROOT, 'examples/gmrock-snare-performance.wav')).mono;
    const total = Math.round(minutes * 60 * SR);
    const w = new WavStreamWriter(input, 1, SR, '16');
    for (let at = 0; at < total; at += example.length) w.write(example.subarray(0, Math.min(example.length, total - at)));
    w.close();
    const seconds = total / SR;
    const rec = (name: string, r: { wallSec: number; maxRssMiB: number; cpuSec: number }, extra: Record<string, unknown> = {}) => ({
      bench: `stream-${name}`,
      what: `${name} on a ${minutes}-minute 44.1 kHz 16-bit mono WAV (${(statSync(input).size / 2 ** 20).toFixed(0)} MiB), child process, wall time incl. start-up`,
      wallSec: +r.wallSec.toFixed(1),
      realtimeFactor: Math.round(seconds / r.wallSec),
      // CPU time (user + system) of the child: steadier than wall time on a shared machine.
      cpuSec: r.cpuSec,
      realtimeFactorCpuTime: Math.round(seconds / r.cpuSec),
      loadAverage1m: +loadavg()[0].toFixed(1),
      peakRssMiB: r.maxRssMiB,
      ...extra,
    });
    const out: Array<Record<string, unknown>> = [];
    out.push(rec('onsets', await runChild(['onsets', input, '--quiet']), { goal: 'peak RSS <= 300 MB' }));
    out.push(rec('render', await runChild(['render', input, '--model', 'models/gmrock_808_snare_1', '--out', join(dir, 'out.wav'), '--quiet']), { goal: 'peak RSS <= 300 MB, >= 200x real time' }));
    if (process.env.STREAM_BENCH_FEATURES) out.push(rec('features', await runChild(['features', input, '--quiet'])));
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
