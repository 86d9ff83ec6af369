/**
 * Open a local page in headless Debian Chromium and inspect it over the DevTools protocol on
 * `--remote-debugging-pipe` (fd 3 in, fd 4 out, NUL-separated JSON): no playwright, no
 * WebSocket. Collects console messages, uncaught exceptions, log entries and every network
 * request, evaluates an expression in the page and saves a PNG screenshot.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { findTool, requireTool } from '../helpers/tools';

export function chromiumAvailable(): boolean {
  return findTool('chromium') !== null;
}

export interface PageReport {
  /** console.* calls of level error/warning, uncaught exceptions, log entries of level error. */
  errors: string[];
  /** Every request URL the page made (data: URLs included). */
  requests: string[];
  /** The value of `evaluate`, JSON-decoded. */
  value: unknown;
  /** Full-page screenshot (PNG bytes). */
  screenshot: Buffer;
}

/** A timer that does not keep the process (or jest) alive. */
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

type Msg = { id?: number; method?: string; params?: Record<string, unknown>; result?: Record<string, unknown>; error?: { message: string }; sessionId?: string };

export async function inspectPage(url: string, evaluate: string, opts: { widthPx?: number; timeoutMs?: number } = {}): Promise<PageReport> {
  const chromium = requireTool('chromium'); // missing: fail now with the install command, not after a timeout
  const profile = mkdtempSync(join(tmpdir(), 'tr-chromium-'));
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', `--user-data-dir=${profile}`,
    '--remote-debugging-pipe', 'about:blank',
  ];
  // Own process group, so the browser's helper processes can be ended with it (and only them).
  const child: ChildProcess = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  const pending = new Map<number, { resolve: (m: Msg) => void; reject: (e: Error) => void }>();
  const listeners: Array<(m: Msg) => void> = [];
  let buf = '';
  fromBrowser.on('data', (chunk: Buffer) => {
    buf += chunk.toString('utf8');
    let nul: number;
    while ((nul = buf.indexOf('\0')) >= 0) {
      const m = JSON.parse(buf.slice(0, nul)) as Msg;
      buf = buf.slice(nul + 1);
      if (m.id !== undefined && pending.has(m.id)) {
        const p = pending.get(m.id)!;
        pending.delete(m.id);
        if (m.error) p.reject(new Error(m.error.message));
        else p.resolve(m);
      } else for (const l of listeners) l(m);
    }
  });
  let nextId = 1;
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Msg> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  const timeout = opts.timeoutMs ?? 30000;
  const timer = setTimeout(() => {
    for (const p of pending.values()) p.reject(new Error(`chromium did not answer within ${timeout} ms; stderr: ${stderr.slice(-800)}`));
  }, timeout);
  try {
    const errors: string[] = [];
    const requests: string[] = [];
    let loaded: () => void = () => {};
    const loadedP = new Promise<void>((r) => (loaded = r));
    listeners.push((m) => {
      const p = m.params ?? {};
      if (m.method === 'Runtime.consoleAPICalled' && ['error', 'warning', 'assert'].includes(String(p.type))) {
        errors.push(`console.${p.type}: ${JSON.stringify(p.args)}`);
      } else if (m.method === 'Runtime.exceptionThrown') {
        errors.push(`exception: ${JSON.stringify(p.exceptionDetails)}`);
      } else if (m.method === 'Log.entryAdded') {
        const e = p.entry as { level: string; text: string; url?: string };
        if (e.level === 'error' || e.level === 'warning') errors.push(`log.${e.level}: ${e.text} ${e.url ?? ''}`);
      } else if (m.method === 'Network.requestWillBeSent') {
        requests.push(String((p.request as { url: string }).url));
      } else if (m.method === 'Page.loadEventFired') {
        loaded();
      }
    });
    const target = await send('Target.createTarget', { url: 'about:blank' });
    const attached = await send('Target.attachToTarget', { targetId: target.result!.targetId, flatten: true });
    const sid = String(attached.result!.sessionId);
    for (const domain of ['Page', 'Runtime', 'Log', 'Network']) await send(`${domain}.enable`, {}, sid);
    await send('Emulation.setDeviceMetricsOverride', { width: opts.widthPx ?? 1200, height: 900, deviceScaleFactor: 1, mobile: false }, sid);
    await send('Page.navigate', { url }, sid);
    await loadedP;
    const evald = await send('Runtime.evaluate', { expression: evaluate, returnByValue: true, awaitPromise: true }, sid);
    const shot = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true }, sid);
    // Give late console messages a moment to arrive.
    await sleep(200);
    return {
      errors,
      requests,
      value: (evald.result as { result: { value: unknown } }).result.value,
      screenshot: Buffer.from(String(shot.result!.data), 'base64'),
    };
  } finally {
    clearTimeout(timer);
    await Promise.race([send('Browser.close').catch(() => undefined), sleep(2000)]);
    await Promise.race([exited, sleep(3000)]);
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* group already gone */
    }
    await exited;
    for (const s of [toBrowser, fromBrowser, child.stderr]) s?.destroy();
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}
