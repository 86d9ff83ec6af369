/**
 * The evidence for package.json `dependencies`: the packages the built CLI, library and OSC bridge
 * (dist/*.js, what an installed timbre-remap runs) load at run time: `require("x")` calls and the
 * ESM-only modules loaded through `importEsm("x")` (src/plot/render.ts). Each dependency must be
 * loaded, and everything loaded must be a dependency, a Node built-in, an optional peer
 * (onnxruntime) or a require that is optional where it stands.
 */
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './artefacts';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};
/** Loaded inside try/catch by code inlined from a dependency, and fine to be absent. */
const OPTIONAL_REQUIRES: Record<string, RegExp> = {
  // node-fetch (inlined with tfjs-core) converts non-UTF-8 bodies with it when present
  encoding: /try \{\s*convert2 = require\("encoding"\)\.convert;\s*\} catch/,
};

function loaded(): Map<string, string[]> {
  const dist = join(ROOT, 'dist');
  const byModule = new Map<string, string[]>();
  for (const f of readdirSync(dist).filter((x) => x.endsWith('.js'))) {
    const text = readFileSync(join(dist, f), 'utf8');
    for (const m of text.matchAll(/\b(?:require|importEsm)\("([^"./][^"]*)"\)/g)) {
      const name = m[1].startsWith('@') ? m[1].split('/').slice(0, 2).join('/') : m[1].split('/')[0];
      if (name.startsWith('node:') || builtinModules.includes(name)) continue;
      byModule.set(name, [...(byModule.get(name) ?? []), f]);
    }
  }
  return byModule;
}

describe('package.json dependencies = what dist/ loads', () => {
  const mods = loaded();
  const optionalPeers = Object.keys(pkg.peerDependencies).filter((p) => pkg.peerDependenciesMeta[p]?.optional);

  it('every dependency is loaded by the built code (none unused)', () => {
    expect(mods.size).toBeGreaterThan(3);
    expect(Object.keys(pkg.dependencies).filter((d) => !mods.has(d))).toEqual([]);
  });

  it('everything the built code loads is a dependency, an optional peer or an optional require', () => {
    const text = readdirSync(join(ROOT, 'dist')).filter((x) => x.endsWith('.js')).map((f) => readFileSync(join(ROOT, 'dist', f), 'utf8')).join('\n');
    const other = [...mods.keys()].filter((m) => !(m in pkg.dependencies) && !optionalPeers.includes(m)).sort();
    expect(other).toEqual(Object.keys(OPTIONAL_REQUIRES).filter((m) => mods.has(m)).sort());
    for (const m of other) expect({ m, optional: OPTIONAL_REQUIRES[m].test(text) }).toEqual({ m, optional: true });
  });

  it('onnxruntime is an optional peer, not a dependency (the JS evaluator runs our graphs)', () => {
    for (const p of ['onnxruntime-node', 'onnxruntime-web']) {
      expect(pkg.dependencies[p]).toBeUndefined();
      expect(optionalPeers).toContain(p);
    }
  });
});
