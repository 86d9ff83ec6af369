/**
 * `BASE.report.html` beside a model: the training picture, and when a recording is given the
 * onsets, timbre-space and parameter pictures on it, the evaluation table, the settings and the
 * data provenance, in one self-contained page. `train` and `evaluate` call `writeTrainingReport`
 * after writing the bundle. It never throws: a picture that cannot be drawn becomes a note in the
 * page; a page that cannot be written is an `{ok: false, error}` for the caller to show.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { writeFileAtomic } from '../io/atomic';
import { readWav } from '../io/wav';
import { messageOf } from '../util/errors';
import type { EvaluationTable, ModelBundleMeta } from '../model/bundle';
import type { OnsetOptions } from '../onset';
import { bundleDetectorOptions } from '../model/detector';
import { trainingHitsSpec } from '../plot/trainingHits';
import { renderSvg } from '../plot/render';
import * as pictures from '../plot/pictures';
import type { Picture } from '../plot/pictures';
import { reportHtml, type ReportFigure } from './html';

export interface TrainingReportData {
  /** Which command wrote it (heading). Default 'train'. */
  kind?: 'train' | 'evaluate';
  /** The bundle's metadata; default: read from `BASE.json`. */
  meta?: ModelBundleMeta;
  /** Evaluation to show; default `meta.evaluation`. */
  evaluation?: EvaluationTable;
  /**
   * A recording to draw the onsets, timbre and params pictures on. Default: the first training
   * input named in `meta.provenance.inputs`, if it is still there; `null` for none.
   */
  recording?: string | null;
  /** Detector for the recording's pictures (default: the bundle's own). */
  detector?: OnsetOptions;
  sensitivity?: number;
  /** Extra lines for the notes list (e.g. training warnings). */
  notes?: string[];
  /**
   * The hits to draw as "hits used" (per recording: onsets in seconds and whether each was used).
   * Default: the training's, from the bundle's provenance.
   */
  hitLists?: HitList[];
  /** Where to write the page (default `BASE.report.html`; `evaluate` writes its own). */
  reportPath?: string;
}

export interface HitList {
  path: string;
  onsetsSec: number[];
  used: boolean[];
  swallowedSec?: number[];
}

export type ReportResult = { ok: true; path: string; warnings: string[] } | { ok: false; error: string };

/** `models/x`, `models/x.onnx`, `models/x.json` → `models/x`. */
export const modelBaseOf = (path: string): string => path.replace(/\.(onnx|json)$/i, '');
export const reportPathOf = (modelBase: string): string => `${modelBaseOf(modelBase)}.report.html`;

