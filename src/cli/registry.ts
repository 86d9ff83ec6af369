/** Every subcommand, in the order `--help` lists them. */
import type { Command } from './types';
import { command as onsets } from './commands/onsets';
import { command as features } from './commands/features';
import { command as synth } from './commands/synth';
import { command as render } from './commands/render';
import { command as presets } from './commands/presets';
import { command as train } from './commands/train';
import { command as evaluate } from './commands/evaluate';
import { command as osc } from './commands/osc';
import { command as plot } from './commands/plot';

export const COMMANDS: readonly Command[] = [onsets, features, synth, render, presets, train, evaluate, osc, plot];
