/**
 * The device's model menu: the shipped models (the package's models folder), the models trained in
 * the user's TimbreRemap folder, and "load file…" last. A bundle counts when NAME.json and
 * NAME.onnx sit side by side.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

export const LOAD_FILE_ITEM = 'load file…';

export interface ModelEntry {
  /** What the menu shows. */
  label: string;
  /** What `load` gets: a shipped model's name, else the bundle's path without extension. */
  load: string;
  shipped: boolean;
}

function bundlesIn(dir: string | undefined): string[] {
  if (!dir || !existsSync(dir)) return [];
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json') && existsSync(join(dir, `${f.slice(0, -5)}.onnx`)))
      .map((f) => f.slice(0, -5))
      .sort();
  } catch {
    return [];
  }
}

/** The menu entries (without "load file…"). */
export function modelMenu(modelsDir: string | undefined, userModelDirs: readonly string[]): ModelEntry[] {
  const shipped = bundlesIn(modelsDir).map((n) => ({ label: n, load: n, shipped: true }));
  const seen = new Set(shipped.map((e) => e.label));
  const own: ModelEntry[] = [];
  for (const dir of userModelDirs) {
    for (const n of bundlesIn(dir)) {
      const label = seen.has(n) ? `${n} (${basename(dir)})` : n;
      seen.add(label);
      own.push({ label, load: join(dir, n), shipped: false });
    }
  }
  return [...shipped, ...own];
}

/** The entry that loads `path` (a name or a bundle path with or without extension), or -1. */
export function menuIndexOf(entries: readonly ModelEntry[], path: string): number {
  const base = path.replace(/\.(json|onnx)$/i, '');
  return entries.findIndex((e) => e.load === base || (e.shipped && (base.endsWith(`/${e.load}`) || base.endsWith(`\\${e.load}`))));
}
