import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { COMMANDS } from '../../src/cli/registry';
import type { CliIO } from '../../src/cli/types';
import { encodeWav, readWav } from '../../src/io/wav';
import { EXAMPLE_WAV, exampleAudio, exampleTruth, matchOnsets, tempDir } from '../helpers/audio';
import { WaveFile } from 'wavefile';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const io: CliIO = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), isTTY: false };
  const code = await runCli(argv, io);
  return { code, out, err };
}

/** The first 4 s of the example (9 hits), in another WAV format. */
function exampleAs(dir: string, name: string, make: (x: Float32Array) => WaveFile): string {
  const x = exampleAudio().mono.subarray(0, 4 * 44100);
  const path = join(dir, name);
  writeFileSync(path, make(x).toBuffer());
  return path;
}

describe('CLI', () => {
  const dir = tempDir();

  it('every command has --help made from its option definitions', async () => {
    for (const c of COMMANDS) {
      const r = await cli(c.name, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: timbre-remap ${c.usage}`);
      for (const o of c.options) expect(r.out).toContain(`--${o.name}`);
    }
    const top = await cli('--help');
    for (const c of COMMANDS) expect(top.out).toContain(c.name);
  });

  it('onsets --json follows the contract and finds every example hit', async () => {
    const r = await cli('onsets', EXAMPLE_WAV, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.sampleRate).toBe(44100);
    expect(j.onsets[0]).toEqual({ sample: expect.any(Number), time: expect.any(Number) });
    const m = matchOnsets(j.onsets.map((o: { sample: number }) => o.sample), exampleTruth(), 0.02 * 44100);
    expect(m.f).toBe(1);
    const ref = JSON.parse((await cli('onsets', EXAMPLE_WAV, '--detector', 'reference', '--json')).out);
    expect(ref.onsets.length).toBe(27);
  });

  it.each([
    ['8-bit int', (x: Float32Array) => { const w = new WaveFile(); w.fromScratch(1, 44100, '8', Uint8Array.from(x, (v) => Math.round(v * 127 + 128))); return w; }],
    ['24-bit int', (x: Float32Array) => { const w = new WaveFile(); w.fromScratch(1, 44100, '24', Int32Array.from(x, (v) => Math.round(v * 8388607))); return w; }],
    ['32-bit int', (x: Float32Array) => { const w = new WaveFile(); w.fromScratch(1, 44100, '32', Int32Array.from(x, (v) => Math.round(v * 2147483647))); return w; }],
    ['32-bit float stereo', (x: Float32Array) => { const w = new WaveFile(); w.fromScratch(2, 44100, '32f', [x, x]); return w; }],
  ])('accepts %s WAVs', async (label, make) => {
    const path = exampleAs(dir, `${label.replace(/\W/g, '_')}.wav`, make);
    const r = await cli('onsets', path, '--json');
    expect(r.code).toBe(0);
    const truth = exampleTruth().filter((s) => s < 4 * 44100 - 300);
    expect(matchOnsets(JSON.parse(r.out).onsets.map((o: { sample: number }) => o.sample), truth, 882).f).toBe(1);
  });

  it('honours 48 kHz input: onsets in time, render at the input rate', async () => {
    const src = readWav(EXAMPLE_WAV).mono.subarray(0, 4 * 44100);
    const w = new WaveFile();
    w.fromScratch(1, 44100, '32f', src);
    w.toSampleRate(48000, { method: 'sinc' });
    const path = join(dir, 'ex48k.wav');
    writeFileSync(path, w.toBuffer());
    const j = JSON.parse((await cli('onsets', path, '--json')).out);
    expect(j.sampleRate).toBe(48000);
    const truthSec = exampleTruth().filter((s) => s < 4 * 44100 - 300).map((s) => s / 44100);
    expect(matchOnsets(j.onsets.map((o: { time: number }) => o.time * 1000), truthSec.map((t) => t * 1000), 20).f).toBe(1);
    const out = join(dir, 'r48.wav');
    const r = await cli('render', path, '--out', out, '--json');
    expect(r.code).toBe(0);
    expect(readWav(out).sampleRate).toBe(48000);
  });

  it('render --json follows the contract; hits trigger the synth at onset + 240 samples', async () => {
    const out = join(dir, 'render.wav');
    const r = await cli('render', EXAMPLE_WAV, '--out', out, '--json', '--preset', '808_snare_1');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.sampleRate).toBe(44100);
    expect(j.out).toBe(out);
    expect(j.hits.length).toBe(27);
    for (const h of j.hits) expect(h.params).toHaveLength(14);
    const y = readWav(out).mono;
    // The synth sounds within 2 ms after each trigger and is silent just before the first one.
    for (const h of j.hits) {
      let peak = 0;
      for (let i = h.sample + 240; i < h.sample + 240 + 88; i++) peak = Math.max(peak, Math.abs(y[i]));
      expect(peak).toBeGreaterThan(0.05);
    }
    let before = 0;
    for (let i = 0; i < j.hits[0].sample + 240; i++) before = Math.max(before, Math.abs(y[i]));
    expect(before).toBe(0);
  });

  it('bad input: clear message, exit code 2, nothing written', async () => {
    const out = join(dir, 'never.wav');
    const cases: Array<[string[], RegExp]> = [
      [['render', join(dir, 'nope.wav'), '--out', out], /no such file/],
      [['render', EXAMPLE_WAV, '--model', join(dir, 'nomodel'), '--out', out], /could not load model/],
      [['render', EXAMPLE_WAV, '--preset', 'no_such_preset', '--out', out], /unknown preset/],
      [['render', EXAMPLE_WAV, '--dry-wet', '3', '--out', out], /--dry-wet must be within 0…1/],
      [['onsets', EXAMPLE_WAV, '--detector', 'magic'], /one of adaptive, reference/],
      [['onsets', EXAMPLE_WAV, '--frobnicate'], /unknown option --frobnicate/],
      [['onsets'], /needs IN\.wav/],
      [['synth', '--preset', 'no_such_preset', '--out', out], /unknown preset/],
    ];
    const text = join(dir, 'text.wav');
    writeFileSync(text, 'this is not audio');
    cases.push([['onsets', text], /is not a WAV, AIFF or FLAC file/]);
    cases.push([['onsets', dir], /is a folder/]);
    for (const [argv, msg] of cases) {
      const r = await cli(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
    }
    const j = await cli('render', join(dir, 'nope.wav'), '--json');
    expect(JSON.parse(j.out).error.message).toMatch(/no such file/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect((await cli('nosuchcommand')).code).toBe(2);
  });

  it('says so when a file is silent or empty', async () => {
    const silent = join(dir, 'silent.wav');
    writeFileSync(silent, encodeWav(new Float32Array(44100), 44100, '16'));
    const r = await cli('onsets', silent, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).onsets).toEqual([]);
    expect(r.err).toMatch(/no onsets.*silent/);
    const rr = await cli('render', silent, '--out', join(dir, 'silent-out.wav'));
    expect(rr.code).toBe(0);
    expect(rr.err).toMatch(/no onsets/);
    const empty = join(dir, 'empty.wav');
    writeFileSync(empty, encodeWav(new Float32Array(0), 44100, '16'));
    const e = await cli('onsets', empty);
    expect(e.code).toBe(2);
    expect(e.err).toMatch(/no samples/);
  });

  it('synth renders a preset; presets lists all of them', async () => {
    const out = join(dir, 'hit.wav');
    const r = await cli('synth', '--preset', '808_snare_1', '--out', out, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ sampleRate: 44100, samples: 44100, out });
    expect(readWav(out).mono.length).toBe(44100);
    const p = JSON.parse((await cli('presets', '--json')).out);
    expect(Object.keys(p.presets)).toEqual(expect.arrayContaining(['808_snare_1', '808_snare_2', '808_snare_3', '808_open_snare', '808_noisy_snare']));
    expect(p.parameters).toHaveLength(14);
  });
});
