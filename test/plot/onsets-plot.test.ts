/** `plot onsets` on the example recording: the drawn onsets are the detector's and match the ground truth. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectOnsets } from '../../src/onset';
import { writeWav } from '../../src/io/wav';
import { EXAMPLE_ONSETS_CSV, EXAMPLE_WAV, exampleAudio, exampleTruth, matchOnsets } from '../helpers/audio';
import { decodePng, labelNumber, pixelStats, pngSize, runPlotInChild, svgMarkItems } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'tr-plot-onsets-'));
const out = (f: string) => join(dir, 'out', f);
const silent = join(dir, 'silent.wav');
const badCsv = join(dir, 'bad.csv');
let runs: ReturnType<typeof runPlotInChild>;

beforeAll(() => {
  writeWav(silent, [new Float32Array(44100)], 44100, '16');
  writeFileSync(badCsv, 'when\n1\n');
  runs = runPlotInChild([
    ['onsets', EXAMPLE_WAV, '--truth', EXAMPLE_ONSETS_CSV, '--out', out('a.svg'), '--out', out('a.png'), '--json'],
    ['onsets', EXAMPLE_WAV, '--detector', 'reference', '--out', out('r.svg')],
    ['onsets', silent, '--out', out('silent.svg')],
    ['onsets', EXAMPLE_WAV, '--truth', badCsv, '--out', out('bad.png')],
    ['onsets', join(dir, 'nope.wav'), '--out', out('nope.png')],
    ['timbre', EXAMPLE_WAV, '--out', out('nomodel.png')],
  ]);
});

const onsetTimes = (svg: string, mark: string) => svgMarkItems(svg, mark).map((l) => labelNumber(l, 'time (s)'));

test('one red rule per detected onset, at the detector’s onsets, which match the ground truth', () => {
  expect(runs[0].code).toBe(0);
  const audio = exampleAudio();
  const detected = detectOnsets(audio.mono, audio.sampleRate, { mode: 'adaptive' });
  const svg = readFileSync(out('a.svg'), 'utf8');
  const drawn = onsetTimes(svg, 'onsets');
  expect(drawn).toHaveLength(detected.length);
  drawn.forEach((t, i) => expect(Math.abs(t - detected[i] / audio.sampleRate)).toBeLessThan(0.001));
  // Independent check: the drawn onsets are the hits of the ground-truth CSV (±20 ms).
  const truth = exampleTruth();
  expect(matchOnsets(drawn.map((t) => Math.round(t * 44100)), truth, 882).f).toBe(1);
  expect(onsetTimes(svg, 'truth')).toHaveLength(truth.length);
  // The three panels: waveform, level + noise floor, ODF + both thresholds.
  expect(svgMarkItems(svg, 'levels')).toHaveLength(2);
  expect(svgMarkItems(svg, 'traces')).toHaveLength(3);
  expect(svg).toContain('noise floor (estimated)');
  expect(svg).toContain('trigger threshold');
  expect(svg).toContain('re-arm threshold');
  const j = JSON.parse(runs[0].stdout);
  expect(j).toMatchObject({ plot: 'onsets', onsets: detected.length, truth: truth.length });
  const png = readFileSync(out('a.png'));
  expect(pngSize(png).width).toBe(2 * j.widthPx);
  expect(pixelStats(decodePng(png).pixels).distinct).toBeGreaterThan(100);
});

test('reference detector: its onsets, its fixed floor named, no estimated floor panel', () => {
  expect(runs[1].code).toBe(0);
  const audio = exampleAudio();
  const svg = readFileSync(out('r.svg'), 'utf8');
  expect(onsetTimes(svg, 'onsets')).toHaveLength(detectOnsets(audio.mono, audio.sampleRate, { mode: 'reference' }).length);
  expect(svgMarkItems(svg, 'levels')).toHaveLength(0);
  expect(svg).toMatch(/fixed level floor −?-?55 dBFS/);
});

test('no hits: the picture is still drawn (it shows why) with a clear warning', () => {
  expect(runs[2].code).toBe(0);
  expect(runs[2].stderr).toMatch(/no onsets in .*silent/);
  expect(onsetTimes(readFileSync(out('silent.svg'), 'utf8'), 'onsets')).toHaveLength(0);
});

test('bad truth CSV, missing WAV, missing --model: messages, exit 2, no files', () => {
  expect(runs[3].code).toBe(2);
  expect(runs[3].stderr).toMatch(/columns when.*"sample"/);
  expect(runs[4].code).toBe(2);
  expect(runs[5].code).toBe(2);
  expect(runs[5].stderr).toMatch(/needs --model PATH/);
  for (const f of ['bad.png', 'nope.png', 'nomodel.png']) expect(existsSync(out(f))).toBe(false);
  expect(readdirSync(join(dir, 'out')).sort()).toEqual(['a.png', 'a.svg', 'r.svg', 'silent.svg']);
});
