/**
 * Generate the Pd library from code (`npm run build:pd`; `npm run build` runs it with `--library`):
 * - `patchers/pd/*.pd`: the abstractions, help patches and example, generated from the specs
 *   (PARAMS, the synth's constants, presets, the OSC address list) and committed (test/pd checks that
 *   the committed files equal this output);
 * - `dist/pd/timbreremap/`: the self-contained library folder users install (the patches plus the
 *   noise table, the shipped models, the example recording, README and LICENSE), copied in here
 *   rather than committed twice. `npm run package:pd` zips it for deken.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFilesAtomic } from '../src/io/atomic';
import { NOISE_FILE_NAME } from '../src/synth/noise';
import { tr808Pd, tr808VoicePd } from './gen/pd/synth';
import { trRemapPd } from './gen/pd/remap';
import { trOnsetPd } from './gen/pd/onset';
import { examplePatch, tr808Help, tr808VoiceHelp, trOnsetHelp, trRemapHelp } from './gen/pd/help';
import { libraryReadme } from './gen/pd/readme';

export const ROOT = join(__dirname, '..');
export const PD_SOURCE_DIR = join(ROOT, 'patchers/pd');
/** The library's name: its folder, the deken package and `[declare -path timbreremap]`. */
export const PD_LIBRARY_NAME = 'timbreremap';
/** Where `npm run build:pd` puts the library folder (shipped in the npm package under dist/). */
export const PD_LIBRARY_DIR = join(ROOT, 'dist/pd', PD_LIBRARY_NAME);

/** The generated files (file name → text): the patches and the library's README, committed in patchers/pd/. */
export function pdPatchFiles(): Record<string, string> {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  return {
    'README.md': libraryReadme(version),
    'tr.808voice~.pd': tr808VoicePd(),
    'tr.808~.pd': tr808Pd(),
    'tr.remap.pd': trRemapPd(),
    'tr.onset~.pd': trOnsetPd(),
    'tr.remap-help.pd': trRemapHelp(),
    'tr.808~-help.pd': tr808Help(),
    'tr.808voice~-help.pd': tr808VoiceHelp(),
    'tr.onset~-help.pd': trOnsetHelp(),
    'timbreremap-example.pd': examplePatch(),
  };
}

/** Files copied into the library besides the patches: [source in the repo, path in the library]. */
export function pdLibraryAssets(): Array<[string, string]> {
  const models = readdirSync(join(ROOT, 'models')).filter((f) => /\.(onnx|json)$/.test(f));
  return [
    [join(ROOT, 'models', NOISE_FILE_NAME), NOISE_FILE_NAME],
    ...models.map((f): [string, string] => [join(ROOT, 'models', f), `models/${f}`]),
    [join(ROOT, 'examples/gmrock-snare-performance.wav'), 'gmrock-snare-performance.wav'],
    [join(ROOT, 'LICENSE'), 'LICENSE'],
  ];
}

/**
 * Write the library folder `dir` (default dist/pd/timbreremap) from the committed patches in
 * patchers/pd and the assets; returns the files written (relative paths).
 */
export function buildPdLibrary(dir = PD_LIBRARY_DIR): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'models'), { recursive: true });
  const written: string[] = [];
  for (const f of readdirSync(PD_SOURCE_DIR).filter((x) => x.endsWith('.pd') || x.endsWith('.md'))) {
    copyFileSync(join(PD_SOURCE_DIR, f), join(dir, f));
    written.push(f);
  }
  for (const [src, dst] of pdLibraryAssets()) {
    copyFileSync(src, join(dir, dst));
    written.push(dst);
  }
  return written.sort();
}

/**
 * `tsx scripts/build-pd.ts`: regenerate patchers/pd, then build the library folder from it.
 * `--library`: only build the library folder from the committed patches (what `npm run build`
 * does, so that CI's test that the committed patches equal the generator's output still means
 * something).
 */
function main(): void {
  if (!process.argv.includes('--library')) {
    const files = pdPatchFiles();
    writeFilesAtomic(Object.entries(files).map(([rel, data]) => ({ path: join(PD_SOURCE_DIR, rel), data })));
    console.log(`build-pd: wrote ${Object.keys(files).length} files into patchers/pd`);
  }
  const lib = buildPdLibrary();
  console.log(`build-pd: wrote the library folder ${PD_LIBRARY_DIR} (${lib.length} files)`);
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(`build-pd: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
