import type { Command } from '../types';
import { EXIT } from '../types';
import { helpText, needPositionals, parseArgs } from '../args';
import { loadInput, noOnsetsMessage, round, DETECTOR_OPTION } from '../common';
import { detectOnsets, type OnsetMode } from '../../onset';

export const command: Command = {
  name: 'onsets',
  summary: 'Detect drum hits in a recording',
  usage: 'onsets IN.wav [--detector adaptive|reference] [--json]',
  positionals: [{ name: 'IN.wav', description: 'Recording (any WAV: 8/16/24/32-bit, float, mono or stereo, any rate)', required: true }],
  options: [
    DETECTOR_OPTION,
    { name: 'json', type: 'boolean', description: 'Print {"sampleRate", "onsets":[{"sample","time"}]} on stdout' },
  ],
  async run(argv, io) {
    const a = parseArgs(this, argv);
    if (a.help) return io.stdout(helpText(this)), EXIT.OK;
    needPositionals(this, a.positionals, 1);
    const json = Boolean(a.options.json);
    const audio = loadInput(a.positionals[0], io, json);
    const onsets = detectOnsets(audio.mono, audio.sampleRate, { mode: a.options.detector as OnsetMode });
    const rows = onsets.map((s) => ({ sample: s, time: round(s / audio.sampleRate) }));
    if (json) io.stdout(JSON.stringify({ sampleRate: audio.sampleRate, onsets: rows }) + '\n');
    else {
      for (const r of rows) io.stdout(`${r.sample}\t${r.time.toFixed(4)} s\n`);
      io.stderr(`${rows.length} onsets (${a.options.detector} detector, ${audio.sampleRate} Hz)\n`);
    }
    if (rows.length === 0) io.stderr(noOnsetsMessage(a.positionals[0], audio) + '\n');
    return EXIT.OK;
  },
};
