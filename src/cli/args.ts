import type { Command, OptionSpec } from './types';
import { UserError } from '../util/errors';

export type ParsedValue = string | number | boolean | string[] | number[];
export interface Parsed {
  positionals: string[];
  options: Record<string, ParsedValue | undefined>;
  help: boolean;
}

/**
 * Parse `argv` against a command's option definitions (the same definitions make `--help`).
 * Accepts `--name value`, `--name=value`, boolean `--flag`; checks types, choices and ranges and
 * throws UserError naming the flag, the value and what is allowed.
 */
export function parseArgs(cmd: Command, argv: string[]): Parsed {
  const byName = new Map(cmd.options.map((o) => [o.name, o]));
  const options: Record<string, ParsedValue | undefined> = {};
  const positionals: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') { help = true; continue; }
    if (a === '--') { positionals.push(...argv.slice(i + 1)); break; }
    if (!a.startsWith('--') || a.length === 2) { positionals.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const spec = byName.get(name);
    if (!spec) throw new UserError(`unknown option --${name} for "${cmd.name}". Options: ${cmd.options.map((o) => `--${o.name}`).join(', ') || 'none'}; see "timbre-remap ${cmd.name} --help".`, 'E_USAGE');
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
    for (const o of cmd.options) {
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
    for (const p of cmd.positionals) lines.push(`  ${p.name.padEnd(22)} ${p.description}`);
  }
  lines.push('', 'Options:');
  for (const o of cmd.options) {
    const flag = `--${o.name}${o.type === 'boolean' ? '' : ` ${o.valueName ?? (o.type === 'number' ? 'N' : 'VALUE')}`}`;
    const extra = [
      o.choices ? `one of ${o.choices.join('|')}` : '',
      o.min !== undefined || o.max !== undefined ? `range ${o.min ?? ''}…${o.max ?? ''}` : '',
      o.default !== undefined && o.type !== 'boolean' ? `default ${o.default}` : '',
    ].filter(Boolean).join('; ');
    lines.push(`  ${flag.padEnd(22)} ${o.description}${extra ? ` (${extra})` : ''}`);
  }
  lines.push(`  ${'--help'.padEnd(22)} Show this help`);
  if (cmd.details) lines.push('', cmd.details);
  return lines.join('\n') + '\n';
}

/** Positional check with a helpful message. */
export function needPositionals(cmd: Command, positionals: string[], min: number, max = min): void {
  if (positionals.length < min) throw new UserError(`"${cmd.name}" needs ${cmd.positionals?.slice(0, min).map((p) => p.name).join(' ') || `${min} argument(s)`}. Usage: timbre-remap ${cmd.usage}`, 'E_USAGE');
  if (positionals.length > max) throw new UserError(`"${cmd.name}" takes at most ${max} argument(s); got ${positionals.join(' ')}. Usage: timbre-remap ${cmd.usage}`, 'E_USAGE');
}
