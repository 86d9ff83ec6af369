/**
 * The Max package's patchers, built from code (scripts/build-max.ts writes them): the two gen~
 * patchers, the abstractions `tr.onset~`, `tr.808~`, `timbreremap`, their help patches and the Max
 * for Live device. Parameter names, ranges and help text come from PARAMS, ONSET_SETTINGS,
 * listPresets() and the host's message spec.
 */
import { PARAMS } from '../../src/synth/params';
import { listPresets, loadPreset } from '../../src/synth/presets';
import { onsetSettingSpec } from '../../src/onset/settings';
import { MAX_IN } from '../../src/hosts/max/messages';
import { tr808GenExpr, trOnsetGenExpr, trRemapVoiceGenExpr } from '../../src/gen/sources';
import { REMAP_ANALYSIS_OUTS, trRemapAnalysisGenExpr, trRemapMixGenExpr } from '../../src/gen/remap';
import { trModSlotGenExpr } from '../../src/gen/modslot';
import { Patcher } from './patcher';

export const ENGINE_FILE = 'timbreremap.engine.js';
export const NOISE_WAV = 'tr-noise-44100.wav';
export const EXAMPLE_WAV = 'gmrock-snare-performance.wav';

/** Ports of the package's abstractions (inlets, outlet types), used wherever they are placed. */
export const ABSTRACTIONS: Record<string, [number, string[]]> = {
  'tr.onset~': [2, ['signal', '', 'signal']],
  'tr.808~': [1, ['signal', 'signal']],
  timbreremap: [2, ['signal', '', 'signal', 'signal']],
};

const inlet = (p: Patcher, x: number, index: number, comment: string, signal = false) => p.ui('inlet', x, 15, 30, 30, 0, [signal ? 'signal' : ''], { index, comment });
const outlet = (p: Patcher, x: number, y: number, index: number, comment: string) => p.ui('outlet', x, y, 30, 30, 1, [], { index, comment });

/** A `.gendsp`: `in N` boxes → one codebox → `out N` boxes. */
export function gendsp(code: string, ins: string[], outs: string[]) {
  return gendspGraph(ins, outs, [{ code, ins: ins.length, outs: outs.length }], [
    ...ins.map((_, i) => ({ from: { in: i + 1 }, to: { box: 0, inlet: i } })),
    ...outs.map((_, i) => ({ from: { box: 0, outlet: i }, to: { out: i + 1 } })),
  ]);
}

type End = { in: number } | { box: number; outlet: number };
type Dest = { out: number } | { box: number; inlet: number };

/**
 * A `.gendsp` with several codeboxes wired together (gen compiles the whole patcher into one
 * per-sample graph, so codebox → codebox connections carry each sample at once).
 */
export function gendspGraph(ins: string[], outs: string[], boxes: Array<{ code: string; ins: number; outs: number }>, wires: Array<{ from: End; to: Dest }>) {
  const p = new Patcher();
  const inIds = ins.map((name, i) => p.obj(`in ${i + 1} ${name}`, 20 + 160 * i, 20));
  const cbIds = boxes.map((b, k) => p.ui('codebox', 20 + 800 * k, 60, 760, 600, b.ins, Array.from({ length: b.outs }, () => ''), { code: b.code, fontface: 0, fontname: 'Menlo', fontsize: 12.0 }));
  const outIds = outs.map((name, i) => p.obj(`out ${i + 1} ${name}`, 20 + 160 * i, 680));
  for (const { from, to } of wires) {
    const [src, outlet] = 'in' in from ? [inIds[from.in - 1], 0] : [cbIds[from.box], from.outlet];
    const [dst, inlet] = 'out' in to ? [outIds[to.out - 1], 0] : [cbIds[to.box], to.inlet];
    p.connect(src, outlet, dst, inlet);
  }
  return p.toJSON({ classnamespace: 'dsp.gen' }, [100, 100, 820 * boxes.length, 760]);
}

export const trOnsetGendsp = () => gendsp(trOnsetGenExpr(), ['audio'], ['onset', 'ready', 'odf']);
export const tr808Gendsp = () => gendsp(tr808GenExpr(), ['trigger'], ['audio', 'voices']);

