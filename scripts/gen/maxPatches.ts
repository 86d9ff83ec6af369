/**
 * The Max package's patchers, built from code (scripts/build-max.ts writes them): the gen~
 * patchers, the abstractions `tr.onset~`, `tr.808~`, `tr.remap~`, `timbreremap`, their help patches
 * and the Max for Live device. Parameter names, ranges and help text come from PARAMS, ONSET_SETTINGS,
 * listPresets() and the host's message spec.
 */
import { PARAMS } from '../../src/synth/params';
import { listPresets, loadPreset } from '../../src/synth/presets';
import { onsetSettingSpec } from '../../src/onset/settings';
import { MAX_IN } from '../../src/hosts/max/messages';
import { tr808GenExpr, trOnsetGenExpr, trRemapVoiceGenExpr } from '../../src/gen/sources';
import { REMAP_ANALYSIS_OUTS, trRemapAnalysisGenExpr, trRemapMixGenExpr } from '../../src/gen/remap';
import { trModSlotGenExpr } from '../../src/gen/modslot';
import { DEFAULT_TIMBRE_RANGE, HIT_RECORD_FRAMES, HIT_TIMBRE, HIT_W, HIT_WINDOW, NET_RECORD_FRAMES } from '../../src/gen/record';
import { DEFAULT_MODEL } from '../../src/hosts/max/defaults';
import { ORT_WASM_FILES, TRAIN_WORKER_FILES } from './bundleFiles';
import { Patcher } from './patcher';

export const ENGINE_FILE = 'timbreremap.engine.js';
export const NOISE_WAV = 'tr-noise-44100.wav';
export const EXAMPLE_WAV = 'gmrock-snare-performance.wav';

