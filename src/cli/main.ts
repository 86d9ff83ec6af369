#!/usr/bin/env node
/**
 * `timbre-remap` entry: finds the subcommand, runs it, maps errors to exit codes. The only place
 * that prints usage for unknown commands and calls `process.exit`.
 */
import type { CliIO, Command } from './types';
import { EXIT } from './types';
import { COMMANDS } from './registry';
import { UserError, messageOf } from '../util/errors';
import { didYouMeanHint } from '../util/didYouMean';
import { fsError } from '../io/files';

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
    if (name) return EXIT.OK;
    io.stderr('error: no command given. Pick one of the commands above, e.g. "timbre-remap render IN.wav".\n');
    return EXIT.USAGE;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`${require('../../package.json').version}\n`);
    return EXIT.OK;
  }
  const cmd: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.stderr(`error: unknown command "${name}".${didYouMeanHint(name, COMMANDS.map((c) => c.name))} Commands: ${COMMANDS.map((c) => c.name).join(', ')}. Try "timbre-remap --help".\n`);
    return EXIT.USAGE;
  }
  const json = rest.includes('--json');
  try {
    return await cmd.run(rest, io);
  } catch (e0) {
    // A Node file-system error that slipped through names a path: say what it means (exit 2).
    const errno = (e0 as NodeJS.ErrnoException)?.code;
    const e = !(e0 instanceof UserError) && typeof errno === 'string' && /^E[A-Z]+$/.test(errno) && typeof (e0 as NodeJS.ErrnoException).path === 'string'
      ? fsError(e0, (e0 as NodeJS.ErrnoException).path as string, (e0 as NodeJS.ErrnoException).syscall === 'open' || (e0 as NodeJS.ErrnoException).syscall === 'read' ? 'read' : 'write')
      : e0;
    const user = e instanceof UserError;
    io.stderr(`error: ${messageOf(e)}\n`);
    if (json) io.stdout(JSON.stringify({ error: { code: user ? (e as UserError).code : 'E_INTERNAL', message: messageOf(e) } }) + '\n');
    if (!user) io.stderr(process.env.TIMBRE_REMAP_DEBUG ? `${(e as Error).stack}\n` : 'This is a bug in timbre-remap, not in your input: please report it with the command line (TIMBRE_REMAP_DEBUG=1 shows the details).\n');
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

/**
 * A closed stdout (`timbre-remap features x.wav | head`) ends the program quietly, as sox and
 * aubio do, instead of an EPIPE stack trace; exit status 0 (the reader chose to stop).
 */
export function handleBrokenPipes(): void {
  for (const s of [process.stdout, process.stderr]) {
    s.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}

/** Process entry (bin/timbre-remap.js and `tsx src/cli/main.ts`). */
export function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  handleBrokenPipes();
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
