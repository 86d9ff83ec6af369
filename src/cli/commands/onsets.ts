import type { Command } from '../types';
import { EXIT } from '../types';
import { helpText, needPositionals, parseArgs } from '../args';
import { forEachMonoBlock, noOnsetsMessage, openInput, round, DETECTOR_OPTION } from '../common';
import { progressBar } from '../progress';
import { createOnsetDetector, type OnsetMode } from '../../onset';

export const command: Command = {
  name: 'onsets',
  summary: 'Detect drum hits in a recording',
  usage: 'onsets IN.wav [--detector adaptive|reference] [--json]',
  positionals: [{ name: 'IN.wav', description: 'Recording (WAV 8/16/24/32-bit int or float, AIFF, FLAC; mono or more channels; 8–384 kHz), read in blocks (any length)', required: true }],
  options: [
    DETECTOR_OPTION,
    { name: 'json', type: 'boolean', description: 'Print {"sampleRate", "onsets":[{"sample","time"}]} on stdout' },
  ],
  async run(argv, io) {
    const a = parseArgs(this, argv);
    if (a.help) return io.stdout(helpText(this)), EXIT.OK;
    needPositionals(this, a.positionals, 1);
    const json = Boolean(a.options.json);
    const quiet = Boolean(a.options.quiet);
    const path = a.positionals[0];
    const input = openInput(path, io, quiet || json);
    const sr = input.sampleRate;
    const onsets: number[] = [];
    let peak = 0;
    try {
      const detector = createOnsetDetector(sr, { mode: a.options.detector as OnsetMode });
      const bar = progressBar(io, !json && !quiet, { label: 'onsets' });
      ({ peak } = await forEachMonoBlock(input, (mono) => {
        for (const d of detector.process(mono)) onsets.push(d);
        bar.update(input.progress);
      }));
      bar.stop();
    } finally {
      input.close();
    }
    const rows = onsets.map((s) => ({ sample: s, time: round(s / sr) }));
    if (json) io.stdout(JSON.stringify({ sampleRate: sr, onsets: rows }) + '\n');
    else {
      for (const r of rows) io.stdout(`${r.sample}\t${r.time.toFixed(4)} s\n`);
      if (!quiet) io.stderr(`${rows.length} onsets (${a.options.detector} detector, ${sr} Hz)\n`);
    }
    if (rows.length === 0 && !quiet) io.stderr(noOnsetsMessage(path, peak) + '\n');
    return EXIT.OK;
  },
};
