/** Runs the `osc` subcommand as a process (what `timbre-remap osc …` does), for the CLI test. */
import { command } from '../../src/cli/commands/osc';
import { processIO } from '../../src/cli/main';

void command.run(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: Error) => {
    process.stderr.write(`error: ${e.message}\n`);
    process.exitCode = 2;
  },
);
