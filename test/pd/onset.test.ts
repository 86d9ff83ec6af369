/**
 * tr.onset~ in real Pd (logical time, -batch), both modes against the engine's detector
 * (`detectOnsets`), every onset on the same sample (tolerance 0; the patch is generated from
 * src/onset by scripts/gen/pd/onset.ts, and the committed file must be what it generates):
 * - default (adaptive, as the engine) and `reference` on the example recording, plus every
 *   ground-truth hit within ±20 ms;
 * - adaptive on two 40-hit crescendos (40 dB, −41 → −1 dBFS peaks, over −66 dBFS white / pink
 *   noise; test/onset/crescendo.ts) written as 16-bit WAVs: the same hits as the engine on the very
 *   same 16-bit samples, including the quiet first hits that the reference mode misses;
 * - the `mode` message switches a `[tr.onset~ reference]` to adaptive; a bad mode is refused;
 *   switched while playing (adaptive → reference at block 3000), the onsets are the engine's adaptive
 *   ones before the switch and its reference ones on the rest of the signal (a fresh start) after it.
 *
 * Pd computes in float32 and the engine in float64: the level in dB, the followers and the noise
 * floor differ by rounding (the floor's 3 dB/s rise is ~6.8e-5 dB per sample against a float32 step
 * of ~4e-6 dB near −60 dB). A crossing could move by a sample or, at a hit whose onset function
 * peaks within rounding of the threshold, appear in one and not the other; the one-block tolerance
 * and the count check would catch either. Measured: every onset on the same sample (difference 0)
 * on the example, examples/other, the crescendos and the synthetic failure cases.
 */
import { readFileSync } from 'node:fs';
import { trOnsetPd } from '../../scripts/gen/pd/onset';
import { flams, hum, loudStart, ringing, roll } from '../onset/signals';
import { join } from 'node:path';
import { readWav, writeWav } from '../../src/io/wav';
import { detectOnsets, detectOnsetsWithTrace, type OnsetMode } from '../../src/onset';
import { EXAMPLE_WAV, exampleAudio, exampleTruth, matchOnsets, tempDir } from '../helpers/audio';
import { buildCrescendo, type CrescendoOptions } from '../onset/crescendo';
import { PdPatch, readPdFloatWav, requirePd, runPdBatch } from './pd';

const BLOCK = 64;
const within20ms = Math.round(0.02 * 44100);
/** Pd's odf (float32 chain) against the engine's (float64): measured max |diff| 4.4e-2 dB; about 10× that. */
const ODF_TOLERANCE_DB = 0.5;

/** Play `wav` through `[tr.onset~ ARGS]` (after `messages` to its right inlet); onset samples, the odf outlet and Pd's stderr. */
function pdOnsets(wav: string, numSamples: number, args: string, messages: string[] = []): { onsets: number[]; odf: Float32Array; stderr: string; blockReports: number } {
  const dir = tempDir('tr-pd-onset-');
  const out = join(dir, 'pulse.wav');
  const outOdf = join(dir, 'odf.wav');
  const p = new PdPatch();
  const lb = p.obj('loadbang');
  const t = p.obj('t b b b');
  const rd = p.msg(`read -resize ${wav} snd`);
  const sf = p.obj('soundfiler');
  p.obj('array define snd');
  p.obj(`array define pulse ${numSamples}`);
  p.obj(`array define odf ${numSamples}`);
  const play = p.obj('tabplay~ snd');
  const det = p.obj(`tr.onset~ ${args}`.trim());
  const tw = p.obj('tabwrite~ pulse');
  const twOdf = p.obj('tabwrite~ odf');
  const dsp = p.msg('; pd dsp 1');
  const cnt = p.obj('print ONSET-BLOCK-INDEX');
  const dl = p.obj(`delay ${Math.ceil((numSamples / 44100) * 1000) + 100}`);
  const w = p.msg(`write -bytes 4 ${outOdf} odf, write -bytes 4 ${out} pulse, ; pd quit`);
  const sf2 = p.obj('soundfiler');
  for (const m of messages) {
    const box = p.msg(m);
    p.connect(t, 2, box, 0).connect(box, 0, det, 1); // before DSP starts
  }
  p.connect(lb, 0, t, 0).connect(t, 2, rd, 0).connect(rd, 0, sf, 0);
  p.connect(t, 1, play, 0).connect(t, 1, tw, 0).connect(t, 0, dsp, 0).connect(t, 0, dl, 0);
  p.connect(t, 1, twOdf, 0).connect(det, 2, twOdf, 0);
  p.connect(play, 0, det, 0).connect(det, 0, tw, 0).connect(det, 1, cnt, 0);
  p.connect(dl, 0, w, 0).connect(w, 0, sf2, 0);
  const r = runPdBatch(p.save(join(dir, 'onset.pd')));
  const pulse = readPdFloatWav(out);
  const onsets: number[] = [];
  pulse.forEach((v, i) => v > 0.5 && onsets.push(i));
  return { onsets, odf: readPdFloatWav(outOdf), stderr: r.stderr, blockReports: (r.stderr.match(/ONSET-BLOCK-INDEX: \d+/g) ?? []).length };
}

