/**
 * `timbre-remap osc` as a process: prints where it listens, answers on the reply port, stops cleanly
 * (exit 0) on SIGTERM and SIGINT; `--help` lists the address space; a taken port is a clear error.
 * Also training over OSC with an injected training job (progress relayed, model loaded at the end).
 */
import '../model/jestRealm';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { command } from '../../src/cli/commands/osc';
import { startOscBridge, type OscTrainingJob } from '../../src/hosts/osc';
import { Engine } from '../../src/engine/engine';
import { encodeOsc, frameMessage, openReceiver, openSender } from './udp';
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
  it('starts a job, relays progress, then loads the model and says /trained', async () => {
    const rx = await openReceiver();
    const tx = await openSender();
    const modelBase = writeTestModel();
    let seen: unknown;
    const startTraining = (opts: unknown): OscTrainingJob => {
      seen = opts;
      let progress: (p: { epoch: number; epochs: number; trainLoss: number; valLoss: number }) => void = () => undefined;
      const done = new Promise<{ out: { onnx: string; json: string }; cancelled: boolean }>((res) =>
        setTimeout(() => {
          progress({ epoch: 1, epochs: 2, trainLoss: 0.5, valLoss: 0.25 });
          progress({ epoch: 2, epochs: 2, trainLoss: 0.25, valLoss: 0.125 });
          res({ out: { onnx: `${modelBase}.onnx`, json: `${modelBase}.json` }, cancelled: false });
        }, 50),
      );
      return { done, cancel: () => undefined, on: (_e, cb) => ((progress = cb), undefined) };
    };
    const engine = new Engine();
    const b = await startOscBridge({ port: 0, replyPort: rx.port, engine, startTraining });
    try {
      await tx.send(encodeOsc('/timbreremap/train', 'sssi', ['in.wav', '808_snare_1', '/tmp/out-model', 2]), b.address.port);
      await rx.waitFor((m) => m.some((x) => x.address === '/timbreremap/trained'), 10000);
      expect(seen).toEqual({ inputs: ['in.wav'], preset: '808_snare_1', out: '/tmp/out-model', epochs: 2 });
      const prog = rx.messages.filter((m) => m.address === '/timbreremap/progress');
      expect(prog.map((m) => m.args)).toEqual([[1, 2, 0.5, 0.25], [2, 2, 0.25, 0.125]]);
      expect(prog[0].tags).toBe('ffff');
      expect(engine.describe().model).toBe(`${modelBase}.json`);
      await tx.send(encodeOsc('/timbreremap/train', 'ss', ['in.wav', 'x']), b.address.port);
      await rx.waitFor((m) => m.some((x) => x.address === '/timbreremap/error'), 5000);
      expect(rx.messages.find((m) => m.address === '/timbreremap/error')?.args[0]).toMatch(/INPUT PRESET OUT/);
    } finally {
      await b.close();
      await rx.close();
      await tx.close();
    }
  });
});
