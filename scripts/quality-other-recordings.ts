/**
 * The mapping goals of issue #9 on every recording the project has (the example and
 * examples/other/*.wav, all with articulation labels beside them), on held-out hits (3-fold
 * cross-validation, each hit predicted by a model that did not train on it):
 *
 *   ρ(loudness) ≥ 0.9, ρ(brightness) ≥ 0.8, synth/drum range ratio ≥ 0.5 for both, rim brighter
 *   than centre when the drum's is, the paper's mean error no worse than the reference loss gives
 *   on the same hits, no parameter at a range limit on more than 10 % of hits, no clipping.
 *
 * Loudness and brightness are measured twice: on the onset window (rms dB, centroid semitones:
 * the first 5.8 ms, what the player hears first) and on the paper's transient features (SPL_T,
 * SC_T: the first 58 ms). For each recording: the default training (scaled loss), the reference
 * loss (`--loss reference`, the paper's recipe) and, with --compare-250, the default recipe run for
 * all 250 epochs without early stopping (is the early-stopped model as good?). Models go to
 * out/quality/; a JSON summary is printed and written to out/quality/summary.json.
 *
 *   npx tsx scripts/quality-other-recordings.ts [--preset 808_snare_1] [--compare-250] [--skip-reference] [WAV…]
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { runTraining, type TrainOptions, type TrainReport } from '../src/train';

const ROOT = join(__dirname, '..');

function args(): { preset: string; compare250: boolean; skipReference: boolean; inputs: string[] } {
  const a = process.argv.slice(2);
  const value = (flag: string, dflt: string) => {
    const i = a.indexOf(flag);
    return i >= 0 ? a[i + 1] : dflt;
  };
  const inputs = a.filter((x, i) => !x.startsWith('--') && !(i > 0 && a[i - 1] === '--preset'));
  const dir = join(ROOT, 'examples/other');
  return {
    preset: value('--preset', '808_snare_1'),
    compare250: a.includes('--compare-250'),
    skipReference: a.includes('--skip-reference'),
    inputs: inputs.length ? inputs : [join(ROOT, 'examples/gmrock-snare-performance.wav'), ...readdirSync(dir).filter((f) => f.endsWith('.wav')).sort().map((f) => join(dir, f))],
  };
}

const r2 = (x: number | undefined) => (typeof x === 'number' && Number.isFinite(x) ? Number(x.toFixed(3)) : null);

/** The goal figures of one training. */
function figures(r: TrainReport): Record<string, unknown> {
  const f = r.follow;
  const feat = (rep: 'onset' | 'full', name: string) => f?.[rep].features.find((x) => x.name === name);
  const pair = (rep: 'onset' | 'full', name: string) => ({ rho: r2(feat(rep, name)?.rho), rangeRatio: r2(feat(rep, name)?.rangeRatio) });
  const art = (rep: 'onset' | 'full') => {
    const a = f?.[rep].articulation;
    return a ? { source: a.source, drum: r2(a.drumDiff), synth: r2(a.synthDiff), sameSign: a.sameSign, rim: a.rimHits, centre: a.centreHits } : null;
  };
  return {
    hits: r.hits.total, detected: r.hits.detected, heldOut: r.hitsEvaluated,
    onset: { loudness: pair('onset', 'rms_db'), brightness: pair('onset', 'spectral_centroid_semitones'), noisiness: pair('onset', 'spectral_flatness_db'), rimMinusCentre: art('onset') },
    transient: { loudness: pair('full', 'SPL_T'), brightness: pair('full', 'SC_T'), rimMinusCentre: art('full') },
    paperMeanError: { preset: r2(r.mean.preset), model: r2(r.mean.model), spread: r2(r.spread?.model) },
    saturation: { heldOutHitsAtLimit: r.saturation?.hitsAtLimit, heldOutClipped: r.saturation?.clippedHits, modelHitsAtLimit: r.modelSaturation.hitsAtLimit, modelClipped: r.modelSaturation.clippedHits, atLimit: r.saturation?.atLimit, peak: r2(r.saturation?.peak) },
    epochsRun: r.epochsRun, bestEpoch: r.bestEpoch, foldEpochs: r.folds.epochsRun, seconds: r2(r.seconds),
  };
}

async function train(opts: TrainOptions, label: string): Promise<TrainReport> {
  const t0 = Date.now();
  const load = loadavg()[0];
  const r = await runTraining(opts, { onProgress: (p) => { if (p.epoch % 50 === 0) process.stderr.write(`${label} ${p.stage}${p.fold ? ` ${p.fold}/${p.folds}` : ''} epoch ${p.epoch}\n`); } });
  process.stderr.write(`${label}: ${((Date.now() - t0) / 1000).toFixed(0)} s (load ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)}), held-out mean ${r.mean.model.toFixed(3)} (preset ${r.mean.preset.toFixed(3)})\n`);
  return r;
}

async function main(): Promise<void> {
  const o = args();
  const outDir = join(ROOT, 'out/quality');
  mkdirSync(outDir, { recursive: true });
  const recordings: Array<Record<string, unknown>> = [];
  for (const wav of o.inputs) {
    const name = basename(wav, '.wav');
    const base: TrainOptions = { inputs: [wav], preset: o.preset, out: '', force: true };
    const rec: Record<string, unknown> = { recording: name };
    const scaled = await train({ ...base, out: join(outDir, `${name}-scaled`) }, `${name} scaled`);
    rec.scaled = { ...figures(scaled), loadAverage: r2(loadavg()[0]) };
    if (!o.skipReference) {
      const ref = await train({ ...base, out: join(outDir, `${name}-reference`), loss: 'reference' }, `${name} reference`);
      rec.reference = figures(ref);
      rec.paperMeanErrorNoWorseThanReference = scaled.mean.model <= ref.mean.model;
    }
    if (o.compare250) {
      const full = await train({ ...base, out: join(outDir, `${name}-scaled-250`), earlyStopping: 0 }, `${name} scaled 250 epochs`);
      rec.scaled250 = figures(full);
      rec.earlyStoppedAsGoodAs250 = scaled.mean.model <= full.mean.model;
    }
    recordings.push(rec);
    writeFileSync(join(outDir, 'summary.json'), JSON.stringify({ preset: o.preset, recordings }, null, 2) + '\n');
  }
  process.stdout.write(JSON.stringify({ preset: o.preset, recordings }, null, 2) + '\n');
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
