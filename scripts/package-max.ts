/**
 * `npm run package:max`: build the Max package (scripts/build-max.ts: patchers, help, gen~ code,
 * device, media, engine bundle) and zip an installable folder `timbreremap/` into
 * `out/timbreremap-max-VERSION.zip` (unzip into Documents/Max 9/Packages and restart Max).
 * Uses the `zip` command line tool.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, maxPackageFiles } from './build-max';
import { bundleEngine } from './gen/bundle';
import { shippedFilter } from './shipped';

/** Folders/files of the repo that make up the Max package: [source, destination in the package]. */
export const PACKAGE_CONTENTS: Array<[string, string]> = [
  ['package-info.json', 'package-info.json'],
  ['code', 'code'],
  ['help', 'help'],
  ['docs/refpages', 'docs/refpages'],
  ['devices', 'devices'],
  ['media', 'media'],
  ['externals', 'externals'],
  ['models', 'models'],
  ['docs/max.md', 'README.md'],
  ['examples/README.md', 'media/EXAMPLE-AUDIO-LICENSE.md'],
];

async function main(): Promise<void> {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const generated = Object.entries(maxPackageFiles());
  for (const [rel, data] of generated) {
    mkdirSync(join(ROOT, rel, '..'), { recursive: true });
    writeFileSync(join(ROOT, rel), data);
  }
  cpSync(join(ROOT, 'examples/gmrock-snare-performance.wav'), join(ROOT, 'media/gmrock-snare-performance.wav'));
  await bundleEngine(ROOT);

  // only what is meant to ship: tracked files and what this build generated, never a stray in a
  // copied folder (evaluate's report in models/, a model trained into models/…)
  const ship = shippedFilter(ROOT, [...generated.map(([rel]) => rel), 'media/gmrock-snare-performance.wav', 'externals/']);
  const stage = join(ROOT, 'out/max');
  const pkgDir = join(stage, 'timbreremap');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(pkgDir, { recursive: true });
  for (const [src, dst] of PACKAGE_CONTENTS) {
    if (!existsSync(join(ROOT, src))) throw new Error(`${src} is missing; run the build first`);
    cpSync(join(ROOT, src), join(pkgDir, dst), { recursive: true, filter: (from) => ship(from) });
  }
  // Max abstractions only (Pd's live in patchers/pd and ship with the Pd package)
  mkdirSync(join(pkgDir, 'patchers'), { recursive: true });
  for (const f of readdirSync(join(ROOT, 'patchers')).filter((x) => x.endsWith('.maxpat') && ship(join(ROOT, 'patchers', x)))) cpSync(join(ROOT, 'patchers', f), join(pkgDir, 'patchers', f));

  const zipPath = join(ROOT, 'out', `timbreremap-max-${version}.zip`);
  rmSync(zipPath, { force: true });
  try {
    execFileSync('zip', ['-r', '-q', '-X', zipPath, 'timbreremap'], { cwd: stage, stdio: 'inherit' });
  } catch (e) {
    throw new Error(`could not run "zip" (${e instanceof Error ? e.message : String(e)}); install it (apt-get install zip / brew install zip) or zip out/max/timbreremap by hand.`);
  }
  console.log(`package:max: ${zipPath} (unzip into Documents/Max 9/Packages, restart Max)`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`package:max: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