/** tr.remap~'s gen patcher outlets (gen `out N`, in order). */
export const TR_REMAP_OUTS = ['audio', 'ready', 'loudness', 'brightness', 'noisiness', 'trigger', 'voices'] as const;

/** tr.remap~: analysis codebox (window, features, network) → voice codebox (the tr.808~ synth) → dry/wet. */
export function trRemapGendsp() {
  const np = PARAMS.length;
  const A = 0, V = 1, M = 2;
  return gendspGraph(['audio', 'onset', 'synth'], [...TR_REMAP_OUTS], [
    { code: trRemapAnalysisGenExpr(), ins: 2, outs: REMAP_ANALYSIS_OUTS.length },
    { code: trRemapVoiceGenExpr(), ins: 1 + np, outs: 2 },
    { code: trRemapMixGenExpr(), ins: 3, outs: 1 },
  ], [
    { from: { in: 1 }, to: { box: A, inlet: 0 } },
    { from: { in: 2 }, to: { box: A, inlet: 1 } },
    ...Array.from({ length: 1 + np }, (_, k) => ({ from: { box: A, outlet: k }, to: { box: V, inlet: k } })),
    { from: { in: 1 }, to: { box: M, inlet: 0 } },
    { from: { box: V, outlet: 0 }, to: { box: M, inlet: 1 } },
    { from: { in: 3 }, to: { box: M, inlet: 2 } },
    { from: { box: M, outlet: 0 }, to: { out: 1 } },
    { from: { box: A, outlet: np + 1 }, to: { out: 2 } },
    ...[0, 1, 2].map((k) => ({ from: { box: A, outlet: np + 2 + k }, to: { out: 3 + k } })),
    { from: { box: A, outlet: 0 }, to: { out: 6 } },
    { from: { box: V, outlet: 1 }, to: { out: 7 } },
  ]);
}

export const trModSlotGendsp = () => gendsp(trModSlotGenExpr(), ['loudness', 'brightness', 'noisiness'], ['modulation']);

/** tr.onset~: detector + window capture (gen~ writes the window into a local buffer~; uzi/peek~/zl read it out as one list). */
export function trOnsetAbstraction() {
  const p = new Patcher();
  const in1 = inlet(p, 20, 1, 'audio in (signal); detector settings: triggerDb 5., holdMs 30., mode 0|1, …', true);
  const in2 = inlet(p, 420, 2, 'int: samples per onset window (frame_samples from the engine; 256 at 44.1 kHz)');
  const gen = p.obj('gen~ @gen tr.onset.gendsp @window #0-tr.window', 20, 70, {}, [1, ['signal', 'signal', 'signal']]);
  p.obj('buffer~ #0-tr.window 50 1', 420, 330);
  const edge = p.obj('edge~', 150, 120);
  const uzi = p.obj('uzi 256 0', 150, 160);
  const peek = p.obj('peek~ #0-tr.window', 150, 200);
  const zl = p.obj('zl group 256 @zlmaxsize 4096', 150, 240);
  const pre = p.obj('prepend frame', 150, 280);
  const tt = p.obj('t i i', 420, 70);
  p.comment('gen~ writes the onset window (from onset − 16 samples) into buffer~ #0-tr.window and raises its 2nd outlet when the window is complete; edge~ → uzi → peek~ reads it out, zl group makes one list.', 420, 110, 300);
  const o1 = outlet(p, 20, 340, 1, 'onset (signal: 1 on the onset sample)');
  const o2 = outlet(p, 150, 340, 2, 'frame <floats>: the onset window, for node.script');
  const o3 = outlet(p, 300, 340, 3, 'onset function, dB (signal)');
  p.connect(in1, 0, gen, 0);
  p.connect(gen, 0, o1, 0);
  p.connect(gen, 1, edge, 0);
  p.connect(edge, 0, uzi, 0);
  p.connect(uzi, 2, peek, 0);
  p.connect(peek, 0, zl, 0);
  p.connect(zl, 0, pre, 0);
  p.connect(pre, 0, o2, 0);
  p.connect(gen, 2, o3, 0);
  p.connect(in2, 0, tt, 0);
  p.connect(tt, 1, uzi, 1);
  p.connect(tt, 0, zl, 1);
  return p.toJSON({ description: 'TimbreRemap onset detector and onset-window capture' }, [100, 100, 760, 420]);
}

