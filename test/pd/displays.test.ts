/**
 * What the help patches show, checked in real Pd (-batch):
 * - `tr.onset~`'s right outlet (the onset-detection function, dB) equals the engine's
 *   (`detectOnsetsWithTrace(...).trace.odfDb`) sample by sample on the example recording, both modes
 *   (Pd computes in float32: a small tolerance);
 * - the displays of `tr.onset~-help.pd` and `tr.remap-help.pd`, driven by playing the example through
 *   the help patch itself (dynamic patching adds a `[r]` to its play message and a `[print]` behind
 *   its hit counter): the hit counter counts the engine's onsets, and the scrolling onset-function
 *   array holds the last 256-sample blocks' maxima of the engine's onset function (one trigger-line
 *   crossing per onset), with the trigger/re-arm lines at 5 / 2.5 dB that follow the settings;
 * - `tr.remap-help.pd`'s per-hit feature display, fed `features …` replies: three number boxes show
 *   the last hit, the loudness array the last 32 hits newest first, clipped to the display range.
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { detectOnsets, detectOnsetsWithTrace, type OnsetMode } from '../../src/onset';
import { EXAMPLE_WAV, exampleAudio, tempDir } from '../helpers/audio';
import { pdLibraryDir, PdPatch, readPdFloatWav, requirePd, runPdBatch } from './pd';

/** Play the example through `[tr.onset~ ARGS]` and record its right (odf) outlet. */
function pdOdf(args: string, numSamples: number): { odf: Float32Array; stderr: string } {
  const dir = tempDir('tr-pd-odf-');
  const out = join(dir, 'odf.wav');
  const p = new PdPatch();
  const lb = p.obj('loadbang');
  const t = p.obj('t b b b');
  const rd = p.msg(`read -resize ${EXAMPLE_WAV} snd`);
  const sf = p.obj('soundfiler');
  p.obj('array define snd');
  p.obj(`array define odf ${numSamples}`);
  const play = p.obj('tabplay~ snd');
  const det = p.obj(`tr.onset~ ${args}`.trim());
  const tw = p.obj('tabwrite~ odf');
  const dsp = p.msg('; pd dsp 1');
  const dl = p.obj(`delay ${Math.ceil((numSamples / 44100) * 1000) + 100}`);
  const w = p.msg(`write -bytes 4 ${out} odf, ; pd quit`);
  const sf2 = p.obj('soundfiler');
  p.connect(lb, 0, t, 0).connect(t, 2, rd, 0).connect(rd, 0, sf, 0);
  p.connect(t, 1, play, 0).connect(t, 1, tw, 0).connect(t, 0, dsp, 0).connect(t, 0, dl, 0);
  p.connect(play, 0, det, 0).connect(det, 2, tw, 0);
  p.connect(dl, 0, w, 0).connect(w, 0, sf2, 0);
  const r = runPdBatch(p.save(join(dir, 'odf.pd')));
  return { odf: readPdFloatWav(out), stderr: r.stderr };
}

describe('tr.onset~ onset-detection function outlet (Pd)', () => {
  it.each(['adaptive', 'reference'] as OnsetMode[])('%s: equals the engine\'s onset function on the example', (mode) => {
    requirePd();
    const x = exampleAudio().mono;
    const n = x.length;
    const { odf, stderr } = pdOdf(mode === 'reference' ? 'reference' : '', n);
    expect(stderr).not.toMatch(/error|couldn't create/i);
    const { trace } = detectOnsetsWithTrace(x, 44100, { mode });
    let worst = 0, at = 0, worstAbove = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.abs(odf[i] - trace.odfDb[i]);
      if (d > worst) [worst, at] = [d, i];
      if (trace.odfDb[i] >= trace.rearmDb) worstAbove = Math.max(worstAbove, d);
    }
    // eslint-disable-next-line no-console
    console.log(`tr.onset~ odf (${mode}) vs engine: max |diff| ${worst.toExponential(2)} dB at sample ${at}, ${worstAbove.toExponential(2)} dB where odf >= re-arm`);
    // Pd's adaptive chain runs in float32 (power follower, noise floor rising ~7e-5 dB a sample):
    // measured 0.03 dB where the thresholds act (odf >= re-arm) and 0.1 dB in quiet tails near
    // the noise floor; both well under one pixel of the help patch's display (50 dB over 140 px).
    // The reference chain differs by float32 rounding only (3e-4 dB).
    expect(worstAbove).toBeLessThan(0.05);
    expect(worst).toBeLessThan(0.2);
  });
});

