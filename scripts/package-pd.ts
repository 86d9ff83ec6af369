/**
 * `npm run package:pd`: build the Pd library folder (scripts/build-pd.ts → dist/pd/timbreremap) and
 * zip it for deken, Pd's package manager, into `out/`:
 *
 *   out/timbreremap[v0.1.0].dek      the folder `timbreremap/` zipped (a .dek is a zip file)
 *   out/timbreremap[v0.1.0].dek.txt  the object list (one line per object: name TAB description)
 *
 * deken's file-name format is `LIBNAME[vVERSION]{(ARCH)}.dek`; a library of abstractions only is
 * "architecture independent" and has no (ARCH) at all (deken docs, filename.md and
 * arch-specifiers.md; `(Sources)` is for source code to compile, which Pd cannot use directly).
 * Upload both with `deken upload "out/timbreremap[v0.1.0].dek"`. Uses the `zip` command line tool.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { buildPdLibrary, PD_LIBRARY_DIR, PD_LIBRARY_NAME, ROOT } from './build-pd';

/** deken's name of the package file for this version (no architecture: abstractions only). */
export function dekenFileName(version: string): string {
  if (/[[\]()]/.test(version)) throw new Error(`version "${version}" may not hold brackets or parentheses (deken file names)`);
  return `${PD_LIBRARY_NAME}[v${version}].dek`;
}

/** deken's object list: one `name<TAB>description` line per object, from each help patch's [pd META] DESCRIPTION. */
export function objectList(libraryDir: string, objects: readonly string[]): string {
  return objects
    .map((name) => {
      const help = readFileSync(join(libraryDir, `${name}-help.pd`), 'utf8');
      const m = help.match(/#X text \d+ \d+ DESCRIPTION ([^;]*?)(?:, f \d+)?;/);
      if (!m) throw new Error(`${name}-help.pd has no DESCRIPTION in its [pd META]`);
      return `${name}\t${m[1].replace(/\s*\\,/g, ',').replace(/\s+/g, ' ').trim()}`;
    })
    .join('\n') + '\n';
}

/**
 * Build the library (into `libraryDir`, a folder named timbreremap) and write the .dek (and its
 * object list) into `outDir`; returns the .dek path.
 */
export function packagePd(outDir = join(ROOT, 'out'), libraryDir = PD_LIBRARY_DIR): string {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  if (basename(libraryDir) !== PD_LIBRARY_NAME) throw new Error(`the library folder must be named ${PD_LIBRARY_NAME}, not ${basename(libraryDir)}`);
  buildPdLibrary(libraryDir);
  mkdirSync(outDir, { recursive: true });
  const dek = join(outDir, dekenFileName(version));
  rmSync(dek, { force: true });
  try {
    // -X: no extra file attributes; entries are timbreremap/…, the folder users install
    execFileSync('zip', ['-r', '-q', '-X', dek, PD_LIBRARY_NAME], { cwd: dirname(libraryDir), stdio: 'inherit' });
  } catch (e) {
    throw new Error(`could not run "zip" (${e instanceof Error ? e.message : String(e)}); install it (apt-get install zip / brew install zip) or zip ${libraryDir} by hand into "${dek}".`);
  }
  writeFileSync(`${dek}.txt`, objectList(libraryDir, ['tr.remap', 'tr.808~', 'tr.onset~', 'tr.808voice~']));
  return dek;
}

if (require.main === module) {
  try {
    const dek = packagePd();
    console.log(`package:pd: ${dek} (and .txt, the object list); install: unzip it into your Pd externals folder, or upload with deken upload`);
  } catch (e) {
    console.error(`package:pd: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
