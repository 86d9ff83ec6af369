/**
 * The Max package zip of the release, unzipped alone into a temporary folder: every file its
 * patchers, help files and device name exists in the package (Max resolves names by searching the
 * package's folders), only files meant to ship are in it, and the engine bundle loads under the
 * fake max-api (test/max/fakeMaxApi.ts) and answers a frame exactly as the source host does.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { trackedFiles } from '../../scripts/shipped';
import { tempDir } from '../helpers/audio';
import { requireTool } from '../helpers/tools';
import { ROOT, VERSION, artefact } from './artefacts';

const FILE_TOKEN = /\.(js|maxpat|maxhelp|gendsp|genexpr|wav|aif|aiff|json|onnx|f32|amxd|png)$/;
/** Objects of this package (abstractions in patchers/), as opposed to Max's own. */
const OWN_CLASS = /^(tr\.|timbreremap$)/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
}

/** The boxes of a patcher file (.maxpat, .maxhelp, .amxd: JSON after a binary header), subpatchers included. */
function boxes(file: string): Array<{ maxclass?: string; text?: string }> {
  const raw = readFileSync(file);
  const json = JSON.parse(raw.subarray(raw.indexOf('{'), raw.lastIndexOf('}') + 1).toString('utf8'));
  const out: Array<{ maxclass?: string; text?: string }> = [];
  const visit = (o: unknown): void => {
    if (Array.isArray(o)) o.forEach(visit);
    else if (o && typeof o === 'object') {
      const box = (o as { box?: { maxclass?: string; text?: string } }).box;
      if (box && typeof box === 'object') out.push(box);
      Object.values(o).forEach(visit);
    }
  };
  visit(json);
  return out;
}

describe('Max package zip', () => {
  const dir = tempDir('tr-release-max-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let pkg: string;
  let files: string[];
  beforeAll(() => {
    const unzip = requireTool('unzip');
    const zip = artefact(/^timbreremap-max-.*\.zip$/, 'Max package zip');
    const r = spawnSync(unzip, ['-q', zip, '-d', dir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`unzip failed: ${r.stderr}`);
    pkg = join(dir, 'timbreremap');
    files = walk(pkg).map((f) => relative(pkg, f));
  });

  it('is named for the version and unpacks to one package folder with package-info.json', () => {
    expect(basename(artefact(/^timbreremap-max-.*\.zip$/, 'Max package zip'))).toBe(`timbreremap-max-${VERSION}.zip`);
    expect(readdirSync(dir)).toEqual(['timbreremap']);
    expect(JSON.parse(readFileSync(join(pkg, 'package-info.json'), 'utf8')).name).toBe('timbreremap');
  });

  it('every file, abstraction, gen~ patcher and model its patchers name is in the package', () => {
    const names = new Set(files.map((f) => basename(f)));
    const patchers = files.filter((f) => /\.(maxpat|maxhelp|amxd)$/.test(f));
    expect(patchers.length).toBeGreaterThanOrEqual(7);
    const missing: string[] = [];
    let checked = 0;
    for (const p of patchers) {
      for (const b of boxes(join(pkg, p))) {
        if (!b.text || (b.maxclass !== 'newobj' && b.maxclass !== 'message')) continue;
        const words = b.text.split(/\s+/);
        const want: string[] = words.filter((w) => FILE_TOKEN.test(w));
        if (b.maxclass === 'newobj' && OWN_CLASS.test(words[0])) want.push(`${words[0]}.maxpat`);
        if (b.maxclass === 'message' && words[0] === 'load' && words[1] && !FILE_TOKEN.test(words[1])) want.push(`${words[1]}.json`, `${words[1]}.onnx`);
        for (const w of want) {
          checked++;
          if (!names.has(basename(w))) missing.push(`${p}: "${b.text}" needs ${w}`);
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8); // the engine bundle, 2 gen~ patchers, abstractions, buffers
    expect(missing).toEqual([]);
  });

  it('holds only files meant to ship: tracked by git or made by the build (no reports, no stray models)', () => {
    const tracked = trackedFiles(ROOT);
    const generated = /^(externals\/|media\/|README\.md$|media\/EXAMPLE-AUDIO-LICENSE\.md$)/;
    const shipped = (f: string) => generated.test(f) || tracked.has(f); // package paths are repository paths but for the two renamed docs
    expect(files.filter((f) => !shipped(f) || /\.report\.html$|\.tmp$/.test(f))).toEqual([]);
    // every model in the package is a whole bundle (NAME.onnx beside NAME.json)
    for (const f of files.filter((x) => /^models\/[^/]+\.onnx$/.test(x))) expect(files).toContain(f.replace(/\.onnx$/, '.json'));
  });

  it('the engine bundle loads under the fake max-api and answers a frame exactly as the source host', () => {
    const bundle = join(pkg, 'externals/timbreremap.engine.js');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'maxBundle.child.ts'), bundle], { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
    const out = JSON.parse(r.stdout || '{}') as { error?: string; bundled: { outlets: unknown[][]; posts: Array<{ text: string; level: string }> }; source: { outlets: unknown[][] } };
    expect(out.error ?? '').toBe('');
    expect(r.status).toBe(0);
    const params = (o: unknown[][]) => o.filter((x) => x[0] === 'params').map((x) => x.slice(1));
    expect(params(out.bundled.outlets)).toHaveLength(1);
    expect(params(out.bundled.outlets)[0]).toHaveLength(14);
    expect(out.bundled.outlets.filter((o) => o[0] === 'error')).toEqual([]);
    expect(out.bundled.posts.filter((p) => p.level !== 'info' || /onnxruntime/i.test(p.text))).toEqual([]);
    // the model from the package's own models/ folder played (not the bare preset)
    const loaded = out.bundled.outlets.findIndex((o) => o[0] === 'status' && o[1] === 'loaded' && o[2] === join(pkg, 'models/gmrock_808_snare_1'));
    expect(loaded).toBeGreaterThanOrEqual(0);
    expect(loaded).toBeLessThan(out.bundled.outlets.findIndex((o) => o[0] === 'params'));
    expect(params(out.bundled.outlets)).toEqual(params(out.source.outlets));
    expect(out.bundled.outlets).toContainEqual(['status', 'ready']);
  });
});
