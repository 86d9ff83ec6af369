import type { Command } from '../types';
import { EXIT } from '../types';
import { helpText, needPositionals, parseArgs } from '../args';
import { forEachMonoBlock, noOnsetsMessage, openInput, round, startClock, DETECTOR_OPTION, FORCE_OPTION } from '../common';
import { checkOutputs } from '../output';
import { progressBar } from '../progress';
import { Engine, SENSITIVITY_MAX, SENSITIVITY_MIN, DEFAULT_PRESET } from '../../engine/engine';
import { Remapper } from '../../engine/remapper';
import { triggerDelaySamplesAt } from '../../engine/constants';
import { WavStreamWriter } from '../../io/wavWriter';
import { bundlePaths } from '../../model/write';
import { UserError } from '../../util/errors';
import type { OnsetMode, OnsetOptions } from '../../onset';
import { PARAMS } from '../../synth/params';

/** Files a --preset value reads (a name is a shipped preset, not a user file). */
const presetFile = (p: string | undefined): string[] => (p && (p.endsWith('.json') || p.includes('/') || p.includes('\\')) ? [p] : []);

export const command: Command = {
  name: 'render',
  summary: 'Remap a recorded performance to the synth, as it would happen live',
  usage: 'render IN.wav [--model PATH | --preset NAME] [--out OUT.wav] [--force] [--dry-wet W] [--sensitivity S] [--json]',
  positionals: [{ name: 'IN.wav', description: 'Recording of the drum (WAV, AIFF or FLAC), read and rendered in blocks (any length)', required: true }],
  options: [
    { name: 'model', type: 'string', valueName: 'PATH', description: 'Model bundle (PATH.onnx + PATH.json, as written by "train")' },
    { name: 'preset', type: 'string', valueName: 'NAME|FILE', description: `Play a preset unchanged instead of a model (default ${DEFAULT_PRESET} without --model)` },
    { name: 'out', type: 'string', valueName: 'OUT.wav', default: 'out/render.wav', description: 'Output WAV (32-bit float, input sample rate)' },
    FORCE_OPTION,
    { name: 'dry-wet', type: 'number', valueName: 'W', default: 1, min: 0, max: 1, description: 'Equal-power mix: 0 = drum only, 1 = synth only' },
    { name: 'sensitivity', type: 'number', valueName: 'S', default: 1, min: SENSITIVITY_MIN, max: SENSITIVITY_MAX, description: 'Scale of the model’s modulation' },
    { ...DETECTOR_OPTION, default: undefined, description: `${DETECTOR_OPTION.description}. Default: the detector settings the model was trained with (stored in its bundle), else adaptive` },
    { name: 'json', type: 'boolean', description: 'Print {"sampleRate","hits":[{"sample","params":[14]}],"out","wallSeconds"} (params normalised)' },
  ],
  details: 'Simulates live playing: streaming detection in 128-sample blocks, the 256-sample onset window (from onset − 16 samples at 44.1 kHz) analysed when complete, the synth triggered at onset + 240 samples (5.4 ms), a 4-voice pool so tails overlap. The recording is read, rendered and written block by block (a 2-hour file in bounded memory); the output appears only when complete. The time reported is wall time, reading and writing included.',
  async run(argv, io) {
    const clock = startClock();
    const a = parseArgs(this, argv);
    if (a.help) return io.stdout(helpText(this)), EXIT.OK;
    needPositionals(this, a.positionals, 1);
    const json = Boolean(a.options.json);
    const quiet = Boolean(a.options.quiet);
    if (a.options.model && a.options.preset) throw new UserError('give either --model or --preset, not both (a model carries its own preset).', 'E_USAGE');
    const path = a.positionals[0];
    const out = a.options.out as string;
    const model = a.options.model as string | undefined;
    checkOutputs([out], { inputs: [path, ...(model ? [bundlePaths(model).onnx, bundlePaths(model).json] : []), ...presetFile(a.options.preset as string | undefined)], force: Boolean(a.options.force) });
    const input = openInput(path, io, json || quiet);
    let writer: WavStreamWriter | null = null;
    try {
      const sr = input.sampleRate;
      const engine = new Engine({ sampleRateHz: sr, sensitivity: a.options.sensitivity as number, preset: (a.options.preset as string) ?? DEFAULT_PRESET });
      if (model) {
        const s = await engine.loadModel(model);
        if (!s.ok) throw new UserError(s.error, 'E_MODEL');
        if (s.warning && !json) io.stderr(`warning: ${s.warning}\n`);
      }
      // The model's own detector settings (engine.detectorOptions(), absent in old bundles) unless
      // --detector overrides them, which is said once.
      const asked = a.options.detector as OnsetMode | undefined;
      const fromModel = model ? ((engine as unknown as { detectorOptions?: () => OnsetOptions | null }).detectorOptions?.() ?? null) : null;
      if (fromModel && asked && !quiet && !json) io.stderr(`note: --detector ${asked} overrides the detector the model was trained with (${fromModel.mode ?? 'adaptive'}, its stored settings).\n`);
      const detectorOptions: OnsetOptions = asked ? { mode: asked } : fromModel ?? { mode: 'adaptive' };
      const remapper = new Remapper(engine, sr, { detectorOptions, dryWet: a.options['dry-wet'] as number });
      if (!quiet && !json) for (const w of remapper.detectorWarnings) io.stderr(`warning: detector: ${w}\n`);
      const w = new WavStreamWriter(out, 1, sr);
      writer = w;
      const bar = progressBar(io, !json && !quiet, { label: 'render' });
      const { samples, peak } = await forEachMonoBlock(input, async (mono) => {
        w.write(await remapper.process(mono));
        bar.update(input.progress);
      });
      w.write(await remapper.finish());
      bar.stop();
      const outFrames = w.frames;
      w.close();
      writer = null;
      const seconds = clock();
      const hits = remapper.hits;
      if (json) {
        io.stdout(JSON.stringify({
          sampleRate: sr,
          hits: hits.map((h) => ({ sample: h.sample, params: h.params01.map((v) => round(v)) })),
          out,
          wallSeconds: round(seconds, 3),
        }) + '\n');
      } else {
        const d = engine.describe();
        const inSec = samples / sr;
        io.stdout(`${path}: ${inSec.toFixed(1)} s at ${sr} Hz (${input.format})\n`);
        io.stdout(`sound: ${d.model ? `model ${d.model} (preset ${d.preset}, ${d.backend})` : `preset ${d.preset} unchanged`}, sensitivity ${d.sensitivity}, dry/wet ${a.options['dry-wet']}\n`);
        io.stdout(`${hits.length} hits; synth latency ${triggerDelaySamplesAt(sr)} samples (${((1000 * triggerDelaySamplesAt(sr)) / sr).toFixed(1)} ms) after each onset\n`);
        if (hits.length) {
          const show = ['osc1.freq', 'osc1_env.decay', 'noise_gain.gain', 'tanh.in_gain'].map((n) => PARAMS.findIndex((p) => p.name === n));
          io.stdout(`  time s   rms dB  centroid st  flat dB | ${show.map((i) => `${PARAMS[i].name} ${PARAMS[i].unit}`).join(' | ')}\n`);
          for (const h of hits) {
            io.stdout(`  ${(h.sample / sr).toFixed(3).padStart(6)}  ${h.features[0].toFixed(1).padStart(7)}  ${h.features[1].toFixed(1).padStart(11)}  ${h.features[2].toFixed(1).padStart(7)} | ${show.map((i) => h.physical[i].toFixed(1).padStart(PARAMS[i].name.length + PARAMS[i].unit.length + 1)).join(' | ')}\n`);
          }
        }
        io.stdout(`wrote ${out} (${(outFrames / sr).toFixed(1)} s) in ${seconds.toFixed(2)} s wall time (reading, detection, synthesis and writing) = ${(inSec / seconds).toFixed(0)}× real time\n`);
      }
      for (const e of remapper.errors) io.stderr(`warning: ${e}\n`);
      if (hits.length === 0 && !quiet) io.stderr(noOnsetsMessage(path, peak) + '\n');
      return EXIT.OK;
    } finally {
      writer?.abort();
      input.close();
    }
  },
};