/** Ports of the package's abstractions (inlets, outlet types), used wherever they are placed. */
export const ABSTRACTIONS: Record<string, [number, string[]]> = {
  'tr.onset~': [2, ['signal', '', 'signal']],
  'tr.808~': [1, ['signal', 'signal']],
  'tr.remap~': [4, ['signal', '', '', 'signal', 'signal', 'signal', 'signal']],
  timbreremap: [2, ['signal', '', 'signal', 'signal', '', 'signal', 'signal', 'signal']],
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

/**
 * Message boxes that bind a gen~ Buffer to this abstraction's own buffer~ (`[name #0-buffer(`: the
 * documented way, a message naming the Buffer and the buffer~, cycling74.com/forums/topic/using-
 * the-unique-identifier-in-gen; #0 is expanded in object boxes, so loadmess carries it).
 */
function bindBuffers(p: Patcher, gen: string, binds: Array<[string, string]>, x: number, y: number): string[] {
  return binds.map(([bufferName, maxName], k) => {
    const lm = p.obj(`loadmess ${bufferName} ${maxName}`, x, y + 30 * k);
    p.connect(lm, 0, gen, 0);
    return lm;
  });
}

/** tr.onset~: detector + window capture (gen~ writes the window into a local buffer~; uzi/peek~/zl read it out as one list). */
export function trOnsetAbstraction() {
  const p = new Patcher();
  const in1 = inlet(p, 20, 1, 'audio in (signal); detector settings: triggerDb 5., holdMs 30., mode 0|1, …', true);
  const in2 = inlet(p, 420, 2, 'int: samples per onset window (frame_samples from the engine; 256 at 44.1 kHz)');
  const gen = p.obj('gen~ @gen tr.onset.gendsp', 20, 70, {}, [1, ['signal', 'signal', 'signal']]);
  p.obj('buffer~ #0-tr.window 50 1', 420, 330);
  bindBuffers(p, gen, [['window', '#0-tr.window']], 560, 20);
  const edge = p.obj('edge~', 150, 120);
  const uzi = p.obj('uzi 256 0', 150, 160);
  const peek = p.obj('peek~ #0-tr.window', 150, 200);
  const zl = p.obj('zl group 256 @zlmaxsize 4096', 150, 240);
  const pre = p.obj('prepend frame', 150, 280);
  const tt = p.obj('t i i', 420, 70);
  p.comment('gen~ writes the onset window (from onset − 16 samples) into buffer~ #0-tr.window (bound by the window message) and raises its 2nd outlet when the window is complete; edge~ → uzi → peek~ reads it out, zl group makes one list.', 420, 110, 300);
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

/** The shared noise buffer~: the reference's fixed white noise, the same for every instance (read only). */
export const NOISE_BUFFER = 'tr.noise';

/** tr.808~: the synth gen~ with its noise buffer (a buffer~ loaded from media/). */
export function tr808Abstraction() {
  const p = new Patcher();
  const in1 = inlet(p, 20, 1, 'trigger (signal, e.g. click~) and parameters: osc1_freq 180., … (physical units), voices, steal_ms', true);
  const gen = p.obj('gen~ @gen tr.808.gendsp', 20, 70, {}, [1, ['signal', 'signal']]);
  p.obj(`buffer~ ${NOISE_BUFFER} ${NOISE_WAV}`, 330, 70);
  p.comment(`The noise buffer is the reference's fixed white noise (44 100 samples), played from index 0 on each hit. gen~'s Buffer noisebuf names buffer~ ${NOISE_BUFFER} in its declaration (the gen buffer operator's second argument); every instance loads the same file, so one shared name is right.`, 330, 110, 300);
  const o1 = outlet(p, 20, 160, 1, 'audio (signal)');
  const o2 = outlet(p, 200, 160, 2, 'sounding voices (signal)');
  p.connect(in1, 0, gen, 0);
  p.connect(gen, 0, o1, 0);
  p.connect(gen, 1, o2, 0);
  return p.toJSON({ description: 'TimbreRemap 808 snare synth' }, [100, 100, 700, 260]);
}

/**
 * tr.remap~: the gen~ remapper (tr.remap.gendsp) with its buffer~ objects: two net-record banks
 * written from node.script's `neta|netb` answers ([listfunnel] gives "index value", [unpack] sends
 * the value to peek~'s middle inlet before the index to its left inlet: peek~ then stores it,
 * docs.cycling74.com/max5/refpages/msp-ref/peek~), the hit record read out when gen~ raises `ready`.
 */
export function trRemapAbstraction() {
  const p = new Patcher();
  const in1 = inlet(p, 20, 1, 'audio in (signal); drywet 0–1, voices, steal_ms (gen~ Params)', true);
  const in2 = inlet(p, 120, 2, 'onset (signal: tr.onset~ left outlet)', true);
  const in3 = inlet(p, 220, 3, 'a round-trip synth to mix in (signal: tr.808~ played by node.script)', true);
  const in4 = inlet(p, 600, 4, 'node.script answers: neta v…, netb v…, bank 0|1 (others are ignored)');
  const gen = p.obj('gen~ @gen tr.remap.gendsp', 20, 120, {}, [3, TR_REMAP_OUTS.map(() => 'signal')]);
  const bufA = p.obj(`buffer~ #0-tr.net.a`, 600, 260);
  const bufB = p.obj(`buffer~ #0-tr.net.b`, 760, 260);
  const bufHit = p.obj(`buffer~ #0-tr.hit`, 920, 260);
  p.obj(`buffer~ ${NOISE_BUFFER} ${NOISE_WAV}`, 920, 300);
  const binds = bindBuffers(p, gen, [['neta', '#0-tr.net.a'], ['netb', '#0-tr.net.b'], ['hits', '#0-tr.hit']], 300, 20);
  // buffer~ sizes in samples (sizeinsamps, docs.cycling74.com/reference/buffer~)
  for (const [buf, frames, x] of [[bufA, NET_RECORD_FRAMES, 600], [bufB, NET_RECORD_FRAMES, 760], [bufHit, HIT_RECORD_FRAMES, 920]] as const) {
    const lm = p.obj(`loadmess sizeinsamps ${frames}`, x, 220);
    p.connect(lm, 0, buf, 0);
  }
  // node.script → net record banks, then the bank switch (Max handles these in order)
  const route = p.obj('route neta netb bank', 600, 60);
  p.connect(in4, 0, route, 0);
  ['#0-tr.net.a', '#0-tr.net.b'].forEach((name, k) => {
    const t = p.obj('t l b', 600 + 160 * k, 100);
    const lf = p.obj('listfunnel', 600 + 160 * k, 140);
    const un = p.obj('unpack 0 0.', 600 + 160 * k, 170);
    const pk = p.obj(`peek~ ${name}`, 600 + 160 * k, 200);
    p.connect(route, k, t, 0);
    p.connect(t, 1, binds[k], 0); // re-bind before writing (idempotent; covers a late gen~ compile)
    p.connect(t, 0, lf, 0);
    p.connect(lf, 0, un, 0);
    p.connect(un, 1, pk, 1);
    p.connect(un, 0, pk, 0);
  });
  const bank = p.obj('prepend bank', 920, 100);
  p.connect(route, 2, bank, 0);
  p.connect(bank, 0, gen, 0);
  // hit record readout: W from frame 1, then HIT_WINDOW + W values in one list
  const edge = p.obj('edge~', 120, 200);
  const tb = p.obj('t b b', 120, 230);
  const one = p.msg(String(HIT_W), 200, 260);
  const pkW = p.obj('peek~ #0-tr.hit', 200, 290);
  const plus = p.obj(`+ ${HIT_WINDOW}`, 200, 320);
  const ti = p.obj('t i i', 200, 350);
  const uzi = p.obj('uzi 1 0', 120, 380);
  const pk = p.obj('peek~ #0-tr.hit', 120, 410);
  const zl = p.obj(`zl group ${HIT_WINDOW + 256} @zlmaxsize ${HIT_RECORD_FRAMES + 16}`, 120, 440);
  const tl = p.obj('t l l', 120, 470);
  const pre = p.obj('prepend hitcheck', 120, 500);
  const sl1 = p.obj(`zl slice ${HIT_TIMBRE}`, 300, 500);
  const sl2 = p.obj('zl slice 3', 300, 530);
  p.connect(gen, 1, edge, 0);
  p.connect(edge, 0, tb, 0);
  p.connect(tb, 1, one, 0);
  p.connect(one, 0, pkW, 0);
  p.connect(pkW, 0, plus, 0);
  p.connect(plus, 0, ti, 0);
  p.connect(ti, 1, zl, 1);
  p.connect(ti, 0, uzi, 1);
  p.connect(tb, 0, uzi, 0);
  p.connect(uzi, 2, pk, 0);
  p.connect(pk, 0, zl, 0);
  p.connect(zl, 0, tl, 0);
  p.connect(tl, 1, pre, 0);
  p.connect(tl, 0, sl1, 0);
  p.connect(sl1, 1, sl2, 0);
  p.comment('gen~ plays each hit one window after its onset (sample-accurate, whatever the vector size) from the net record node.script writes into the banks; it writes each hit into buffer~ #0-tr.hit and raises out 2; the patch reads the record out for node.script (hit …), which checks it against the engine.', 300, 560, 420);
  const outs: Array<[number, string, number]> = [
    [20, 'audio out (signal): dry/wet mix of the input and the remapped synth', 0],
    [120, 'hit <record>: for node.script (check, round trip)', -1],
    [220, 'timbre: loudness brightness noisiness (0–1) of each hit', -2],
    [320, 'loudness 0–1 (signal, held from hit to hit)', 2],
    [420, 'brightness 0–1 (signal, held)', 3],
    [520, 'noisiness 0–1 (signal, held)', 4],
    [620, 'hit (signal: 1 on the sample the synth starts)', 5],
  ];
  outs.forEach(([x, comment, from], k) => {
    const o = outlet(p, x, 640, k + 1, comment);
    if (from >= 0) p.connect(gen, from, o, 0);
    else if (from === -1) p.connect(pre, 0, o, 0);
    else p.connect(sl2, 0, o, 0);
  });
  p.connect(in1, 0, gen, 0);
  p.connect(in2, 0, gen, 1);
  p.connect(in3, 0, gen, 2);
  return p.toJSON({ description: 'TimbreRemap remapper in gen~: onset window → features → network → 808 voice, one window after the onset' }, [100, 100, 1100, 700]);
}

interface Chain {
  /** where control messages for node.script go (inlet 1 of a gate: held until ready) */
  controls: string;
  /** the tr.onset~ box (inlet 0 takes detector settings) */
  onset: string;
  /** the tr.remap~ box (outlets: audio, hit, timbre, loudness~, brightness~, noisiness~, hit~) */
  remap: string;
  node: string;
  /** bangs once the engine reports ready (after the gate opens) */
  onReady: string;
  /** mixed audio out: [box, outlet] */
  mix: string;
  /** the script start message box */
  start: string;
  /** node.script's answer router (outlet 4: onset NAME VALUE) */
  route: string;
}

/**
 * onset (tr.onset~) → remapper (tr.remap~, gen~ plays) ⇄ node.script (state, checks, round trip →
 * tr.808~), with messages to node.script held back until the engine is ready.
 */
function remapChain(p: Patcher, audioIn: [string, number], x0: number, y0: number): Chain {
  const [abIn, abOut] = ABSTRACTIONS['tr.onset~'];
  const onset = p.abstraction('tr.onset~', x0, y0 + 40, abIn, abOut);
  const [rIn, rOut] = ABSTRACTIONS['tr.remap~'];
  const remap = p.abstraction('tr.remap~', x0, y0 + 300, rIn, rOut);
  const start = p.msg('script start', x0 + 420, y0);
  const gate = p.obj('gate 1 0', x0 + 150, y0 + 90);
  const node = p.obj(`node.script ${ENGINE_FILE} @autostart 0 @watch 0`, x0 + 150, y0 + 130, { saved_object_attributes: { autostart: 0, defer: 0, node_bin_path: '', npm_bin_path: '', watch: 0 } });
  const route = p.obj('route synth trigger drywet status onset', x0 + 150, y0 + 170);
  const zl = p.obj('zl iter 2', x0 + 150, y0 + 210);
  const click = p.obj('click~', x0 + 260, y0 + 210);
  const [sIn, sOut] = ABSTRACTIONS['tr.808~'];
  const synth = p.abstraction('tr.808~', x0 + 150, y0 + 250, sIn, sOut);
  const dw = p.obj('prepend drywet', x0 + 380, y0 + 210);
  const ready = p.obj('route ready crashed', x0 + 560, y0 + 210);
  const onReady = p.obj('t b b', x0 + 560, y0 + 250);
  const open = p.msg('1', x0 + 640, y0 + 290);
  const close = p.msg('0', x0 + 700, y0 + 250);
  const dsp = p.obj('dspstate~', x0 + 420, y0 + 330);
  const sr = p.obj('prepend samplerate', x0 + 420, y0 + 370);
  p.comment('Messages to node.script pass the gate only once the engine says "status ready"; the engine also holds back what arrives before it is ready. gen~ (tr.remap~) plays every hit; node.script hands it the model and checks what it played.', x0 + 560, y0 + 40, 260);
  p.connect(audioIn[0], audioIn[1], onset, 0);
  p.connect(audioIn[0], audioIn[1], remap, 0);
  p.connect(onset, 0, remap, 1);
  p.connect(synth, 0, remap, 2);
  p.connect(remap, 1, gate, 1);
  p.connect(start, 0, node, 0);
  p.connect(gate, 0, node, 0);
  p.connect(node, 0, route, 0);
  p.connect(route, 0, zl, 0);
  p.connect(zl, 0, synth, 0);
  p.connect(route, 1, click, 0);
  p.connect(click, 0, synth, 0);
  p.connect(route, 2, dw, 0);
  p.connect(dw, 0, remap, 0);
  p.connect(route, 4, onset, 0); // the model's detector settings (onset triggerDb 16 …) for tr.onset~'s Params
  p.connect(route, 5, remap, 3); // everything else: neta/netb/bank for the banks
  p.connect(route, 3, ready, 0);
  p.connect(ready, 0, onReady, 0);
  p.connect(onReady, 1, open, 0);
  p.connect(open, 0, gate, 0);
  p.connect(ready, 1, close, 0);
  p.connect(close, 0, gate, 0);
  p.connect(onReady, 0, dsp, 0);
  p.connect(dsp, 1, sr, 0);
  p.connect(sr, 0, gate, 1);
  return { controls: gate, onset, remap, node, onReady, mix: remap, start, route };
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
  const outs: Array<[string, [string, number]]> = [
    ['audio out (signal): dry/wet mix of the input and the synth', [c.mix, 0]],
    ['engine answers: features, params, physical, timbre, showing, models, status, progress, summary, record, warning, error, …', [c.node, 0]],
    ['onset (signal: 1 on each detected onset)', [c.onset, 0]],
    ['onset-detection function, dB (signal)', [c.onset, 2]],
    ['timbre: loudness brightness noisiness (0–1) of each hit', [c.remap, 2]],
    ['loudness 0–1 (signal, held from hit to hit)', [c.remap, 3]],
    ['brightness 0–1 (signal, held)', [c.remap, 4]],
    ['noisiness 0–1 (signal, held)', [c.remap, 5]],
  ];
  outs.forEach(([comment, [box, k]], i) => p.connect(box, k, outlet(p, 20 + 150 * i, 520, i + 1, comment), 0));
  return p.toJSON({ description: 'TimbreRemap: drum in, remapped 808 snare out' }, [60, 60, 1300, 600]);
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
export const FEATURE_DISPLAY = DEFAULT_TIMBRE_RANGE;
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

/**
 * Model and training controls (help and device): the model menu (filled by node.script's `models`
 * answers; choosing sends `model INDEX`, the last item "load file…" opens a file dialog), what plays,
 * record (sfrecord~ writes the drum input into the file node.script names), train on the last
 * recording, cancel, progress, and the summary of the result.
 * `toNode`: where messages for node.script go; `answers`: node.script's answers; `drum`: the drum signal.
 */
function controlPanel(p: Patcher, toNode: [string, number], answers: [string, number], drum: [string, number], x: number, y: number, presentation = false) {
  const pres = (rect: [number, number, number, number]) => (presentation ? { presentation: 1, presentation_rect: rect } : {});
  const route = p.obj('route models showing record recorded progress summary', x, y);
  p.connect(answers[0], answers[1], route, 0);
  // model menu
  const menuRoute = p.obj('route dialog', x, y + 30);
  const menu = p.ui('umenu', x, y + 60, 180, 22, 1, ['int', '', ''], { items: [], ...pres([10, 100, 150, 18]) });
  const pModel = p.obj('prepend model', x, y + 90);
  const dialog = p.obj('opendialog', x + 200, y + 60);
  const pLoad = p.obj('prepend load', x + 200, y + 90);
  p.connect(route, 0, menuRoute, 0);
  p.connect(menuRoute, 1, menu, 0);
  p.connect(menuRoute, 0, dialog, 0);
  p.connect(menu, 0, pModel, 0);
  p.connect(pModel, 0, toNode[0], toNode[1]);
  p.connect(dialog, 0, pLoad, 0);
  p.connect(pLoad, 0, toNode[0], toNode[1]);
  // what plays
  const setShow = p.obj('prepend set', x + 380, y + 30);
  const showing = p.msg('', x + 380, y + 60);
  Object.assign(p.boxes.find((b) => b.id === showing)!, pres([10, 122, 150, 18]));
  p.connect(route, 1, setShow, 0);
  p.connect(setShow, 0, showing, 0);
  p.comment('model menu (the shipped models, the ones you trained, load file…) · what plays ("preset only" without a model)', x, y + 115, 560);
  // record: node.script names the file, sfrecord~ writes it
  const rec = p.ui('toggle', x, y + 150, 24, 24, 1, ['int'], pres([170, 100, 18, 18]));
  const pRec = p.obj('prepend record', x, y + 180);
  const recRoute = p.obj('route open stop', x + 140, y + 150);
  const tOpen = p.obj('t b l', x + 140, y + 180);
  const pOpen = p.obj('prepend open', x + 220, y + 210);
  const go = p.msg('1', x + 140, y + 210);
  const stop = p.msg('0', x + 180, y + 210);
  const sfr = p.obj('sfrecord~ 1', x + 140, y + 250);
  p.connect(rec, 0, pRec, 0);
  p.connect(pRec, 0, toNode[0], toNode[1]);
  p.connect(route, 2, recRoute, 0);
  p.connect(recRoute, 0, tOpen, 0);
  p.connect(tOpen, 1, pOpen, 0);
  p.connect(pOpen, 0, sfr, 0);
  p.connect(tOpen, 0, go, 0);
  p.connect(go, 0, sfr, 0);
  p.connect(recRoute, 1, stop, 0);
  p.connect(stop, 0, sfr, 0);
  p.connect(drum[0], drum[1], sfr, 0);
  // train on the last recording, cancel
  const last = p.obj('zl reg', x + 320, y + 150);
  const setTake = p.obj('prepend set', x + 420, y + 150);
  const take = p.msg('', x + 420, y + 180);
  const train = p.ui('button', x + 320, y + 210, 24, 24, 1, ['bang'], pres([195, 100, 18, 18]));
  const pTrain = p.obj('prepend train', x + 320, y + 240);
  const cancel = p.msg('cancel', x + 380, y + 240);
  Object.assign(p.boxes.find((b) => b.id === cancel)!, pres([220, 100, 50, 18]));
  p.connect(route, 3, last, 1);
  p.connect(route, 3, setTake, 0);
  p.connect(setTake, 0, take, 0);
  p.connect(train, 0, last, 0);
  p.connect(last, 0, pTrain, 0);
  p.connect(pTrain, 0, toNode[0], toNode[1]);
  p.connect(cancel, 0, toNode[0], toNode[1]);
  // progress (epoch / epochs) and the summary
  const un = p.obj('unpack f f f f', x, y + 290);
  const div = p.obj('/ 1.', x, y + 320);
  const bar = p.ui('multislider', x, y + 350, 180, 14, 1, ['', ''], { size: 1, setminmax: [0, 1], ignoreclick: 1, ...pres([10, 144, 150, 10]) });
  const setSum = p.obj('prepend set', x + 200, y + 290);
  const summary = p.msg('', x + 200, y + 320);
  Object.assign(p.boxes.find((b) => b.id === summary)!, pres([10, 158, 260, 18]));
  p.connect(route, 4, un, 0);
  p.connect(un, 1, div, 1);
  p.connect(un, 0, div, 0);
  p.connect(div, 0, bar, 0);
  p.connect(route, 5, setSum, 0);
  p.connect(setSum, 0, summary, 0);
  p.comment('record (on: your drum into a new WAV in Documents/TimbreRemap/recordings; off: stop) · train on that take (button) · cancel · training progress · summary (hits, error vs preset, how well it follows the drum)', x, y + 375, 560);
  const fill = p.msg('models', x + 560, y);
  p.connect(fill, 0, toNode[0], toNode[1]);
  return { menu, rec, train, cancel, fill, sfrecord: sfr, route };
}

export function timbreremapHelp() {
  const p = new Patcher();
  header(p, 'timbreremap', 'Drum in, remapped 808 snare out: tr.onset~ catches each hit, tr.remap~ (gen~) analyses its first 5.8 ms and plays the synth one window after the onset, with the model node.script (the TimbreRemap engine) hands it. A shipped model is loaded when the engine starts.');
  const play = examplePlayer(p, 20, 80);
  const [i, o] = ABSTRACTIONS.timbreremap;
  const tr = p.abstraction('timbreremap', 20, 300, i, o);
  const dac = p.obj('ezdac~', 20, 380);
  p.connect(play, 0, tr, 0);
  p.connect(tr, 0, dac, 0);
  p.connect(tr, 0, dac, 1);
  const menu = p.ui('umenu', 300, 130, 140, 22, 1, ['int', '', ''], { items: listPresets().flatMap((n, k) => (k ? [',', n] : [n])) });
  const pPreset = p.obj('prepend preset', 300, 170);
  const sens = liveDial(p, 600, 120, 'Sensitivity', 'Sens', 0, 4, 1, 1);
  const pSens = p.obj('prepend sensitivity', 600, 180);
  const dw = liveDial(p, 740, 120, 'Dry/Wet', 'Dry/Wet', 0, 1, 1, 1);
  const pDw = p.obj('prepend drywet', 740, 180);
  p.comment('a preset without a model · sensitivity 0–4 (how far the drum moves the synth) · dry/wet', 300, 95, 500);
  for (const [src, dst] of [[menu, pPreset], [sens, pSens], [dw, pDw]] as const) p.connect(src, src === menu ? 1 : 0, dst, 0);
  for (const src of [pPreset, pSens, pDw]) p.connect(src, 0, tr, 1);
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
  // the drum's timbre of each hit, 0–1 (a modulation source)
  const tun = p.obj('unpack f f f', 20, 820);
  p.connect(tr, 4, tun, 0);
  ['loudness', 'brightness', 'noisiness'].forEach((label, k) => {
    const f = p.ui('flonum', 20 + 120 * k, 850, 70, 22, 1, ['', 'bang']);
    p.connect(tun, k, f, 0);
    p.comment(`${label} 0–1`, 20 + 120 * k, 875, 110);
  });
  p.comment('the drum\'s timbre per hit, 0–1 (outlet 5; outlets 6–8 carry the same as signals, e.g. for live.modulate~)', 20, 795, 500);
  controlPanel(p, [tr, 1], [tr, 1], [play, 0], 20, 920);
  p.comment('Turn audio on (ezdac~), click start. The synth starts exactly one onset window (5.4 ms) after each stroke, inside gen~, whatever the signal vector size.', 20, 500, 700);
  return p.toJSON({}, [60, 60, 1060, 1360]);
}

export function trRemapHelp() {
  const p = new Patcher();
  header(p, 'tr.remap~', 'The remapper inside gen~: captures the onset window from each onset pulse, computes the onset features as the window arrives, runs the model\'s network and starts the 808 voice exactly one window after the onset, sample-accurately. node.script (the engine) hands it the model through two buffer~ banks and checks each hit it played.');
  const play = examplePlayer(p, 20, 80);
  const c = remapChain(p, [play, 0], 20, 150);
  const lb = p.obj('loadbang', 600, 80);
  const defer = p.obj('deferlow', 600, 110);
  p.connect(lb, 0, defer, 0);
  p.connect(defer, 0, c.start, 0);
  const dac = p.obj('ezdac~', 20, 560);
  p.connect(c.mix, 0, dac, 0);
  p.connect(c.mix, 0, dac, 1);
  hitCounter(p, [c.remap, 6], 150, 560);
  const show = p.obj('route showing', 400, 560);
  const set = p.obj('prepend set', 400, 590);
  const box = p.msg('', 400, 620);
  p.connect(c.node, 0, show, 0);
  p.connect(show, 0, set, 0);
  p.connect(set, 0, box, 0);
  p.comment('what plays (a shipped model is loaded when node.script starts)', 520, 620, 300);
  return p.toJSON({}, [60, 60, 1000, 720]);
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

/** The device's map slots: the drum's timbre moves any parameter in the Live set. */
export const MAP_SLOTS = 3;
export const MAP_SOURCES = ['Loudness', 'Brightness', 'Noisiness'];

function liveMenu(p: Patcher, x: number, y: number, longname: string, items: string[], initial: number, rect: [number, number, number, number]) {
  return p.ui('live.menu', x, y, 100, 15, 1, ['', '', 'float'], {
    parameter_enable: 1,
    varname: longname.replace(/\W+/g, '_'),
    presentation: 1,
    presentation_rect: rect,
    saved_attribute_attributes: { valueof: { parameter_longname: longname, parameter_shortname: longname.slice(0, 8), parameter_type: 2, parameter_enum: items, parameter_mmax: items.length - 1, parameter_initial: [initial], parameter_initial_enable: 1 } },
  });
}

/**
 * One map slot in the manner of Live's own modulators: click Map, then click any parameter in the
 * set; its id comes from `live.path live_set view selected_parameter` (middle outlet: "sends id nn
 * whenever the id of the object at the current path changes", docs.cycling74.com/max8/refpages/
 * live.path) and goes to live.modulate~'s right inlet ("send id N to the right inlet, a signal in
 * −1…1 to the left", max-pd-ecosystem.md addendum). Source, depth and range are device parameters.
 */
function mapSlot(p: Patcher, k: number, timbre: [string, number][], x: number, y: number) {
  const n = k + 1;
  const gen = p.obj('gen~ @gen tr.modslot.gendsp', x, y + 150, {}, [3, ['signal']]);
  timbre.forEach(([box, outlet], i) => p.connect(box, outlet, gen, i));
  const mod = p.obj('live.modulate~', x, y + 190);
  p.connect(gen, 0, mod, 0);
  const px = 310 + 110 * k;
  const src = liveMenu(p, x, y, `Map ${n} Source`, MAP_SOURCES, k, [px, 10, 100, 15]);
  const depth = liveDial(p, x + 110, y, `Map ${n} Depth`, `Depth ${n}`, -100, 100, 50, 5, { presentation: 1, presentation_rect: [px, 50, 44, 48] });
  const lo = liveDial(p, x + 160, y, `Map ${n} Low`, `Low ${n}`, 0, 100, 0, 5, { presentation: 1, presentation_rect: [px + 50, 50, 44, 48] });
  const hi = liveDial(p, x + 210, y, `Map ${n} High`, `High ${n}`, 0, 100, 100, 5, { presentation: 1, presentation_rect: [px + 50, 100, 44, 48] });
  const pSrc = p.obj('prepend source', x, y + 60);
  p.connect(src, 0, pSrc, 0);
  p.connect(pSrc, 0, gen, 0);
  for (const [d, name, dx] of [[depth, 'depth', 110], [lo, 'range_lo', 160], [hi, 'range_hi', 210]] as const) {
    const scale = p.obj('/ 100.', x + dx, y + 60);
    const pre = p.obj(`prepend ${name}`, x + dx, y + 90);
    p.connect(d, 0, scale, 0);
    p.connect(scale, 0, pre, 0);
    p.connect(pre, 0, gen, 0);
  }
  const map = p.ui('toggle', x + 270, y, 24, 24, 1, ['int'], { presentation: 1, presentation_rect: [px, 30, 18, 18] });
  const path = p.obj('live.path live_set view selected_parameter', x + 270, y + 40);
  const gate = p.obj('gate 1 0', x + 270, y + 80);
  const tb = p.obj('t b l', x + 270, y + 110);
  const off = p.msg('0', x + 330, y + 140);
  const unmap = p.msg('id 0', x + 330, y + 170);
  Object.assign(p.boxes.find((b) => b.id === unmap)!, { presentation: 1, presentation_rect: [px + 24, 30, 40, 18] });
  p.connect(map, 0, gate, 0);
  p.connect(path, 1, gate, 1);
  p.connect(gate, 0, tb, 0);
  p.connect(tb, 1, mod, 1);
  p.connect(tb, 0, off, 0);
  p.connect(off, 0, map, 0);
  p.connect(unmap, 0, mod, 1);
  p.comment(`map ${n}: toggle Map, click a parameter anywhere in the set; id 0 unmaps`, x, y + 220, 300);
  return [src, depth, lo, hi];
}

/** Files the frozen device must carry (the engine opens them; scripts/gen/bundle.ts builds them into externals/). */
export function deviceDependencies(): Array<{ name: string; type: string }> {
  return [
    { name: ENGINE_FILE, type: 'TEXT' },
    ...TRAIN_WORKER_FILES.map((name) => ({ name, type: 'TEXT' })),
    // onnxruntime-web's runtime: the .mjs is JavaScript; the type code Max gives a .wasm is not known here
    ...ORT_WASM_FILES.map((name) => ({ name, type: name.endsWith('.wasm') ? 'BINF' : 'TEXT' })),
    { name: 'tr.onset.gendsp', type: 'gDSP' },
    { name: 'tr.808.gendsp', type: 'gDSP' },
    { name: 'tr.remap.gendsp', type: 'gDSP' },
    { name: 'tr.modslot.gendsp', type: 'gDSP' },
    { name: 'tr.onset~.maxpat', type: 'JSON' },
    { name: 'tr.808~.maxpat', type: 'JSON' },
    { name: 'tr.remap~.maxpat', type: 'JSON' },
    { name: NOISE_WAV, type: 'WAVE' },
  ];
}

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
  const dials = [
    { d: liveDial(p, 20, 560, 'Sensitivity', 'Sens', 0, 4, 1, 1, { presentation: 1, presentation_rect: [10, 10, 44, 48] }), to: 'sensitivity', dst: c.controls, inlet: 1 },
    { d: liveDial(p, 120, 560, 'Dry/Wet', 'Dry/Wet', 0, 1, 1, 1, { presentation: 1, presentation_rect: [60, 10, 44, 48] }), to: 'drywet', dst: c.controls, inlet: 1 },
    // detector dials go through node.script (it says once when they override the model's settings)
    { d: liveDial(p, 220, 560, 'Trigger Threshold', 'Trigger', trig.min, trig.max, trig.defaults.adaptive ?? 5, 4, { presentation: 1, presentation_rect: [110, 10, 44, 48] }), to: 'detector triggerDb', dst: c.controls, inlet: 1 },
    { d: liveDial(p, 320, 560, 'Hold', 'Hold', hold.min, hold.max, hold.defaults.adaptive ?? 30, 2, { presentation: 1, presentation_rect: [160, 10, 44, 48] }), to: 'detector holdMs', dst: c.controls, inlet: 1 },
  ];
  // the model's settings show on the dials (set: no output, no override)
  const shown = p.obj('route triggerDb holdMs', 220, 520);
  p.connect(c.route, 4, shown, 0);
  [dials[2].d, dials[3].d].forEach((d, k) => {
    const set = p.obj('prepend set', 220 + 100 * k, 540);
    p.connect(shown, k, set, 0);
    p.connect(set, 0, d, 0);
  });
  // the chosen model (or preset) is kept in the Live set: node.script answers `saved load NAME`
  // (or `saved preset NAME`), pattr stores it as a blob parameter; when the engine is ready the stored
  // message goes back to it (zl reg: stored from the right inlet, sent on a bang)
  const pattr = p.obj('pattr ---model @parameter_enable 1', 700, 560, {
    saved_attribute_attributes: { valueof: { parameter_longname: 'Model', parameter_shortname: 'Model', parameter_type: 3, parameter_invisible: 1, parameter_initial: ['load', DEFAULT_MODEL], parameter_initial_enable: 1 } },
    varname: 'Model',
  });
  const keep = p.obj('zl reg', 700, 600);
  const savedRoute = p.obj('route saved', 700, 520);
  p.connect(c.node, 0, savedRoute, 0);
  p.connect(savedRoute, 0, pattr, 0);
  p.connect(pattr, 0, keep, 1);
  p.connect(keep, 0, c.controls, 1);
  const all = [...dials];
  // once the engine is ready, every live.* parameter re-sends its value, then the saved model
  const fan = p.obj(`t b ${all.map(() => 'b').join(' ')}`, 460, 520);
  p.connect(c.onReady, 0, fan, 0);
  all.forEach(({ d, to, dst, inlet: k }, j) => {
    const pre = p.obj(`prepend ${to}`, 20 + 100 * j, 620);
    p.connect(d, 0, pre, 0);
    p.connect(pre, 0, dst, k);
    p.connect(fan, j + 1, d, 0);
  });
  p.connect(fan, 0, keep, 0); // trigger fires right to left: the dials first, the model last
  controlPanel(p, [c.controls, 1], [c.node, 0], [pin, 0], 20, 700, true);
  for (let k = 0; k < MAP_SLOTS; k++) mapSlot(p, k, [[c.remap, 3], [c.remap, 4], [c.remap, 5]], 700 + 360 * k, 700);
  p.comment('TimbreRemap: drum → 808 snare, played inside gen~ one onset window after each stroke. Messages to the engine are held back until it reports ready; buffers are local to each abstraction (#0), so several devices do not collide.', 560, 20, 300);
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
      // what Max embeds when the device is frozen (max-pd-ecosystem.md §3.1, §4.5: node.script's file is
      // listed as TEXT; the engine's own data is inside the engine file, see scripts/gen/bundle.ts)
      dependency_cache: deviceDependencies().map((d) => ({ name: d.name, bootpath: '~/Documents/Max 9/Packages/timbreremap', patcherrelativepath: '..', type: d.type, implicit: 1 })),
    },
    [60, 60, 1900, 1000],
  );
}
