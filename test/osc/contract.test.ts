/**
 * The host contract (test/hosts/hostContract.ts) run against the real OSC bridge over loopback UDP:
 * each test starts a bridge on a free port with a fresh engine; the driver encodes
 * `send(selector, ...args)` as `/timbreremap/<selector>` with float32 (`f`) numbers and string (`s`)
 * arguments (the spec-written encoder of ./udp.ts, independent of the bridge's codec) from one
 * socket and collects the replies the bridge sends back to it (its own session, protocol v2).
 *
 * `send` resolves once the message is answered: a frame by `/features` (its last reply) or
 * `/error`, any other message by `/status` or `/error`; or after a short timeout, so that a
 * message the bridge wrongly ignores shows up as a missing answer, not as a hung test.
 */
import { windowSamplesAt } from '../../src/engine/constants';
import { startOscBridge } from '../../src/hosts/osc';
import { hostContract, type HostDriver } from '../hosts/hostContract';
import { encodeOsc, openClient, type OscMsg } from './udp';

const PREFIX = '/timbreremap';
/** Longest wait for an answer (loopback answers take well under 10 ms; a model load a few 100 ms). */
const REPLY_TIMEOUT_MS = 3000;

async function oscDriver(): Promise<HostDriver> {
  const rx = await openClient();
  const bridge = await startOscBridge({ port: 0, host: '127.0.0.1' });
  let mark = 0;
  const since = (): OscMsg[] => rx.messages.slice(mark);
  const last = (leaf: string): OscMsg | undefined => since().filter((m) => m.address === `${PREFIX}/${leaf}`).pop();
  const numbers = (leaf: string): number[] | undefined => last(leaf)?.args as number[] | undefined;

  return {
    frameSamples: windowSamplesAt(44100),
    async send(selector, ...args) {
      const tags = args.map((a) => (typeof a === 'number' ? 'f' : 's')).join('');
      const start = rx.messages.length;
      const done = selector === 'frame' ? ['features', 'error'] : ['status', 'error'];
      const answered = (m: OscMsg[]) => m.slice(start).some((x) => done.some((leaf) => x.address === `${PREFIX}/${leaf}`));
      await rx.send(encodeOsc(`${PREFIX}/${selector}`, tags, args), bridge.address.port);
      await rx.waitFor(answered, REPLY_TIMEOUT_MS).catch(() => undefined);
    },
    lastOutputs: () => ({ params: numbers('params'), physical: numbers('physical'), features: numbers('features') }),
    lastError: () => {
      const e = last('error');
      return e ? String(e.args[0]) : null;
    },
    clear: () => {
      mark = rx.messages.length;
    },
    async close() {
      await bridge.close();
      await rx.close();
    },
  };
}

hostContract('OSC bridge (loopback UDP)', oscDriver);
