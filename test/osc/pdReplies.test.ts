/**
 * Per-instance replies in real Pd (0.53): three `[netsend -u -b]` in one patch, each connected to a
 * bridge running in this process, say hello and send hits tagged with their own ids; each prints
 * what comes back on its right outlet ("messages sent back"). Every instance must get exactly its
 * own welcome and answers, and the answers must be the engine's. This is what protocol v2's
 * "replies to the sender's own port" rests on (see addresses.ts).
 */
import '../model/jestRealm';
import { join } from 'node:path';
import { Engine } from '../../src/engine/engine';
import { startOscBridge } from '../../src/hosts/osc';
import { tempDir } from '../helpers/audio';
import { PdPatch, requirePd, runPdRealtime } from '../pd/pd';
import { exampleFrames } from './model';

const INSTANCES = 3;
const HITS = 2;

describe('[netsend -u -b] in real Pd gets the replies to its own port', () => {
  it(`${INSTANCES} instances in one patch: each gets only its own answers (0 crossed)`, async () => {
    requirePd();
    const bridge = await startOscBridge({ port: 0 });
    const frames = exampleFrames();
    const p = new PdPatch();
    const lb = p.obj('loadbang');
    const connect = p.msg(`connect 127.0.0.1 ${bridge.address.port}`);
    p.connect(lb, 0, connect, 0);
    const quit = p.msg('; pd quit');
    const quitDelay = p.obj(`delay ${600 + 400 * HITS}`);
    p.connect(lb, 0, quitDelay, 0).connect(quitDelay, 0, quit, 0);
    for (let k = 0; k < INSTANCES; k++) {
      const ns = p.obj('netsend -u -b');
      p.connect(connect, 0, ns, 0);
      const hello = p.msg('44100');
      const fmtHello = p.obj('oscformat timbreremap hello');
      const d0 = p.obj('delay 200');
      p.connect(lb, 0, d0, 0).connect(d0, 0, hello, 0).connect(hello, 0, fmtHello, 0).connect(fmtHello, 0, ns, 0);
      const fmtHit = p.obj('oscformat timbreremap hit');
      p.connect(fmtHit, 0, ns, 0);
      for (let h = 0; h < HITS; h++) {
        const id = 10 * (k + 1) + h;
        const hit = p.msg([id, ...Array.from(frames[k * HITS + h], (v) => v.toPrecision(9))].join(' '));
        const d = p.obj(`delay ${400 + 300 * h}`);
        p.connect(lb, 0, d, 0).connect(d, 0, hit, 0).connect(hit, 0, fmtHit, 0);
      }
      const parse = p.obj('oscparse');
      const trim = p.obj('list trim');
      const route = p.obj('route timbreremap');
      const print = p.obj(`print BACK${k}`);
      p.connect(ns, 1, parse, 0).connect(parse, 0, trim, 0).connect(trim, 0, route, 0).connect(route, 0, print, 0);
    }
    const patch = p.save(join(tempDir('tr-osc-pd-'), 'replies.pd'));
    try {
      const { done } = runPdRealtime(patch, 30000);
      const r = await done;
      const lines = r.stderr.split('\n').filter((l) => l.startsWith('BACK'));
      for (let k = 0; k < INSTANCES; k++) {
        const mine = lines.filter((l) => l.startsWith(`BACK${k}:`)).map((l) => l.slice(l.indexOf(':') + 1).trim().split(/\s+/));
        expect(mine.filter((w) => w[0] === 'welcome')).toEqual([['welcome', '0']]);
        const answers = mine.filter((w) => w[0] === 'answer');
        expect(answers.map((w) => Number(w[1]))).toEqual(Array.from({ length: HITS }, (_, h) => 10 * (k + 1) + h));
        for (let h = 0; h < HITS; h++) {
          const want = await new Engine().processFrame(frames[k * HITS + h]);
          if (!want.ok) throw new Error(want.error);
          const got = answers[h].slice(2).map(Number);
          expect(got).toHaveLength(14);
          // Pd prints 6 significant digits.
          got.forEach((v, i) => expect(Math.abs(v - want.physical[i])).toBeLessThanOrEqual(5e-6 * Math.abs(want.physical[i]) + 1e-9));
        }
      }
      expect(bridge.stats.sessions).toBe(INSTANCES);
      expect(r.stderr).not.toMatch(/error/i);
    } finally {
      await bridge.close();
    }
  });
});
