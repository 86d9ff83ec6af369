/**
 * The npm tarball of the release: what it holds (the CLI, library, models, the example, the Pd and
 * Max package folders; no test audio, sources or source maps, no strays), and that it installs
 * offline into an empty folder (npm's cache has the dependencies), without onnxruntime, and that
 * `npx timbre-remap render` of the shipped example there gives what the source CLI gives.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { command as render } from '../../src/cli/commands/render';
import { readWav } from '../../src/io/wav';
import { PACKAGE_CONTENTS } from '../../scripts/package-max';
import { NPM_GENERATED } from '../../scripts/release';
import { strays, trackedFiles } from '../../scripts/shipped';
import { EXAMPLE_WAV, tempDir } from '../helpers/audio';
import { ROOT, VERSION, artefact, userEnv } from './artefacts';

const tgz = () => artefact(/^timbre-remap-.*\.tgz$/, 'npm tarball');

describe('npm tarball: contents', () => {
  let files: string[];
  beforeAll(() => {
    const r = spawnSync('tar', ['-tzf', tgz()], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tar -tzf failed: ${r.stderr}`);
    files = r.stdout.trim().split('\n').filter((f) => !f.endsWith('/')).map((f) => f.replace(/^package\//, ''));
  });

  it('is named for the version and holds the CLI, the library, the models and the example', () => {
    expect(tgz()).toMatch(new RegExp(`timbre-remap-${VERSION.replace(/\./g, '\\.')}\\.tgz$`));
    for (const f of ['package.json', 'README.md', 'LICENSE', 'bin/timbre-remap.js', 'dist/cli.js', 'dist/index.js', 'dist/index.d.ts', 'dist/trainWorker.js', 'dist/dspWorker.js', 'models/noise-44100.f32', 'examples/gmrock-snare-performance.wav', 'examples/README.md']) {
      expect({ f, in: files.includes(f) }).toEqual({ f, in: true });
    }
    const models = readdirSync(join(ROOT, 'models')).filter((f) => /\.(onnx|json)$/.test(f));
    const tracked = trackedFiles(ROOT);
    for (const m of models.filter((f) => tracked.has(`models/${f}`))) expect(files).toContain(`models/${m}`);
  });

  it('holds the Pd library and every file of the Max package', () => {
    const tracked = [...trackedFiles(ROOT)];
    const pd = tracked.filter((f) => f.startsWith('patchers/pd/'));
    expect(pd.length).toBeGreaterThan(5);
    for (const f of pd) expect(files).toContain(f);
    // the self-contained library folder users copy (scripts/build-pd.ts → dist/pd/timbreremap)
    for (const f of ['tr.remap.pd', 'tr.onset~.pd', 'tr.808~.pd', 'timbreremap-example.pd', 'gmrock-snare-performance.wav']) expect(files).toContain(`dist/pd/timbreremap/${f}`);
    for (const [src] of PACKAGE_CONTENTS) {
      const want = src === 'externals' ? readdirSync(join(ROOT, 'externals')).map((f) => `externals/${f}`) : tracked.filter((f) => f === src || f.startsWith(`${src}/`));
      expect({ src, some: want.length > 0 }).toEqual({ src, some: true });
      for (const f of want) expect({ src, f, in: files.includes(f) }).toEqual({ src, f, in: true });
    }
    for (const f of tracked.filter((x) => /^patchers\/[^/]+\.maxpat$/.test(x))) expect(files).toContain(f);
  });

  it('holds no test audio, sources, tests, source maps or strays', () => {
    expect(files.filter((f) => /^(examples\/other|test|src|bench|scripts)\//.test(f) || f.endsWith('.map') || f.endsWith('.report.html'))).toEqual([]);
    expect(strays(files, ROOT, NPM_GENERATED)).toEqual([]);
  });
});

describe('npm tarball: installed offline into an empty folder', () => {
  const app = tempDir('tr-release-npm-');
  afterAll(() => rmSync(app, { recursive: true, force: true }));
  let install: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'release-check', private: true }));
    install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tgz()], { cwd: app, env: userEnv(), encoding: 'utf8', timeout: 180000 });
  });

  it('installs, without onnxruntime (graphs we write run on the JS evaluator)', () => {
    expect(install.stderr.toString().split('\n').filter((l) => /ERR/.test(l))).toEqual([]);
    expect(install.status).toBe(0);
    expect(existsSync(join(app, 'node_modules/timbre-remap/bin/timbre-remap.js'))).toBe(true);
    expect(existsSync(join(app, 'node_modules/onnxruntime-node'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/onnxruntime-web'))).toBe(false);
  });

  it('`npx timbre-remap render` of the shipped example writes the remapped audio, as the source CLI does', async () => {
    const pkg = join(app, 'node_modules/timbre-remap');
    const args = ['examples/gmrock-snare-performance.wav', '--model', 'models/gmrock_808_snare_1', '--json'];
    const r = spawnSync('npx', ['--offline', 'timbre-remap', 'render', ...args.map((a) => (a.startsWith('-') ? a : join(pkg, a))), '--out', join(app, 'out.wav')], { cwd: app, env: userEnv(), encoding: 'utf8', timeout: 120000 });
    expect(r.stderr.split('\n').filter((l) => /warning|error|onnxruntime/i.test(l))).toEqual([]);
    expect(r.status).toBe(0);
    const installed = JSON.parse(r.stdout) as { sampleRate: number; hits: Array<{ sample: number; params: number[] }>; out: string };
    // the same command from the sources, in this process
    let out = '';
    const code = await render.run([EXAMPLE_WAV, '--model', join(ROOT, 'models/gmrock_808_snare_1'), '--json', '--out', join(app, 'source.wav')], { stdout: (t) => (out += t), stderr: () => undefined, isTTY: false });
    expect(code).toBe(0);
    const source = JSON.parse(out) as typeof installed;
    expect(installed.hits.length).toBe(27); // the example's 27 hits (examples/gmrock-snare-performance.onsets.csv)
    expect(installed.hits).toEqual(source.hits);
    const wav = readWav(join(app, 'out.wav'));
    expect(wav.sampleRate).toBe(installed.sampleRate);
    expect(wav.mono.length).toBeGreaterThanOrEqual(readWav(EXAMPLE_WAV).mono.length);
    expect(statSync(join(app, 'out.wav')).size).toBe(statSync(join(app, 'source.wav')).size);
    expect(readFileSync(join(app, 'out.wav')).equals(readFileSync(join(app, 'source.wav')))).toBe(true);
  });
});
