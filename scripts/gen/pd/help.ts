/**
 * The help patches (`NAME-help.pd`, Pd's convention: beside the abstraction) and the example, in
 * the reference layout of Pd's own help patches (helpParts.ts), every one fitting 1366×768 without
 * overlapping boxes (test/pd/layout.test.ts). Each one that plays hits loads a shipped model at
 * open, so the first sound is the remapping. Texts come from the specs (PARAMS, presets, the
 * message tables of the generators).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ONSET_WINDOW_SAMPLES, triggerDelaySamplesAt } from '../../../src/engine/constants';
import { ONSET_SETTINGS, ADAPTIVE_DEFAULT_SETTINGS, REFERENCE_PLUGIN_SETTINGS } from '../../../src/onset/settings';
import { NUM_PARAMS, PARAMS } from '../../../src/synth/params';
import { loadPreset } from '../../../src/synth/presets';
import { DEFAULT_POOL_VOICES, DEFAULT_STEAL_FADE_MS } from '../../../src/synth/pool';
import { footer, header, HELP_HEIGHT, HELP_WIDTH, metaCanvas, msgRow, place, referenceCanvas } from './helpParts';
import { PdCanvas, pdFile, pdNumber } from './patch';
import { BUDGET_RANGE_MS, DEFAULT_BRIDGE_PORT, DEFAULT_BUDGET_MS, REMAP_MESSAGES } from './remap';
import { CLONE_VOICES, PD_BLOCK } from './synth';

/** The model every help patch and the example load at open (shipped, found by name by the bridge). */
export const HELP_MODEL = 'gmrock_808_snare_1';
/** The example recording, copied into the library folder. */
export const EXAMPLE_WAV = 'gmrock-snare-performance.wav';

const version = () => (JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string }).version;
const canvas = () => new PdCanvas({ x: 0, y: 50, width: HELP_WIDTH, height: HELP_HEIGHT });
const normalised = (preset: string) => Array.from(loadPreset(preset).normalised, (v) => pdNumber(v)).join(' ');
const latencySamples = triggerDelaySamplesAt(44100) + Math.floor((DEFAULT_BUDGET_MS * 44100) / 1000);

/**
 * The example player: loadbang reads the recording into ARRAY; "bang" plays it, "stop" stops;
 * returns the [tabplay~] and the bottom of the block.
 */
function player(c: PdCanvas, x: number, y: number, array: string): { play: ReturnType<PdCanvas['obj']>; bottom: number } {
  const lb = place(c, 'obj', x, y, 'loadbang');
  const rd = place(c, 'msg', x, lb.bottom + 6, `read -resize ${EXAMPLE_WAV} ${array}`);
  const sf = place(c, 'obj', x, rd.bottom + 6, 'soundfiler');
  place(c, 'obj', sf.right + 10, rd.bottom + 6, `array define ${array}`);
  const go = place(c, 'msg', x, sf.bottom + 10, 'bang');
  const stop = place(c, 'msg', go.right + 8, sf.bottom + 10, 'stop');
  place(c, 'text', stop.right + 10, sf.bottom + 12, '<- play / stop the example recording (or use adc~)');
  const play = place(c, 'obj', x, go.bottom + 8, `tabplay~ ${array}`);
  c.connect(lb.box, 0, rd.box, 0).connect(rd.box, 0, sf.box, 0).connect(go.box, 0, play.box, 0).connect(stop.box, 0, play.box, 0);
  return { play: play.box, bottom: play.bottom };
}

/**
 * The onset-function display: a subpatch (block~ 256) scrolling each block's maximum of the odf
 * into ODF (690 blocks = 4 s), and the threshold lines TRIG/REARM following the settings messages
 * on its right inlet (mode/trigger/rearm, defaults from ONSET_SETTINGS).
 */
