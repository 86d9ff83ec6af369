import { basename, extname } from 'node:path';
import type { Command, CliIO } from '../types';
import { EXIT } from '../types';
import { helpText, parseArgs, type Parsed } from '../args';
import { loadInput, noOnsetsMessage, FORCE_OPTION } from '../common';
import { checkOutputs } from '../output';
import { bundlePaths } from '../../model/write';
import { UserError } from '../../util/errors';
import type { OnsetMode } from '../../onset';
import { writeChart, formatOf, type RenderedChart } from '../../plot/render';
import type { TopLevelSpec } from 'vega-lite';
import { modelPicture, onsetsPicture, trainingPicture } from '../../plot/pictures';

const KINDS = ['onsets', 'timbre', 'params', 'training'] as const;
// = SENSITIVITY_MIN/MAX of src/engine/engine.ts, written here so that "plot training" does not load
// the engine and the model runtime (test/plot/cli.test.ts checks they agree).
const SENSITIVITY_MIN = 0;
const SENSITIVITY_MAX = 4;
type Kind = (typeof KINDS)[number];

export const command: Command = {
  name: 'plot',
  summary: 'Pictures (PNG/SVG): onsets, timbre space, parameter modulations, training',
  usage: 'plot onsets IN.wav [--truth CSV] | timbre IN.wav --model PATH | params IN.wav --model PATH | training PATH  [--out FILE.png|.svg]…',
  positionals: [
    { name: 'onsets IN.wav', description: 'Waveform, detector traces (onset function, trigger/re-arm thresholds, noise floor) and every detected onset' },
    { name: 'timbre IN.wav', description: 'Every hit in timbre space (loudness × brightness, noisiness as colour), joined to the synth hit the model made of it' },
    { name: 'params IN.wav', description: 'The 14 synth parameter modulations per hit as a heat map' },
    { name: 'training PATH', description: 'Loss and learning rate per epoch, and the evaluation table (preset vs model per feature)' },
  ],
  options: [
    { name: 'out', type: 'string', valueName: 'FILE', multiple: true, description: 'Picture to write; .png or .svg; repeat for both (default out/NAME-KIND.png)' },
    FORCE_OPTION,
    { name: 'model', type: 'string', valueName: 'PATH', description: 'Model bundle (PATH.onnx + PATH.json), for timbre and params' },
    { name: 'detector', type: 'string', choices: ['adaptive', 'reference'], default: 'adaptive', description: 'Onset detector' },
    { name: 'truth', type: 'string', valueName: 'CSV', description: 'Ground-truth onsets to draw (onsets only): CSV with a "sample" or "time_s" column' },
    { name: 'sensitivity', type: 'number', valueName: 'S', default: 1, min: SENSITIVITY_MIN, max: SENSITIVITY_MAX, description: 'Modulation scale (timbre: which synth hits are made)' },
    { name: 'preset', type: 'string', valueName: 'NAME', description: 'Check that the model was trained for this preset (timbre, params)' },
    { name: 'scale', type: 'number', default: 2, min: 0.5, max: 8, description: 'PNG pixels per SVG pixel' },
    { name: 'json', type: 'boolean', description: 'Print {"plot","out":[…],"marks":{…},…} on stdout' },
  ],
  details: [
    'Examples:',
    '  timbre-remap plot onsets examples/gmrock-snare-performance.wav --truth examples/gmrock-snare-performance.onsets.csv --out out/onsets.png',
    '  timbre-remap plot timbre examples/gmrock-snare-performance.wav --model models/gmrock --out out/timbre.svg --out out/timbre.png',
    '  timbre-remap plot training models/gmrock --out out/training.png',
    'Pictures are written atomically: on any error no file is written or changed.',
  ].join('\n'),
  async run(argv, io) {
    const a = parseArgs(this, argv);
    const kind = a.positionals[0] as Kind | undefined;
    if (a.help) return io.stdout(helpText(this)), EXIT.OK;
    if (!kind || !(KINDS as readonly string[]).includes(kind)) {
      throw new UserError(`"plot" needs a picture kind first: ${KINDS.join(', ')}${kind ? `; got "${kind}"` : ''}. Usage: timbre-remap ${this.usage}`, 'E_USAGE');
    }
    const target = a.positionals[1];
    if (!target) throw new UserError(`"plot ${kind}" needs ${kind === 'training' ? 'a model PATH' : 'an input WAV'}. Usage: timbre-remap ${this.usage}`, 'E_USAGE');
    if (a.positionals.length > 2) throw new UserError(`"plot ${kind}" takes one ${kind === 'training' ? 'model' : 'input'}; got ${a.positionals.slice(1).join(' ')}.`, 'E_USAGE');
    if (a.options.truth !== undefined && kind !== 'onsets') throw new UserError(`--truth is for "plot onsets" only.`, 'E_USAGE');
    if ((kind === 'timbre' || kind === 'params') && !a.options.model) throw new UserError(`"plot ${kind}" needs --model PATH (a bundle written by "train"): the picture shows what that model does to each hit.`, 'E_USAGE');
    const outs = ((a.options.out as string[] | undefined) ?? [`out/${stem(target)}-${kind}.png`]);
    outs.forEach(formatOf); // bad extension: fail before any work
    const model = a.options.model as string | undefined;
    const bundle = kind === 'training' ? target : model;
    checkOutputs(outs, {
      inputs: [...(kind === 'training' ? [] : [target]), ...(bundle ? [bundlePaths(bundle).onnx, bundlePaths(bundle).json] : []), ...(a.options.truth ? [a.options.truth as string] : [])],
      force: Boolean(a.options.force),
    });
    const json = Boolean(a.options.json);
    const made = await buildPicture(kind, target, a, io, json);
    const chart = await writeChart(made.spec, outs, a.options.scale as number);
    report(io, json, kind, outs, chart, made.summary);
    return EXIT.OK;
  },
};

