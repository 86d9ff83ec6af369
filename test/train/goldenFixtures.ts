import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const GOLDEN_DIR = join(__dirname, '../fixtures/golden');
export function readF32(name: string): Float32Array {
  const b = readFileSync(join(GOLDEN_DIR, name));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
}
export const goldenNoise = (): Float32Array => readF32('noise-44100.f32');
export const goldenJson = (name: string) => JSON.parse(readFileSync(join(GOLDEN_DIR, name), 'utf8'));