function onsetDisplay(prefix: string): PdCanvas {
  const odf = `${prefix}-odf`;
  const c = new PdCanvas({ x: 100, y: 100, width: 900, height: 420 });
  c.text(20, 10, `The onset function (dB) in 256-sample blocks (5.8 ms): each block's maximum, clipped to -10..40 dB, scrolls into ${odf} (690 blocks = 4 s, newest on the right). Right inlet: the settings messages of the parent (mode, trigger, rearm) move the threshold lines.`, 110);
  c.obj(800, 60, 'block~ 256');
  const sig = c.obj(20, 80, 'inlet~');
  const ts = c.obj(20, 110, 'tabsend~ $0-blk');
  c.obj(200, 110, 'array define $0-blk 256');
  const bang = c.obj(20, 150, 'bang~');
  const max = c.obj(20, 180, 'array max $0-blk');
  const clip = c.obj(20, 210, 'clip -10 40');
  const t = c.obj(20, 240, 't f b');
  const shift = c.obj(80, 270, `array get ${odf} 1 689`);
  const set = c.obj(80, 300, `array set ${odf}`);
  const tw = c.obj(20, 340, `tabwrite ${odf}`);
  const lb = c.obj(300, 150, 'loadbang');
  const last = c.msg(300, 180, '689');
  const ctl = c.obj(450, 80, 'inlet');
  const route = c.obj(450, 110, 'route trigger rearm mode');
  const modes = c.obj(600, 140, 'route adaptive reference');
  const a = c.msg(600, 170, `${ADAPTIVE_DEFAULT_SETTINGS.triggerDb} ${ADAPTIVE_DEFAULT_SETTINGS.rearmDb}`);
  const r = c.msg(700, 170, `${REFERENCE_PLUGIN_SETTINGS.triggerDb} ${REFERENCE_PLUGIN_SETTINGS.rearmDb}`);
  const unpack = c.obj(600, 200, 'unpack f f');
  const cTrig = c.msg(450, 240, 'const $1');
  const cRearm = c.msg(600, 240, 'const $1');
  c.connect(sig, 0, ts, 0).chain(bang, max, clip, t).connect(t, 1, shift, 0).connect(shift, 0, set, 0).connect(t, 0, tw, 0);
  c.connect(lb, 0, last, 0).connect(last, 0, tw, 1).connect(lb, 0, a, 0);
  c.connect(ctl, 0, route, 0).connect(route, 0, cTrig, 0).connect(route, 1, cRearm, 0).connect(route, 2, modes, 0);
  c.connect(modes, 0, a, 0).connect(modes, 1, r, 0).connect(a, 0, unpack, 0).connect(r, 0, unpack, 0);
  c.connect(unpack, 0, cTrig, 0).connect(unpack, 1, cRearm, 0);
  c.connect(cTrig, 0, c.obj(450, 270, `s ${prefix}-trig`), 0).connect(cRearm, 0, c.obj(600, 270, `s ${prefix}-rearm`), 0);
  return c;
}

/** The odf graph (3 arrays) with its scale labels, and the display subpatch; returns [subpatch box, bottom]. */
function odfGraph(c: PdCanvas, x: number, y: number, prefix: string, w = 500, h = 120): { display: ReturnType<PdCanvas['obj']>; bottom: number } {
  const t = place(c, 'text', x, y, 'the onset function (dB, last 4 s) with the trigger and re-arm lines', 75);
  const gy = t.bottom + 8;
  c.graph(x, gy, [`${prefix}-odf`, `${prefix}-trig`, `${prefix}-rearm`].map((name) => ({ name, size: 690 })), w, h, 40, -10);
  place(c, 'text', x + w + 6, gy - 4, '40 dB');
  place(c, 'text', x + w + 6, gy + h - 14, '-10 dB');
  const display = c.subpatch(x + w + 6, gy + Math.floor(h / 2) - 10, 'onset-display', onsetDisplay(prefix));
  return { display, bottom: gy + h };
}

/** A hit counter with a flash: returns the box to bang and the bottom. */
function hitCounter(c: PdCanvas, x: number, y: number, label: string): { input: ReturnType<PdCanvas['obj']>; bottom: number } {
  const t = place(c, 'obj', x, y, 't b');
  const flash = c.bng(x, t.bottom + 6, 22);
  const f = place(c, 'obj', x + 40, t.bottom + 6, 'f');
  const plus = place(c, 'obj', f.right + 8, t.bottom + 6, '+ 1');
  const zero = place(c, 'msg', plus.right + 10, t.bottom + 6, '0');
  const n = c.floatatom(x + 40, f.bottom + 6, 6);
  place(c, 'text', x + 100, f.bottom + 6, label);
  c.connect(t.box, 0, flash, 0).connect(t.box, 0, f.box, 0).connect(f.box, 0, plus.box, 0).connect(plus.box, 0, f.box, 1).connect(plus.box, 0, n, 0);
  c.connect(zero.box, 0, f.box, 1).connect(zero.box, 0, n, 0);
  return { input: t.box, bottom: f.bottom + 28 };
}

const REMAP_OUTLETS = [
  `list - the hit for tr.808~: the ${NUM_PARAMS} synth parameters (0..1, reference order) and the start offset in samples after the next block, at onset + window end + budget.`,
  'bang - at each onset (when it is detected, before the hit plays).',
  'anything - hit ID 1|0 (1 = played the model\'s answer, 0 = the base sound), model NAME, features LOUDNESS BRIGHTNESS NOISINESS, physical (the answer in Hz/ms/dB), status TEXT, error TEXT, progress EPOCH EPOCHS TRAIN VALIDATION, trained PATH.',
  'signal - the onset-detection function (dB) of tr.onset~.',
];