/** tr.808~: the synth gen~ with its noise buffer (a local buffer~ loaded from media/). */
export function tr808Abstraction() {
  const p = new Patcher();
  const in1 = inlet(p, 20, 1, 'trigger (signal, e.g. click~) and parameters: osc1_freq 180., … (physical units), voices, steal_ms', true);
  const gen = p.obj('gen~ @gen tr.808.gendsp @noisebuf #0-tr.noise', 20, 70, {}, [1, ['signal', 'signal']]);
  p.obj(`buffer~ #0-tr.noise ${NOISE_WAV}`, 330, 70);
  p.comment('The noise buffer is the reference\'s fixed white noise (44 100 samples), played from index 0 on each hit.', 330, 110, 300);
  const o1 = outlet(p, 20, 160, 1, 'audio (signal)');
  const o2 = outlet(p, 200, 160, 2, 'sounding voices (signal)');
  p.connect(in1, 0, gen, 0);
  p.connect(gen, 0, o1, 0);
  p.connect(gen, 1, o2, 0);
  return p.toJSON({ description: 'TimbreRemap 808 snare synth' }, [100, 100, 700, 260]);
}

interface Chain {
  /** where control messages for node.script go (inlet 1 of a gate: held until ready) */
  controls: string;
  /** the tr.onset~ box (inlet 0 takes detector settings) */
  onset: string;
  node: string;
  /** bangs once the engine reports ready (after the gate opens) */
  onReady: string;
  /** mixed audio out: [box, outlet] */
  mix: string;
  /** the script start message box */
  start: string;
}

/** onset → capture → node.script → synth → dry/wet, with messages held back until the engine is ready. */
function remapChain(p: Patcher, audioIn: [string, number], x0: number, y0: number): Chain {
  const [abIn, abOut] = ABSTRACTIONS['tr.onset~'];
  const onset = p.abstraction('tr.onset~', x0, y0 + 40, abIn, abOut);
  const start = p.msg('script start', x0 + 420, y0);
  const gate = p.obj('gate 1 0', x0 + 150, y0 + 90);
  const node = p.obj(`node.script ${ENGINE_FILE} @autostart 0 @watch 0`, x0 + 150, y0 + 130, { saved_object_attributes: { autostart: 0, defer: 0, node_bin_path: '', npm_bin_path: '', watch: 0 } });
  const route = p.obj('route synth trigger frame_samples drywet status', x0 + 150, y0 + 170);
  const zl = p.obj('zl iter 2', x0 + 150, y0 + 210);
  const click = p.obj('click~', x0 + 260, y0 + 210);
  const [sIn, sOut] = ABSTRACTIONS['tr.808~'];
  const synth = p.abstraction('tr.808~', x0 + 150, y0 + 250, sIn, sOut);
  const ready = p.obj('route ready crashed', x0 + 560, y0 + 210);
  const onReady = p.obj('t b b', x0 + 560, y0 + 250);
  const open = p.msg('1', x0 + 640, y0 + 290);
  const close = p.msg('0', x0 + 700, y0 + 250);
  const presets = p.msg('presets', x0 + 560, y0 + 330);
  const dsp = p.obj('dspstate~', x0 + 420, y0 + 330);
  const sr = p.obj('prepend samplerate', x0 + 420, y0 + 370);
  const pack = p.obj('pack f 20', x0 + 400, y0 + 210);
  const line = p.obj('line~', x0 + 400, y0 + 250);
  const inv = p.obj('!-~ 1.', x0 + 470, y0 + 290);
  const wet = p.obj('*~', x0 + 150, y0 + 300);
  const dry = p.obj('*~', x0 + 20, y0 + 300);
  const mix = p.obj('+~', x0 + 20, y0 + 340);
  p.comment('Messages to node.script pass the gate only once the engine says "status ready"; the engine also holds back what arrives before it is ready.', x0 + 560, y0 + 40, 260);
  p.connect(audioIn[0], audioIn[1], onset, 0);
  p.connect(audioIn[0], audioIn[1], dry, 0);
  p.connect(onset, 1, gate, 1);
  p.connect(start, 0, node, 0);
  p.connect(gate, 0, node, 0);
  p.connect(node, 0, route, 0);
  p.connect(route, 0, zl, 0);
  p.connect(zl, 0, synth, 0);
  p.connect(route, 1, click, 0);
  p.connect(click, 0, synth, 0);
  p.connect(route, 2, onset, 1);
  p.connect(route, 3, pack, 0);
  p.connect(pack, 0, line, 0);
  p.connect(line, 0, wet, 1);
  p.connect(line, 0, inv, 0);
  p.connect(inv, 0, dry, 1);
  p.connect(synth, 0, wet, 0);
  p.connect(wet, 0, mix, 1);
  p.connect(dry, 0, mix, 0);
  p.connect(route, 4, ready, 0);
  p.connect(ready, 0, onReady, 0);
  p.connect(onReady, 1, open, 0);
  p.connect(open, 0, gate, 0);
  p.connect(ready, 1, close, 0);
  p.connect(close, 0, gate, 0);
  p.connect(onReady, 0, presets, 0);
  p.connect(onReady, 0, dsp, 0);
  p.connect(presets, 0, gate, 1);
  p.connect(dsp, 1, sr, 0);
  p.connect(sr, 0, gate, 1);
  return { controls: gate, onset, node, onReady, mix, start };
}

