import type { Command, OptionSpec } from './types';
import { UserError } from '../util/errors';
import { didYouMeanHint } from '../util/didYouMean';

export type ParsedValue = string | number | boolean | string[] | number[];
export interface Parsed {
  positionals: string[];
  options: Record<string, ParsedValue | undefined>;
  help: boolean;
}

/**
 * Short options, one table for every command (sox/aubio habits: -o output, -r rate, -q quiet,
 * -h help). A short option exists for a command only when the command has the long one.
 */
export const SHORT_OPTIONS: Readonly<Record<string, string>> = {
  o: 'out',
  m: 'model',
  p: 'preset',
  r: 'sample-rate',
  f: 'force',
  q: 'quiet',
  h: 'help',
};

/** Options every command has (parsed here, listed in every --help). */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'quiet', type: 'boolean', description: 'No progress, notes or summary on stderr (errors and warnings still)' },
];

const shortFor = (long: string): string | undefined => Object.keys(SHORT_OPTIONS).find((k) => SHORT_OPTIONS[k] === long);

/** Every option of `cmd`, the global ones included. */
export function allOptions(cmd: Command): OptionSpec[] {
  return [...cmd.options, ...GLOBAL_OPTIONS.filter((g) => !cmd.options.some((o) => o.name === g.name))];
}

function unknownOption(cmd: Command, flag: string, options: readonly OptionSpec[]): UserError {
  const longs = options.map((o) => `--${o.name}`);
  const shorts = options.map((o) => shortFor(o.name)).filter((s): s is string => Boolean(s)).map((s) => `-${s}`);
  return new UserError(`unknown option ${flag} for "${cmd.name}".${didYouMeanHint(flag, [...longs, ...shorts, '--help'])} Options: ${[...longs, '--help'].join(', ')}; see "timbre-remap ${cmd.name} --help".`, 'E_USAGE');
}

/** A negative number is a value or positional, not an option. */
const isNumber = (a: string): boolean => a.trim() !== '' && Number.isFinite(Number(a));

/**
 * Parse `argv` against a command's option definitions (the same definitions make `--help`).
 * Accepts `--name value`, `--name=value`, boolean `--flag`, the short forms of SHORT_OPTIONS
 * (`-o FILE`, `-oFILE`, `-q`); checks types, choices and ranges and throws UserError naming the
 * flag, the value and what is allowed (with "did you mean" for a misspelt option).
 */
export function parseArgs(cmd: Command, argv: string[]): Parsed {
  const options0 = allOptions(cmd);
  const byName = new Map(options0.map((o) => [o.name, o]));
  const options: Record<string, ParsedValue | undefined> = {};
  const positionals: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    if (typeof a !== 'string') throw new UserError(`arguments must be strings; got ${typeof a}.`, 'E_USAGE');
    if (a === '--help' || a === '-h') { help = true; continue; }
    if (a === '--') { positionals.push(...argv.slice(i + 1)); break; }
    if (a.startsWith('-') && !a.startsWith('--') && a.length >= 2 && !isNumber(a)) {
      // Short option: -o FILE, -oFILE, -o=FILE, -q.
      const long = SHORT_OPTIONS[a[1]];
      if (!long || (long !== 'help' && !byName.has(long))) throw unknownOption(cmd, a.slice(0, 2), options0);
      const spec = byName.get(long) as OptionSpec;
      const rest = a.slice(2).replace(/^=/, '');
      if (spec.type === 'boolean' && rest !== '') throw new UserError(`-${a[1]} (--${long}) takes no value; got "${a}".`, 'E_USAGE');
      a = rest === '' ? `--${long}` : `--${long}=${rest}`;
    }
    if (!a.startsWith('--') || a.length === 2) { positionals.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const spec = byName.get(name);
    if (!spec) throw unknownOption(cmd, `--${name}`, options0);
    let raw: string | undefined;
    if (spec.type === 'boolean') {
      raw = eq > 0 ? a.slice(eq + 1) : 'true';
    } else if (eq > 0) {
      raw = a.slice(eq + 1);
    } else {
      raw = argv[++i];
      if (raw === undefined) throw new UserError(`--${name} needs a value (${spec.valueName ?? spec.type}).`, 'E_USAGE');
    }
    const value = convert(spec, raw);
    if (spec.multiple) {
      const prev = (options[name] as Array<string | number> | undefined) ?? [];
      options[name] = [...prev, value as string | number] as ParsedValue;
    } else {
      options[name] = value;
    }
  }
  if (!help) {
    for (const o of options0) {
      if (options[o.name] === undefined && o.default !== undefined) options[o.name] = o.default;
      if (o.required && options[o.name] === undefined) throw new UserError(`"${cmd.name}" needs --${o.name} ${o.valueName ?? ''}`.trim() + `: ${o.description}.`, 'E_USAGE');
    }
  }
  return { positionals, options, help };
}