const stem = (p: string) => basename(p, extname(p)) || 'plot';

interface Made {
  spec: TopLevelSpec;
  summary: Record<string, unknown>;
}

async function buildPicture(kind: Kind, target: string, a: Parsed, io: CliIO, json: boolean): Promise<Made> {
  if (kind === 'training') {
    const made = trainingPicture(target);
    if (!json) for (const w of made.warnings) io.stderr(`warning: ${w}\n`);
    return made;
  }
  const audio = loadInput(target, io, json);
  const detector = a.options.detector as OnsetMode;
  if (kind === 'onsets') {
    const made = await onsetsPicture(audio, target, detector, a.options.truth as string | undefined);
    // Still drawn: the picture is how one finds out why no hit was detected.
    if (made.summary.onsets === 0) io.stderr(`warning: ${noOnsetsMessage(target, audio)}\n`);
    return made;
  }
  const made = await modelPicture(kind, audio, target, {
    modelPath: a.options.model as string,
    detector,
    sensitivity: a.options.sensitivity as number,
    expectPreset: a.options.preset as string | undefined,
  });
  if (!json) for (const w of made.warnings) io.stderr(`warning: ${w}\n`);
  return made;
}

function report(io: CliIO, json: boolean, kind: Kind, outs: string[], chart: RenderedChart, summary: Record<string, unknown>): void {
  if (json) {
    io.stdout(JSON.stringify({ plot: kind, out: outs, widthPx: chart.widthPx, heightPx: chart.heightPx, marks: chart.markCounts, ...summary }) + '\n');
    return;
  }
  const facts = Object.entries(summary).filter(([, v]) => typeof v === 'number' || typeof v === 'string').map(([k, v]) => `${k} ${v}`).join(', ');
  io.stdout(`wrote ${outs.join(' and ')} (${kind}${facts ? `: ${facts}` : ''})\n`);
}
