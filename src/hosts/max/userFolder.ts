/**
 * Where the device keeps what the user makes: `Documents/TimbreRemap` (or `~/TimbreRemap` without a
 * Documents folder) with `recordings/` (drum takes recorded by the device; trained models are written
 * beside their recording). Nothing is written until the user records.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultUserDir(home: string = homedir()): string {
  const docs = join(home, 'Documents');
  return join(existsSync(docs) ? docs : home, 'TimbreRemap');
}

export function recordingsDir(userDir: string): string {
  return join(userDir, 'recordings');
}

/** `drum-20261201-101530.wav` in the recordings folder (made if needed); never an existing file. */
export function newRecordingPath(userDir: string, now: Date): string {
  const dir = recordingsDir(userDir);
  mkdirSync(dir, { recursive: true });
  const p2 = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p2(now.getMonth() + 1)}${p2(now.getDate())}-${p2(now.getHours())}${p2(now.getMinutes())}${p2(now.getSeconds())}`;
  let path = join(dir, `drum-${stamp}.wav`);
  for (let k = 2; existsSync(path); k++) path = join(dir, `drum-${stamp}-${k}.wav`);
  return path;
}
