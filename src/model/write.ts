/**
 * Writing a model bundle: `BASE.onnx` + `BASE.json`, both or neither (src/io/atomic), never over an
 * existing model unless asked to.
 */
import { existsSync } from 'node:fs';
import { writeFilesAtomic } from '../io/atomic';
import { UserError } from '../util/errors';
import type { ModelBundleMeta } from './bundle';
import { validateBundleMeta } from './validate';

export interface BundlePaths {
  base: string;
  onnx: string;
  json: string;
}

/** `BASE`, `BASE.onnx` or `BASE.json` (any case of the extension) → the bundle's two paths. */
export function bundlePaths(path: string): BundlePaths {
  const base = path.replace(/\.(onnx|json)$/i, '');
  return { base, onnx: `${base}.onnx`, json: `${base}.json` };
}

/**
 * Write the bundle atomically. The metadata is validated first (a bundle that would not load is
 * not written).
 * @param basePath output path without (or with) the .onnx/.json extension
 * @param opts.force overwrite an existing bundle
 * @throws UserError when a file exists and `force` is not set, or the metadata is invalid
 */
export function writeModelBundle(basePath: string, onnxBytes: Uint8Array, meta: ModelBundleMeta, opts: { force?: boolean } = {}): BundlePaths {
  const paths = bundlePaths(basePath);
  validateBundleMeta(meta, `model metadata for ${paths.json}`);
  if (!opts.force) {
    const existing = [paths.onnx, paths.json].filter((p) => existsSync(p));
    if (existing.length) {
      throw new UserError(`${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; pass --force to overwrite, or choose another --out.`, 'E_EXISTS');
    }
  }
  writeFilesAtomic([
    { path: paths.onnx, data: onnxBytes },
    { path: paths.json, data: JSON.stringify(meta, null, 2) + '\n' },
  ]);
  return paths;
}
