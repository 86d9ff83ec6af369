/**
 * The system tools the tests use, in one table: what each is for, how to find it, and the Debian
 * package that provides it. `npm test` (scripts/test.ts) installs the missing ones from this table;
 * a test that needs one calls `requireTool(name)` first, which fails at once (a PATH look-up, never
 * a timeout) with the install command. Nothing is skipped: a missing tool is a failed test.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

export interface Tool {
  /** What it is, for messages. */
  what: string;
  /** Executables to look for on PATH (the first found is used), or files that must exist. */
  bins?: string[];
  files?: string[];
  /** The Debian/Ubuntu package that provides it. */
  debian: string;
  /** Which tests need it and why. */
  neededBy: string;
}

export const TOOLS = {
  pd: { what: 'Pure Data', bins: ['pd', 'puredata'], debian: 'puredata-core', neededBy: 'the Pd tests (test/pd) run the patches in real Pd' },
  chromium: {
    what: 'Chromium',
    bins: [process.env.CHROMIUM_BIN || 'chromium'],
    debian: 'chromium',
    neededBy: 'the report test opens the HTML training report in headless Chromium',
  },
  zip: { what: 'zip', bins: ['zip'], debian: 'zip', neededBy: '`npm run package:max` and the release tests make the Max package zip' },
  unzip: { what: 'unzip', bins: ['unzip'], debian: 'unzip', neededBy: 'the release test unpacks the Max package zip' },
  font: {
    what: 'the DejaVu Sans font',
    files: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'],
    debian: 'fonts-dejavu-core',
    neededBy: 'the plots render their text in DejaVu Sans (src/plot/render.ts)',
  },
} satisfies Record<string, Tool>;

export type ToolName = keyof typeof TOOLS;
export const TOOL_NAMES = Object.keys(TOOLS) as ToolName[];

/** The executable `bin` on `path` (a PATH string), or null. Absolute names are checked as they are. */
export function which(bin: string, path = process.env.PATH ?? ''): string | null {
  const candidates = isAbsolute(bin) ? [bin] : path.split(delimiter).filter(Boolean).map((d) => join(d, bin));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here
    }
  }
  return null;
}

/** Where the tool is (an executable's path or the file), or null when it is missing. */
export function findTool(name: ToolName, path = process.env.PATH ?? ''): string | null {
  const t: Tool = TOOLS[name];
  for (const b of t.bins ?? []) {
    const p = which(b, path);
    if (p) return p;
  }
  for (const f of t.files ?? []) if (existsSync(f)) return f;
  return null;
}

/** The tools of `names` that are missing. */
export function missingTools(names: readonly ToolName[] = TOOL_NAMES, path = process.env.PATH ?? ''): ToolName[] {
  return names.filter((n) => findTool(n, path) === null);
}

/** The one command that installs `names` on Debian/Ubuntu (with sudo unless `asRoot`). */
export function installCommand(names: readonly ToolName[], asRoot = false): string {
  const pkgs = [...new Set(names.map((n) => TOOLS[n].debian))].join(' ');
  return `${asRoot ? '' : 'sudo '}apt-get install -y --no-install-recommends ${pkgs}`;
}

/** Why a missing tool fails a test, and what to do. */
export function missingToolMessage(name: ToolName): string {
  const t: Tool = TOOLS[name];
  const looked = t.bins ? `\`${t.bins.join('` or `')}\` not found on PATH` : `${t.files!.join(' or ')} not found`;
  return `${t.what} is missing (${looked}): ${t.neededBy}. \`npm test\` installs it when run as root or with passwordless sudo; or install it yourself: ${installCommand([name])} (Debian/Ubuntu), then run the tests again.`;
}

/**
 * The path of tool `name` (use it to run the tool); throws at once, so the test fails with the
 * install command, when it is missing.
 */
export function requireTool(name: ToolName): string {
  const p = findTool(name);
  if (p === null) throw new Error(missingToolMessage(name));
  return p;
}
