import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/types';
import { encodeWav, readWav } from '../../src/io/wav';
import { detectOnsets } from '../../src/onset';
import { fullFeatures, onsetFeatures, segmentHits } from '../../src/features';
import { Engine } from '../../src/engine/engine';
import { remapRecording } from '../../src/engine/remapper';
import { backtrackSamplesAt, windowSamplesAt } from '../../src/engine/constants';
import { EXAMPLE_WAV, exampleAudio, tempDir } from '../helpers/audio';

async function cli(...argv: string[]) {
  let out = '', err = '';
  const io: CliIO = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), isTTY: false };
  const code = await runCli(argv, io);
  return { code, out, err };
}

const MODEL = join(__dirname, '../../models/gmrock_808_snare_1');

/**
 * The streaming commands (blocks of 65 536 frames) give exactly what the whole-file functions give
 * on the decoded recording: same onsets, same features, same rendered samples.
 */
describe('streamed commands = whole-file results, exactly', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const audio = exampleAudio();
  // Stereo at 48 kHz, 45 s (several read blocks, a block-straddling hit, the mix-down done per block).
  const sr = 48000;
  const long = new Float32Array(45 * sr);
  for (let at = 0; at < long.length; at += audio.mono.length) long.set(audio.mono.subarray(0, Math.min(audio.mono.length, long.length - at)), at);
  const right = long.map((v, i) => 0.5 * v + (i % 7) * 1e-4);
  const stereo = join(dir, 'stereo48.wav');
  writeFileSync(stereo, encodeWav([long, right], sr, '24'));
  const decoded = readWav(stereo);

  it.each([[EXAMPLE_WAV, 'adaptive'], [EXAMPLE_WAV, 'reference'], [stereo, 'adaptive']])('onsets of %s (%s)', async (path, mode) => {
    const r = await cli('onsets', path, '--detector', mode, '--json');
    const a = path === stereo ? decoded : audio;
    expect(JSON.parse(r.out).onsets.map((o: { sample: number }) => o.sample)).toEqual(detectOnsets(a.mono, a.sampleRate, { mode: mode as 'adaptive' }));
  });

  it.each([[EXAMPLE_WAV], [stereo]])('features of %s', async (path) => {
    const a = path === stereo ? decoded : audio;
    const r = JSON.parse((await cli('features', path, '--json')).out);
    const onsets = detectOnsets(a.mono, a.sampleRate);
    const hits = segmentHits(a.mono, onsets, a.sampleRate, { backtrackSamples: backtrackSamplesAt(a.sampleRate) });
    const round = (x: number) => Number(x.toFixed(6));
    expect(r.hits.length).toBe(onsets.length);
    expect(r.hits).toEqual(hits.map((h, i) => ({
      sample: onsets[i],
      onset: Array.from(onsetFeatures(h.subarray(0, windowSamplesAt(a.sampleRate)), a.sampleRate), round),
      full: Array.from(fullFeatures(h, a.sampleRate), round),
    })));
  });

  it.each([[EXAMPLE_WAV, '1'], [stereo, '0.7']])('render of %s (dry/wet %s) with a model', async (path, dryWet) => {
    const out = join(dir, `r-${dryWet}.wav`);
    const r = await cli('render', path, '--model', MODEL, '--dry-wet', dryWet, '--out', out, '--json');
    expect(r.code).toBe(0);
    const a = path === stereo ? decoded : audio;
    const engine = new Engine({ sampleRateHz: a.sampleRate });
    expect((await engine.loadModel(MODEL)).ok).toBe(true);
    const whole = await remapRecording(engine, a.mono, a.sampleRate, { dryWet: Number(dryWet) });
    const streamed = readWav(out).mono;
    expect(streamed.length).toBe(whole.output.length);
    let differ = 0;
    for (let i = 0; i < streamed.length; i++) if (streamed[i] !== whole.output[i]) differ++;
    expect(differ).toBe(0);
    expect(JSON.parse(r.out).hits.map((h: { sample: number }) => h.sample)).toEqual(whole.hits.map((h) => h.sample));
  });
});