/** timbreremap: the whole chain as one object. */
export function timbreremapAbstraction() {
  const p = new Patcher();
  const in1 = inlet(p, 20, 1, 'audio in (signal): the drum microphone', true);
  const in2 = inlet(p, 300, 2, `engine messages: ${MAX_IN.map((m) => m.selector).join(', ')}`);
  const c = remapChain(p, [in1, 0], 20, 30);
  const lb = p.obj('loadbang', 440, 15);
  const defer = p.obj('deferlow', 440, 45);
  p.connect(lb, 0, defer, 0);
  p.connect(defer, 0, c.start, 0);
  p.connect(in2, 0, c.controls, 1);
  const o1 = outlet(p, 20, 440, 1, 'audio out (signal): dry/wet mix of the input and the synth');
  const o2 = outlet(p, 170, 440, 2, 'engine answers: features, params, physical, status, progress, menu, warning, error, …');
  const o3 = outlet(p, 320, 440, 3, 'onset (signal: 1 on each detected onset)');
  const o4 = outlet(p, 470, 440, 4, 'onset-detection function, dB (signal)');
  p.connect(c.mix, 0, o1, 0);
  p.connect(c.node, 0, o2, 0);
  p.connect(c.onset, 0, o3, 0);
  p.connect(c.onset, 2, o4, 0);
  return p.toJSON({ description: 'TimbreRemap: drum in, remapped 808 snare out' }, [60, 60, 900, 520]);
}

// ---------- help patches ----------

function examplePlayer(p: Patcher, x: number, y: number) {
  p.obj(`buffer~ trdemo ${EXAMPLE_WAV}`, x + 150, y);
  const startMsg = p.msg('start', x, y);
  const stop = p.msg('stop', x + 60, y);
  const play = p.obj('play~ trdemo', x, y + 40);
  p.comment('the example recording (media/, GPL-2+, see examples/README.md): click start', x + 150, y + 30, 260);
  p.connect(startMsg, 0, play, 0);
  p.connect(stop, 0, play, 0);
  return play;
}

function header(p: Patcher, name: string, digest: string) {
  p.comment(name, 20, 10, 400);
  p.comment(digest, 20, 35, 700);
}

function liveDial(p: Patcher, x: number, y: number, longname: string, shortname: string, min: number, max: number, initial: number, unitstyle: number, extra: Record<string, unknown> = {}) {
  return p.ui('live.dial', x, y, 44, 48, 1, ['', 'float'], {
    parameter_enable: 1,
    varname: longname.replace(/\W+/g, '_'),
    saved_attribute_attributes: {
      valueof: {
        parameter_longname: longname,
        parameter_shortname: shortname,
        parameter_type: 0,
        parameter_mmin: min,
        parameter_mmax: max,
        parameter_initial: [initial],
        parameter_initial_enable: 1,
        parameter_unitstyle: unitstyle,
      },
    },
    ...extra,
  });
}