/** The same onsets to the sample (tolerance 0). */
function expectSameOnsets(pd: number[], engine: number[], what: string): number[] {
  expect(pd).toEqual(engine);
  const diffs = pd.map((s, i) => s - engine[i]);
  // eslint-disable-next-line no-console
  console.log(`tr.onset~ vs detectOnsets (${what}): ${pd.length} onsets, sample differences ${JSON.stringify(diffs)}`);
  return diffs;
}

describe('tr.onset~ (Pd) is generated', () => {
  it('patchers/pd/tr.onset~.pd is what scripts/gen/pd/onset.ts generates (regenerate: npx tsx scripts/gen/pd/onset.ts)', () => {
    expect(readFileSync(join(__dirname, '../../patchers/pd/tr.onset~.pd'), 'utf8')).toBe(trOnsetPd());
  });
});

describe('tr.onset~ (Pd) on the other recordings and the synthetic failure cases, to the sample', () => {
  it.each(['forzee', 'millo', 'colombo'])('%s-snare-performance', (name) => {
    requirePd();
    const wav = join(__dirname, `../../examples/other/${name}-snare-performance.wav`);
    const x = readWav(wav).mono;
    const r = pdOnsets(wav, x.length, '');
    expectSameOnsets(r.onsets, detectOnsets(x, 44100), `adaptive, ${name}`);
  });

  it.each([
    ['ringing, rattling decays', () => ringing('synth', 1, 150)],
    ['flams 15/25/50 ms', () => flams([{ gapMs: 15, secondDb: 0 }, { gapMs: 25, secondDb: -3 }, { gapMs: 50, secondDb: 0 }, { gapMs: 50, secondDb: -3 }], 'synth', 3)],
    ['rolls 20/s', () => roll(20, 'synth', 5)],
    ['hum + DC from sample 0', () => hum(50, -20, 0.1, 4)],
    ['noise from sample 0 at -30 dBFS', () => loudStart(-30, 'pink', 3)],
    // strokes the decay-following background separates (main before it found 19 of these 24 strokes and 4 of these 6)
    ['roll 16/s of real hits', () => roll(16, 'real', 1)],
    ['flams of real hits 50 ms', () => flams([0, 1, 2].map(() => ({ gapMs: 50, secondDb: 0 })), 'real', 4)],
  ])('%s', (_name, make) => {
    requirePd();
    const t = make();
    const wav = join(tempDir('tr-pd-synth-'), 'case.wav');
    writeWav(wav, [t.signal], t.sampleRateHz, '16');
    const x = readWav(wav).mono;
    const engine = detectOnsets(x, t.sampleRateHz);
    expect(engine.length).toBeGreaterThan(0);
    const r = pdOnsets(wav, x.length, '');
    expectSameOnsets(r.onsets, engine, `adaptive, ${_name}`);
    // a one-sample shift of any onset would fail the comparison
    expect(r.onsets).not.toEqual(engine.map((o, i) => (i === engine.length - 1 ? o + 1 : o)));
  });
});

