/**
 * `npm run release [-- --out DIR] [-- --no-build]`: build the three artefacts a user downloads into
 * out/release/ (or DIR), each with the version in its name, and a SHA256SUMS file beside them:
 *   timbre-remap-VERSION.tgz        the npm package (`npm pack`): CLI, library, OSC bridge, models,
 *                                   the example, and the Max and Pd packages' folders
 *   timbreremap-max-VERSION.zip     the Max package (`npm run package:max`, scripts/package-max.ts)
 *   the Pd library archive          (`npm run package:pd`, scripts/package-pd.ts)
 * Before packing, the npm package's file list is checked: every file tracked by git or built
 * (dist/, externals/), no strays (scripts/shipped.ts). test/release installs or unpacks each
 * artefact in a temporary folder and runs its example.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { writeFilesAtomic } from '../src/io/atomic';
import { strays } from './shipped';

export const ROOT = join(__dirname, '..');
export const RELEASE_DIR = join(ROOT, 'out/release');
/** What the build writes that the npm package ships although git does not track it. */
export const NPM_GENERATED = ['dist/', 'externals/'];
export const SUMS_FILE = 'SHA256SUMS';

export interface ReleaseArtefact {
  kind: 'npm' | 'max' | 'pd';
  file: string;
  bytes: number;
  sha256: string;
}

const version = (): string => (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function npm(args: string[], capture = false): string {
  const r = spawnSync('npm', args, { cwd: ROOT, encoding: 'utf8', stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', maxBuffer: 64 << 20 });
  if (r.error || r.status !== 0) throw new Error(`\`npm ${args.join(' ')}\` failed (${r.error?.message ?? `exit ${r.status}`})`);
  return r.stdout ?? '';
}

/** The npm package's files (what `npm pack` would put in), refusing strays. */
export function npmPackFiles(): string[] {
  const out = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts'], true)) as Array<{ files: Array<{ path: string }> }>;
  const files = out[0].files.map((f) => f.path);
  const bad = strays(files, ROOT, NPM_GENERATED);
  if (bad.length > 0) {
    throw new Error(`the npm package would ship files that are neither tracked by git nor built: ${bad.join(', ')}. Move them out of the package's folders (or commit them if they are meant to ship).`);
  }
  return files;
}

/** Run `npm run SCRIPT` and return the archive it wrote in out/ (new, or rewritten since before the run). */
function packageScript(script: string, owner: string): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  if (!scripts[script]) throw new Error(`package.json has no "${script}" script (${owner}); the release needs it.`);
  const outDir = join(ROOT, 'out');
  const archives = (): Map<string, number> =>
    new Map(existsSync(outDir) ? readdirSync(outDir).filter((f) => /\.(zip|dek|tar\.gz|tgz)$/.test(f)).map((f) => [f, statSync(join(outDir, f)).mtimeMs]) : []);
  const before = archives();
  npm(['run', '--silent', script]);
  const made = [...archives()].filter(([f, t]) => before.get(f) !== t).map(([f]) => join(outDir, f));
  if (made.length !== 1) throw new Error(`\`npm run ${script}\` should write one archive into out/; it wrote ${made.length ? made.map((f) => basename(f)).join(', ') : 'none'}.`);
  return made;
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export async function release(opts: { outDir?: string; build?: boolean } = {}): Promise<ReleaseArtefact[]> {
  const outDir = resolve(opts.outDir ?? RELEASE_DIR);
  const v = version();
  if (opts.build !== false) npm(['run', '--silent', 'build']);
  npmPackFiles();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  // --ignore-scripts: built just above (prepack would build a second time)
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', outDir], true)) as Array<{ filename: string }>;
  const files: Array<[ReleaseArtefact['kind'], string]> = [['npm', join(outDir, basename(packed[0].filename))]];
  for (const [kind, script, owner] of [['max', 'package:max', 'scripts/package-max.ts'], ['pd', 'package:pd', 'scripts/package-pd.ts']] as const) {
    for (const f of packageScript(script, owner)) {
      const to = join(outDir, basename(f));
      copyFileSync(f, to);
      files.push([kind, to]);
    }
  }
  const artefacts = files.map(([kind, f]): ReleaseArtefact => {
    if (!basename(f).includes(v)) throw new Error(`${basename(f)} does not carry the version ${v} in its name.`);
    return { kind, file: f, bytes: statSync(f).size, sha256: sha256(f) };
  });
  // the format `sha256sum -c SHA256SUMS` checks
  const sums = artefacts.map((a) => `${a.sha256}  ${basename(a.file)}\n`).join('');
  writeFilesAtomic([{ path: join(outDir, SUMS_FILE), data: sums }]);
  return artefacts;
}

function parse(argv: string[]): { outDir?: string; build: boolean } {
  const o: { outDir?: string; build: boolean } = { build: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) o.outDir = argv[++i];
    else if (argv[i] === '--no-build') o.build = false;
    else throw new Error(`unknown argument "${argv[i]}"; usage: npm run release [-- --out DIR] [-- --no-build]`);
  }
  return o;
}

if (require.main === module) {
  const t0 = Date.now();
  release(parse(process.argv.slice(2))).then(
    (list) => {
      for (const a of list) console.log(`release: ${a.kind.padEnd(3)} ${a.file} (${(a.bytes / 1e6).toFixed(1)} MB, sha256 ${a.sha256.slice(0, 12)}…)`);
      console.log(`release: ${SUMS_FILE} written; ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    },
    (e: unknown) => {
      console.error(`release: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}