/** Range of the onset-function display (dB). */
export const ODF_DISPLAY_DB: [number, number] = [-10, 40];
/** Display ranges of the three onset features (loudness dB, brightness semitones, noisiness dB). */
export const FEATURE_DISPLAY: ReadonlyArray<{ label: string; range: [number, number] }> = [
  { label: 'loudness (RMS dB)', range: [-60, 0] },
  { label: 'brightness (centroid, semitones)', range: [60, 130] },
  { label: 'noisiness (flatness dB)', range: [-80, 0] },
];
/** Hits shown in the per-hit feature histories. */
export const FEATURE_HISTORY_HITS = 16;

/**
 * Onset display: the onset function (a signal, dB) sampled every 10 ms scrolls through a multislider
 * (line scroll, 3 s over 300 px) with the trigger and re-arm thresholds as two more lines; returns
 * the `pack` whose inlets 1 and 2 set the thresholds.
 */
function onsetDisplay(p: Patcher, odf: [string, number], x: number, y: number, triggerDb: number, rearmDb: number): string {
  const snap = p.obj('snapshot~ 10', x, y);
  const pack = p.obj(`pack f ${triggerDb} ${rearmDb}`, x, y + 30);
  const ms = p.ui('multislider', x, y + 60, 300, 110, 1, ['', ''], { size: 3, setstyle: 3, candycane: 3, setminmax: ODF_DISPLAY_DB, ignoreclick: 1 });
  p.connect(odf[0], odf[1], snap, 0);
  p.connect(snap, 0, pack, 0);
  p.connect(pack, 0, ms, 0);
  p.comment(`onset function (dB, ${ODF_DISPLAY_DB[0]}…${ODF_DISPLAY_DB[1]}, last 3 s) with the trigger and re-arm lines: a hit is detected where it crosses the trigger line`, x, y + 175, 300);
  return pack;
}

/** Onset flash and hit counter from an onset signal (1 on the onset sample). */
function hitCounter(p: Patcher, onset: [string, number], x: number, y: number): void {
  const edge = p.obj('edge~', x, y);
  const btn = p.ui('button', x, y + 30, 24, 24, 1, ['bang']);
  const cnt = p.obj('counter 1 2147483647', x, y + 65); // min 1: the first hit shows 1
  const num = p.ui('number', x, y + 95, 60, 22, 1, ['', 'bang']);
  const reset = p.msg('1', x + 160, y + 65);
  p.connect(onset[0], onset[1], edge, 0);
  p.connect(edge, 0, btn, 0);
  p.connect(btn, 0, cnt, 0);
  p.connect(cnt, 0, num, 0);
  p.connect(reset, 0, cnt, 2); // middle inlet: the next hit counts 1 again
  p.comment('onset flash · hit count (click 1: count afresh)', x + 30, y + 32, 200);
}

/** Per-hit features: three number boxes (the last hit) and a bar history of the last hits per feature. */
function featureDisplay(p: Patcher, features: [string, number], x: number, y: number): void {
  const un = p.obj('unpack f f f', x, y);
  p.connect(features[0], features[1], un, 0);
  const lb = p.obj('loadbang', x + 520, y);
  const uzi = p.obj(`uzi ${FEATURE_HISTORY_HITS}`, x + 520, y + 30);
  p.connect(lb, 0, uzi, 0);
  FEATURE_DISPLAY.forEach(({ label, range }, k) => {
    const fx = x + 170 * k;
    const f = p.ui('flonum', fx, y + 35, 70, 22, 1, ['', 'bang']);
    p.connect(un, k, f, 0);
    p.comment(label, fx, y + 60, 165);
    const zl = p.obj(`zl stream ${FEATURE_HISTORY_HITS}`, fx, y + 85);
    const ms = p.ui('multislider', fx, y + 115, 160, 70, 1, ['', ''], { size: FEATURE_HISTORY_HITS, setminmax: range, ignoreclick: 1 });
    const fill = p.msg(String(range[0]), x + 520 + 50 * k, y + 60); // an empty history until the first hits
    p.connect(uzi, 0, fill, 0);
    p.connect(fill, 0, zl, 0);
    p.connect(f, 0, zl, 0);
    p.connect(zl, 0, ms, 0);
    p.comment(`${range[0]}…${range[1]}`, fx, y + 190, 160);
  });
  p.comment(`the features of each hit (the engine's "features" answer) and of the last ${FEATURE_HISTORY_HITS} hits, newest on the right`, x, y - 25, 500);
}

