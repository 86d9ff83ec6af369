/**
 * README.md of the Pd library folder, generated so its message list, latency, defaults and OSC
 * addresses are the ones the patches use.
 */
import { triggerDelaySamplesAt } from '../../../src/engine/constants';
import { OSC_IN_SPECS, OSC_OUT_SPECS } from '../../../src/hosts/osc/addresses';
import { NUM_PARAMS } from '../../../src/synth/params';
import { BUDGET_RANGE_MS, DEFAULT_BRIDGE_PORT, DEFAULT_BUDGET_MS, HELLO_MS, REMAP_MESSAGES, SILENT_AFTER_MS } from './remap';
import { HELP_MODEL } from './help';

export function libraryReadme(version: string): string {
  const latency = triggerDelaySamplesAt(44100) + Math.floor((DEFAULT_BUDGET_MS * 44100) / 1000);
  return `# timbreremap ${version}: TimbreRemap for Pure Data

Real-time timbre remapping from an acoustic drum to an 808-style snare synth (after Shier et al.,
NIME 2024), in vanilla Pd (0.51 or later, no externals). Each hit of your drum is detected, its
first 5.8 ms are sent to the TimbreRemap engine (a small program, \`timbre-remap osc\`, running
next to Pd), which answers with the synth parameters a model trained for your drum gives that hit,
and the 808 plays them.

| object | what it does |
|---|---|
| \`[tr.remap]\` | detects each hit, asks the engine, outputs the hit for \`[tr.808~]\` at a fixed latency |
| \`[tr.808~]\` | the 808 snare synth (the engine's synth sample by sample), a pool of 4 voices |
| \`[tr.onset~]\` | the onset detector (used by tr.remap) |
| \`[tr.808voice~]\` | one voice of tr.808~ |

Open \`timbreremap-example.pd\` first; every object has a help patch (right-click > Help).

## Install

1. **This folder** works wherever it is put: it holds the abstractions, their help patches, the
   example, the synth's noise table (\`noise-44100.f32\`), the shipped models (\`models/\`) and the
   example recording. With Pd's package manager (Help > Find externals, search "timbreremap") it
   goes to your externals folder (\`~/Documents/Pd/externals/timbreremap\`); or copy the folder there
   by hand, or anywhere else.
2. **Make the objects findable** from your own patches: put \`[declare -path timbreremap]\` in the
   patch. Pd looks for the folder next to your patch first and then in its search paths (the
   externals folder is one), so the same patch works with a copy beside it and with a deken install.
   Without \`[declare]\` you can also write \`[timbreremap/tr.remap]\`. Patches inside this folder
   (the example, the help patches) need neither.
3. **The engine** (Node.js 20 or later): \`npm install timbre-remap\` (or clone the repository and
   \`npm ci\`), then start the bridge in a terminal and keep it running:

   \`\`\`sh
   npx timbre-remap osc            # listens on 127.0.0.1:${DEFAULT_BRIDGE_PORT}
   npx timbre-remap osc --port 9100
   \`\`\`

   Pd can be started before or after it, and it can be restarted: tr.remap greets it every
   ${HELLO_MS} ms and sends it its state (sample rate, model, preset, sensitivity) when it is new.

## Playing

\`[tr.remap PORT BUDGET_MS]\` (defaults ${DEFAULT_BRIDGE_PORT} and ${DEFAULT_BUDGET_MS}) → \`[tr.808~]\` → \`[dac~]\`. Every hit plays
window end + budget after its onset: ${latency} samples (${((latency / 44100) * 1000).toFixed(1)} ms) at 44.1 kHz, the same for every hit,
placed to the sample. The model's answer plays when it comes within the budget, else the **base
sound** (the model's preset, or the default preset before the engine has answered), so no hit is
ever silent; the Pd window says once when the engine stops answering (no reply for
${SILENT_AFTER_MS / 1000} s) and once when it answers again. If it says answers come after the deadline, raise the
budget (\`budget 10\` or \`[tr.remap ${DEFAULT_BRIDGE_PORT} 10]\`, ${BUDGET_RANGE_MS[0]}…${BUDGET_RANGE_MS[1]} ms): the engine answers in about
half a millisecond, but Pd computes audio in bursts of its audio buffer, so the budget must cover
one hardware period (Pd's audio settings: block size, or \`-blocksize\`) plus the round trip.
Without an audio device (\`-nosound\`), start Pd with \`-sleepgrain 1\`.

The help patches and the example load the shipped model \`${HELP_MODEL}\` (trained on the example's
snare) when they open. Your own: \`npx timbre-remap train your-snare.wav --preset 808_snare_1 --out
my-model\`, then \`load my-model\` (paths are relative to the folder of your patch), or \`train\` from
Pd (below).

Messages to tr.remap's right inlet (anything else is answered by one line naming these):

| message | effect |
|---|---|
${REMAP_MESSAGES.map((m) => `| \`${m.name}${m.args ? ` ${m.args}` : ''}\` | ${m.doc} |`).join('\n')}

Outlets: the hit (${NUM_PARAMS} parameters 0…1 and the start offset, for tr.808~), a bang per onset, replies
(\`hit ID 1|0\` = the model's answer or the base sound, \`model\`, \`features\`, \`physical\`,
\`status\`, \`error\`, \`progress\`, \`trained\`), the onset-detection function.

Each \`[tr.remap]\` talks to the engine from its own socket and gets only its own answers, so
several in one patch (two drums) each have their own model and settings.

## OSC (what tr.remap and the engine say)

In (to the engine): ${OSC_IN_SPECS.map((s) => `\`${s.address} ${s.args}\``).join(', ')}.
Out (to the sender's own port): ${OSC_OUT_SPECS.map((s) => `\`${s.address} ${s.args}\``).join(', ')}.
\`npx timbre-remap osc --help\` describes each.

## Licence

The code: Apache-2.0 (LICENSE). The example recording \`gmrock-snare-performance.wav\` (12.7 s, 27
snare hits) is made of samples of the GMRockKit (Glen MacArthur / Sebastian Moors, Debian package
\`hydrogen-data\`) and keeps their licence, GPL-2.0-or-later.
`;
}