describe('tr.onset~ (Pd) settings by message', () => {
  it('maskms 40 (mask release and the decay-following window after each onset): the engine\'s onsets with maskMs 40, to the sample', () => {
    requirePd();
    const t = roll(20, 'real', 3);
    const wav = join(tempDir('tr-pd-mask-'), 'case.wav');
    writeWav(wav, [t.signal], t.sampleRateHz, '16');
    const x = readWav(wav).mono;
    const engine = detectOnsets(x, t.sampleRateHz, { maskMs: 40 });
    // the setting matters on this signal (else the test would not tell it was applied)
    expect(engine).not.toEqual(detectOnsets(x, t.sampleRateHz));
    const r = pdOnsets(wav, x.length, '', ['maskms 40']);
    expectSameOnsets(r.onsets, engine, 'adaptive, maskms 40, roll 20/s of real hits');
    // and the odf outlet is the engine's onset function within float32 rounding (a gross check: a
    // decay-following window one sample off moves it by ~1e-2 dB, below the float32 drift; gen~'s
    // float64 odf test catches that, and Pd's window comes from the same constant)
    const { trace } = detectOnsetsWithTrace(x, t.sampleRateHz, { maskMs: 40 });
    let worst = 0;
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(r.odf[i] - trace.odfDb[i]));
    // eslint-disable-next-line no-console
    console.log(`tr.onset~ (Pd) odf outlet vs detectOnsetsWithTrace, maskms 40: max |diff| ${worst.toExponential(2)} dB`);
    expect(worst).toBeLessThan(ODF_TOLERANCE_DB);
  });
});

