/**
 * Malformed recordings: every header field of real WAV / AIFF / FLAC files mutated (random and
 * boundary values), truncations at every length, huge declared sizes, 0 channels, odd format tags,
 * random chunk garbage. Each case is decoded whole (decodeWav) and, for a share, streamed from a
 * file (openAudioStream, FLAC included). A UserError is a clear error; anything else thrown is a
 * crash; accepted audio must be finite with a valid rate and channel count, or it is silent-wrong.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav } from '../../src/io/wav';
import { openAudioStream } from '../../src/io/audioStream';
import { UserError } from '../../src/util/errors';
import { emptyCounts, record, rng, type FuzzCounts, type FuzzOptions } from './counts';
import { buildWav } from '../io/wavBuilder';

const FIX = join(__dirname, '../fixtures');
const HANG_MS = 2000;

export function seeds(): Array<{ name: string; bytes: Uint8Array }> {
  const f = (p: string) => new Uint8Array(readFileSync(join(FIX, p)));
  return [
    { name: 'pcm16.wav', bytes: f('formats/ex.wav').subarray(0, 44 + 2 * 4000) },
    { name: 'ext-float.wav', bytes: f('pd-extensible-float.wav').subarray(0, 4000) },
    { name: 'alaw.wav', bytes: f('formats/ex-alaw.wav').subarray(0, 3000) },
    { name: 'aiff', bytes: f('formats/ex.aiff').subarray(0, 8000) },
    { name: 'aifc-float', bytes: f('formats/ex-float.aifc').subarray(0, 8000) },
    { name: 'flac', bytes: f('formats/ex.flac').subarray(0, 12000) },
    { name: 'built-ext-pcm24-stereo', bytes: buildWav({ subformat: 1, channels: 2, bits: 24, data: new Uint8Array(600) }) },
  ];
}

const BOUNDARY = [0, 1, 2, 3, 7, 8, 16, 24, 32, 64, 0xff, 0xfffe, 0xffff, 0x7fffffff, 0xffffffff, 44100, 8000, 7999, 384001];

export function mutate(r: () => number, src: Uint8Array): { bytes: Uint8Array; what: string } {
  const b = Uint8Array.from(src);
  const kind = Math.floor(r() * 6);
  const v = new DataView(b.buffer);
  const pos = Math.floor(r() * Math.min(b.length, 80));
  switch (kind) {
    case 0: { // a header field (u16 or u32) to a boundary value
      const val = BOUNDARY[Math.floor(r() * BOUNDARY.length)];
      if (r() < 0.5 && pos + 2 <= b.length) v.setUint16(pos, val & 0xffff, r() < 0.8);
      else if (pos + 4 <= b.length) v.setUint32(pos, val >>> 0, r() < 0.8);
      return { bytes: b, what: `field@${pos}=${val}` };
    }
    case 1: { // random bytes in the header
      for (let i = 0; i < 1 + Math.floor(r() * 4); i++) b[Math.floor(r() * Math.min(b.length, 80))] = Math.floor(r() * 256);
      return { bytes: b, what: 'header bytes' };
    }
    case 2: { // truncation
      const n = Math.floor(r() * b.length);
      return { bytes: b.subarray(0, n), what: `truncated to ${n}` };
    }
    case 3: { // huge declared sizes
      for (const at of [4, 16, 40, 56, 60]) if (at + 4 <= b.length && r() < 0.5) v.setUint32(at, 0xffffffff - Math.floor(r() * 16));
      return { bytes: b, what: 'huge sizes' };
    }
    case 4: { // garbage in the sample data (NaN/Inf patterns for floats)
      for (let i = 0; i < 8; i++) {
        const at = 44 + Math.floor(r() * (b.length - 48));
        if (at + 4 <= b.length) v.setUint32(at, [0x7fc00000, 0x7f800000, 0xff800000, 0xffffffff][i % 4]);
      }
      return { bytes: b, what: 'NaN/Inf data' };
    }
    default: { // a built WAV with random fields
      const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
      const w = buildWav({
        tag: pick([1, 3, 6, 7, 2, 0x55, 0]),
        subformat: r() < 0.3 ? pick([1, 3, 6, 7, 2]) : undefined,
        channels: pick([0, 1, 2, 3, 65, 0xffff]),
        rate: pick([0, 1, 8000, 44100, 384000, 384001, 0xffffffff]),
        bits: pick([0, 1, 4, 8, 12, 16, 24, 32, 64, 0xffff]),
        blockAlign: r() < 0.5 ? pick([0, 1, 2, 3, 4, 8, 0xffff]) : undefined,
        validBits: r() < 0.3 ? pick([0, 12, 33]) : undefined,
        data: new Uint8Array(Math.floor(r() * 64)),
        dataSize: r() < 0.3 ? pick([0, 1, 0xffffffff]) : undefined,
      });
      return { bytes: w, what: 'built fields' };
    }
  }
}

function checkAudio(a: { sampleRate: number; channels: Float32Array[]; mono: Float32Array }): string | null {
  if (!(a.sampleRate >= 8000 && a.sampleRate <= 384000)) return `rate ${a.sampleRate}`;
  if (a.channels.length < 1 || a.channels.length > 64) return `${a.channels.length} channels`;
  for (const c of a.channels) {
    if (c.length !== a.mono.length) return 'channel lengths differ';
    for (let i = 0; i < c.length; i++) if (!Number.isFinite(c[i])) return `non-finite sample ${i}`;
  }
  return null;
}

export async function fuzz(opts: FuzzOptions): Promise<FuzzCounts> {
  const c = emptyCounts();
  const r = rng(opts.seed);
  const base = seeds();
  const dir = mkdtempSync(join(tmpdir(), 'tr-fuzz-wav-'));
  const end = Date.now() + opts.seconds * 1000;
  try {
    while (Date.now() < end) {
      const s = base[Math.floor(r() * base.length)];
      const { bytes, what } = mutate(r, s.bytes);
      const label = `${s.name} ${what}`;
      const t0 = Date.now();
      const streamed = s.name === 'flac' || r() < 0.2;
      try {
        let audio: { sampleRate: number; channels: Float32Array[]; mono: Float32Array };
        if (streamed) {
          const path = join(dir, `case.${s.name.includes('flac') ? 'flac' : 'wav'}`);
          writeFileSync(path, bytes);
          const st = openAudioStream(path);
          const chans: number[][] = Array.from({ length: st.channelCount }, () => []);
          try {
            for (let b = await st.read(4096); b; b = await st.read(4096)) {
              b.forEach((x, i) => chans[i].push(...x));
              if (Date.now() - t0 > HANG_MS) throw new Error('hang');
            }
          } finally {
            st.close();
          }
          const channels = chans.map((x) => Float32Array.from(x));
          audio = { sampleRate: st.sampleRate, channels, mono: channels[0] ?? new Float32Array(0) };
        } else {
          audio = decodeWav(bytes, 'fuzz.wav');
        }
        if (Date.now() - t0 > HANG_MS) record(c, 'hang', `${label}: ${Date.now() - t0} ms`);
        else {
          const bad = checkAudio(audio);
          record(c, bad ? 'silentWrong' : 'ok', bad ? `${label}: ${bad}` : undefined);
        }
      } catch (e) {
        if ((e as Error).message === 'hang') record(c, 'hang', label);
        else if (e instanceof UserError) record(c, Date.now() - t0 > HANG_MS ? 'hang' : 'clearError');
        else record(c, 'crash', `${label}: ${(e as Error)?.constructor?.name} ${(e as Error)?.message}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return c;
}
