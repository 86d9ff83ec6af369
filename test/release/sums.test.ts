/** out/release/SHA256SUMS: the three artefacts, each named for the version, each checksum right. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RELEASE_DIR, SUMS_FILE, sha256 } from '../../scripts/release';
import { PD_ARCHIVE, VERSION, releaseSums } from './artefacts';

test('SHA256SUMS lists the npm tarball, the Max zip and the Pd archive, with their true checksums', () => {
  const sums = releaseSums();
  const names = [...sums.keys()];
  expect(names.filter((n) => /^timbre-remap-.*\.tgz$/.test(n))).toHaveLength(1);
  expect(names.filter((n) => /^timbreremap-max-.*\.zip$/.test(n))).toHaveLength(1);
  expect(names.filter((n) => PD_ARCHIVE.test(n))).toHaveLength(1);
  expect(names).toHaveLength(3);
  for (const n of names) expect(n).toContain(VERSION);
  expect(readdirSync(RELEASE_DIR).sort()).toEqual([...names, SUMS_FILE].sort());
  for (const [n, want] of sums) expect({ n, sha256: sha256(join(RELEASE_DIR, n)) }).toEqual({ n, sha256: want });
});