/** Top-level box indices of a .pd file (what `connect` messages to its canvas refer to). */
function topLevelBoxes(file: string): string[] {
  const lines = readFileSync(join(pdLibraryDir(), file), 'utf8').split(/;\r?\n/).slice(1);
  const boxes: string[] = [];
  let depth = 0;
  for (const raw of lines) {
    const l = raw.trim();
    if (l.startsWith('#N canvas')) depth++;
    else if (l.startsWith('#X restore')) {
      depth--;
      if (depth === 0) boxes.push(l);
    } else if (depth === 0 && l.startsWith('#X ') && !l.startsWith('#X connect')) boxes.push(l);
  }
  return boxes;
}
const findBox = (boxes: string[], re: RegExp): number => {
  const i = boxes.findIndex((b) => re.test(b));
  if (i < 0) throw new Error(`no box matching ${re}`);
  return i;
};

/**
 * Open HELP with a driver patch that adds boxes to it by dynamic patching (`extra`: [box text,
 * [fromIndex, outlet] | null, [toIndex, inlet] | null]), runs `steps` (messages, in logical time) and
 * prints arrays with `array get` at the end. Returns Pd's stderr.
 */
function driveHelp(help: string, extra: Array<[string, [number, number] | null, [number, number] | null]>, steps: Array<[number, string]>, dumpAtMs: number, arrays: string[]): string {
  const canvas = `pd-${help}`;
  const n0 = topLevelBoxes(help).length;
  const msgs: string[] = [];
  extra.forEach(([text, from, to], k) => {
    msgs.push(`; ${canvas} obj 10 ${10 + 25 * k} ${text}`);
    if (from) msgs.push(`; ${canvas} connect ${from[0]} ${from[1]} ${n0 + k} 0`);
    if (to) msgs.push(`; ${canvas} connect ${n0 + k} 0 ${to[0]} ${to[1]}`);
  });
  const dir = tempDir('tr-pd-help-');
  const p = new PdPatch();
  const lb = p.obj('loadbang');
  const setup = p.msg(msgs.join(' '));
  p.connect(lb, 0, setup, 0);
  for (const [atMs, m] of steps) {
    const dl = p.obj(`delay ${atMs}`);
    const box = p.msg(m);
    p.connect(lb, 0, dl, 0).connect(dl, 0, box, 0);
  }
  const dl = p.obj(`delay ${dumpAtMs}`);
  const t = p.obj(`t b ${arrays.map(() => 'b').join(' ')}`);
  p.connect(lb, 0, dl, 0).connect(dl, 0, t, 0);
  arrays.forEach((a, k) => {
    const get = p.obj(`array get ${a}`);
    const pr = p.obj(`print ARRAY-${a}`);
    p.connect(t, arrays.length - k, get, 0).connect(get, 0, pr, 0);
  });
  const quit = p.msg('; pd quit');
  p.connect(t, 0, quit, 0);
  const driver = p.save(join(dir, 'driver.pd'));
  const pd = requirePd();
  const r = spawnSync(pd, ['-nogui', '-noaudio', '-batch', '-noprefs', '-stderr', '-path', pdLibraryDir(), '-open', join(pdLibraryDir(), help), '-open', driver], { encoding: 'utf8', timeout: 60000 });
  return r.stderr;
}
const printedArray = (stderr: string, name: string): number[] => {
  const m = stderr.match(new RegExp(`ARRAY-${name.replace(/[.~]/g, '\\$&')}: ([^\\n]*)`));
  if (!m) throw new Error(`array ${name} not printed; stderr:\n${stderr.slice(-2000)}`);
  return m[1].trim().split(/\s+/).map(Number);
};
const printed = (stderr: string, tag: string): number[] => [...stderr.matchAll(new RegExp(`^${tag}: (\\S+)$`, 'gm'))].map((m) => Number(m[1]));