export function timbreremapHelp() {
  const p = new Patcher();
  header(p, 'timbreremap', 'Drum in, remapped 808 snare out: tr.onset~ catches each hit, node.script (the TimbreRemap engine) turns its first 5.8 ms into synth parameters, tr.808~ plays them.');
  const play = examplePlayer(p, 20, 80);
  const [i, o] = ABSTRACTIONS.timbreremap;
  const tr = p.abstraction('timbreremap', 20, 300, i, o);
  const dac = p.obj('ezdac~', 20, 380);
  p.connect(play, 0, tr, 0);
  p.connect(tr, 0, dac, 0);
  p.connect(tr, 0, dac, 1);
  const menu = p.ui('umenu', 300, 130, 140, 22, 1, ['int', '', ''], { items: listPresets().flatMap((n, k) => (k ? [',', n] : [n])) });
  const pPreset = p.obj('prepend preset', 300, 170);
  const load = p.msg('load', 460, 130);
  const dialog = p.obj('opendialog', 460, 170);
  const pLoad = p.obj('prepend load', 460, 210);
  const sens = liveDial(p, 600, 120, 'Sensitivity', 'Sens', 0, 4, 1, 1);
  const pSens = p.obj('prepend sensitivity', 600, 180);
  const dw = liveDial(p, 740, 120, 'Dry/Wet', 'Dry/Wet', 0, 1, 1, 1);
  const pDw = p.obj('prepend drywet', 740, 180);
  p.comment('preset menu · load a model (.json/.onnx) · sensitivity 0–4 · dry/wet', 300, 95, 500);
  for (const [src, dst] of [[menu, pPreset], [load, dialog], [dialog, pLoad], [sens, pSens], [dw, pDw]] as const) p.connect(src, src === menu ? 1 : 0, dst, 0);
  for (const src of [pPreset, pLoad, pSens, pDw]) p.connect(src, 0, tr, 1);
  const route = p.obj('route menu features params status error', 300, 340);
  p.connect(tr, 1, route, 0);
  p.connect(route, 0, menu, 0);
  const ms = p.ui('multislider', 560, 380, 180, 80, 1, ['', ''], { size: PARAMS.length, setminmax: [0.0, 1.0] });
  p.connect(route, 2, ms, 0);
  p.comment('the hit\'s 14 synth parameters (normalised)', 560, 465, 220);
  for (const [k, label] of [[3, 'status'], [4, 'error']] as const) {
    const set = p.obj('prepend set', 760 + 0, 380 + 40 * (k - 3));
    const box = p.msg('', 860, 380 + 40 * (k - 3));
    p.connect(route, k, set, 0);
    p.connect(set, 0, box, 0);
    p.comment(label, 960, 380 + 40 * (k - 3), 60);
  }
  hitCounter(p, [tr, 2], 150, 380);
  featureDisplay(p, [route, 1], 20, 560);
  onsetDisplay(p, [tr, 3], 720, 560, onsetSettingSpec('triggerDb')?.defaults.adaptive ?? 5, onsetSettingSpec('rearmDb')?.defaults.adaptive ?? 2.5);
  p.comment('Turn audio on (ezdac~), click start. Latency: the 256-sample window (5.8 ms) + node.script round trip + one signal vector.', 20, 500, 700);
  return p.toJSON({}, [60, 60, 1060, 820]);
}