/** tr.remap-help.pd */
export function trRemapHelp(): string {
  const c = canvas();
  const ref = referenceCanvas('tr.remap', 'detect hits, ask the TimbreRemap engine for synth parameters', [
    [{ title: 'INLETS:', items: [{ label: '1st:', lines: ['signal - the drum (adc~ or a recording).'] }, { label: '2nd:', lines: REMAP_MESSAGES.map((m) => `${m.name}${m.args ? ` ${m.args}` : ''} - ${m.doc}.`) }] }],
    [
      { title: 'OUTLETS:', items: REMAP_OUTLETS.map((l, k) => ({ label: `${['1st', '2nd', '3rd', '4th'][k]}:`, lines: [l] })) },
      { title: 'ARGUMENTS:', items: [{ lines: [`1) float - the bridge's UDP port on 127.0.0.1 (default ${DEFAULT_BRIDGE_PORT}, connect HOST PORT for another).`, `2) float - the answer budget in ms (default ${DEFAULT_BUDGET_MS}, ${BUDGET_RANGE_MS[0]}..${BUDGET_RANGE_MS[1]}): latency = window end (${triggerDelaySamplesAt(44100)} samples at 44.1 kHz) + budget.`] }] },
    ],
  ]);
  // a comment title: a live [tr.remap] there would be a second instance talking to the bridge
  header(c, 'tr.remap', 'detect each hit, ask the TimbreRemap engine (the OSC bridge) for synth parameters, play them at a fixed latency', ref, false);
  const intro = place(c, 'text', 20, 56, `Every hit plays at the same time after its onset: the onset window (complete ${triggerDelaySamplesAt(44100)} samples after the onset) plus the answer budget (${DEFAULT_BUDGET_MS} ms), ${latencySamples} samples at 44.1 kHz, placed to the sample. It plays the model's answer when that comes within the budget, else the base sound (the model's preset, or the default preset before the bridge has answered): a hit is never silent, and the Pd window says once when the bridge stops answering and once when it answers again. Each tr.remap has its own session at the bridge.`, 96);
  const steps = place(c, 'text', 20, intro.bottom + 8, '1) in a terminal: npx timbre-remap osc   2) DSP on:', 52);
  const dsp = place(c, 'msg', steps.right + 6, intro.bottom + 6, '; pd dsp 1');
  place(c, 'text', dsp.right + 10, intro.bottom + 8, '3) play the example (bang) below');
  let y = dsp.bottom + 12;
  const lb = place(c, 'obj', 20, y, 'loadbang');
  const load = place(c, 'msg', lb.right + 10, y, `load ${HELP_MODEL}`);
  place(c, 'text', load.right + 10, y + 2, '<- at open: the first sound is the remapping', 46);
  y = load.bottom + 12;
  const rows = [
    ['load gmrock_808_snare_2', 'load my-model', 'preset 808_snare_3', 'reset'],
    ['sensitivity 0.5', 'sensitivity 1.5', `budget ${DEFAULT_BUDGET_MS}`, 'budget 10', 'connect 127.0.0.1 9000', 'disconnect'],
    ['mode adaptive', 'mode reference', 'trigger 6', 'holdms 50', 'cancel'],
    [`train ${EXAMPLE_WAV} 808_snare_1 my-model 20`],
  ];
  const msgBoxes: Array<ReturnType<PdCanvas['obj']>> = [load.box];
  for (const r of rows) {
    const row = msgRow(c, 20, y, r);
    msgBoxes.push(...row.boxes);
    y = row.bottom + 8;
  }
  const note = place(c, 'text', 20, y, "Paths of load and train are relative to this patch's folder (a bare name is a shipped model). train writes my-model.onnx and .json, with progress on the right, then: load my-model.", 96);
  y = note.bottom + 12;
  const pl = player(c, 20, y, 'trremap-help-snd');
  place(c, 'obj', 260, pl.bottom - 21, 'adc~');
  const remap = place(c, 'obj', 20, pl.bottom + 14, `tr.remap ${DEFAULT_BRIDGE_PORT}`);
  place(c, 'text', remap.right + 12, pl.bottom + 16, '<- outlets: hit / onset / replies / onset function', 60);
  const syn = place(c, 'obj', 20, remap.bottom + 26, 'tr.808~');
  const gain = place(c, 'obj', syn.right + 20, remap.bottom + 26, '*~ 0.5');
  const dac = place(c, 'obj', gain.right + 20, remap.bottom + 26, 'dac~');
  c.connect(lb.box, 0, load.box, 0);
  for (const m of msgBoxes) c.connect(m, 0, remap.box, 1);
  c.connect(pl.play, 0, remap.box, 0).connect(remap.box, 0, syn.box, 0).connect(syn.box, 0, gain.box, 0).connect(gain.box, 0, dac.box, 0).connect(gain.box, 0, dac.box, 1);

  // displays, right column
  const X = 740;
  const onsets = hitCounter(c, X, 56, 'onsets (click 0 to reset)');
  c.connect(remap.box, 1, onsets.input, 0);
  const rt = place(c, 'obj', X, onsets.bottom + 4, 'route hit features model progress trained');
  c.connect(remap.box, 2, rt.box, 0);
  // hit ID 1|0 → answered / base counters
  const hitU = place(c, 'obj', X, rt.bottom + 8, 'unpack f f');
  const sel = place(c, 'obj', hitU.right + 10, rt.bottom + 8, 'sel 1 0');
  const fa = place(c, 'obj', X, hitU.bottom + 6, 'f');
  const pa = place(c, 'obj', fa.right + 6, hitU.bottom + 6, '+ 1');
  const fb = place(c, 'obj', X + 80, hitU.bottom + 6, 'f');
  const pb = place(c, 'obj', fb.right + 6, hitU.bottom + 6, '+ 1');
  const na = c.floatatom(X, fa.bottom + 6, 5);
  const nb = c.floatatom(X + 80, fa.bottom + 6, 5);
  place(c, 'text', X + 160, fa.bottom + 6, "<- hits that played the model's answer / the base sound (late answer or no bridge)", 52);
  c.connect(rt.box, 0, hitU.box, 0).connect(hitU.box, 1, sel.box, 0);
  c.connect(sel.box, 0, fa.box, 0).connect(fa.box, 0, pa.box, 0).connect(pa.box, 0, fa.box, 1).connect(pa.box, 0, na, 0);
  c.connect(sel.box, 1, fb.box, 0).connect(fb.box, 0, pb.box, 0).connect(pb.box, 0, fb.box, 1).connect(pb.box, 0, nb, 0);
  // features of the last hit
  const fu = place(c, 'obj', X, fa.bottom + 34, 'unpack f f f');
  const labels = ['loudness (RMS dB)', 'brightness (semitones)', 'noisiness (flatness dB)'];
  labels.forEach((l, k) => {
    const n = c.floatatom(X + 180 * k, fu.bottom + 6, 7);
    c.connect(fu.box, k, n, 0);
    place(c, 'text', X + 180 * k, fu.bottom + 30, l, 24);
  });
  c.connect(rt.box, 1, fu.box, 0);
  // model name, training progress (route passes names on as messages: [list] makes them lists)
  const my = fu.bottom + 52;
  const mlist = place(c, 'obj', X, my, 'list');
  const mset = place(c, 'msg', mlist.right + 8, my, 'set model $1');
  const mshow = place(c, 'msg', X, mlist.bottom + 6, 'model', 36);
  c.connect(rt.box, 2, mlist.box, 0).connect(mlist.box, 0, mset.box, 0).connect(mset.box, 0, mshow.box, 0);
  const prog = place(c, 'msg', X + 280, my, 'set epoch $1 of $2 loss $3 $4');
  const tlist = place(c, 'obj', X + 280, prog.bottom + 6, 'list');
  const tset = place(c, 'msg', tlist.right + 8, prog.bottom + 6, 'set trained $1');
  const pshow = place(c, 'msg', X + 280, tset.bottom + 6, 'training', 34);
  c.connect(rt.box, 3, prog.box, 0).connect(prog.box, 0, pshow.box, 0);
  c.connect(rt.box, 4, tlist.box, 0).connect(tlist.box, 0, tset.box, 0).connect(tset.box, 0, pshow.box, 0);
  // loudness of the last 32 hits
  const ly = pshow.bottom + 10;
  const lt = place(c, 'text', X, ly, 'loudness of the last 32 hits (dB, newest left):', 50);
  const clip = place(c, 'obj', X, lt.bottom + 6, 'clip -60 0');
  const app = place(c, 'obj', clip.right + 8, lt.bottom + 6, 'list append');
  const split = place(c, 'obj', X, clip.bottom + 6, 'list split 32');
  const tt = place(c, 'obj', split.right + 8, clip.bottom + 6, 't l l');
  const aset = place(c, 'obj', X, split.bottom + 6, 'array set trremap-help-loudness');
  const lb2 = place(c, 'obj', X, aset.bottom + 6, 'loadbang');
  const cst = place(c, 'msg', lb2.right + 8, aset.bottom + 6, 'const -60');
  const snd = place(c, 'obj', cst.right + 8, aset.bottom + 6, 's trremap-help-loudness');
  c.connect(fu.box, 0, clip.box, 0).connect(clip.box, 0, app.box, 0).connect(app.box, 0, split.box, 0).connect(split.box, 0, tt.box, 0).connect(split.box, 2, tt.box, 0);
  c.connect(tt.box, 1, app.box, 1).connect(tt.box, 0, aset.box, 0).connect(lb2.box, 0, cst.box, 0).connect(cst.box, 0, snd.box, 0);
  const gx = X + 300;
  c.graph(gx, lt.bottom + 6, [{ name: 'trremap-help-loudness', size: 32 }], 160, 80, 0, -60, 'points');
  place(c, 'text', gx + 166, lt.bottom + 4, '0 dB');
  place(c, 'text', gx + 166, lt.bottom + 72, '-60');
  // onset function
  const og = odfGraph(c, X, snd.bottom + 10, 'trremap-help', 400, 72);
  c.connect(remap.box, 3, og.display, 0);
  for (const m of msgBoxes) c.connect(m, 0, og.display, 1);
  footer(c, 'tr.onset~ (the detector), tr.808~ (the synth), timbreremap-example.pd, README.md (install, the bridge, [declare -path timbreremap])', version(), metaCanvas([
    ['KEYWORDS', 'timbre remapping drum onset OSC'],
    ['LICENSE', 'Apache-2.0'],
    ['DESCRIPTION', 'detect hits and get synth parameters for each from the TimbreRemap engine (OSC bridge), at a fixed latency'],
    ['INLET_0', 'signal'],
    ['INLET_1', 'load preset sensitivity reset train cancel connect disconnect budget mode trigger rearm hold holdms maskms'],
    ['OUTLET_0', 'list'], ['OUTLET_1', 'bang'], ['OUTLET_2', 'anything'], ['OUTLET_3', 'signal'],
    ['AUTHOR', 'TimbreRemap contributors'],
  ]));
  return pdFile(c);
}

