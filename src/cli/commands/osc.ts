import type { CliIO, Command } from '../types';
import { EXIT } from '../types';
import { helpText, needPositionals, parseArgs } from '../args';
import { describeOscAddresses, startOscBridge } from '../../hosts/osc';

/**
 * Run the bridge until `signal` aborts (tests) or the process gets SIGINT/SIGTERM (the command).
 * Prints where it listens on stdout, problems on stderr; returns the exit code.
 */
export async function runOsc(cmd: Command, argv: string[], io: CliIO, signal?: AbortSignal): Promise<number> {
  const a = parseArgs(cmd, argv);
  if (a.help) return io.stdout(helpText(cmd)), EXIT.OK;
  needPositionals(cmd, a.positionals, 0);
  const replyPort = a.options['reply-port'] as number | undefined;
  const bridge = await startOscBridge({
    port: a.options.port as number,
    ...(replyPort !== undefined ? { replyPort } : {}),
    host: a.options.host as string,
    allow: (a.options.allow as string[] | undefined) ?? [],
    log: (line) => io.stderr(`${line}\n`),
  });
  const where = bridge.replyPort === null ? "replies to each sender's own address and port" : `replies to the sender's address on port ${bridge.replyPort}`;
  io.stdout(`listening on ${bridge.address.host}:${bridge.address.port} (OSC over UDP); ${where}. Ctrl-C stops.\n`);
  const stopSignal = await new Promise<string>((resolve) => {
    const done = (name: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(name);
    };
    const onInt = () => done('SIGINT');
    const onTerm = () => done('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    if (signal) {
      if (signal.aborted) done('abort');
      else signal.addEventListener('abort', () => done('abort'), { once: true });
    }
  });
  await bridge.close();
  const s = bridge.stats;
  io.stderr(`stopped (${stopSignal}): ${s.received} packets, ${s.frames} frames answered, ${s.errors} errors sent (${s.errorsSuppressed} suppressed), ${s.stale + s.superseded} stale frames dropped, ${s.sessions} sessions.\n`);
  return EXIT.OK;
}

export const command: Command = {
  name: 'osc',
  summary: 'Run the OSC bridge for Pure Data (tr.remap) and other OSC clients',
  usage: 'osc [--port 9000] [--host 127.0.0.1] [--allow DIR]… [--reply-port PORT]',
  options: [
    { name: 'port', type: 'number', valueName: 'PORT', default: 9000, min: 0, max: 65535, description: 'UDP port the bridge listens on (0: any free port)' },
    { name: 'host', type: 'string', valueName: 'ADDR', default: '127.0.0.1', description: 'Interface to listen on (127.0.0.1: this machine only; 0.0.0.0: all interfaces)' },
    { name: 'allow', type: 'string', valueName: 'DIR', multiple: true, description: 'Also let clients load models and presets from, and train into, DIR (besides the models folder and the working folder); repeatable' },
    { name: 'reply-port', type: 'number', valueName: 'PORT', min: 1, max: 65535, description: "Legacy: send replies to PORT on the sender's host (default: to the sender's own port, which [netsend -u -b] receives)" },
  ],
  details: `${describeOscAddresses()}\n\nArguments are float32 (f), int32 (i) or strings (s); doubles (d) are refused with an error.\nFiles: clients may use only the models folder, the working folder and --allow folders (paths relative to the\npatch's folder when tr.remap sends it); training never overwrites and never loads the new model by itself.\nPure Data: open patchers/pd/timbreremap-example.pd (see docs/pd.md).`,
  run(argv: string[], io: CliIO): Promise<number> {
    return runOsc(this, argv, io);
  },
};
