import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav, encodeWav, readWav } from '../../src/io/wav';

/** Independent decoder: find the `data` chunk and read little-endian float32 frames. */
function rawFloat32(path: string): Float32Array {
  const b = readFileSync(path);
  const at = b.indexOf('data');
  const n = b.readUInt32LE(at + 4) / 4;
  return Float32Array.from({ length: n }, (_, i) => b.readFloatLE(at + 8 + 4 * i));
}

describe('wav I/O', () => {
  it('reads 32-bit float WAVs with a WAVE_FORMAT_EXTENSIBLE header (as Pd writes them)', () => {
    const path = join(__dirname, '../fixtures/pd-extensible-float.wav');
    const a = readWav(path);
    expect(a.format).toMatch(/32-bit float/);
    expect(a.sampleRate).toBe(44100);
    expect(Array.from(a.mono)).toEqual(Array.from(rawFloat32(path)));
  });

  it('round-trips 16/24-bit PCM and float within the format’s step', () => {
    const x = Float32Array.from({ length: 1000 }, (_, i) => 0.9 * Math.sin(i / 7));
    for (const [depth, step] of [['16', 2 ** -15], ['24', 2 ** -23], ['32f', 0]] as const) {
      const y = decodeWav(encodeWav(x, 48000, depth)).mono;
      let err = 0;
      for (let i = 0; i < x.length; i++) err = Math.max(err, Math.abs(y[i] - x[i]));
      expect(err).toBeLessThanOrEqual(step);
    }
  });
});
