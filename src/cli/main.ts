#!/usr/bin/env node
/**
 * `timbre-remap` entry: finds the subcommand, runs it, maps errors to exit codes. The only place
 * that prints usage for unknown commands and calls `process.exit`.
 */
import type { CliIO, Command } from './types';
import { EXIT } from './types';
import { COMMANDS } from './registry';
import { UserError, messageOf } from '../util/errors';

export function topHelp(): string {
  const lines = ['timbre-remap: real-time timbre remapping from an acoustic drum to an 808-style synth', '', 'Usage: timbre-remap COMMAND [options]   (COMMAND --help for details)', '', 'Commands:'];
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  return lines.join('\n') + '\n';
}

/** Run the CLI with `argv` (without node and script path). Never exits; returns the exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(topHelp());
    return name ? EXIT.OK : EXIT.USAGE;
  }
  if (name === '--version') {
    io.stdout(`${require('../../package.json').version}\n`);
    return EXIT.OK;
  }
  const cmd: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.stderr(`error: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}. Try "timbre-remap --help".\n`);
    return EXIT.USAGE;
  }
  const json = rest.includes('--json');
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    const user = e instanceof UserError;
    io.stderr(`error: ${messageOf(e)}\n`);
    if (json) io.stdout(JSON.stringify({ error: { code: user ? (e as UserError).code : 'E_INTERNAL', message: messageOf(e) } }) + '\n');
    if (!user && process.env.TIMBRE_REMAP_DEBUG) io.stderr(`${(e as Error).stack}\n`);
    return user ? EXIT.USAGE : EXIT.FAILURE;
  }
}

export function processIO(): CliIO {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
    stderrStream: process.stderr,
  };
}

/** Process entry (bin/timbre-remap.js and `tsx src/cli/main.ts`). */
export function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  return runCli(argv, processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`error: ${messageOf(e)}\n`);
      process.exitCode = EXIT.FAILURE;
    },
  );
}

if (require.main === module) void main();
