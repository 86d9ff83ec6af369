/**
 * Child process for max.test.ts: loads an unpacked Max package's engine bundle
 * (argv[2] = …/externals/timbreremap.engine.js) as node.script would, with the fake max-api of
 * test/max in place of Max's, and the same messages through the source host for comparison; prints
 * what both answered as one JSON document. A plain Node process: the bundle is plain CommonJS.
 */
import Module from 'node:module';
import { join } from 'node:path';
import { Engine } from '../../src/engine/engine';
import { createMaxHost } from '../../src/hosts/max/host';
import { FakeMaxApi } from '../max/fakeMaxApi';
import { testFrame } from '../hosts/hostContract';

const MODEL = 'gmrock_808_snare_1';

/** Wait (≤ 20 s) until an outlet message satisfies `ok`. */
async function until(api: FakeMaxApi, ok: (o: Array<string | number>) => boolean): Promise<void> {
  const t0 = Date.now();
  while (!api.outlets.some(ok) && Date.now() - t0 < 20000) await new Promise((r) => setTimeout(r, 20));
}

/** Load the shipped model, and once it plays, send one frame. */
async function drive(api: FakeMaxApi): Promise<void> {
  await api.send('load', MODEL);
  await until(api, (o) => (o[0] === 'status' && o[1] === 'loaded') || o[0] === 'error');
  await api.send('frame', ...testFrame(256));
  await until(api, (o) => o[0] === 'params');
}

async function main(): Promise<void> {
  const bundled = new FakeMaxApi();
  // `require('max-api')` inside the bundle gets the fake (node.script provides the real one)
  const M = Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown };
  const load = M._load;
  M._load = (req: string, ...rest: unknown[]) => (req === 'max-api' ? bundled : load(req, ...rest));
  require(process.argv[2]);
  await drive(bundled);

  const source = new FakeMaxApi();
  const host = createMaxHost(source, () => new Engine({ sampleRateHz: 44100 }), { modelsDir: join(__dirname, '../../models') });
  await host.ready;
  await drive(source);
  process.stdout.write(JSON.stringify({ bundled: { outlets: bundled.outlets, posts: bundled.posts }, source: { outlets: source.outlets, posts: source.posts } }));
  process.exit(0); // the bundle's host keeps no reason to live; a real node.script would stay
}

main().catch((e) => {
  process.stdout.write(JSON.stringify({ error: String(e?.stack ?? e) }));
  process.exit(1);
});
