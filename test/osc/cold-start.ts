/**
 * A bridge in a fresh process (nothing loaded yet) answers the very first hit it gets: prints the
 * number of answers to one hit sent right after start (cli.test.ts runs it).
 */
import { startOscBridge } from '../../src/hosts/osc';
import { encodeOsc, openClient } from './udp';

void (async () => {
  const b = await startOscBridge({ port: 0 });
  const c = await openClient();
  const window = Array.from({ length: 256 }, (_, i) => (i < 16 ? 0 : 0.5 * Math.sin(i) * Math.exp(-i / 60)));
  await c.send(encodeOsc('/timbreremap/hit', 'f'.repeat(257), [1, ...window]), b.address.port);
  await c.waitFor((m) => m.some((x) => x.address === '/timbreremap/answer'), 3000).catch(() => undefined);
  process.stdout.write(`answers ${c.count('/timbreremap/answer')} stale ${b.stats.stale}\n`);
  await b.close();
  await c.close();
})();