const PRESET_ROWS = ['808_snare_1', '808_snare_3', '808_noisy_snare', '808_tom_1', '808_kick'];
const paramNames = PARAMS.map((p) => p.name).join(' ');

/** tr.808~-help.pd */
export function tr808Help(): string {
  const c = canvas();
  const ref = referenceCanvas('tr.808~', 'the TimbreRemap 808 snare synth (a pool of voices)', [
    { title: 'INLET:', items: [{ lines: [`list - ${NUM_PARAMS} parameters 0..1 (${paramNames}) and optionally a start offset in samples after the start of the next ${PD_BLOCK}-sample block: starts a hit.`, 'noise 0|1 - mute or unmute the noise branch.', 'reset - silence every voice.'] }] },
    { title: 'OUTLET:', items: [{ lines: ['signal - the sum of the voices.'] }] },
    { title: 'ARGUMENTS:', items: [{ lines: ['none.'] }] },
  ]);
  header(c, 'tr.808~', 'the TimbreRemap 808 snare synth: the TypeScript synth sample by sample, in a pool of voices', ref);
  const intro = place(c, 'text', 20, 56, `A list of the ${NUM_PARAMS} normalised parameters starts a hit (tr.remap outputs such lists): phase from 0, a 1 ms linear attack then exponential decays, the shipped noise table (noise-44100.f32, beside this patch) through a resonant high-pass, gains and tanh. Values outside 0..1 are clamped, every time constant uses the current sample rate. Hits overlap: ${DEFAULT_POOL_VOICES} voices as the engine's VoicePool - a new hit takes a free voice or, when ${DEFAULT_POOL_VOICES} sound, steals the oldest, which fades out over ${DEFAULT_STEAL_FADE_MS} ms (no click, no other tail cut). A 15th number is the start offset: the hit starts that many samples after the start of the next ${PD_BLOCK}-sample block (tr.remap uses it to place every hit to the sample).`, 170);
  const dsp = place(c, 'msg', 20, intro.bottom + 10, '; pd dsp 1');
  const dsp0 = place(c, 'msg', dsp.right + 10, intro.bottom + 10, '; pd dsp 0');
  let y = dsp0.bottom + 12;
  const boxes: Array<ReturnType<PdCanvas['obj']>> = [];
  const presetBox = (text: string, label: string) => {
    const m = place(c, 'msg', 20, y, text, 64);
    place(c, 'text', m.right + 10, y + 2, label, 24);
    boxes.push(m.box);
    y = m.bottom + 8;
  };
  for (const name of PRESET_ROWS) presetBox(normalised(name), `<- ${name}`);
  presetBox(`${normalised('808_snare_1')} 32`, '<- 808_snare_1, 32 samples into the next block');
  const row = msgRow(c, 20, y + 4, ['noise 0', 'noise 1', 'reset']);
  boxes.push(...row.boxes);
  place(c, 'text', row.right + 4, y + 6, '<- mute / unmute the noise branch, silence every voice', 60);
  y = row.bottom + 20;
  const syn = place(c, 'obj', 20, y, 'tr.808~');
  const gain = place(c, 'obj', syn.right + 20, y, '*~ 0.5');
  const dac = place(c, 'obj', gain.right + 20, y, 'dac~');
  for (const b of boxes) c.connect(b, 0, syn.box, 0);
  c.connect(syn.box, 0, gain.box, 0).connect(gain.box, 0, dac.box, 0).connect(gain.box, 0, dac.box, 1);
  // from the drum: the example through tr.remap (a model loaded at open)
  const X = 720;
  const t = place(c, 'text', X, dsp.bottom + 12, `From a drum: the example recording through tr.remap (start the bridge: npx timbre-remap osc), with the shipped model ${HELP_MODEL} loaded at open, into the tr.808~ on the left.`, 76);
  const pl = player(c, X, t.bottom + 10, 'tr808-help-snd');
  const lb = place(c, 'obj', X + 200, pl.bottom + 14, 'loadbang');
  const load = place(c, 'msg', X + 200, lb.bottom + 6, `load ${HELP_MODEL}`);
  const remap = place(c, 'obj', X, load.bottom + 10, `tr.remap ${DEFAULT_BRIDGE_PORT}`);
  c.connect(pl.play, 0, remap.box, 0).connect(lb.box, 0, load.box, 0).connect(load.box, 0, remap.box, 1).connect(remap.box, 0, syn.box, 0);
  footer(c, `tr.808voice~ (one voice, ${CLONE_VOICES} in a [clone] here), tr.remap, tr.onset~, README.md`, version(), metaCanvas([
    ['KEYWORDS', '808 snare drum synth voice pool'], ['LICENSE', 'Apache-2.0'],
    ['DESCRIPTION', 'the TimbreRemap 808 snare synth (14 parameters, 4-voice pool, sample-accurate starts)'],
    ['INLET_0', 'list noise reset'], ['OUTLET_0', 'signal'], ['AUTHOR', 'TimbreRemap contributors'],
  ]));
  return pdFile(c);
}

