/**
 * The Pd patches are generated (scripts/build-pd.ts from src/: PARAMS, the synth's constants,
 * presets, the OSC addresses): the committed files in patchers/pd equal the generator's output, and
 * the synth patches carry the spec's numbers (each parameter's range, the envelope and pool
 * constants), so changing src/ without `npm run build:pd` fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdPatchFiles } from '../../scripts/build-pd';
import { PARAMS } from '../../src/synth/params';
import { DECAY_NEPERS } from '../../src/dsp/envelope';
import { MAX_CUTOFF_FRACTION, DEFAULT_SILENCE_THRESHOLD } from '../../src/synth/voice';
import { DEFAULT_STEAL_FADE_MS } from '../../src/synth/pool';
import { PD_PATCH_DIR } from './pd';

describe('generated Pd patches', () => {
  const files = pdPatchFiles();

  it.each(Object.keys(files))('%s: the committed file equals the generator output (run npm run build:pd)', (name) => {
    expect(readFileSync(join(PD_PATCH_DIR, name), 'utf8')).toBe(files[name]);
  });

  it('tr.808voice~ maps each normalised parameter onto its PARAMS range and uses the envelope/filter constants of src/', () => {
    const voice = files['tr.808voice~.pd'].replace(/\\/g, '').replace(/ ,/g, ',');
    PARAMS.forEach((p, i) => expect(voice).toContain(`min(max($f${i + 1}, 0), 1)*${Number((p.max - p.min).toPrecision(6))}+${p.min}`));
    expect(voice).toContain(`*${DECAY_NEPERS}, 1e-30)`);
    expect(voice).toContain(`${MAX_CUTOFF_FRACTION}*$f15`);
    expect(voice).toContain(`>= ${DEFAULT_SILENCE_THRESHOLD})`);
    expect(files['tr.808~.pd'].replace(/\\/g, '').replace(/ ,/g, ',')).toContain(`int(${DEFAULT_STEAL_FADE_MS}*$f1/1000+0.5)`);
  });
});
