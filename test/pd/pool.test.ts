/**
 * tr.808~'s voice pool in real Pd (`-batch`) against the TypeScript `VoicePool` (src/synth/pool.ts,
 * 4 voices, 5 ms linear fade of a stolen voice), tonal part (noise muted in Pd, a zero noise buffer
 * in TypeScript, as synth.test.ts compares single hits):
 * - two overlapping hits: the second does not cut the first's tail (the sum of both);
 * - five quick hits (4 voices): the fifth steals the oldest, which fades out; the output equals the
 *   pool's and has no step larger than the largest step of the same five hits without stealing
 *   (each hit's full tail) beyond what the fade itself adds (at most the stolen voice's level ÷ the
 *   fade length, per sample), while a hard cut of the stolen voice would be a much larger step.
 * - hits with a start offset (a 15th number) start that many samples after their block's start,
 *   as VoicePool.trigger(params, offset) does, also past the end of the block and for a steal.
 * Hits are timed in Pd blocks: a hit sent on the j-th `[bang~]` starts at sample 64·j (+ offset).
 * Bounds: 10× the error measured in Pd 0.53.1 (Debian bookworm) for each case.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VoicePool } from '../../src/synth/pool';
import { tempDir } from '../helpers/audio';
import { PdPatch, readPdFloatWav, requirePd, runPdBatch } from './pd';

const GOLDEN = join(__dirname, '../fixtures/golden/synth-golden.json');
const BLOCK = 64;
const N = 22050;
/** A difference this large is audible structure (a cut tail, a shifted hit), far above any rounding. */
const SIGNIFICANT = 1e-3;

const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as { cases: Record<string, { params01: number[] }> };
const params = (name: string) => golden.cases[name].params01;

type Hit = { block: number; params01: number[]; offset?: number };
const hitList = (h: Hit) => [...h.params01, ...(h.offset !== undefined ? [h.offset] : [])].join(' ');