/** The engine's onset function as the help's display shows it: maxima of 256-sample blocks, clipped to −10…40 dB. */
function blockMaxima(odf: Float32Array, startSample = 0): number[] {
  const out: number[] = [];
  for (let s = startSample; s + 256 <= odf.length; s += 256) {
    let m = -Infinity;
    for (let i = Math.max(0, s); i < s + 256; i++) m = Math.max(m, odf[i]);
    out.push(Math.min(40, Math.max(-10, m)));
  }
  return out;
}

/**
 * The best alignment of the displayed history (690 blocks, newest last) with the engine's block
 * maxima: the 256-sample blocks of the display start at some multiple of Pd's 64-sample block after
 * the recording starts (which one depends on when DSP and playback start), so all four phases are
 * tried. `endSample`: the sample after the newest block shown.
 */
function bestAlignment(shown: number[], odf: Float32Array): { endSample: number; worst: number } {
  let best = { endSample: -1, worst: Infinity };
  for (const phase of [0, 64, 128, 192]) {
    const expected = blockMaxima(odf, phase);
    for (let end = shown.length; end <= expected.length; end++) {
      const seg = expected.slice(end - shown.length, end);
      const worst = Math.max(...seg.map((v, i) => Math.abs(v - shown[i])));
      if (worst < best.worst) best = { endSample: phase + 256 * end, worst };
    }
  }
  return best;
}

