import type { Command } from '../types';
import { EXIT } from '../types';
import { helpText, needPositionals, parseArgs } from '../args';
import { forEachMonoBlock, noOnsetsMessage, openInput, round, DETECTOR_OPTION } from '../common';
import { progressBar } from '../progress';
import type { OnsetMode } from '../../onset';
import { fullFeatures, onsetFeatures } from '../../features';
import { windowSamplesAt } from '../../engine/constants';
import { HitStream, type StreamedHit } from '../../engine/hitStream';
import { FULL_FEATURE_NAMES, ONSET_FEATURE_NAMES } from '../../model/bundle';

export const command: Command = {
  name: 'features',
  summary: 'Onset (3) and full (7) features of every hit',
  usage: 'features IN.wav [--detector adaptive|reference] [--json]',
  positionals: [{ name: 'IN.wav', description: 'Recording (WAV, AIFF or FLAC), read in blocks (any length)', required: true }],
  options: [
    DETECTOR_OPTION,
    { name: 'json', type: 'boolean', description: 'Print {"sampleRate", "hits":[{"sample","onset":[3],"full":[7]}]}' },
  ],
  details: `Each hit is segmented as in training: from onset − 16 samples (at 44.1 kHz), 1 s, with a 1024-sample fade before an overlapping next hit.\nOnset features: ${ONSET_FEATURE_NAMES.join(', ')} (first 256 samples at 44.1 kHz).\nFull features: ${FULL_FEATURE_NAMES.join(', ')}.\nThe table (without --json) is printed hit by hit as the recording is read.`,
  async run(argv, io) {
    const a = parseArgs(this, argv);
    if (a.help) return io.stdout(helpText(this)), EXIT.OK;
    needPositionals(this, a.positionals, 1);
    const json = Boolean(a.options.json);
    const quiet = Boolean(a.options.quiet);
    const path = a.positionals[0];
    const input = openInput(path, io, quiet || json);
    const sr = input.sampleRate;
    const win = windowSamplesAt(sr);
    const rows: Array<{ sample: number; onset: number[]; full: number[] }> = [];
    let count = 0;
    const emit = (hits: StreamedHit[]) => {
      for (const h of hits) {
        const r = {
          sample: h.sample,
          onset: Array.from(onsetFeatures(h.hit.subarray(0, win), sr), (v) => round(v)),
          full: Array.from(fullFeatures(h.hit, sr), (v) => round(v)),
        };
        count++;
        if (json) rows.push(r);
        else io.stdout([r.sample, ...r.onset.map((v) => v.toFixed(3)), ...r.full.map((v) => v.toFixed(3))].join('\t') + '\n');
      }
    };
    let peak = 0;
    try {
      const stream = new HitStream(sr, { mode: a.options.detector as OnsetMode });
      const bar = progressBar(io, !json && !quiet, { label: 'features' });
      if (!json) io.stdout(['sample', ...ONSET_FEATURE_NAMES, ...FULL_FEATURE_NAMES].join('\t') + '\n');
      ({ peak } = await forEachMonoBlock(input, (mono) => {
        emit(stream.push(mono));
        bar.update(input.progress);
      }));
      emit(stream.finish());
      bar.stop();
    } finally {
      input.close();
    }
    if (json) io.stdout(JSON.stringify({ sampleRate: sr, hits: rows }) + '\n');
    if (count === 0 && !quiet) io.stderr(noOnsetsMessage(path, peak) + '\n');
    return EXIT.OK;
  },
};
