import type { Command } from '../types';
import { EXIT } from '../types';
import { helpText, needPositionals, parseArgs } from '../args';
import { loadInput, noOnsetsMessage, round, DETECTOR_OPTION } from '../common';
import { detectOnsets, type OnsetMode } from '../../onset';
import { fullFeatures, onsetFeatures, segmentHits } from '../../features';
import { backtrackSamplesAt, windowSamplesAt } from '../../engine/constants';
import { FULL_FEATURE_NAMES, ONSET_FEATURE_NAMES } from '../../model/bundle';

export const command: Command = {
  name: 'features',
  summary: 'Onset (3) and full (7) features of every hit',
  usage: 'features IN.wav [--detector adaptive|reference] [--json]',
  positionals: [{ name: 'IN.wav', description: 'Recording', required: true }],
  options: [
    DETECTOR_OPTION,
    { name: 'json', type: 'boolean', description: 'Print {"sampleRate", "hits":[{"sample","onset":[3],"full":[7]}]}' },
  ],
  details: `Each hit is segmented as in training: from onset − 16 samples (at 44.1 kHz), 1 s, with a 1024-sample fade before an overlapping next hit.\nOnset features: ${ONSET_FEATURE_NAMES.join(', ')} (first 256 samples at 44.1 kHz).\nFull features: ${FULL_FEATURE_NAMES.join(', ')}.`,
  async run(argv, io) {
    const a = parseArgs(this, argv);
    if (a.help) return io.stdout(helpText(this)), EXIT.OK;
    needPositionals(this, a.positionals, 1);
    const json = Boolean(a.options.json);
    const audio = loadInput(a.positionals[0], io, json);
    const sr = audio.sampleRate;
    const onsets = detectOnsets(audio.mono, sr, { mode: a.options.detector as OnsetMode });
    const hits = segmentHits(audio.mono, onsets, sr, { backtrackSamples: backtrackSamplesAt(sr) });
    const win = windowSamplesAt(sr);
    const rows = hits.map((h, i) => ({
      sample: onsets[i],
      onset: Array.from(onsetFeatures(h.subarray(0, win), sr), (v) => round(v)),
      full: Array.from(fullFeatures(h, sr), (v) => round(v)),
    }));
    if (json) io.stdout(JSON.stringify({ sampleRate: sr, hits: rows }) + '\n');
    else {
      io.stdout(['sample', ...ONSET_FEATURE_NAMES, ...FULL_FEATURE_NAMES].join('\t') + '\n');
      for (const r of rows) io.stdout([r.sample, ...r.onset.map((v) => v.toFixed(3)), ...r.full.map((v) => v.toFixed(3))].join('\t') + '\n');
    }
    if (rows.length === 0) io.stderr(noOnsetsMessage(a.positionals[0], audio) + '\n');
    return EXIT.OK;
  },
};
