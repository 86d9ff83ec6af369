import type { Command } from '../types';
import { EXIT } from '../types';
import { helpText, parseArgs } from '../args';
import { listPresets, loadPreset } from '../../synth/presets';
import { PARAMS, describeParam } from '../../synth/params';

export const command: Command = {
  name: 'presets',
  summary: 'List the shipped synth presets and the 14 parameters',
  usage: 'presets [--json]',
  options: [{ name: 'json', type: 'boolean', description: 'Print {"parameters":[…], "presets":{NAME:{"physical":{…}, "normalised":[14], "damping":[14]}}}' }],
  details: `Parameters:\n${PARAMS.map((p) => `  ${describeParam(p)}`).join('\n')}`,
  async run(argv, io) {
    const a = parseArgs(this, argv);
    if (a.help) return io.stdout(helpText(this)), EXIT.OK;
    const presets = listPresets().map(loadPreset);
    if (a.options.json) {
      io.stdout(JSON.stringify({
        parameters: PARAMS.map((p) => ({ name: p.name, id: p.id, unit: p.unit, min: p.min, max: p.max, default: p.defaultValue })),
        presets: Object.fromEntries(presets.map((p) => [p.name, {
          physical: Object.fromEntries(PARAMS.map((s, i) => [s.name, p.physical[i]])),
          normalised: Array.from(p.normalised),
          damping: Array.from(p.damping),
        }])),
      }) + '\n');
      return EXIT.OK;
    }
    io.stdout(['parameter', 'unit', ...presets.map((p) => p.name)].join('\t') + '\n');
    PARAMS.forEach((s, i) => io.stdout([s.name, s.unit, ...presets.map((p) => String(+p.physical[i].toFixed(2)))].join('\t') + '\n'));
    return EXIT.OK;
  },
};
