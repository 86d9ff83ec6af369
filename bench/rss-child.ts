/**
 * Child process of bench/stream.bench.ts: runs one CLI command and prints, on fd 3, its own peak
 * resident set (process.resourceUsage().maxRSS) and exit code as JSON. Not a benchmark itself
 * (no .bench.ts suffix).
 */
import { writeSync } from 'node:fs';
import { runCli, processIO, handleBrokenPipes } from '../src/cli/main';

handleBrokenPipes();
void runCli(process.argv.slice(2), processIO()).then((code) => {
  writeSync(3, JSON.stringify({ code, maxRssMiB: +(process.resourceUsage().maxRSS / 1024).toFixed(1) }) + '\n');
  process.exitCode = code;
});
