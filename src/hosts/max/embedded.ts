/**
 * The engine's data inside the engine file itself (scripts/gen/bundle.ts writes it in at build
 * time): the presets, the noise buffer and the shipped models. A frozen Max for Live device carries
 * node.script's file but not the package's models folder; the entry unpacks this copy into a folder
 * of its own (os.tmpdir(), once per content) and points the engine at it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFilesAtomic } from '../../io/atomic';

/** Files relative to a models folder (`presets/NAME.json`, `noise-44100.f32`, `NAME.json|onnx`), base64. */
export interface EmbeddedData {
  version: string;
  files: Record<string, string>;
}

/** Unpack into `root` (default a folder in os.tmpdir() named after the content); returns the models folder. */
export function unpackEmbedded(data: EmbeddedData, root = tmpdir()): string {
  const hash = createHash('sha1').update(JSON.stringify(data)).digest('hex').slice(0, 12);
  const dir = join(root, `timbreremap-${data.version}-${hash}`, 'models');
  const done = join(dir, '.complete');
  if (existsSync(done)) return dir;
  for (const rel of Object.keys(data.files)) mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFilesAtomic([...Object.entries(data.files).map(([rel, b64]) => ({ path: join(dir, rel), data: Buffer.from(b64, 'base64') })), { path: done, data: '' }]);
  return dir;
}