/** tr.808voice~-help.pd */
export function tr808VoiceHelp(): string {
  const c = canvas();
  const ref = referenceCanvas('tr.808voice~', 'one voice of tr.808~', [
    { title: 'INLET:', items: [{ lines: [`list - ${NUM_PARAMS} parameters 0..1 [+ start offset in samples after the next block start]: starts a hit (restarts the voice, ends any fade).`, 'fade N [OFFSET] - fade out linearly over N samples from the current gain, OFFSET samples after the next block start.', 'stop - silence at the next block.', 'query - answer on the right outlet: 1 while the voice sounds (its silence bound, 1e-5) or was triggered within the last block, else 0.', 'noise 0|1 - mute or unmute the noise branch.'] }] },
    { title: 'OUTLETS:', items: [{ label: '1st:', lines: ['signal - the voice.'] }, { label: '2nd:', lines: ['float - the answer to query.'] }] },
    { title: 'ARGUMENTS:', items: [{ lines: ['none ([clone] passes the voice number, unused).'] }] },
  ]);
  header(c, 'tr.808voice~', 'one voice of tr.808~ (which plays several in a [clone]), rarely used on its own', ref);
  const intro = place(c, 'text', 20, 60, `The 808 snare voice of the TypeScript SynthVoice (training semantics), with what a voice pool needs: a start offset, a linear fade-out for voice stealing and a query of whether it still sounds. tr.808~ plays ${CLONE_VOICES} of these as a pool of ${DEFAULT_POOL_VOICES} voices.`, 84);
  const dsp = place(c, 'msg', 20, intro.bottom + 10, '; pd dsp 1');
  const hit = place(c, 'msg', 20, dsp.bottom + 14, normalised('808_snare_1'));
  place(c, 'text', hit.right + 10, dsp.bottom + 16, '<- 808_snare_1');
  const row = msgRow(c, 20, hit.bottom + 10, ['fade 221', 'fade 221 32', 'stop', 'query', 'noise 0', 'noise 1']);
  place(c, 'text', row.right + 4, hit.bottom + 12, '<- 221 samples = 5 ms at 44.1 kHz', 40);
  const v = place(c, 'obj', 20, row.bottom + 24, 'tr.808voice~');
  const gain = place(c, 'obj', 20, v.bottom + 10, '*~ 0.5');
  const dac = place(c, 'obj', 20, gain.bottom + 10, 'dac~');
  const q = c.floatatom(160, v.bottom + 10, 3);
  place(c, 'text', 200, v.bottom + 10, '<- sounding (answer to query)');
  for (const b of [hit.box, ...row.boxes]) c.connect(b, 0, v.box, 0);
  c.connect(v.box, 0, gain.box, 0).connect(gain.box, 0, dac.box, 0).connect(gain.box, 0, dac.box, 1).connect(v.box, 1, q, 0);
  footer(c, 'tr.808~ (the pool), tr.remap, README.md', version(), metaCanvas([
    ['KEYWORDS', '808 snare synth voice'], ['LICENSE', 'Apache-2.0'], ['DESCRIPTION', 'one voice of the TimbreRemap 808 snare synth'],
    ['INLET_0', 'list fade stop query noise'], ['OUTLET_0', 'signal'], ['OUTLET_1', 'float'], ['AUTHOR', 'TimbreRemap contributors'],
  ]));
  return pdFile(c);
}

