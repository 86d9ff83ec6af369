/**
 * What the node.script engine accepts and answers: one spec, from which the host's handlers check
 * their arguments and the help patches / reference pages take their text (scripts/build-max.ts).
 *
 * Outlet protocol: node.script has one data outlet; every answer is a message whose selector says
 * what it is, so a patch splits them with [route …]. After every change of state: `neta|netb v…`
 * (the net record for tr.remap~'s buffer~ bank) then `bank 0|1`, `showing TEXT`. A hit that gen~
 * played (`hit …`) is answered with `timbre`, `features`, `params`, `physical`; in the round trip
 * (and for `frame`) also `synth id v …` (28 atoms: [zl iter 2] → tr.808~ param messages) and
 * `trigger` (bang the synth).
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
  { selector: 'neta', args: 'v…', doc: 'the net record for tr.remap~ (src/gen/record.ts), to write into buffer~ bank a ([listfunnel] → [peek~]); then bank 0' },
  { selector: 'netb', args: 'v…', doc: 'the same for bank b; then bank 1' },
  { selector: 'bank', args: '<0|1>', doc: 'tell tr.remap~ (gen~ Param bank) which buffer~ holds the newest net record' },
  { selector: 'showing', args: '<text>', doc: 'what plays: the model\'s name (with "(round trip)" when node.script plays it) or "preset only: NAME"' },
  { selector: 'saved', args: 'load <model> | preset <name>', doc: 'the message that restores the chosen sound (the device keeps it in the Live set)' },
  { selector: 'models', args: 'clear | append <name> | set <index> | dialog', doc: 'fills the model menu (shipped models, models trained here, "load file…"); dialog: open the file dialog' },
  { selector: 'timbre', args: 'loudness brightness noisiness', doc: 'the hit\'s timbre 0–1 (the features within the model\'s training range)' },
  { selector: 'record', args: 'open <path> | stop', doc: 'start ([open PATH, 1( to sfrecord~) or stop (0) recording the drum input' },
  { selector: 'recorded', args: '<path>', doc: 'the finished recording (train takes it)' },
  { selector: 'summary', args: 'key value …', doc: 'a finished training run: hits, test_hits, preset_error, model_error, better_pct, epochs, follows_…' },
  { selector: 'features', args: 'rms_db centroid_st flatness_db', doc: 'the hit\'s onset features' },
  { selector: 'params', args: 'f×14', doc: 'normalised synth parameters [0,1], parameter order' },
  { selector: 'physical', args: 'f×14', doc: 'physical synth parameters (Hz, ratio, ms, Q, dB), parameter order' },
  { selector: 'synth', args: 'id v × 14', doc: 'named physical parameters: [zl iter 2] turns them into tr.808~ param messages (osc1_freq 180.)' },
  { selector: 'trigger', args: '', doc: 'after `synth`: trigger the synth (bang → click~ → tr.808~)' },
  { selector: 'frame_samples', args: '<n>', doc: 'samples per onset window at the current rate (sets the capture count)' },
  { selector: 'drywet', args: '<0–1>', doc: 'the dry/wet mix to apply' },
  { selector: 'menu', args: 'clear | append <name>', doc: 'fills a umenu with the shipped presets' },
  { selector: 'status', args: '<word> …', doc: 'ready, loaded <model>, preset <name>, recording <wav>, training <wav>, trained <model>, cancelled, crashed' },
  { selector: 'progress', args: 'epoch epochs train_loss val_loss', doc: 'one per training epoch' },
  { selector: 'warning', args: '<message>', doc: 'a value was clamped or something was adjusted (also posted to the console)' },
  { selector: 'error', args: '<message>', doc: 'a message was refused; nothing changed (also posted to the console in red)' },
];

export const KNOWN_SELECTORS: readonly string[] = MAX_IN.map((m) => m.selector);