/** Hits at the given blocks (the first must be block 0), played through one `[tr.808~]` with the noise muted; N samples. */
function renderPd(hits: Hit[]): Float32Array {
  const dir = tempDir('tr-pd-pool-');
  const out = join(dir, 'out.wav');
  const p = new PdPatch();
  const lb = p.obj('loadbang');
  const t = p.obj('t b b b');
  const syn = p.obj('tr.808~');
  p.obj(`array define out ${N}`);
  const tw = p.obj('tabwrite~ out');
  const dsp = p.msg('; pd dsp 1');
  p.connect(lb, 0, t, 0).connect(t, 0, dsp, 0).connect(t, 1, tw, 0).connect(syn, 0, tw, 0);
  const first = p.msg(`noise 0, ${hitList(hits[0])}`);
  p.connect(t, 2, first, 0).connect(first, 0, syn, 0);
  // bang~ after block j−1 → the message takes effect in block j
  const bang = p.obj('bang~');
  const cnt = p.obj('f');
  const inc = p.obj('+ 1');
  const later = hits.slice(1);
  const sel = p.obj(`sel ${later.map((h) => h.block).join(' ')}`);
  p.connect(bang, 0, cnt, 0).connect(cnt, 0, inc, 0).connect(inc, 0, cnt, 1).connect(inc, 0, sel, 0);
  later.forEach((h, i) => {
    const m = p.msg(hitList(h));
    p.connect(sel, i, m, 0).connect(m, 0, syn, 0);
  });
  const end = p.obj(`delay ${Math.ceil((N / 44100) * 1000) + 50}`);
  const w = p.msg(`write -bytes 4 ${out} out, ; pd quit`);
  const sf = p.obj('soundfiler');
  p.connect(lb, 0, end, 0).connect(end, 0, w, 0).connect(w, 0, sf, 0);
  const r = runPdBatch(p.save(join(dir, 'pool.pd')));
  expect(r.stderr).not.toMatch(/error|couldn't create/i);
  return readPdFloatWav(out);
}

/** The same hits through the TypeScript pool, processed in 64-sample blocks. */
function renderTs(hits: Hit[], voices = 4): Float32Array {
  const pool = new VoicePool(44100, { voices, noise: new Float32Array(44100) });
  const out = new Float32Array(N);
  for (let b = 0; b * BLOCK < N; b++) {
    for (const h of hits) if (h.block === b) expect(pool.trigger(h.params01, h.offset ?? 0)).toBe(true);
    pool.process(out, b * BLOCK, Math.min(N, (b + 1) * BLOCK));
  }
  return out;
}

const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const maxStep = (x: Float32Array) => x.reduce((m, v, i) => (i ? Math.max(m, Math.abs(v - x[i - 1])) : 0), 0);

describe('tr.808~ voice pool (Pd)', () => {
  beforeAll(() => requirePd());

  it('two overlapping hits: the second keeps the first one’s tail (equals VoicePool)', () => {
    const hits = [
      { block: 0, params01: params('808_tom_1') },
      { block: 40, params01: params('808_snare_1') }, // 58 ms later, while the tom still rings
    ];
    const pd = renderPd(hits);
    const ts = renderTs(hits);
    const err = maxAbsDiff(pd, ts);
    // A one-voice synth (the second hit restarting the voice) would differ by far more: the test can fail.
    const oneVoice = renderTs(hits, 1);
    const cut = maxAbsDiff(oneVoice, ts);
    // eslint-disable-next-line no-console
    console.log(`tr.808~ pool, two overlapping hits: max |Pd − VoicePool| ${err.toExponential(2)}; one voice would differ by ${cut.toFixed(3)}`);
    expect(cut).toBeGreaterThan(10 * SIGNIFICANT);
    expect(err).toBeLessThan(4.3e-5); // measured 4.35e-6
    expect(Math.max(...Array.from(ts.subarray(40 * BLOCK, 40 * BLOCK + 4410), Math.abs))).toBeGreaterThan(0.1);
  });

  it('a hit takes a voice that has gone silent rather than stealing one that still sounds', () => {
    // A long kick, three short snares that die out within ~0.2 s (VoicePool's silence bound), then two
    // more hits: 4 hits have been played, but only the kick still sounds, so nothing is stolen.
    const hits = [
      { block: 0, params01: params('808_kick') },
      { block: 2, params01: params('808_snare_2') },
      { block: 4, params01: params('808_snare_2') },
      { block: 6, params01: params('808_snare_2') },
      { block: 200, params01: params('808_snare_3') },
      { block: 204, params01: params('808_snare_1') },
    ];
    const pd = renderPd(hits);
    const ts = renderTs(hits);
    const err = maxAbsDiff(pd, ts);
    // Stealing the oldest voice (the kick) at block 200 would remove this much from the output:
    const kick = renderTs([hits[0]], 1);
    const kickTail = Math.max(...Array.from(kick.subarray(200 * BLOCK + 221, N), Math.abs));
    // eslint-disable-next-line no-console
    console.log(`tr.808~ pool, free voice reused: max |Pd − VoicePool| ${err.toExponential(2)}; the kick's tail a wrong steal would cut: ${kickTail.toFixed(3)}`);
    expect(kickTail).toBeGreaterThan(10 * SIGNIFICANT);
    expect(err).toBeLessThan(9.6e-5); // measured 9.60e-6
  });

  it('five quick hits: the fifth steals the oldest voice with a fade (equals VoicePool, no click)', () => {
    const names = ['808_snare_1', '808_snare_2', '808_snare_3', '808_tom_1', '808_tom_2'];
    const hits = names.map((n, i) => ({ block: 4 * i, params01: params(n) })); // 5.8 ms apart
    const pd = renderPd(hits);
    const ts = renderTs(hits);
    const err = maxAbsDiff(pd, ts);
    const unstolen = renderTs(hits, 8); // enough voices: every hit keeps its full tail
    const stealAt = 16 * BLOCK;
    // The stolen voice's level when it is stolen: what a hard cut would jump by.
    const firstAlone = renderTs([hits[0]], 1);
    const hardCutStep = Math.abs(firstAlone[stealAt]);
    // The fade's own slope: the stolen voice's largest level during the fade ÷ the fade length.
    const fadeSamples = Math.round((5 * 44100) / 1000);
    const fadeSlope = Math.max(...Array.from(firstAlone.subarray(stealAt, stealAt + fadeSamples), Math.abs)) / fadeSamples;
    const [pdStep, freeStep] = [maxStep(pd), maxStep(unstolen)];
    // eslint-disable-next-line no-console
    console.log(
      `tr.808~ pool, five hits 5.8 ms apart: max |Pd − VoicePool| ${err.toExponential(2)}; max step Pd ${pdStep.toFixed(4)}, ` +
        `without stealing ${freeStep.toFixed(4)} (+ fade slope ${fadeSlope.toExponential(1)}), a hard cut would jump ${hardCutStep.toFixed(4)}`,
    );
    expect(err).toBeLessThan(1.3e-4); // measured 1.36e-5
    // The fade really happened: the output differs from the un-stolen sum after the steal, and the first
    // hit is gone 5 ms (221 samples) later.
    expect(maxAbsDiff(pd.subarray(stealAt), unstolen.subarray(stealAt))).toBeGreaterThan(10 * SIGNIFICANT);
    expect(hardCutStep).toBeGreaterThan(freeStep + fadeSlope); // a hard cut would fail the click test below
    expect(pdStep).toBeLessThanOrEqual(freeStep + fadeSlope);
  });

  it('start offsets: each hit starts offset samples after its block starts (within the block, past it, and a steal), as VoicePool', () => {
    const names = ['808_snare_1', '808_tom_1', '808_snare_3', '808_snare_2', '808_tom_2'];
    // 17 and 63 samples into blocks 0 and 3, 100 into block 5 (so in block 6), then two more 1 block apart: the fifth steals
    const hits: Hit[] = [
      { block: 0, offset: 17, params01: params(names[0]) },
      { block: 3, offset: 63, params01: params(names[1]) },
      { block: 5, offset: 100, params01: params(names[2]) },
      { block: 9, offset: 1, params01: params(names[3]) },
      { block: 10, offset: 30, params01: params(names[4]) },
    ];
    const pd = renderPd(hits);
    const ts = renderTs(hits);
    const err = maxAbsDiff(pd, ts);
    // one sample later for one hit (or a block-aligned start) would be far off: the test can fail
    const shifted = renderTs(hits.map((h, k) => (k === 1 ? { ...h, offset: (h.offset ?? 0) + 1 } : h)));
    const aligned = renderTs(hits.map((h) => ({ ...h, offset: 0 })));
    // eslint-disable-next-line no-console
    console.log(`tr.808~ pool, start offsets: max |Pd − VoicePool| ${err.toExponential(2)}; one hit one sample later would differ by ${maxAbsDiff(shifted, ts).toFixed(4)}, block-aligned starts by ${maxAbsDiff(aligned, ts).toFixed(4)}`);
    expect(maxAbsDiff(shifted, ts)).toBeGreaterThan(SIGNIFICANT);
    expect(maxAbsDiff(aligned, ts)).toBeGreaterThan(10 * SIGNIFICANT);
    expect(Array.from(pd.subarray(0, 17)).every((v) => v === 0)).toBe(true);
    expect(err).toBeLessThan(1.2e-4); // measured 1.23e-5
  });
});
