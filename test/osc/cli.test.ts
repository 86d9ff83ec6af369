/**
 * `timbre-remap osc` as a process: prints where it listens, answers on the reply port, stops cleanly
 * (exit 0) on SIGTERM and SIGINT; `--help` lists the address space; a taken port is a clear error.
 * Also training over OSC with an injected training job (paths confined, progress relayed to the
 * sender only, the model loaded only when the client asks).
 */
import '../model/jestRealm';
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { command } from '../../src/cli/commands/osc';
import { startOscBridge, type OscTrainingJob } from '../../src/hosts/osc';
import { Engine } from '../../src/engine/engine';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { encodeOsc, frameMessage, openClient, openReceiver, openSender } from './udp';
import { exampleFrames, writeTestModel } from './model';

const SCRIPT = join(__dirname, 'run-osc-command.ts');
const ROOT = join(__dirname, '../..');

function startCli(args: string[]) {
  // node itself with tsx's loader (not the tsx CLI, whose parent process relays signals to a child
  // and, under load, exited 130 itself): the signal goes to the process running the command
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  const listening = new Promise<number>((res, rej) => {
    const t = setTimeout(() => rej(new Error(`no "listening" line within 20 s; stderr: ${stderr}`)), 20000);
    const check = () => {
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(stdout);
      if (m) {
        clearTimeout(t);
        res(Number(m[1]));
      }
    };
    child.stdout.on('data', check);
    void exited.then(() => rej(new Error(`exited before listening; stderr: ${stderr}`)));
  });
  listening.catch(() => undefined); // awaited only by tests that expect it
  return { child, exited, listening, out: () => stdout, err: () => stderr };
}

describe('timbre-remap osc (CLI)', () => {
  it('--help lists every address and the options', async () => {
    let out = '';
    const code = await command.run(['--help'], { stdout: (t) => (out += t), stderr: () => undefined, isTTY: false });
    expect(code).toBe(0);
    for (const a of ['/timbreremap/frame', '/timbreremap/load', '/timbreremap/preset', '/timbreremap/sensitivity', '/timbreremap/reset', '/timbreremap/params', '/timbreremap/physical', '/timbreremap/features', '/timbreremap/error']) expect(out).toContain(a);
    for (const o of ['--port', '--reply-port', '--host']) expect(out).toContain(o);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('serves frames and exits 0 on %s', async (sig) => {
    const rx = await openReceiver();
    const tx = await openSender();
    const cli = startCli(['--port', '0', '--reply-port', String(rx.port)]);
    try {
      const port = await cli.listening;
      expect(cli.out()).toContain(`replies to the sender's address on port ${rx.port}`);
      await tx.send(frameMessage(exampleFrames()[0]), port);
      await rx.waitFor((m) => m.some((x) => x.address === '/timbreremap/params'), 10000);
      cli.child.kill(sig);
      expect(await cli.exited).toBe(0);
      expect(cli.err()).toContain(`stopped (${sig})`);
    } finally {
      cli.child.kill('SIGKILL');
      await rx.close();
      await tx.close();
    }
  });

  it('a bridge in a fresh process answers its very first hit (the engine loads at start, not on that hit)', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'cold-start.ts')], { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
    expect(r.stdout.trim()).toBe('answers 1 stale 0');
  });

  it('refuses a port in use with a message and exit code 2', async () => {
    const rx = await openReceiver();
    const b = await startOscBridge({ port: 0, replyPort: rx.port, engine: new Engine() });
    try {
      const cli = startCli(['--port', String(b.address.port)]);
      expect(await cli.exited).toBe(2);
      expect(cli.err()).toMatch(new RegExp(`port ${b.address.port} is already in use`));
    } finally {
      await b.close();
      await rx.close();
    }
  });
});

