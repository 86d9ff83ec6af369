import { join } from 'node:path';
import { readAudio, readWav } from '../../src/io/wav';
import { openAudioStream } from '../../src/io/audioStream';

/** Exact equality without jest's slow diff of 66 150 numbers. */
function sameSamples(a: Float32Array, b: Float32Array): boolean | string {
  if (a.length !== b.length) return `length ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `sample ${i}: ${a[i]} vs ${b[i]}`;
  return true;
}

const F = (name: string) => join(__dirname, '../fixtures/formats', name);

describe('input formats (checked against sox and flac decodings)', () => {
  const pcm = readWav(F('ex.wav'));

  it('reads the 16-bit WAV reference', () => {
    expect(pcm.sampleRate).toBe(44100);
    expect(pcm.mono.length).toBe(Math.round(1.5 * 44100));
  });

  it.each([['ex.aiff', /16-bit int.*AIFF/], ['ex-float.aifc', /32-bit float.*AIFF-C/]])('AIFF %s decodes to exactly the same samples as the WAV', (name, format) => {
    const a = readWav(F(name));
    expect(a.format).toMatch(format);
    expect(a.sampleRate).toBe(44100);
    expect(sameSamples(a.mono, pcm.mono)).toBe(true);
  });

  it('FLAC decodes (whole and streamed in odd blocks) to exactly the samples flac encoded', async () => {
    const a = await readAudio(F('ex.flac'));
    expect(a.format).toMatch(/16-bit FLAC, 1 ch/);
    expect(sameSamples(a.mono, pcm.mono)).toBe(true);
    const s = openAudioStream(F('ex.flac'));
    const got: number[] = [];
    for (let b = await s.read(1000); b; b = await s.read(777)) got.push(...b[0]);
    s.close();
    expect(sameSamples(Float32Array.from(got), pcm.mono)).toBe(true);
  });

  it.each([['ex-alaw.wav', 'ex-alaw-decoded.wav', /A-law/], ['ex-ulaw.wav', 'ex-ulaw-decoded.wav', /µ-law/]])('G.711 %s decodes as sox decodes it', (name, decoded, format) => {
    const a = readWav(F(name));
    expect(a.format).toMatch(format);
    expect(sameSamples(a.mono, readWav(F(decoded)).mono)).toBe(true);
  });

  it('the block reader gives the whole-file samples for every format', async () => {
    for (const name of ['ex.wav', 'ex.aiff', 'ex-float.aifc', 'ex-alaw.wav']) {
      const whole = readWav(F(name)).mono;
      const s = openAudioStream(F(name));
      const parts: number[] = [];
      for (let b = await s.read(4096); b; b = await s.read(4096)) parts.push(...b[0]);
      s.close();
      expect(sameSamples(Float32Array.from(parts), whole)).toBe(true);
    }
  });
});
