/**
 * The CLI's contract for subcommands: each file in `commands/` exports `command: Command`.
 * `run` gets the arguments after the subcommand name and returns the exit code; it never calls
 * `process.exit` (only `main.ts` does), so tests call it directly with a captured `io`.
 */
export interface CliIO {
  /** Write to standard output (the `--json` document goes here and nowhere else). */
  stdout: (text: string) => void;
  /** Write to standard error (messages, progress bars). */
  stderr: (text: string) => void;
  /** True when stderr is a terminal (progress bars only then). */
  isTTY: boolean;
  /** Raw stderr stream for progress bars (optional; absent in tests). */
  stderrStream?: NodeJS.WriteStream;
}

export type OptionType = 'string' | 'number' | 'boolean';

export interface OptionSpec {
  /** Long name without dashes (`dry-wet`). */
  name: string;
  type: OptionType;
  description: string;
  /** Value placeholder in help (`PATH`). */
  valueName?: string;
  default?: string | number | boolean;
  /** Allowed values, checked by the parser. */
  choices?: readonly string[];
  /** Inclusive numeric range, checked by the parser. */
  min?: number;
  max?: number;
  required?: boolean;
  /** Option may repeat (values collected in an array). */
  multiple?: boolean;
}

export interface Command {
  name: string;
  summary: string;
  /** Usage line after `timbre-remap ` (e.g. `onsets IN.wav [options]`). */
  usage: string;
  /** Positional arguments shown in help. */
  positionals?: ReadonlyArray<{ name: string; description: string; multiple?: boolean; required?: boolean }>;
  options: readonly OptionSpec[];
  /** Extra help text (examples, output format). */
  details?: string;
  run: (argv: string[], io: CliIO) => Promise<number>;
}

/** Exit codes: 0 ok, 1 failure while working, 2 bad usage or input (nothing written), 130 interrupted. */
export const EXIT = { OK: 0, FAILURE: 1, USAGE: 2, INTERRUPTED: 130 } as const;