/** Write `BASE.report.html` atomically. Never throws. */
export async function writeTrainingReport(modelBase: string, data: TrainingReportData = {}): Promise<ReportResult> {
  const base = modelBaseOf(modelBase);
  try {
    const meta = data.meta ?? pictures.readBundleMeta(base).meta;
    const evaluation = data.evaluation ?? meta.evaluation;
    const trainingWarnings = (meta.training as { warnings?: unknown } | undefined)?.warnings;
    const notes = [...(data.notes ?? []), ...(data.kind !== 'evaluate' && Array.isArray(trainingWarnings) ? trainingWarnings.filter((w): w is string => typeof w === 'string') : [])];
    const figures: ReportFigure[] = [];
    const add = async (id: string, title: string, caption: string, make: () => Picture | Promise<Picture>) => {
      try {
        const pic = await make();
        const chart = await renderSvg(pic.spec);
        figures.push({ id, title, caption, svg: chart.svg, widthPx: chart.widthPx, heightPx: chart.heightPx });
        notes.push(...pic.warnings);
      } catch (e) {
        notes.push(`${title}: not drawn: ${messageOf(e)}`);
      }
    };
    await add('fig-training', 'Training', 'Loss and learning rate per epoch; the evaluation table as bars (preset vs model per feature, lower is better).', () =>
      pictures.trainingPictureOf({ ...meta, evaluation }, `${base}.json`),
    );
    for (const [li, list] of (data.hitLists ?? trainingHitLists(meta)).entries()) {
      let audio: ReturnType<typeof readWav> | null = null;
      try {
        audio = readWav(list.path);
      } catch (e) {
        notes.push(`recording "${list.path}" could not be read, so the picture of its hits is missing: ${messageOf(e)}`);
      }
      if (!audio) continue;
      const a = audio;
      await add(`fig-hits-${li}`, `Hits ${data.kind === 'evaluate' ? 'evaluated' : 'used'} in ${basename(list.path)}`, 'The waveform with every hit the detector found: red = used, orange dashed = left out (it starts inside another hit\'s decay), grey = a likely hit the detector\'s hold hid.', () => ({
        spec: trainingHitsSpec({ sampleRateHz: a.sampleRate, signal: a.mono, onsetsSec: list.onsetsSec, used: list.used, swallowedSec: list.swallowedSec, title: `Hits in ${basename(list.path)}` }),
        summary: {},
        warnings: [],
      }));
    }
    const recording = data.recording === undefined ? firstInput(meta) : data.recording;
    if (recording) {
      const rec = recording;
      const detector = data.detector ?? bundleDetectorOptions(meta);
      const sensitivity = data.sensitivity ?? 1;
      let audio: ReturnType<typeof readWav> | null = null;
      try {
        audio = readWav(rec);
      } catch (e) {
        notes.push(`recording "${rec}" could not be read, so its pictures are missing: ${messageOf(e)}`);
      }
      if (audio) {
        const a = audio;
        await add('fig-onsets', `Onsets in ${basename(rec)}`, 'Waveform and detector traces; red lines are the detected hits.', () => pictures.onsetsPicture(a, rec, detector));
        let analysis: Awaited<ReturnType<typeof pictures.analyse>> | null = null;
        try {
          analysis = await pictures.analyse(a, rec, { modelPath: base, detector, sensitivity });
        } catch (e) {
          notes.push(`the model could not be run on "${rec}", so the timbre and parameter pictures are missing: ${messageOf(e)}`);
        }
        if (analysis) {
          const an = analysis;
          await add('fig-timbre', 'Timbre space', 'Each drum hit (circle) joined to the synth hit the model made of it (triangle); the reference hit is marked.', () => pictures.timbrePictureOf(an, rec, sensitivity));
          await add('fig-params', 'Parameter modulation', 'The 14 synth parameter modulations per hit.', () => pictures.paramsPictureOf(an, rec, sensitivity));
        }
      }
    }
    const html = reportHtml({
      kind: data.kind ?? 'train',
      modelBase: base,
      meta,
      evaluation,
      figures,
      notes,
      generatedAt: new Date().toISOString(),
      toolVersion: toolVersion(),
    });
    const path = data.reportPath ?? reportPathOf(base);
    writeFileAtomic(path, html);
    return { ok: true, path, warnings: notes };
  } catch (e) {
    return { ok: false, error: `could not write the report for model "${base}": ${messageOf(e)}` };
  }
}

/** The training's hits per input, from the bundle's provenance (inputs that still exist). */
function trainingHitLists(meta: ModelBundleMeta): HitList[] {
  const inputs = (meta.provenance as { inputs?: unknown } | undefined)?.inputs;
  if (!Array.isArray(inputs)) return [];
  const nums = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);
  const rate = meta.onsetWindow?.sampleRateHz ?? 44100;
  return inputs.flatMap((f: { path?: unknown; onsets?: unknown; insideDecay?: unknown; swallowed?: unknown }) => {
    if (typeof f?.path !== 'string' || !Array.isArray(f.onsets) || !existsSync(f.path)) return [];
    const out = new Set(nums(f.insideDecay));
    const onsets = nums(f.onsets);
    return [{ path: f.path, onsetsSec: onsets.map((s) => s / rate), used: onsets.map((s) => !out.has(s)), swallowedSec: nums(f.swallowed).map((s) => s / rate) }];
  });
}

/** The first training input recorded in the bundle, when the file still exists. */
function firstInput(meta: ModelBundleMeta): string | null {
  const inputs = (meta.provenance as { inputs?: unknown } | undefined)?.inputs;
  const first = Array.isArray(inputs) ? inputs[0] : undefined;
  const path = typeof first === 'string' ? first : (first as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' && existsSync(path) ? path : null;
}

function toolVersion(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return String(require('../../package.json').version);
  } catch {
    return 'unknown';
  }
}
