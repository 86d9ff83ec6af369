/**
 * What the node.script engine accepts and answers: one spec, from which the host's handlers check
 * their arguments and the help patches / reference pages take their text (scripts/build-max.ts).
 *
 * Outlet protocol: node.script has one data outlet; every answer is a message whose selector says
 * what it is, so a patch splits them with [route …]. A hit produces, in this order:
 * `features f f f`, `params f×14`, `physical f×14`, `synth id v id v …` (28 atoms: [zl iter 2] → gen~
 * `tr.808~` param messages), `trigger` (bang the synth).
 */
import { commandsFor, synopsis } from '../commands';

export interface MaxMessageSpec {
  readonly selector: string;
  /** Argument synopsis for help text, e.g. `<0–4>`. */
  readonly args: string;
  readonly doc: string;
}

/** What node.script accepts: the shared command table (src/hosts/commands.ts) as Max offers it. */
export const MAX_IN: readonly MaxMessageSpec[] = commandsFor('max').map((c) => ({ selector: c.name, args: synopsis(c).slice(c.name.length + 1), doc: c.doc }));

export const MAX_OUT: readonly MaxMessageSpec[] = [
  { selector: 'features', args: 'rms_db centroid_st flatness_db', doc: 'the hit\'s onset features' },
  { selector: 'params', args: 'f×14', doc: 'normalised synth parameters [0,1], parameter order' },
  { selector: 'physical', args: 'f×14', doc: 'physical synth parameters (Hz, ratio, ms, Q, dB), parameter order' },
  { selector: 'synth', args: 'id v × 14', doc: 'named physical parameters: [zl iter 2] turns them into tr.808~ param messages (osc1_freq 180.)' },
  { selector: 'trigger', args: '', doc: 'after `synth`: trigger the synth (bang → click~ → tr.808~)' },
  { selector: 'frame_samples', args: '<n>', doc: 'samples per onset window at the current rate (sets the capture count)' },
  { selector: 'drywet', args: '<0–1>', doc: 'the dry/wet mix to apply' },
  { selector: 'menu', args: 'clear | append <name>', doc: 'fills a umenu with the shipped presets' },
  { selector: 'status', args: '<word> …', doc: 'ready, loaded <model>, preset <name>, training <wav>, trained <model>, cancelled, crashed' },
  { selector: 'progress', args: 'epoch epochs train_loss val_loss', doc: 'one per training epoch' },
  { selector: 'warning', args: '<message>', doc: 'a value was clamped or something was adjusted (also posted to the console)' },
  { selector: 'error', args: '<message>', doc: 'a message was refused; nothing changed (also posted to the console in red)' },
];

export const KNOWN_SELECTORS: readonly string[] = MAX_IN.map((m) => m.selector);
