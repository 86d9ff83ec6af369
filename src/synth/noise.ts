/**
 * The reference's fixed white-noise buffer (`models/noise-44100.f32`: 44 100 float32 little-endian
 * samples, uniform in [−1, 1)). The reference trains with this one buffer (`buffer_noise=True`), so
 * every copy of the synth plays it from index 0 on each hit, looped past its end.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../util/errors';

export const NOISE_FILE_NAME = 'noise-44100.f32';

let cached: Float32Array | undefined;

/** Path of the noise buffer, found from this file in src/ or dist/ (like `presetsDir()`). */
export function noiseBufferPath(): string {
  const candidates = [
    // TIMBRE_REMAP_DATA: a models folder given by the host (a frozen Max device unpacks its own copy)
    ...(process.env.TIMBRE_REMAP_DATA ? [resolve(process.env.TIMBRE_REMAP_DATA, NOISE_FILE_NAME)] : []),
    resolve(__dirname, '../../models', NOISE_FILE_NAME),
    resolve(__dirname, '../models', NOISE_FILE_NAME),
    resolve(process.cwd(), 'models', NOISE_FILE_NAME),
  ];
  for (const c of candidates) if (existsSync(c)) return c;
  return candidates[0];
}

/** Decode float32 little-endian bytes (any alignment, any host endianness). */
export function decodeFloat32Le(bytes: Uint8Array): Float32Array {
  const n = bytes.length >> 2;
  const view = new DataView(bytes.buffer, bytes.byteOffset, n * 4);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/**
 * The noise buffer (read once, then cached; callers must not modify it).
 * @throws UserError when the file is missing or not a float32 buffer
 */
export function loadNoiseBuffer(): Float32Array {
  if (cached) return cached;
  const path = noiseBufferPath();
  if (!existsSync(path)) {
    throw new UserError(`the synth's noise buffer "${path}" is missing; reinstall the package (it ships models/${NOISE_FILE_NAME}).`, 'E_NOISE');
  }
  const bytes = readFileSync(path);
  if (bytes.length === 0 || bytes.length % 4 !== 0) {
    throw new UserError(`the synth's noise buffer "${path}" is not float32 data (${bytes.length} bytes); reinstall the package.`, 'E_NOISE');
  }
  cached = decodeFloat32Le(bytes);
  return cached;
}
