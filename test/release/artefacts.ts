/**
 * The release artefacts under test: out/release/ as `npm run release` leaves it (npm test runs the
 * release before jest). Missing or for another version: the test fails at once and says what to run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RELEASE_DIR, SUMS_FILE } from '../../scripts/release';

export const ROOT = join(__dirname, '../..');
export const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Every artefact listed in SHA256SUMS: file name → expected sha256. */
export function releaseSums(): Map<string, string> {
  const sums = join(RELEASE_DIR, SUMS_FILE);
  if (!existsSync(sums)) throw new Error(`${sums} is missing: build the release first (\`npm run release\`; \`npm test\` does it before the tests).`);
  return new Map(readFileSync(sums, 'utf8').trim().split('\n').map((l) => {
    const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(l);
    if (!m) throw new Error(`${sums}: bad line "${l}"`);
    return [m[2], m[1]];
  }));
}

/** The artefact whose name matches `pattern` (exactly one), as an absolute path. */
export function artefact(pattern: RegExp, what: string): string {
  const names = [...releaseSums().keys()].filter((n) => pattern.test(n));
  if (names.length !== 1) throw new Error(`expected one ${what} in ${RELEASE_DIR} (${pattern}); found ${names.length ? names.join(', ') : 'none'}. Run \`npm run release\`.`);
  return join(RELEASE_DIR, names[0]);
}

/**
 * The environment of a user's shell: this process's without the npm_* variables that `npm test` /
 * npx put in (an npm run's config, e.g. the repository's .npmrc, must not leak into the install).
 */
export function userEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

/** The Pd library archive: the one artefact that is neither the npm tarball nor the Max zip (deken names it its own way). */
export const PD_ARCHIVE = /^(?!timbre-remap-.*\.tgz$)(?!timbreremap-max-).+\.(zip|dek|tar\.gz|tgz)$/;
