import type { Command } from '../types';
import { EXIT } from '../types';
import { helpText, needPositionals, parseArgs } from '../args';
import { loadPreset } from '../../synth/presets';
import { renderHit } from '../../synth/render';
import { writeWav } from '../../io/wav';
import { round, FORCE_OPTION } from '../common';
import { checkOutputs } from '../output';

export const command: Command = {
  name: 'synth',
  summary: 'Render one hit of the 808 synth for a preset',
  usage: 'synth --preset NAME|FILE [--out OUT.wav] [--force] [--sample-rate HZ] [--json]',
  options: [
    { name: 'preset', type: 'string', valueName: 'NAME|FILE', required: true, description: 'Shipped preset name (see "presets") or a preset JSON file' },
    { name: 'out', type: 'string', valueName: 'OUT.wav', default: 'out/synth.wav', description: 'Output WAV (32-bit float)' },
    FORCE_OPTION,
    { name: 'sample-rate', type: 'number', valueName: 'HZ', default: 44100, min: 8000, max: 384000, description: 'Render sample rate' },
    { name: 'seconds', type: 'number', default: 1, min: 0.01, max: 10, description: 'Length of the render' },
    { name: 'json', type: 'boolean', description: 'Print {"sampleRate","samples","peak","out"}' },
  ],
  async run(argv, io) {
    const a = parseArgs(this, argv);
    if (a.help) return io.stdout(helpText(this)), EXIT.OK;
    needPositionals(this, a.positionals, 0);
    const presetArg = a.options.preset as string;
    const out = a.options.out as string;
    const presetIsFile = presetArg.endsWith('.json') || presetArg.includes('/') || presetArg.includes('\\');
    checkOutputs([out], { inputs: presetIsFile ? [presetArg] : [], force: Boolean(a.options.force) });
    const preset = loadPreset(presetArg);
    const sr = a.options['sample-rate'] as number;
    const samples = renderHit(preset.normalised, { sampleRateHz: sr, numSamples: Math.round((a.options.seconds as number) * sr) });
    writeWav(out, samples, sr);
    let peak = 0;
    for (const v of samples) peak = Math.max(peak, Math.abs(v));
    if (a.options.json) io.stdout(JSON.stringify({ sampleRate: sr, samples: samples.length, peak: round(peak), out }) + '\n');
    else if (!a.options.quiet) io.stderr(`wrote ${out}: preset ${preset.name}, ${samples.length} samples at ${sr} Hz, peak ${(20 * Math.log10(peak || 1e-12)).toFixed(1)} dBFS\n`);
    return EXIT.OK;
  },
};