describe('tr.onset~ (Pd)', () => {
  it.each([
    ['', 'adaptive'],
    ['reference', 'reference'],
  ] as Array<[string, OnsetMode]>)('[tr.onset~ %s] finds the engine %s detector onsets on the example to the sample, and every ground-truth hit', (args, mode) => {
    requirePd();
    const audio = exampleAudio();
    const r = pdOnsets(EXAMPLE_WAV, audio.mono.length, args);
    expect(r.stderr).not.toMatch(/error|couldn't create|unknown mode/i);
    // Every block with an onset was also reported on the control outlet (one line per onset).
    expect(r.blockReports).toBe(r.onsets.length);
    expectSameOnsets(r.onsets, detectOnsets(audio.mono, audio.sampleRate, { mode }), `${mode}, example`);
    const truth = exampleTruth();
    expect(matchOnsets(r.onsets, truth, within20ms).tp).toBe(truth.length);
    expect(r.onsets.length).toBe(truth.length);
  });

  it.each([
    [{ seed: 1 }],
    [{ seed: 2, noise: 'pink', spacingMs: 180, jitterMs: 20 }],
  ] as Array<[CrescendoOptions]>)('adaptive mode finds the same crescendo hits as the engine, quiet ones included (%o)', (opts) => {
    requirePd();
    const c = buildCrescendo(opts);
    const wav = join(tempDir('tr-pd-crescendo-'), 'crescendo.wav');
    writeWav(wav, [c.signal], c.sampleRateHz, '16');
    const x = readWav(wav).mono; // the 16-bit samples Pd reads
    // Starts in reference mode and is switched by message (before DSP starts).
    const r = pdOnsets(wav, x.length, 'reference', ['mode adaptive']);
    expect(r.stderr).not.toMatch(/error|couldn't create|unknown mode/i);
    expectSameOnsets(r.onsets, detectOnsets(x, c.sampleRateHz, { mode: 'adaptive' }), `adaptive, crescendo ${JSON.stringify(opts)}`);
    // The quiet first hits (peaks −41 … −34 dBFS) are found, as in the engine's own tests; the
    // reference mode misses most of them.
    const quiet = c.onsets.slice(0, 8);
    expect(matchOnsets(r.onsets, quiet, within20ms).tp).toBe(quiet.length);
    expect(matchOnsets(r.onsets, c.onsets, within20ms).recall).toBeGreaterThanOrEqual(0.95);
    expect(matchOnsets(detectOnsets(x, c.sampleRateHz, { mode: 'reference' }), quiet, within20ms).tp).toBeLessThan(quiet.length / 2);
  });

  it('refuses an unknown mode with a message and keeps the current one', () => {
    requirePd();
    const audio = exampleAudio();
    const n = 3 * 44100;
    const r = pdOnsets(EXAMPLE_WAV, n, '', ['mode loud', 'mode 3']);
    expect(r.stderr).toMatch(/tr\.onset~: unknown mode \(use adaptive or reference\): loud/);
    expect(r.stderr).toMatch(/unknown mode .*: 3/);
    expectSameOnsets(r.onsets, detectOnsets(audio.mono.subarray(0, n), audio.sampleRate, { mode: 'adaptive' }), 'adaptive after bad mode messages, first 3 s');
  });
});

describe('tr.onset~ unknown messages (Pd)', () => {
  it('answers each unknown or misspelt message with one line naming what it accepts, and keeps detecting', () => {
    requirePd();
    const audio = exampleAudio();
    const n = 3 * 44100;
    const r = pdOnsets(EXAMPLE_WAV, n, '', ['trigegr 5, maskms 80, mode reference, maskms 80, mode adaptive']); // one box: in this order
    const lines = r.stderr.split('\n').filter((l) => /tr\.onset~: unknown message/.test(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^tr\.onset~: unknown message \(accepted: mode adaptive\|reference trigger DB rearm DB hold SAMPLES holdms MS maskms MS reset\) got: trigegr 5$/);
    expect(lines[1]).toMatch(/^tr\.onset~: unknown message in reference mode \(accepted: .*holdms MS reset\) got: maskms 80$/);
    expectSameOnsets(r.onsets, detectOnsets(audio.mono.subarray(0, n), audio.sampleRate, { mode: 'adaptive' }), 'adaptive after unknown messages, first 3 s');
  });
});

describe('tr.onset~ mode switch while playing (Pd)', () => {
  it('switches from adaptive to reference at a block boundary; the reference mode then starts afresh', () => {
    requirePd();
    const audio = exampleAudio();
    const x = audio.mono;
    const switchBlock = 3000; // 4.35 s in
    const dir = tempDir('tr-pd-onset-switch-');
    const out = join(dir, 'pulse.wav');
    const p = new PdPatch();
    const lb = p.obj('loadbang');
    const t = p.obj('t b b b');
    const rd = p.msg(`read -resize ${EXAMPLE_WAV} snd`);
    const sf = p.obj('soundfiler');
    p.obj('array define snd');
    p.obj(`array define pulse ${x.length}`);
    const play = p.obj('tabplay~ snd');
    const det = p.obj('tr.onset~');
    const tw = p.obj('tabwrite~ pulse');
    const dsp = p.msg('; pd dsp 1');
    // bang~ after block j−1 → the message takes effect in block j
    const bang = p.obj('bang~');
    const cnt = p.obj('f');
    const inc = p.obj('+ 1');
    const sel = p.obj(`sel ${switchBlock}`);
    const mode = p.msg('mode reference');
    const dl = p.obj(`delay ${Math.ceil((x.length / 44100) * 1000) + 100}`);
    const w = p.msg(`write -bytes 4 ${out} pulse, ; pd quit`);
    const sf2 = p.obj('soundfiler');
    p.connect(lb, 0, t, 0).connect(t, 2, rd, 0).connect(rd, 0, sf, 0);
    p.connect(t, 1, play, 0).connect(t, 1, tw, 0).connect(t, 0, dsp, 0).connect(t, 0, dl, 0);
    p.connect(play, 0, det, 0).connect(det, 0, tw, 0);
    p.connect(bang, 0, cnt, 0).connect(cnt, 0, inc, 0).connect(inc, 0, cnt, 1).connect(inc, 0, sel, 0).connect(sel, 0, mode, 0).connect(mode, 0, det, 1);
    p.connect(dl, 0, w, 0).connect(w, 0, sf2, 0);
    const r = runPdBatch(p.save(join(dir, 'switch.pd')));
    expect(r.stderr).not.toMatch(/error|couldn't create/i);
    const pulse = readPdFloatWav(out);
    const pd: number[] = [];
    pulse.forEach((v, i) => v > 0.5 && pd.push(i));
    const at = switchBlock * BLOCK;
    const adaptive = detectOnsets(x.subarray(0, at), audio.sampleRate, { mode: 'adaptive' });
    const reference = detectOnsets(x.subarray(at), audio.sampleRate, { mode: 'reference' }).map((s) => s + at);
    expect(adaptive.length).toBeGreaterThan(5);
    expect(reference.length).toBeGreaterThan(5);
    expectSameOnsets(pd, [...adaptive, ...reference], `adaptive, then reference from sample ${at}`);
  });
});
