/**
 * tr.onset~ in real Pd (logical time, -batch): the example recording played through it gives the
 * same onsets as the engine's reference detector (`detectOnsets(…, {mode: 'reference'})`) within one
 * Pd block (64 samples), and every ground-truth hit within ±20 ms.
 */
import { join } from 'node:path';
import { detectOnsets } from '../../src/onset';
import { EXAMPLE_WAV, exampleAudio, exampleTruth, matchOnsets, tempDir } from '../helpers/audio';
import { PdPatch, readPdFloatWav, requirePd, runPdBatch } from './pd';

describe('tr.onset~ (Pd)', () => {
  it('finds the onsets of the engine reference detector within one block, and every ground-truth hit', () => {
    requirePd();
    const audio = exampleAudio();
    const n = audio.mono.length;
    const dir = tempDir('tr-pd-onset-');
    const out = join(dir, 'pulse.wav');
    const p = new PdPatch();
    const lb = p.obj('loadbang');
    const t = p.obj('t b b b');
    const rd = p.msg(`read -resize ${EXAMPLE_WAV} snd`);
    const sf = p.obj('soundfiler');
    p.obj('array define snd');
    p.obj(`array define pulse ${n}`);
    const play = p.obj('tabplay~ snd');
    const det = p.obj('tr.onset~');
    const tw = p.obj('tabwrite~ pulse');
    const dsp = p.msg('; pd dsp 1');
    const cnt = p.obj('print ONSET-BLOCK-INDEX');
    const dl = p.obj(`delay ${Math.ceil((n / 44100) * 1000) + 100}`);
    const w = p.msg(`write -bytes 4 ${out} pulse, ; pd quit`);
    const sf2 = p.obj('soundfiler');
    p.connect(lb, 0, t, 0).connect(t, 2, rd, 0).connect(rd, 0, sf, 0);
    p.connect(t, 1, play, 0).connect(t, 1, tw, 0).connect(t, 0, dsp, 0).connect(t, 0, dl, 0);
    p.connect(play, 0, det, 0).connect(det, 0, tw, 0).connect(det, 1, cnt, 0);
    p.connect(dl, 0, w, 0).connect(w, 0, sf2, 0);
    const r = runPdBatch(p.save(join(dir, 'onset.pd')));
    expect(r.stderr).not.toMatch(/error|couldn't create/i);

    const pulse = readPdFloatWav(out);
    const pd: number[] = [];
    pulse.forEach((v, i) => v > 0.5 && pd.push(i));
    // Every block with an onset was also reported on the control outlet (one line per onset).
    expect((r.stderr.match(/ONSET-BLOCK-INDEX: \d+/g) ?? []).length).toBe(pd.length);

    const ts = detectOnsets(audio.mono, audio.sampleRate, { mode: 'reference' });
    expect(pd.length).toBe(ts.length);
    const diffs = pd.map((s, i) => s - ts[i]);
    for (const d of diffs) expect(Math.abs(d)).toBeLessThanOrEqual(64);
    const truth = exampleTruth();
    const m = matchOnsets(pd, truth, Math.round(0.02 * audio.sampleRate));
    expect(m.tp).toBe(truth.length);
    expect(pd.length).toBe(truth.length);
    // eslint-disable-next-line no-console
    console.log(`tr.onset~ vs detectOnsets(reference): ${pd.length} onsets, sample differences ${JSON.stringify(diffs)}`);
  });
});
