/**
 * File access over OSC (issue 12.3 and 12.5): `/load`, `/preset` and `/train` reach only the models
 * folder, the bridge's working folder and `--allow` folders (symlinks followed); a refusal reads the
 * same whether the path exists or not; FIFOs, devices and oversized files are refused without
 * blocking or reading them; no reply quotes a file's content; relative paths start at BASEDIR.
 */
import '../model/jestRealm';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOscBridge, type OscBridge } from '../../src/hosts/osc';
import { encodeOsc, frameMessage, openClient, type Client } from './udp';
import { exampleFrames, writeTestModel } from './model';

const SECRET = 'hunter2-TOP-SECRET-7f3a';
/** Any 6 characters of the secret in a row (JSON parsers quote the first 10 characters of a file). */
const quotesSecret = (text: string) => Array.from({ length: SECRET.length - 5 }, (_, i) => SECRET.slice(i, i + 6)).some((w) => text.includes(w));

describe('OSC file access', () => {
  let dir: string; // an --allow folder
  let outside: string; // a folder the bridge may not use
  let bridge: OscBridge;
  let c: Client;
  let modelBase: string;

  beforeAll(async () => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'tr-osc-allowed-')));
    outside = realpathSync(mkdtempSync(join(tmpdir(), 'tr-osc-outside-')));
    modelBase = writeTestModel();
    for (const ext of ['.json', '.onnx']) copyFileSync(`${modelBase}${ext}`, join(dir, `linear${ext}`));
    for (const ext of ['.json', '.onnx']) copyFileSync(`${modelBase}${ext}`, join(outside, `linear${ext}`));
    writeFileSync(join(outside, 'secret.json'), `{"preset": {"${SECRET}": 1}}`);
    writeFileSync(join(dir, 'secret-key.json'), `{"preset": {"${SECRET}": 1}}`);
    writeFileSync(join(dir, 'secret-text.json'), `${SECRET}\nmore: lines\n`);
    writeFileSync(join(dir, 'secret-noext'), `${SECRET}\nmore: lines\n`); // a path without .json is a file too (found by the fuzz)
    writeFileSync(join(dir, 'secret-value.json'), JSON.stringify({ preset: { 'osc1.freq': SECRET } }));
    const meta = JSON.parse(readFileSync(`${modelBase}.json`, 'utf8'));
    writeFileSync(join(dir, 'badmodel.json'), JSON.stringify({ ...meta, format: SECRET }));
    copyFileSync(`${modelBase}.onnx`, join(dir, 'badmodel.onnx'));
    writeFileSync(join(dir, 'big.json'), ' '.repeat(70 * 1024));
    symlinkSync('/etc', join(dir, 'etc-link'));
    symlinkSync(join(outside, 'secret.json'), join(dir, 'linked-secret.json'));
    symlinkSync(join(outside, 'nosuch.json'), join(dir, 'linked-nosuch.json')); // dangling
    execFileSync('mkfifo', [join(dir, 'fifo.json')]);
    mkdirSync(join(dir, 'patch'));
    bridge = await startOscBridge({ port: 0, allow: [dir], limits: { errorBurst: 1e6, errorsPerSecond: 1e6, globalErrorsPerSecond: 1e6 } });
    c = await openClient();
  });
  afterAll(async () => {
    await bridge?.close();
    await c?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  /** Send one control message and return its answer (status or error). */
  async function ask(address: string, ...args: string[]): Promise<{ address: string; text: string }> {
    const n = c.messages.length;
    await c.send(encodeOsc(`/timbreremap/${address}`, 's'.repeat(args.length), args), bridge.address.port);
    const m = await c.waitFor((ms) => ms.slice(n).some((x) => x.address === '/timbreremap/status' || x.address === '/timbreremap/error'), 3000);
    const r = m.slice(n).find((x) => x.address === '/timbreremap/status' || x.address === '/timbreremap/error')!;
    return { address: r.address.replace('/timbreremap/', ''), text: String(r.args[0]) };
  }
  const everything = () => c.messages.map((m) => m.args.join(' ')).join('\n');

  it('refuses paths outside the allowed folders with one text, whether or not they exist', async () => {
    // Each path that exists against one of the same length that does not (replies are sized by the request).
    const cases: Array<[string, string, string?]> = [
      ['load', '/etc/passwd'],
      ['load', join(outside, 'linear')],
      ['preset', '/etc/passwd'],
      ['preset', join(outside, 'secret.json')],
      ['preset', '../../../../../../etc/passwd'],
      ['load', join(dir, 'etc-link/passwd')],
      // Links inside an allowed folder to outside: to a file that exists and to one that does not.
      ['preset', join(dir, 'linked-secret.json'), join(dir, 'linked-nosuch.json')],
    ];
    for (const [cmd, exists, other] of cases) {
      const missing = other ?? exists.replace(/.(\.json)?$/, 'Q$1');
      expect(missing.length).toBe(exists.length);
      const a = await ask(cmd, exists);
      const b = await ask(cmd, missing);
      expect(a.address).toBe('error');
      expect(a.text).toMatch(/is outside the folders the bridge may use: restart it with --allow DIR/);
      expect(a.text.replace(exists, 'P')).toBe(b.text.replace(missing, 'P'));
    }
    // The folder just above an allowed one is outside too (path.relative gives exactly "..").
    for (const [cmd, p] of [['preset', join(dir, '..')], ['load', join(dir, '..')]]) expect((await ask(cmd, p)).text).toMatch(/is outside the folders the bridge may use/);
    expect(everything()).not.toContain('root:');
    expect(quotesSecret(everything())).toBe(false);
  });

  it('quotes no file content: not in JSON errors, nor in preset or model validation errors', async () => {
    for (const f of ['secret-key.json', 'secret-text.json', 'secret-value.json', 'secret-noext']) {
      const r = await ask('preset', join(dir, f));
      expect(r.address).toBe('error');
      expect(quotesSecret(r.text)).toBe(false);
      expect(r.text).not.toContain('more: lines');
    }
    const m = await ask('load', join(dir, 'badmodel'));
    expect(m.address).toBe('error');
    expect(m.text).toMatch(/could not load model/);
    expect(quotesSecret(m.text)).toBe(false);
    expect(quotesSecret(everything())).toBe(false);
  });

  it('refuses a FIFO, a device and an oversized file at once, and keeps answering frames', async () => {
    // The old bridge opened the FIFO and waited for a writer forever (issue 12.3).
    expect((await ask('preset', join(dir, 'fifo.json'))).text).toMatch(/is not a regular file \(a folder, FIFO or device\)/);
    expect((await ask('load', join(dir, 'fifo'))).text).toMatch(/not a regular file/);
    expect((await ask('preset', join(dir, 'big.json'))).text).toMatch(/is 71680 bytes; the bridge reads at most 65536 bytes/);
    const dev = await startOscBridge({ port: 0, allow: ['/dev'] });
    try {
      const n = c.messages.length;
      await c.send(encodeOsc('/timbreremap/preset', 's', ['/dev/zero']), dev.address.port);
      await c.waitFor((ms) => ms.slice(n).some((x) => x.address === '/timbreremap/error'));
      expect(String(c.messages.slice(n).find((x) => x.address === '/timbreremap/error')!.args[0])).toMatch(/\/dev\/zero is not a regular file/);
    } finally {
      await dev.close();
    }
    const n = c.count('/timbreremap/params');
    await c.send(frameMessage(exampleFrames()[0]), bridge.address.port);
    await c.waitFor(() => c.count('/timbreremap/params') === n + 1);
  });

  it('relative paths start at BASEDIR (the patch folder), which must be absolute and grants no access by itself', async () => {
    expect((await ask('load', '../linear', join(dir, 'patch'))).address).toBe('status');
    expect(bridge.session('127.0.0.1', c.port)!.model).toBe('linear');
    expect((await ask('load', 'linear', 'patch')).text).toMatch(/BASEDIR "patch" must be an absolute folder/);
    const r = await ask('load', 'linear', outside);
    expect(r.text).toMatch(/model "linear" is outside the folders/);
    // A bare name of a shipped model is the shipped model, wherever the client is.
    expect((await ask('load', 'gmrock_808_snare_1', outside)).address).toBe('status');
    expect(bridge.session('127.0.0.1', c.port)!.model).toBe('gmrock_808_snare_1');
    // Relative to the bridge's working folder without BASEDIR: a shipped preset file by path.
    expect((await ask('preset', 'models/presets/808_snare_2.json')).address).toBe('status');
  });
});
