import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav, readWav } from '../../src/io/wav';
import { runCli } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/types';
import { UserError } from '../../src/util/errors';
import { tempDir } from '../helpers/audio';
import { buildWav, float32Bytes } from './wavBuilder';

const F = (name: string) => join(__dirname, '../fixtures/formats', name);

function refusal(bytes: Uint8Array): string {
  try {
    decodeWav(bytes, 'x.wav');
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('accepted');
}

async function cli(...argv: string[]) {
  let out = '', err = '';
  const io: CliIO = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), isTTY: false };
  const code = await runCli(argv, io);
  return { code, out, err };
}

describe('WAV headers are validated before decoding', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Issue #12 item 2: this 84-byte file made frames = Infinity and hung every command.
  it('refuses an 84-byte EXTENSIBLE float WAV with 0 channels at once (it used to hang)', async () => {
    const bytes = buildWav({ subformat: 3, channels: 0, bits: 32, blockAlign: 0, data: new Uint8Array(16) });
    expect(bytes.length).toBe(84);
    expect(refusal(bytes)).toMatch(/0 channels/);
    const path = join(dir, 'zero-ch.wav');
    writeFileSync(path, bytes);
    for (const cmd of ['onsets', 'features', 'render']) {
      const r = await cli(cmd, path, ...(cmd === 'render' ? ['--out', join(dir, 'render.wav')] : []));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/0 channels.*re-export/i);
    }
  }, 10000);

  it.each([0, 1000, 7999, 384001, 4294967295])('refuses a sample rate of %d Hz, saying the range and how to resample', (rate) => {
    const m = refusal(buildWav({ rate, data: new Uint8Array(200) }));
    expect(m).toMatch(new RegExp(`${rate} Hz.*8000–384000 Hz.*[Rr]esample`));
    expect(m).not.toMatch(/Kept/);
  });

  it('refuses float data labelled 64-bit PCM, a wrong block align, and unknown format tags', () => {
    expect(refusal(buildWav({ tag: 1, bits: 64, data: new Uint8Array(64) }))).toMatch(/64-bit PCM.*float data labelled PCM/);
    expect(refusal(buildWav({ bits: 16, channels: 2, blockAlign: 3, data: new Uint8Array(60) }))).toMatch(/block align of 3 bytes.*need 4/);
    expect(refusal(buildWav({ tag: 2, bits: 4, blockAlign: 1, data: new Uint8Array(60) }))).toMatch(/0x0002 \(MS ADPCM\)/);
    expect(refusal(buildWav({ subformat: 2, bits: 16, data: new Uint8Array(60) }))).toMatch(/tag 0x0002/);
    expect(refusal(buildWav({ tag: 3, bits: 16, data: new Uint8Array(60) }))).toMatch(/16-bit float/);
  });

  it('decodes EXTENSIBLE A-law correctly (it decoded to garbage as 8-bit PCM)', () => {
    const alaw = readWav(F('ex-alaw.wav'));
    const raw = new Uint8Array(require('node:fs').readFileSync(F('ex-alaw.wav'))).subarray(-alaw.mono.length);
    const ext = decodeWav(buildWav({ subformat: 6, bits: 8, data: raw }));
    expect(ext.format).toMatch(/A-law \(extensible\)/);
    expect(Array.from(ext.mono.subarray(0, 2000))).toEqual(Array.from(readWav(F('ex-alaw-decoded.wav')).mono.subarray(0, 2000)));
  });

  it('reads the samples present when the data size runs past the end of the file, and says so', () => {
    const x = [0.5, -0.25, 0.125, 1];
    const a = decodeWav(buildWav({ tag: 3, bits: 32, data: float32Bytes(x), dataSize: 1000 }), 'cut.wav');
    expect(Array.from(a.mono)).toEqual(x);
    expect(a.notes?.[0]).toMatch(/says its audio is 1000 bytes but only 16/);
  });

  it('refuses NaN and infinite float samples, naming the first', () => {
    expect(refusal(buildWav({ tag: 3, bits: 32, data: float32Bytes([0, 0, NaN]) }))).toMatch(/NaN or infinite samples \(first at sample 2\)/);
  });

  it('never throws anything but a UserError for any truncation of a real header', () => {
    const good = buildWav({ subformat: 3, bits: 32, data: float32Bytes([0.1, 0.2, 0.3]) });
    for (let n = 0; n < good.length; n++) {
      try {
        decodeWav(good.subarray(0, n), 't.wav');
      } catch (e) {
        expect(e).toBeInstanceOf(UserError);
      }
    }
  });
});
