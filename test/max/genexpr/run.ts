/** Helpers that drive the package's gen~ code in the test interpreter like the patches do. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileGenExpr, type GenProgram } from './compile';

export const PACKAGE_ROOT = join(__dirname, '../../..');

/** The codebox code of a shipped `.gendsp` (what gen~ compiles in Max). */
export function gendspCode(file: string): string {
  const j = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'code', file), 'utf8')) as { patcher: { boxes: Array<{ box: { maxclass: string; code?: string } }> } };
  const boxes = j.patcher.boxes.filter((b) => b.box.maxclass === 'codebox');
  if (boxes.length !== 1 || typeof boxes[0].box.code !== 'string') throw new Error(`${file}: expected exactly one codebox`);
  return boxes[0].box.code;
}

/** Run a program over whole input signals in vectors of `vectorSize` (params stay fixed). */
export function runProgram(prog: GenProgram, inputs: ArrayLike<number>[], n: number, vectorSize = 64): Float64Array[] {
  const outs = Array.from({ length: prog.numOutputs }, () => new Float64Array(n));
  for (let start = 0; start < n; start += vectorSize) {
    const len = Math.min(vectorSize, n - start);
    const ins = inputs.map((x) => (x as Float64Array).subarray ? (x as Float64Array).subarray(start, start + len) : Array.prototype.slice.call(x, start, start + len));
    prog.perform(ins, outs.map((o) => o.subarray(start, start + len)), len);
  }
  return outs;
}

export { compileGenExpr };