/** tr.onset~-help.pd */
export function trOnsetHelp(): string {
  const c = canvas();
  const setting = (id: string) => ONSET_SETTINGS.find((s) => s.id === id);
  const ref = referenceCanvas('tr.onset~', 'the TimbreRemap onset detector', [
    { title: 'INLETS:', items: [{ label: '1st:', lines: ['signal - the drum.'] }, { label: '2nd:', lines: ['mode adaptive|reference - switch the mode (the new mode starts afresh).', `trigger DB - ${setting('triggerDb')?.doc}.`, `rearm DB - ${setting('rearmDb')?.doc}.`, 'hold SAMPLES, holdms MS - the shortest time between two onsets.', `maskms MS - ${setting('maskMs')?.doc}.`, 'reset - back to the initial state.'] }] },
    { title: 'OUTLETS:', items: [{ label: '1st:', lines: ['signal - 1 at the onset sample, else 0.'] }, { label: '2nd:', lines: [`float - after a block that holds an onset, its index in that block (0..${PD_BLOCK - 1}).`] }, { label: '3rd:', lines: ['signal - the onset-detection function (dB) the thresholds apply to.'] }] },
    { title: 'ARGUMENTS:', items: [{ lines: ['1) symbol - the mode: adaptive (default, as the engine) or reference (the published detector).'] }] },
  ]);
  header(c, 'tr.onset~', 'the TimbreRemap onset detector (both modes of the engine, the same samples)', ref);
  const intro = place(c, 'text', 20, 60, `adaptive (default, as the engine): the level of the 600 Hz high-passed input against its own noise floor and a background level - an onset when the gated level rises ${ADAPTIVE_DEFAULT_SETTINGS.triggerDb} dB over the background, re-arm below ${ADAPTIVE_DEFAULT_SETTINGS.rearmDb} dB, hold ${ADAPTIVE_DEFAULT_SETTINGS.holdMs} ms, and a retrigger mask (the last hit's peak, released over ${ADAPTIVE_DEFAULT_SETTINGS.maskMs} ms) keeps its ring and rattle from firing. It catches quiet hits well above the noise. reference: the published detector (level floored at ${REFERENCE_PLUGIN_SETTINGS.minDb} dBFS, fast minus slow envelope, trigger ${REFERENCE_PLUGIN_SETTINGS.triggerDb} dB, re-arm ${REFERENCE_PLUGIN_SETTINGS.rearmDb} dB, hold ${REFERENCE_PLUGIN_SETTINGS.holdSamples} samples). Choose with an argument ([tr.onset~ reference]) or the mode message. Settings apply to the current mode.`, 84);
  const dsp = place(c, 'msg', 20, intro.bottom + 10, '; pd dsp 1');
  const row1 = msgRow(c, 20, dsp.bottom + 12, ['mode adaptive', 'mode reference', 'reset']);
  const row2 = msgRow(c, 20, row1.bottom + 8, [`trigger ${ADAPTIVE_DEFAULT_SETTINGS.triggerDb}`, `rearm ${ADAPTIVE_DEFAULT_SETTINGS.rearmDb}`, `holdms ${ADAPTIVE_DEFAULT_SETTINGS.holdMs}`, `maskms ${ADAPTIVE_DEFAULT_SETTINGS.maskMs}`, `hold ${REFERENCE_PLUGIN_SETTINGS.holdSamples}`]);
  const pl = player(c, 20, row2.bottom + 16, 'tronset-help-snd');
  const adc = place(c, 'obj', 340, pl.bottom - 21, 'adc~');
  const det = place(c, 'obj', 20, pl.bottom + 24, 'tr.onset~');
  const gain = place(c, 'obj', 20, det.bottom + 40, '*~ 0.5');
  const dac = place(c, 'obj', 20, gain.bottom + 10, 'dac~');
  const idx = c.floatatom(160, det.bottom + 10, 4);
  place(c, 'text', 200, det.bottom + 10, '<- index of the last onset in its block');
  const msgs = [...row1.boxes, ...row2.boxes];
  for (const b of msgs) c.connect(b, 0, det.box, 1);
  c.connect(pl.play, 0, det.box, 0).connect(pl.play, 0, gain.box, 0).connect(gain.box, 0, dac.box, 0).connect(gain.box, 0, dac.box, 1).connect(det.box, 1, idx, 0);
  void adc;
  const X = 720;
  const hits = hitCounter(c, X, 60, 'onsets (click 0 to reset)');
  c.connect(det.box, 1, hits.input, 0);
  const og = odfGraph(c, X, hits.bottom + 20, 'tronset-help', 400, 140);
  c.connect(det.box, 2, og.display, 0);
  for (const b of msgs) c.connect(b, 0, og.display, 1);
  footer(c, 'tr.remap (uses it), README.md, and the engine: npx timbre-remap onsets FILE.wav', version(), metaCanvas([
    ['KEYWORDS', 'onset detection drum attack'], ['LICENSE', 'Apache-2.0'], ['DESCRIPTION', 'the TimbreRemap onset detector (adaptive and reference modes)'],
    ['INLET_0', 'signal'], ['INLET_1', 'mode trigger rearm hold holdms maskms reset'], ['OUTLET_0', 'signal'], ['OUTLET_1', 'float'], ['OUTLET_2', 'signal'], ['AUTHOR', 'TimbreRemap contributors'],
  ]));
  return pdFile(c);
}

