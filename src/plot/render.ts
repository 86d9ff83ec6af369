/**
 * The picture pipeline: vega-lite spec → vega → SVG (vega's own SVG renderer, headless) → PNG
 * (@resvg/resvg-js, with a font file loaded explicitly so text renders on a machine without a
 * desktop). No chart drawing of our own: the plot files only build vega-lite specs.
 *
 * vega and vega-lite 6 are ESM-only and vega has a top-level await (its optional node-canvas
 * probe), so `require()` cannot load them, not even on Node 20.19+. They are loaded with a native
 * dynamic `import()`, kept out of reach of the CommonJS transpilers (tsx, swc, tsup) by building
 * it with `new Function`; jest runs it only with `--experimental-vm-modules`.
 */
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { writeFilesAtomic } from '../io/atomic';
import { UserError } from '../util/errors';

/** Font for every plot. DejaVu Sans is in Debian's fonts-dejavu-core (installed by .ci/run). */
export const PLOT_FONT_FAMILY = 'DejaVu Sans';
const FONT_FILE_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/local/share/fonts/DejaVuSans.ttf',
  '/Library/Fonts/DejaVuSans.ttf',
];

/** Vega-lite `config` shared by all plots: one font, readable sizes, white background. */
export const PLOT_CONFIG = {
  font: PLOT_FONT_FAMILY,
  background: 'white',
  padding: 8,
  view: { stroke: '#ccc' },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' as const },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' as const },
  title: { fontSize: 14, anchor: 'start' as const, subtitleFontSize: 11, subtitleColor: '#555' },
};

/** The vega + vega-lite modules (the parts we use). */
interface VegaModules {
  vega: {
    parse: (spec: unknown, config?: unknown) => unknown;
    View: new (runtime: unknown, opts: { renderer: 'none' | 'svg' }) => VegaView;
  };
  vl: { compile: (spec: TopLevelSpec, opts?: { logger?: unknown }) => { spec: unknown } };
}
interface VegaView {
  runAsync(): Promise<unknown>;
  toSVG(scaleFactor?: number): Promise<string>;
  scenegraph(): { root: SceneItem };
  finalize(): void;
}
/** A vega scenegraph node (marks hold items, groups hold marks in `items`). */
export interface SceneItem {
  marktype?: string;
  name?: string;
  role?: string;
  items?: SceneItem[];
  [key: string]: unknown;
}

let modules: Promise<VegaModules> | null = null;

// A real ESM import, left untouched by the CommonJS transform of tsx/swc/tsup.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;

/** Load vega and vega-lite once (ESM-only packages). */
export function loadVega(): Promise<VegaModules> {
  if (!modules) {
    modules = Promise.all([importEsm('vega'), importEsm('vega-lite')])
      .then(([vega, vl]) => ({ vega, vl }) as VegaModules)
      .catch((e: unknown) => {
        modules = null;
        const msg = e instanceof Error ? e.message : String(e);
        const hint = /experimental-vm-modules/.test(msg) ? ' (under jest, run with NODE_OPTIONS=--experimental-vm-modules)' : '';
        throw new Error(`could not load vega/vega-lite${hint}: ${msg}`);
      });
  }
  return modules;
}

/** A chart drawn: its SVG text and vega's scenegraph (for tests and summaries). */
export interface RenderedChart {
  svg: string;
  /** Marks by name (`name` of each vega mark) → number of items drawn. */
  markCounts: Record<string, number>;
  widthPx: number;
  heightPx: number;
  /** vega-lite's compile warnings (a clean spec has none). */
  warnings: string[];
}

/** A vega-lite logger that collects warnings instead of printing them. */
function collectingLogger(warnings: string[]) {
  const logger = {
    level: () => 2,
    error: (...a: unknown[]) => (warnings.push(a.map(String).join(' ')), logger),
    warn: (...a: unknown[]) => (warnings.push(a.map(String).join(' ')), logger),
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/** Compile a vega-lite spec and draw it to SVG headless (no browser, no canvas). */
export async function renderSvg(spec: TopLevelSpec): Promise<RenderedChart> {
  const { vega, vl } = await loadVega();
  const withConfig = { ...spec, config: { ...PLOT_CONFIG, ...(spec as { config?: object }).config } } as TopLevelSpec;
  const warnings: string[] = [];
  const compiled = vl.compile(withConfig, { logger: collectingLogger(warnings) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    await view.runAsync();
    const svg = await view.toSVG();
    const markCounts: Record<string, number> = {};
    countMarks(view.scenegraph().root, markCounts);
    const m = /<svg[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"/.exec(svg);
    return { svg, markCounts, widthPx: m ? Number(m[1]) : 0, heightPx: m ? Number(m[2]) : 0, warnings };
  } finally {
    view.finalize();
  }
}

function countMarks(node: SceneItem, out: Record<string, number>): void {
  if (node.marktype && node.name) out[node.name] = (out[node.name] ?? 0) + (node.items?.length ?? 0);
  for (const child of node.items ?? []) countMarks(child, out);
}

/** The font file resvg loads (first DejaVu Sans found), or null when none is installed. */
export function findPlotFont(): string | null {
  return FONT_FILE_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/**
 * SVG → PNG with resvg. `scale` 2 gives a sharp picture for slides (pixels = 2 × SVG size).
 * Without DejaVu Sans, system fonts are searched (slower; text may use another face).
 */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Resvg } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  const fontFile = findPlotFont();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: fontFile
      ? { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: PLOT_FONT_FAMILY, sansSerifFamily: PLOT_FONT_FAMILY }
      : { loadSystemFonts: true, sansSerifFamily: PLOT_FONT_FAMILY },
    logLevel: 'off',
  });
  return new Uint8Array(resvg.render().asPng());
}

export type PlotFormat = 'svg' | 'png';

/** Picture format from an output path's extension; UserError for anything else. */
export function formatOf(path: string): PlotFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.svg') return 'svg';
  if (ext === '.png') return 'png';
  throw new UserError(`--out "${path}": the picture format comes from the extension; use .png or .svg.`, 'E_USAGE');
}

/**
 * Draw a chart and write it to every path in `outPaths` (.svg and/or .png), all or none, each
 * file atomically: a failure leaves no half-written picture.
 */
export async function writeChart(spec: TopLevelSpec, outPaths: readonly string[], scale = 2): Promise<RenderedChart> {
  const formats = outPaths.map(formatOf); // check every path before drawing
  const chart = await renderSvg(spec);
  let png: Uint8Array | null = null;
  const files = outPaths.map((path, i) => {
    if (formats[i] === 'svg') return { path, data: chart.svg };
    png ??= svgToPng(chart.svg, scale);
    return { path, data: png };
  });
  writeFilesAtomic(files);
  return chart;
}
