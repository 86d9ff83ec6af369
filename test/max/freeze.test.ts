/**
 * Freezing: a frozen Max for Live device carries the files it lists (dependency_cache), flat, and
 * nothing else of the package (max-pd-ecosystem.md §4.1, §4.5). The built engine is run as
 * node.script runs it (a child node with `max-api` injected, no node_modules) from a folder holding
 * exactly the device's list: it must start with the shipped model, answer hits, train, and open no
 * file that is not on the list (or in the data it unpacks from itself); without a listed file it
 * says which file is missing.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { bundleEngine } from '../../scripts/gen/bundle';
import { Engine } from '../../src/engine/engine';
import { EXAMPLE_WAV, tempDir } from '../helpers/audio';
import { testFrame } from '../hosts/hostContract';

const ROOT = join(__dirname, '../..');
const PRELOAD = join(__dirname, 'freeze/fakeMaxApi.cjs');

type Dep = { name: string; type: string };
function deviceDependencies(): Dep[] {
  const bytes = readFileSync(join(ROOT, 'devices/TimbreRemap.amxd'));
  const body = bytes.subarray(32, 32 + bytes.readUInt32LE(28));
  return (JSON.parse(body.subarray(0, body.length - 1).toString('utf8')) as { patcher: { dependency_cache: Dep[] } }).patcher.dependency_cache;
}

let built: string;
beforeAll(async () => {
  built = tempDir('tr-freeze-build-');
  await bundleEngine(ROOT, built);
}, 120000);

/** A folder with the device's listed files, flat (as a frozen device unpacks them). */
function frozenFolder(omit?: string): string {
  const dir = tempDir('tr-frozen-');
  for (const d of deviceDependencies()) {
    if (d.name === omit) continue;
    const from = [join(built, d.name), join(ROOT, 'code', d.name), join(ROOT, 'patchers', d.name), join(ROOT, 'media', d.name)].find((p) => {
      try {
        readFileSync(p, { flag: 'r' });
        return true;
      } catch {
        return false;
      }
    });
    if (!from) throw new Error(`listed file ${d.name} is not in the package or the build`);
    copyFileSync(from, join(dir, d.name));
  }
  return dir;
}

interface Running {
  child: ChildProcess;
  outlets: unknown[][];
  posts: string[];
  send(sel: string, ...args: Array<string | number>): Promise<void>;
  until(pred: () => boolean, ms?: number): Promise<void>;
  opened(): Promise<string[]>;
}

function start(dir: string): Running {
  const tmp = tempDir('tr-frozen-tmp-');
  const cwd = tempDir('tr-frozen-cwd-');
  const child = fork(join(dir, 'timbreremap.engine.js'), [], { execArgv: ['-r', PRELOAD], cwd, env: { ...process.env, TMPDIR: tmp, TEMP: tmp, TMP: tmp, NODE_PATH: '' }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const r: Running = {
    child,
    outlets: [],
    posts: [],
    send: (sel, ...args) =>
      new Promise((resolve) => {
        const id = Math.random();
        const on = (m: { t: string; id?: number }) => {
          if (m.t === 'sent' && m.id === id) {
            child.off('message', on);
            resolve();
          }
        };
        child.on('message', on);
        child.send({ t: 'send', sel, args, id });
      }),
    until: async (pred, ms = 60000) => {
      const t0 = Date.now();
      while (!pred()) {
        if (Date.now() - t0 > ms) throw new Error(`timed out; posts: ${r.posts.join(' | ')}`);
        await new Promise((res) => setTimeout(res, 50));
      }
    },
    opened: () =>
      new Promise((resolve) => {
        const on = (m: { t: string; files?: string[] }) => {
          if (m.t === 'opened') {
            child.off('message', on);
            resolve(m.files!);
          }
        };
        child.on('message', on);
        child.send({ t: 'opened' });
      }),
  };
  child.on('message', (m: { t: string; a?: unknown[] }) => {
    if (m.t === 'outlet') r.outlets.push(m.a!);
    if (m.t === 'post') r.posts.push(String(m.a!.slice(0, -1).join(' ') || m.a![0]));
  });
  return r;
}

const answers = (r: Running, sel: string) => r.outlets.filter((o) => o[0] === sel).map((o) => o.slice(1));

describe('the frozen device', () => {
  let r: Running;
  afterEach(() => {
    r?.child.kill();
  });

  test('with only the files it lists: starts with the shipped model, answers a hit as the engine does, trains, and opens nothing else', async () => {
    const dir = frozenFolder();
    r = start(dir);
    await r.until(() => answers(r, 'showing').some((s) => s[0] === 'gmrock_808_snare_1'));
    expect(answers(r, 'error')).toEqual([]);
    expect(answers(r, 'neta').length + answers(r, 'netb').length).toBeGreaterThan(0);
    await r.send('frame', ...testFrame(256));
    await r.until(() => answers(r, 'params').length > 0);
    const e = new Engine();
    await e.loadModel(join(ROOT, 'models/gmrock_808_snare_1'));
    const want = await e.processFrame(testFrame(256));
    if (!want.ok) throw new Error(want.error);
    (answers(r, 'params')[0] as number[]).forEach((v, i) => expect(Math.abs(v - want.params01[i])).toBeLessThan(1e-12));
    // training runs its workers from beside the engine and reads presets from the unpacked data
    const out = join(tempDir('tr-frozen-train-'), 'take');
    await r.send('train', EXAMPLE_WAV, '808_snare_2', out, 1);
    await r.until(() => answers(r, 'status').some((s) => s[0] === 'trained' || s[0] === 'cancelled') || answers(r, 'error').length > 0, 240000);
    expect(answers(r, 'error')).toEqual([]);
    await r.until(() => answers(r, 'showing').some((s) => s[0] === 'take'));
    // every file it read beside itself is on the device's list; nothing from the package
    const listed = new Set(deviceDependencies().map((d) => d.name));
    const files = await r.opened();
    const beside = files.filter((f) => f.startsWith(dir));
    expect(beside.length).toBeGreaterThan(0);
    for (const f of beside) expect({ file: basename(f), listed: listed.has(basename(f)) || f === dir }).toEqual({ file: basename(f), listed: true });
    expect(files.filter((f) => f.startsWith(join(ROOT, 'models')) || f.startsWith(join(ROOT, 'externals')) || f.startsWith(join(ROOT, 'node_modules', 'onnxruntime')))).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  }, 300000);

  test.each(['ort-wasm-simd-threaded.wasm', 'trainWorker.js'])('a frozen device without %s says which file is missing', async (name) => {
    const dir = frozenFolder(name);
    r = start(dir);
    await r.until(() => r.posts.some((p) => p.includes(name)) || answers(r, 'status').some((s) => s[0] === 'crashed'), 60000);
    expect(r.posts.find((p) => p.includes(name))).toMatch(new RegExp(`${name.replace(/\./g, '\\.')} is missing beside`));
  }, 120000);
});

describe('the device lists what it needs', () => {
  test('the engine, its workers and runtime, the gen~ code, the abstractions and the noise buffer', () => {
    const names = deviceDependencies().map((d) => d.name).sort();
    expect(names).toEqual(['dspWorker.js', 'ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm', 'timbreremap.engine.js', 'tr-noise-44100.wav', 'tr.808.gendsp', 'tr.808~.maxpat', 'tr.modslot.gendsp', 'tr.onset.gendsp', 'tr.onset~.maxpat', 'tr.remap.gendsp', 'tr.remap~.maxpat', 'trainWorker.js']);
  });
});