/** timbreremap-example.pd */
export function examplePatch(): string {
  const c = canvas();
  place(c, 'text', 20, 14, 'TimbreRemap in Pure Data: an acoustic snare (a recording, or your drum on adc~) drives the 808 synth hit by hit, with a model trained for that snare.', 170);
  c.rule(8, 45, HELP_WIDTH - 20, 1);
  const s = place(c, 'text', 20, 60, '1) in a terminal: npx timbre-remap osc (the bridge, keep it running)   2) DSP on:', 84);
  const dsp = place(c, 'msg', s.right + 6, 58, '; pd dsp 1');
  place(c, 'text', dsp.right + 10, 60, '3) play');
  const pl = player(c, 20, s.bottom + 14, 'tr-example-snare');
  const adc = place(c, 'obj', 340, pl.bottom - 21, 'adc~');
  place(c, 'text', 390, pl.bottom - 21, '<- or play live: connect adc~', 30);
  const lb = place(c, 'obj', 360, pl.bottom + 16, 'loadbang');
  const load = place(c, 'msg', 360, lb.bottom + 6, `load ${HELP_MODEL}`);
  const remap = place(c, 'obj', 20, load.bottom + 16, `tr.remap ${DEFAULT_BRIDGE_PORT}`);
  const syn = place(c, 'obj', 20, remap.bottom + 30, 'tr.808~');
  const wet = place(c, 'obj', 20, syn.bottom + 12, '*~ 0.7');
  const dry = place(c, 'obj', 200, syn.bottom + 12, '*~ 0.3');
  const mixT = place(c, 'text', 300, syn.bottom + 14, '<- wet / dry: click a mix', 30);
  const mix1 = place(c, 'msg', 20, wet.bottom + 30, '1 0');
  const mix2 = place(c, 'msg', mix1.right + 8, wet.bottom + 30, '0.7 0.3');
  const mix3 = place(c, 'msg', mix2.right + 8, wet.bottom + 30, '0 1');
  const unpack = place(c, 'obj', 20, mix3.bottom + 8, 'unpack f f');
  const dac = place(c, 'obj', 20, unpack.bottom + 30, 'dac~');
  void mixT;
  c.connect(pl.play, 0, remap.box, 0).connect(pl.play, 0, dry.box, 0).connect(lb.box, 0, load.box, 0).connect(load.box, 0, remap.box, 1);
  c.connect(remap.box, 0, syn.box, 0).connect(syn.box, 0, wet.box, 0);
  for (const m of [mix1, mix2, mix3]) c.connect(m.box, 0, unpack.box, 0);
  c.connect(unpack.box, 0, wet.box, 1).connect(unpack.box, 1, dry.box, 1);
  for (const g of [wet, dry]) c.connect(g.box, 0, dac.box, 0).connect(g.box, 0, dac.box, 1);
  void adc;
  // controls, right
  const X = 640;
  const t = place(c, 'text', X, 100, `The model ${HELP_MODEL} was trained on this snare, the other shipped models map it onto other presets:`, 80);
  const models = ['gmrock_808_snare_1', 'gmrock_808_snare_2', 'gmrock_808_snare_3', 'gmrock_808_noisy_snare', 'gmrock_808_open_snare'].map((m) => `load ${m}`);
  const r1 = msgRow(c, X, t.bottom + 8, models.slice(0, 3));
  const r2 = msgRow(c, X, r1.bottom + 8, models.slice(3));
  const t2 = place(c, 'text', X, r2.bottom + 14, 'Without a model (the bare preset, the same sound every hit), the modulation depth, the answer budget:', 80);
  const r3 = msgRow(c, X, t2.bottom + 8, ['preset 808_snare_1', 'sensitivity 0.5', 'sensitivity 1', 'sensitivity 2', `budget ${DEFAULT_BUDGET_MS}`, 'budget 10']);
  for (const b of [...r1.boxes, ...r2.boxes, ...r3.boxes]) c.connect(b, 0, remap.box, 1);
  const t3 = place(c, 'text', X, r3.bottom + 18, `Each snare hit plays the 808 ${latencySamples} samples (${((latencySamples / 44100) * 1000).toFixed(1)} ms) after its onset: the onset window plus a ${DEFAULT_BUDGET_MS} ms answer budget, the same on every hit. A hit whose answer is late (or when the bridge is not running) plays the base sound, so nothing goes silent, and the Pd window says so once.`, 80);
  place(c, 'text', X, t3.bottom + 18, 'Your own patch: this one sits in the library folder, so Pd finds tr.remap and tr.808~ beside it. Anywhere else, put [declare -path timbreremap] in your patch (the library folder, relative to your patch or in Pd\'s search path, e.g. where deken installs it), or write [timbreremap/tr.remap]. A model of your own: npx timbre-remap train your-snare.wav --preset 808_snare_1 --out my-model, then load my-model (relative to your patch).', 80);
  footer(c, 'tr.remap, tr.808~, tr.onset~ (open their help: right-click > Help), README.md', version(), metaCanvas([
    ['KEYWORDS', 'timbre remapping example'], ['LICENSE', 'Apache-2.0 (code); the recording GPL-2+ (GMRockKit, see README.md)'], ['DESCRIPTION', 'the whole TimbreRemap chain on the example recording'], ['AUTHOR', 'TimbreRemap contributors'],
  ]));
  return pdFile(c);
}