describe('help patch displays (Pd, the help patches themselves driven by dynamic patching)', () => {
  const x = exampleAudio().mono;
  const sr = 44100;
  const dumpMs = 10000;

  it('tr.onset~-help.pd: hit counter, onset-function history and threshold lines', () => {
    requirePd();
    const help = 'tr.onset~-help.pd';
    const boxes = topLevelBoxes(help);
    const play = findBox(boxes, /^#X msg \d+ \d+ bang$/);
    const plus = findBox(boxes, /^#X obj \d+ \d+ \+ 1$/);
    const display = findBox(boxes, /pd onset-display$/);
    const err = driveHelp(help, [['r test-play', null, [play, 0]], ['print HITS', [plus, 0], null], ['r test-settings', null, [display, 1]]],
      [[0, '; pd dsp 1; test-play bang']], dumpMs, ['tronset-help-odf', 'tronset-help-trig', 'tronset-help-rearm']);
    expect(err).not.toMatch(/error|couldn't create|can't|no such/i);
    const shownAt = dumpMs / 1000 * sr;
    const onsets = detectOnsets(x, sr);
    // (no onset within a few blocks of the dump time, so the expected count is unambiguous)
    expect(onsets.every((o) => Math.abs(o - shownAt) > 1024)).toBe(true);
    const hits = printed(err, 'HITS');
    expect(hits.length).toBeGreaterThan(5);
    expect(hits).toEqual(onsets.filter((o) => o < shownAt).map((_, k) => k + 1));
    const odf = printedArray(err, 'tronset-help-odf');
    expect(odf).toHaveLength(690);
    const { trace } = detectOnsetsWithTrace(x, sr);
    const { endSample, worst } = bestAlignment(odf, trace.odfDb);
    // the history ends at the dump time (within a few blocks) and matches the engine's onset function
    expect(Math.abs(endSample - shownAt)).toBeLessThan(4 * 256);
    expect(worst).toBeLessThan(0.2);
    // it shows the hits of those 4 s: the curve crosses the trigger line once per onset
    const crossings = odf.filter((v, i) => i > 0 && v >= 5 && odf[i - 1] < 2.5).length;
    expect(crossings).toBe(onsets.filter((o) => o >= endSample - 690 * 256 && o < endSample).length);
    expect(printedArray(err, 'tronset-help-trig').every((v) => v === 5)).toBe(true);
    expect(printedArray(err, 'tronset-help-rearm').every((v) => v === 2.5)).toBe(true);
    // eslint-disable-next-line no-console
    console.log(`tr.onset~-help: ${hits.length} hits counted in ${dumpMs} ms; onset-function history ends at sample ${endSample}, max |diff| ${worst.toExponential(2)} dB`);
  });

  it('tr.onset~-help.pd: the threshold lines follow mode / trigger / rearm messages', () => {
    requirePd();
    const help = 'tr.onset~-help.pd';
    const display = findBox(topLevelBoxes(help), /pd onset-display$/);
    const err = driveHelp(help, [['r test-settings', null, [display, 1]]], [[10, '; test-settings mode reference'], [20, '; test-settings rearm 3']], 30, ['tronset-help-trig', 'tronset-help-rearm']);
    expect(printedArray(err, 'tronset-help-trig').every((v) => v === 16)).toBe(true);
    expect(printedArray(err, 'tronset-help-rearm').every((v) => v === 3)).toBe(true);
  });

  it('tr.remap-help.pd: the features of the last hit and the loudness of the last 32 hits (newest first, clipped to -60 dB)', () => {
    requirePd();
    const help = 'tr.remap-help.pd';
    const boxes = topLevelBoxes(help);
    const route = findBox(boxes, /^#X obj \d+ \d+ route hit features /);
    const atoms = boxes.map((b, i) => [b, i] as const).filter(([b]) => b.startsWith('#X floatatom')).map(([, i]) => i);
    expect(atoms.length).toBeGreaterThanOrEqual(4); // 3 features + the hit counter
    const feats = atoms.filter((i) => boxes[i].match(/^#X floatatom (\d+) (\d+)/)![2] === boxes[atoms[atoms.length - 1]].match(/^#X floatatom (\d+) (\d+)/)![2]);
    expect(feats).toHaveLength(3);
    const hits = Array.from({ length: 40 }, (_, k) => [-5 - k, 90 + k / 4, -40 - k / 2]);
    hits[38][0] = -75; // below the display range: clipped to -60
    const steps: Array<[number, string]> = hits.map((h, k) => [10 + k, `; test-reply features ${h.join(' ')}`]);
    steps.push([60, '; test-reply physical 1 2 3']); // other replies leave the display alone
    const err = driveHelp(help, [['r test-reply', null, [route, 0]], ...feats.map((f, k) => [`print FEATURE${k}`, [f, 0], null] as [string, [number, number], null])], steps, 100, ['trremap-help-loudness']);
    const last = hits[hits.length - 1];
    feats.forEach((_, k) => expect(printed(err, `FEATURE${k}`).at(-1)).toBeCloseTo(last[k], 4));
    expect(printed(err, 'FEATURE0')).toHaveLength(hits.length);
    const loud = printedArray(err, 'trremap-help-loudness');
    const expected = hits.map((h) => Math.max(-60, Math.min(0, h[0]))).reverse().slice(0, 32);
    expect(loud).toHaveLength(32);
    loud.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 4));
  });

  it('tr.remap-help.pd: hit counter and onset-function display from tr.remap\'s outlets', () => {
    requirePd();
    const help = 'tr.remap-help.pd';
    const boxes = topLevelBoxes(help);
    const play = findBox(boxes, /^#X msg \d+ \d+ bang$/);
    const plus = findBox(boxes, /^#X obj \d+ \d+ \+ 1$/);
    const remap = findBox(boxes, /^#X obj \d+ \d+ tr\.remap /);
    // frames go to a port nobody listens on, so no bridge of another test answers them
    const err = driveHelp(help, [['r test-play', null, [play, 0]], ['print HITS', [plus, 0], null], ['r test-ctl', null, [remap, 1]]],
      [[0, '; test-ctl connect 127.0.0.1 9; pd dsp 1; test-play bang']], dumpMs, ['trremap-help-odf']);
    const shownAt = dumpMs / 1000 * sr;
    const onsets = detectOnsets(x, sr).filter((o) => o < shownAt);
    expect(printed(err, 'HITS')).toEqual(onsets.map((_, k) => k + 1));
    const odf = printedArray(err, 'trremap-help-odf');
    const { endSample, worst } = bestAlignment(odf, detectOnsetsWithTrace(x, sr).trace.odfDb);
    expect(Math.abs(endSample - shownAt)).toBeLessThan(4 * 256);
    expect(worst).toBeLessThan(0.2);
  });
});