export function trOnsetHelp() {
  const p = new Patcher();
  header(p, 'tr.onset~', 'TimbreRemap\'s onset detector (adaptive or reference mode) and the capture of the onset window the engine analyses, sent out as one list.');
  const play = examplePlayer(p, 20, 80);
  const [i, o] = ABSTRACTIONS['tr.onset~'];
  const on = p.abstraction('tr.onset~', 20, 300, i, o);
  p.connect(play, 0, on, 0);
  const trig = onsetSettingSpec('triggerDb');
  const rearm = onsetSettingSpec('rearmDb');
  const trigRef = trig?.defaults.reference ?? 16, rearmRef = rearm?.defaults.reference ?? 4.6666;
  const trigAda = trig?.defaults.adaptive ?? 5, rearmAda = rearm?.defaults.adaptive ?? 2.5;
  const ref = p.msg(`mode 1, triggerDb ${trigRef}, rearmDb ${rearmRef}, holdMs 30`, 300, 130);
  const ada = p.msg(`mode 0, triggerDb ${trigAda}, rearmDb ${rearmAda}, holdMs 30`, 300, 170);
  const n48 = p.msg('279', 620, 250);
  p.comment('reference / adaptive detector; int into the right inlet: window length (279 at 48 kHz)', 300, 95, 500);
  p.connect(ref, 0, on, 0);
  p.connect(ada, 0, on, 0);
  p.connect(n48, 0, on, 1);
  hitCounter(p, [on, 0], 20, 360);
  const len = p.obj('zl len', 250, 360);
  const num = p.ui('number', 250, 400, 60, 22, 1, ['', 'bang']);
  p.connect(on, 1, len, 0);
  p.connect(len, 0, num, 0);
  p.comment('frame length (256)', 320, 400, 130);
  const snap = p.obj('snapshot~ 50', 450, 360);
  const odf = p.ui('flonum', 450, 400, 70, 22, 1, ['', 'bang']);
  p.connect(on, 2, snap, 0);
  p.connect(snap, 0, odf, 0);
  p.comment('onset function (dB)', 530, 400, 130);
  const thresholds = onsetDisplay(p, [on, 2], 20, 500, trigAda, rearmAda);
  // the threshold lines follow the settings sent to the detector
  const rt = p.obj('route triggerDb rearmDb', 340, 500);
  p.connect(ref, 0, rt, 0);
  p.connect(ada, 0, rt, 0);
  p.connect(rt, 0, thresholds, 1);
  p.connect(rt, 1, thresholds, 2);
  const dac = p.obj('ezdac~', 600, 360);
  p.connect(play, 0, dac, 0);
  p.connect(play, 0, dac, 1);
  return p.toJSON({}, [60, 60, 900, 740]);
}

export function tr808Help() {
  const p = new Patcher();
  header(p, 'tr.808~', 'The 14-parameter 808 snare synth of TimbreRemap (a voice pool; phase, envelopes and noise restart on each hit). Parameters in physical units.');
  const btn = p.ui('button', 20, 80, 24, 24, 1, ['bang']);
  const click = p.obj('click~', 20, 120);
  const [i, o] = ABSTRACTIONS['tr.808~'];
  const s = p.abstraction('tr.808~', 20, 330, i, o);
  p.connect(btn, 0, click, 0);
  p.connect(click, 0, s, 0);
  ['808_snare_1', '808_snare_2', '808_tom_1'].forEach((name, k) => {
    const pr = loadPreset(name);
    const m = p.msg(PARAMS.map((q, j) => `${q.id} ${+pr.physical[j].toFixed(4)}`).join(', '), 120, 80 + 50 * k);
    p.comment(name, 120, 60 + 50 * k, 200);
    p.connect(m, 0, s, 0);
  });
  const f = p.ui('flonum', 20, 220, 70, 22, 1, ['', 'bang']);
  const pf = p.obj('prepend osc1_freq', 20, 260);
  p.connect(f, 0, pf, 0);
  p.connect(pf, 0, s, 0);
  p.comment(PARAMS.map((q) => `${q.id}: ${q.label}, ${q.unit} ${q.min}…${q.max}`).join(' · '), 300, 230, 560);
  const dac = p.obj('ezdac~', 20, 400);
  p.connect(s, 0, dac, 0);
  p.connect(s, 0, dac, 1);
  return p.toJSON({}, [60, 60, 900, 480]);
}