describe('training over OSC', () => {
  it('checks the paths, relays progress to the sender, says /trained and loads the model only when asked', async () => {
    const c = await openClient();
    const other = await openClient();
    const modelBase = writeTestModel();
    const dir = mkdtempSync(join(tmpdir(), 'tr-osc-train-'));
    writeFileSync(join(dir, 'in.wav'), 'not really a wav: the training is injected');
    let seen: unknown;
    let cancelled = 0;
    let finish: () => void = () => undefined;
    const startTraining = (opts: unknown): OscTrainingJob => {
      seen = opts;
      let progress: (p: { epoch: number; epochs: number; trainLoss: number; valLoss: number }) => void = () => undefined;
      const done = new Promise<{ out: { onnx: string; json: string }; cancelled: boolean }>((res) => {
        finish = () => {
          progress({ epoch: 1, epochs: 2, trainLoss: 0.5, valLoss: 0.25 });
          progress({ epoch: 2, epochs: 2, trainLoss: 0.25, valLoss: 0.125 });
          res({ out: { onnx: `${modelBase}.onnx`, json: `${modelBase}.json` }, cancelled: false });
        };
      });
      return { done, cancel: () => void cancelled++, on: (_e, cb) => ((progress = cb), undefined) };
    };
    const b = await startOscBridge({ port: 0, startTraining, allow: [dir, dirname(modelBase)] });
    try {
      // Relative to BASEDIR (the patch's folder), epochs as a float (Pd sends floats).
      await c.send(encodeOsc('/timbreremap/train', 'sssfs', ['in.wav', '808_snare_1', 'mine', 2, dir]), b.address.port);
      await c.waitFor((m) => m.some((x) => x.address === '/timbreremap/status' && /training/.test(String(x.args[0]))), 10000);
      expect(seen).toEqual({ inputs: [join(realpathSync(dir), 'in.wav')], preset: '808_snare_1', out: join(realpathSync(dir), 'mine'), epochs: 2 });
      // A second training, and a cancel from another client, are refused while it runs.
      await c.send(encodeOsc('/timbreremap/train', 'sss', ['in.wav', '808_snare_1', 'mine2']), b.address.port);
      await other.send(encodeOsc('/timbreremap/cancel', '', []), b.address.port);
      await c.waitFor((m) => m.some((x) => x.address === '/timbreremap/error'));
      await other.waitFor((m) => m.some((x) => x.address === '/timbreremap/error'));
      expect(c.messages.find((m) => m.address === '/timbreremap/error')?.args[0]).toMatch(/already running/);
      expect(other.messages.find((m) => m.address === '/timbreremap/error')?.args[0]).toMatch(/another client/);
      expect(cancelled).toBe(0);
      finish();
      await c.waitFor((m) => m.some((x) => x.address === '/timbreremap/trained'), 10000);
      const prog = c.messages.filter((m) => m.address === '/timbreremap/progress');
      expect(prog.map((m) => m.args)).toEqual([[1, 2, 0.5, 0.25], [2, 2, 0.25, 0.125]]);
      expect(prog[0].tags).toBe('ffff');
      expect(other.count('/timbreremap/progress')).toBe(0);
      const trained = c.messages.find((m) => m.address === '/timbreremap/trained')!;
      expect(trained.args).toEqual([modelBase]);
      // Not swapped in mid-performance: the session still plays the preset until it asks.
      expect(b.session('127.0.0.1', c.port)!.model).toBe('none');
      await c.send(encodeOsc('/timbreremap/load', 's', [String(trained.args[0])]), b.address.port);
      await c.waitFor((m) => m.some((x) => x.address === '/timbreremap/model' && x.args[0] === 'linear'), 10000);
      // Refused before anything starts: outside the allowed folders, an existing output, a missing folder, bad arguments.
      c.messages.length = 0;
      const refusals: Array<[Array<string | number>, RegExp]> = [
        [['/etc/passwd', '808_snare_1', 'x', '-', dir], /training input "\/etc\/passwd" is outside the folders/],
        [['in.wav', '808_snare_1', '/tmp/elsewhere/model', '-', dir], /training output "\/tmp\/elsewhere\/model" is outside the folders/],
        [['in.wav', '808_snare_1', 'in', '-', dir], /in\.onnx and .*in\.json already exist; the bridge never overwrites/],
        [['in.wav', '808_snare_1', 'no/such/folder/m', '-', dir], /does not exist; the bridge creates no folders/],
        [['in.wav', 'no_such_preset', '-', '-', dir], /unknown preset "no_such_preset"/],
        [[], /takes 1…6 arguments/],
      ];
      writeFileSync(join(dir, 'in.json'), '{}');
      writeFileSync(join(dir, 'in.onnx'), '');
      for (const [i, [args, text]] of refusals.entries()) {
        await c.send(encodeOsc('/timbreremap/train', args.map((a) => (typeof a === 'number' ? 'f' : 's')).join(''), args), b.address.port);
        await c.waitFor((m) => m.filter((x) => x.address === '/timbreremap/error').length > i, 5000);
        expect(c.messages.filter((m) => m.address === '/timbreremap/error')[i].args[0]).toMatch(text);
      }
      expect(existsSync('/tmp/elsewhere')).toBe(false);
      // No OUT: beside the recording, INPUT-PRESET, never an existing one (in-808_snare_1 is taken: -2).
      writeFileSync(join(dir, 'in-808_snare_1.json'), '{}');
      const again = c.messages.length;
      await c.send(encodeOsc('/timbreremap/train', 'sssss', ['in.wav', '-', '-', '-', dir]), b.address.port);
      await c.waitFor((m) => m.slice(again).some((x) => x.address === '/timbreremap/status'), 5000);
      expect(seen).toMatchObject({ preset: '808_snare_1', out: join(realpathSync(dir), 'in-808_snare_1-2') });
      finish();
      await c.waitFor((m) => m.filter((x) => x.address === '/timbreremap/trained').length === 1, 5000);
    } finally {
      await b.close();
      await c.close();
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a folder of recordings is expanded and each one checked (a link out of the allowed folders is refused)', async () => {
    const c = await openClient();
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'tr-osc-takes-')));
    const outside = realpathSync(mkdtempSync(join(tmpdir(), 'tr-osc-out-')));
    for (const f of ['takes/b.wav', 'takes/a.WAV', 'takes/notes.txt', 'evil/ok.wav']) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      writeFileSync(join(dir, f), 'x');
    }
    writeFileSync(join(outside, 'private.wav'), 'x');
    symlinkSync(join(outside, 'private.wav'), join(dir, 'evil/zz.wav'));
    const seen: unknown[] = [];
    const startTraining = (o: unknown): OscTrainingJob => {
      seen.push(o);
      return { done: new Promise(() => undefined), cancel: () => undefined, on: () => undefined };
    };
    const b = await startOscBridge({ port: 0, startTraining, allow: [dir] });
    try {
      await c.send(encodeOsc('/timbreremap/train', 'sssss', ['evil', '-', '-', '-', dir]), b.address.port);
      await c.waitFor((m) => m.some((x) => x.address === '/timbreremap/error'));
      expect(c.messages.find((m) => m.address === '/timbreremap/error')!.args[0]).toMatch(/training input "evil\/zz\.wav" is outside the folders/);
      await c.send(encodeOsc('/timbreremap/train', 'sssss', ['takes', '-', '-', '-', dir]), b.address.port);
      await c.waitFor((m) => m.some((x) => x.address === '/timbreremap/status'));
      expect(seen).toEqual([{ inputs: [join(dir, 'takes/a.WAV'), join(dir, 'takes/b.wav')], preset: '808_snare_1', out: join(dir, 'takes-808_snare_1') }]);
    } finally {
      await b.close();
      await c.close();
      rmSync(dir, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
