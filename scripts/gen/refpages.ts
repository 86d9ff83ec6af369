/** Max reference pages (`*.maxref.xml`, the max-test skeleton) for the package's three objects, from the specs. */
import { MAX_IN, MAX_OUT } from '../../src/hosts/max/messages';
import { ONSET_MODE_PARAM, SYNTH_POOL_PARAMS, onsetGenParams, synthGenParams, type GenParamInfo } from '../../src/gen/sources';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function page(name: string, digest: string, description: string, methods: Array<{ name: string; args: string; doc: string }>, seealso: string[]): string {
  return [
    '<?xml version="1.0" encoding="utf-8" standalone="yes"?>',
    '<?xml-stylesheet href="./_c74_ref.xsl" type="text/xsl"?>',
    `<c74object name="${esc(name)}" module="msp" category="TimbreRemap">`,
    `\t<digest>${esc(digest)}</digest>`,
    `\t<description>${esc(description)}</description>`,
    '\t<metadatalist><metadata name="author">TimbreRemap</metadata><metadata name="tag">TimbreRemap</metadata></metadatalist>',
    '\t<methodlist>',
    ...methods.map((m) => `\t\t<method name="${esc(m.name)}"><arglist /><digest>${esc(`${m.args ? `${m.args}: ` : ''}${m.doc}`)}</digest><description>${esc(m.doc)}</description></method>`),
    '\t</methodlist>',
    `\t<seealsolist>${seealso.map((s) => `<seealso name="${esc(s)}" />`).join('')}</seealsolist>`,
    '</c74object>',
    '',
  ].join('\n');
}

const paramMethods = (ps: GenParamInfo[]) => ps.map((p) => ({ name: p.name, args: `float (${p.unit}, ${p.min}…${p.max}, default ${p.defaultValue})`, doc: p.doc }));

export function refpages(): Record<string, string> {
  return {
    'timbreremap.maxref.xml': page(
      'timbreremap',
      'Drum in, remapped 808 snare out',
      `Left inlet: the drum signal. Right inlet: messages for the engine (node.script running externals/timbreremap.engine.js). tr.remap~ (gen~) plays each hit exactly one onset window (5.4 ms) after the onset with the model the engine hands it; a shipped model is loaded when the engine starts. Outlets: audio (dry/wet mix), the engine's answers (${MAX_OUT.map((m) => m.selector).join(', ')}), onset signal, onset-detection function (signal, dB; the help patch scrolls it with the thresholds), the hit's timbre (loudness brightness noisiness, 0–1), and the same three as signals (held from hit to hit, for modulation). Messages are held back until the engine reports ready.`,
      MAX_IN.map((m) => ({ name: m.selector, args: m.args, doc: m.doc })),
      ['tr.onset~', 'tr.remap~', 'tr.808~', 'node.script'],
    ),
    'tr.remap~.maxref.xml': page(
      'tr.remap~',
      'Timbre remapping inside gen~, sample-accurate',
      'gen~ remapper of TimbreRemap, generated from the engine\'s code (src/gen/remap.ts): on each onset pulse (inlet 2, from tr.onset~) it captures the onset window, computes the onset features as the window arrives, runs the model\'s network (linear or mlp) and starts the 808 voice exactly one window after the onset (240 samples at 44.1 kHz, the same duration at other rates) whatever the signal vector size. The model, normalisation, preset, damping and sensitivity come from node.script through two buffer~ banks (inlet 4: neta/netb/bank answers); until then the default preset plays. Inlet 3: a round-trip synth to mix in. Outlets: audio (equal-power dry/wet), hit records for node.script (hit …), timbre list, loudness/brightness/noisiness signals 0–1, hit signal.',
      [
        { name: 'drywet', args: 'float (0…1, default 1)', doc: 'equal-power mix: synth·√w + input·√(1 − w), gliding over 10 ms' },
        ...paramMethods([...SYNTH_POOL_PARAMS]),
        { name: 'bank', args: 'int (0|1)', doc: 'which buffer~ bank holds the newest net record (sent by node.script after writing it)' },
      ],
      ['timbreremap', 'tr.onset~', 'tr.808~'],
    ),
    'tr.onset~.maxref.xml': page(
      'tr.onset~',
      'Onset detector and onset-window capture',
      'gen~ onset detector of TimbreRemap (adaptive or reference mode, the same numbers as the engine) that captures the onset window (256 samples at 44.1 kHz from 16 before the onset) and outputs it as one list `frame …` once complete (240 samples after the onset). Outlets: onset signal, the frame list, the onset-detection function (signal, dB). Right inlet: window length in samples (the engine sends frame_samples).',
      paramMethods([...onsetGenParams(), ONSET_MODE_PARAM]),
      ['timbreremap', 'tr.808~'],
    ),
    'tr.808~.maxref.xml': page(
      'tr.808~',
      '808 snare synth (14 parameters, voice pool)',
      'gen~ copy of TimbreRemap\'s 808 snare synth: two pitch-modulated sines and high-passed noise through tanh, with exponential envelopes. A rising edge on the inlet (click~) starts a hit with the current parameters; up to `voices` hits overlap, the oldest is faded out when all sound.',
      paramMethods([...synthGenParams(), ...SYNTH_POOL_PARAMS]),
      ['timbreremap', 'tr.onset~'],
    ),
  };
}