function convert(spec: OptionSpec, raw: string): string | number | boolean {
  if (spec.type === 'boolean') {
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    throw new UserError(`--${spec.name} is a flag; got "${raw}" (use --${spec.name} or --${spec.name}=false).`, 'E_USAGE');
  }
  if (spec.type === 'number') {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v)) throw new UserError(`--${spec.name} must be a number; got "${raw}".`, 'E_USAGE');
    if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) {
      throw new UserError(`--${spec.name} must be within ${spec.min ?? '−∞'}…${spec.max ?? '∞'}; got ${v}.`, 'E_USAGE');
    }
    return v;
  }
  if (spec.choices && !spec.choices.includes(raw)) throw new UserError(`--${spec.name} must be one of ${spec.choices.join(', ')}; got "${raw}".`, 'E_USAGE');
  return raw;
}

/** `--help` text, made from the same definitions the parser uses. */
export function helpText(cmd: Command): string {
  const lines = [`timbre-remap ${cmd.name}: ${cmd.summary}`, '', `Usage: timbre-remap ${cmd.usage}`];
  if (cmd.positionals?.length) {
    lines.push('', 'Arguments:');
    for (const p of cmd.positionals) lines.push(`  ${p.name.padEnd(26)} ${p.description}`);
  }
  lines.push('', 'Options:');
  for (const o of allOptions(cmd)) {
    const short = shortFor(o.name);
    const flag = `${short ? `-${short}, ` : ''}--${o.name}${o.type === 'boolean' ? '' : ` ${o.valueName ?? (o.type === 'number' ? 'N' : 'VALUE')}`}`;
    const extra = [
      o.choices ? `one of ${o.choices.join('|')}` : '',
      o.min !== undefined || o.max !== undefined ? `range ${o.min ?? ''}…${o.max ?? ''}` : '',
      o.default !== undefined && o.type !== 'boolean' ? `default ${o.default}` : '',
    ].filter(Boolean).join('; ');
    lines.push(`  ${flag.padEnd(26)} ${o.description}${extra ? ` (${extra})` : ''}`);
  }
  lines.push(`  ${'-h, --help'.padEnd(26)} Show this help`);
  if (cmd.details) lines.push('', cmd.details);
  return lines.join('\n') + '\n';
}

/** Positional check with a helpful message. */
export function needPositionals(cmd: Command, positionals: string[], min: number, max = min): void {
  if (positionals.length < min) throw new UserError(`"${cmd.name}" needs ${cmd.positionals?.slice(0, min).map((p) => p.name).join(' ') || `${min} argument(s)`}. Usage: timbre-remap ${cmd.usage}`, 'E_USAGE');
  if (positionals.length > max) throw new UserError(`"${cmd.name}" takes at most ${max} argument(s); got ${positionals.join(' ')}. Usage: timbre-remap ${cmd.usage}`, 'E_USAGE');
}
