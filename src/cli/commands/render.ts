import type { Command } from '../types';
import { EXIT } from '../types';
import { helpText, needPositionals, parseArgs } from '../args';
import { loadInput, noOnsetsMessage, round, DETECTOR_OPTION } from '../common';
import { progressBar } from '../progress';
import { Engine, SENSITIVITY_MAX, SENSITIVITY_MIN, DEFAULT_PRESET } from '../../engine/engine';
import { remapRecording } from '../../engine/remapper';
import { triggerDelaySamplesAt } from '../../engine/constants';
import { writeWav } from '../../io/wav';
import { UserError } from '../../util/errors';
import type { OnsetMode } from '../../onset';
import { PARAMS } from '../../synth/params';

export const command: Command = {
  name: 'render',
  summary: 'Remap a recorded performance to the synth, as it would happen live',
  usage: 'render IN.wav [--model PATH | --preset NAME] [--out OUT.wav] [--dry-wet W] [--sensitivity S] [--json]',
  positionals: [{ name: 'IN.wav', description: 'Recording of the drum', required: true }],
  options: [
    { name: 'model', type: 'string', valueName: 'PATH', description: 'Model bundle (PATH.onnx + PATH.json, as written by "train")' },
    { name: 'preset', type: 'string', valueName: 'NAME|FILE', description: `Play a preset unchanged instead of a model (default ${DEFAULT_PRESET} without --model)` },
    { name: 'out', type: 'string', valueName: 'OUT.wav', default: 'out/render.wav', description: 'Output WAV (32-bit float, input sample rate)' },
    { name: 'dry-wet', type: 'number', valueName: 'W', default: 1, min: 0, max: 1, description: 'Equal-power mix: 0 = drum only, 1 = synth only' },
    { name: 'sensitivity', type: 'number', valueName: 'S', default: 1, min: SENSITIVITY_MIN, max: SENSITIVITY_MAX, description: 'Scale of the model’s modulation' },
    DETECTOR_OPTION,
    { name: 'json', type: 'boolean', description: 'Print {"sampleRate","hits":[{"sample","params":[14]}],"out"} (params normalised)' },
  ],
  details: 'Simulates live playing: streaming detection in 128-sample blocks, the 256-sample onset window (from onset − 16 samples at 44.1 kHz) analysed when complete, the synth triggered at onset + 240 samples (5.4 ms), a 4-voice pool so tails overlap.',
  async run(argv, io) {
    const a = parseArgs(this, argv);
    if (a.help) return io.stdout(helpText(this)), EXIT.OK;
    needPositionals(this, a.positionals, 1);
    const json = Boolean(a.options.json);
    if (a.options.model && a.options.preset) throw new UserError('give either --model or --preset, not both (a model carries its own preset).', 'E_USAGE');
    const audio = loadInput(a.positionals[0], io, json);
    const engine = new Engine({ sampleRateHz: audio.sampleRate, sensitivity: a.options.sensitivity as number, preset: (a.options.preset as string) ?? DEFAULT_PRESET });
    if (a.options.model) {
      const s = await engine.loadModel(a.options.model as string);
      if (!s.ok) throw new UserError(s.error, 'E_MODEL');
      if (s.warning && !json) io.stderr(`warning: ${s.warning}\n`);
    }
    const bar = progressBar(io, !json);
    const t0 = performance.now();
    const result = await remapRecording(engine, audio.mono, audio.sampleRate, {
      detector: a.options.detector as OnsetMode,
      dryWet: a.options['dry-wet'] as number,
      onProgress: (f) => bar.update(f),
    });
    bar.stop();
    const seconds = (performance.now() - t0) / 1000;
    const out = a.options.out as string;
    writeWav(out, result.output, audio.sampleRate);
    if (json) {
      io.stdout(JSON.stringify({
        sampleRate: audio.sampleRate,
        hits: result.hits.map((h) => ({ sample: h.sample, params: h.params01.map((v) => round(v)) })),
        out,
      }) + '\n');
    } else {
      const d = engine.describe();
      const inSec = audio.mono.length / audio.sampleRate;
      io.stdout(`${a.positionals[0]}: ${inSec.toFixed(1)} s at ${audio.sampleRate} Hz (${audio.format})\n`);
      io.stdout(`sound: ${d.model ? `model ${d.model} (preset ${d.preset}, ${d.backend})` : `preset ${d.preset} unchanged`}, sensitivity ${d.sensitivity}, dry/wet ${a.options['dry-wet']}\n`);
      io.stdout(`${result.hits.length} hits; synth latency ${triggerDelaySamplesAt(audio.sampleRate)} samples (${((1000 * triggerDelaySamplesAt(audio.sampleRate)) / audio.sampleRate).toFixed(1)} ms) after each onset\n`);
      if (result.hits.length) {
        const show = ['osc1.freq', 'osc1_env.decay', 'noise_gain.gain', 'tanh.in_gain'].map((n) => PARAMS.findIndex((p) => p.name === n));
        io.stdout(`  time s   rms dB  centroid st  flat dB | ${show.map((i) => `${PARAMS[i].name} ${PARAMS[i].unit}`).join(' | ')}\n`);
        for (const h of result.hits) {
          io.stdout(`  ${(h.sample / audio.sampleRate).toFixed(3).padStart(6)}  ${h.features[0].toFixed(1).padStart(7)}  ${h.features[1].toFixed(1).padStart(11)}  ${h.features[2].toFixed(1).padStart(7)} | ${show.map((i) => h.physical[i].toFixed(1).padStart(PARAMS[i].name.length + PARAMS[i].unit.length + 1)).join(' | ')}\n`);
        }
      }
      io.stdout(`wrote ${out} (${(result.output.length / audio.sampleRate).toFixed(1)} s) in ${seconds.toFixed(2)} s = ${(inSec / seconds).toFixed(0)}× real time\n`);
    }
    for (const e of result.errors) io.stderr(`warning: ${e}\n`);
    if (result.hits.length === 0) io.stderr(noOnsetsMessage(a.positionals[0], audio) + '\n');
    return EXIT.OK;
  },
};
