/**
 * Generate the Max package's files from code (run: `npx tsx scripts/build-max.ts [--no-bundle]`,
 * `npm run build:max`), and bundle the node.script engine into externals/ (scripts/gen/bundle.ts): gen~ patchers (code/), abstractions (patchers/), help (help/), reference
 * pages (docs/refpages/), the Max for Live device (devices/), media (noise buffer as a float WAV,
 * the example recording) and package-info.json. Everything derives from the specs (PARAMS,
 * ONSET_SETTINGS, presets, the host's message spec); test/max checks the output.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFilesAtomic } from '../src/io/atomic';
import { encodeWav } from '../src/io/wav';
import { decodeFloat32Le } from '../src/synth/noise';
import { amxdBytes, maxJson } from './gen/patcher';
import * as M from './gen/maxPatches';
import { refpages } from './gen/refpages';
import { bundleEngine } from './gen/bundle';

export const ROOT = join(__dirname, '..');

export function maxPackageFiles(): Record<string, string | Uint8Array> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; description: string };
  const files: Record<string, string | Uint8Array> = {
    'code/tr.onset.gendsp': maxJson(M.trOnsetGendsp()),
    'code/tr.808.gendsp': maxJson(M.tr808Gendsp()),
    'code/tr.remap.gendsp': maxJson(M.trRemapGendsp()),
    'code/tr.modslot.gendsp': maxJson(M.trModSlotGendsp()),
    'patchers/tr.onset~.maxpat': maxJson(M.trOnsetAbstraction()),
    'patchers/tr.808~.maxpat': maxJson(M.tr808Abstraction()),
    'patchers/tr.remap~.maxpat': maxJson(M.trRemapAbstraction()),
    'patchers/timbreremap.maxpat': maxJson(M.timbreremapAbstraction()),
    'help/timbreremap.maxhelp': maxJson(M.timbreremapHelp()),
    'help/tr.onset~.maxhelp': maxJson(M.trOnsetHelp()),
    'help/tr.808~.maxhelp': maxJson(M.tr808Help()),
    'help/tr.remap~.maxhelp': maxJson(M.trRemapHelp()),
    'devices/TimbreRemap.amxd': amxdBytes(maxJson(M.deviceJson())),
    [`media/${M.NOISE_WAV}`]: encodeWav(decodeFloat32Le(readFileSync(join(ROOT, 'models/noise-44100.f32'))), 44100, '32f'),
    'package-info.json': maxJson({
      name: 'timbreremap',
      displayname: 'TimbreRemap',
      author: 'TimbreRemap contributors',
      description: pkg.description,
      homepatcher: 'timbreremap.maxhelp',
      max_version_min: '8.6',
      max_version_max: 'none',
      os: { macintosh: { platform: ['x64', 'arm64'], min_version: 'none' }, windows: { platform: ['x64'], min_version: 'none' } },
      package_extra: { reverse_domain: 'org.timbreremap', copyright: 'Apache-2.0 (code); example audio GPL-2+' },
      tags: ['drums', 'timbre', 'gen~', 'node.script', 'max for live'],
      version: pkg.version,
      website: '',
    }),
  };
  for (const [name, xml] of Object.entries(refpages())) files[`docs/refpages/${name}`] = xml;
  return files;
}

async function main(): Promise<void> {
  const files = maxPackageFiles();
  for (const dir of ['code', 'patchers', 'help', 'devices', 'media', 'docs/refpages']) mkdirSync(join(ROOT, dir), { recursive: true });
  writeFilesAtomic(Object.entries(files).map(([rel, data]) => ({ path: join(ROOT, rel), data })));
  copyFileSync(join(ROOT, 'examples', M.EXAMPLE_WAV), join(ROOT, 'media', M.EXAMPLE_WAV));
  console.log(`build-max: wrote ${Object.keys(files).length + 1} files`);
  if (!process.argv.includes('--no-bundle')) console.log(`build-max: bundled ${(await bundleEngine(ROOT)).join(', ')} into externals/`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`build-max: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
