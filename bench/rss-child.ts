/**
 * Child process of bench/stream.bench.ts: runs one CLI command and prints, on fd 3, its own peak
 * resident set (process.resourceUsage().maxRSS) and exit code as JSON. Not a benchmark itself
 * (no .bench.ts suffix).
 */
import { writeSync } from 'node:fs';
import { runCli, processIO, handleBrokenPipes } from '../src/cli/main';

handleBrokenPipes();
void runCli(process.argv.slice(2), processIO()).then((code) => {
  const u = process.resourceUsage();
  writeSync(3, JSON.stringify({ code, maxRssMiB: +(u.maxRSS / 1024).toFixed(1), cpuSec: +((u.userCPUTime + u.systemCPUTime) / 1e6).toFixed(2) }) + '\n');
  process.exitCode = code;
});