// ---------- Max for Live ----------

export function deviceJson() {
  const p = new Patcher();
  const pin = p.obj('plugin~', 20, 20);
  const c = remapChain(p, [pin, 0], 20, 60);
  const pout = p.obj('plugout~', 20, 480);
  p.connect(c.mix, 0, pout, 0);
  p.connect(c.mix, 0, pout, 1);
  const dev = p.obj('live.thisdevice', 460, 20);
  p.connect(dev, 0, c.start, 0);
  const trig = onsetSettingSpec('triggerDb')!;
  const hold = onsetSettingSpec('holdMs')!;
  const presets = listPresets();
  const dials = [
    { d: liveDial(p, 20, 560, 'Sensitivity', 'Sens', 0, 4, 1, 1, { presentation: 1, presentation_rect: [10, 10, 44, 48] }), to: 'sensitivity', dst: c.controls, inlet: 1 },
    { d: liveDial(p, 120, 560, 'Dry/Wet', 'Dry/Wet', 0, 1, 1, 1, { presentation: 1, presentation_rect: [60, 10, 44, 48] }), to: 'drywet', dst: c.controls, inlet: 1 },
    { d: liveDial(p, 220, 560, 'Trigger Threshold', 'Trigger', trig.min, trig.max, trig.defaults.adaptive ?? 5, 4, { presentation: 1, presentation_rect: [110, 10, 44, 48] }), to: 'triggerDb', dst: c.onset, inlet: 0 },
    { d: liveDial(p, 320, 560, 'Hold', 'Hold', hold.min, hold.max, hold.defaults.adaptive ?? 30, 2, { presentation: 1, presentation_rect: [160, 10, 44, 48] }), to: 'holdMs', dst: c.onset, inlet: 0 },
  ];
  const menu = p.ui('live.menu', 420, 560, 100, 15, 1, ['', '', 'float'], {
    parameter_enable: 1,
    varname: 'Preset',
    presentation: 1,
    presentation_rect: [10, 70, 120, 15],
    saved_attribute_attributes: {
      valueof: {
        parameter_longname: 'Preset',
        parameter_shortname: 'Preset',
        parameter_type: 2,
        parameter_enum: presets,
        parameter_mmax: presets.length - 1,
        parameter_initial: [Math.max(0, presets.indexOf('808_snare_1'))],
        parameter_initial_enable: 1,
      },
    },
  });
  const all = [...dials, { d: menu, to: 'preset', dst: c.controls, inlet: 1 }];
  // once the engine is ready, every live.* parameter re-sends its value (held-back state)
  const fan = p.obj(`t ${all.map(() => 'b').join(' ')}`, 460, 520);
  p.connect(c.onReady, 0, fan, 0);
  all.forEach(({ d, to, dst, inlet: k }, j) => {
    const pre = p.obj(`prepend ${to}`, 20 + 100 * j, 620);
    p.connect(d, 0, pre, 0);
    p.connect(pre, 0, dst, k);
    p.connect(fan, j, d, 0);
  });
  p.comment('TimbreRemap: drum → 808 snare. Messages to the engine are held back until it reports ready; buffers are local to each abstraction (#0), so several devices do not collide.', 560, 20, 300);
  return p.toJSON(
    {
      openinpresentation: 1,
      devicewidth: 0.0,
      latency: 0,
      is_mpe: 0,
      minimum_live_version: '',
      minimum_max_version: '',
      platform_compatibility: 0,
      project: { version: 1, creationdate: 3590052493, modificationdate: 3590052493, viewrect: [0, 0, 300, 500], autoorganize: 1, hideprojectwindow: 1, showdependencies: 1, autolocalize: 0, contents: { patchers: {} }, layout: {}, searchpath: {}, detailsvisible: 0, amxdtype: 1633771873, readonly: 0, devpathtype: 0, devpath: '.', sortmode: 0, viewmode: 0, includepackages: 0 },
    },
    [60, 60, 900, 700],
  );
}
