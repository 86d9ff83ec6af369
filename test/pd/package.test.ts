/**
 * `npm run package:pd` (scripts/package-pd.ts): a deken package named as deken expects for a
 * library of abstractions (`timbreremap[vVERSION].dek`, no architecture), a zip holding one folder
 * `timbreremap/` with the whole library, and its object list (`….dek.txt`: name TAB description,
 * one line per object). The zip's entries are read here from its central directory.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { dekenFileName, packagePd } from '../../scripts/package-pd';

/** Entry names of a zip file (central directory records, signature PK\x01\x02). */
function zipEntries(path: string): string[] {
  const b = readFileSync(path);
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${path} is not a zip file`);
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let k = 0; k < count; k++) {
    if (b.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const n = b.readUInt16LE(p + 28);
    const extra = b.readUInt16LE(p + 30);
    const comment = b.readUInt16LE(p + 32);
    names.push(b.toString('utf8', p + 46, p + 46 + n));
    p += 46 + n + extra + comment;
  }
  return names;
}

describe('npm run package:pd', () => {
  const out = mkdtempSync(join(tmpdir(), 'tr-pd-package-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes timbreremap[vVERSION].dek: the library folder, named as deken parses it', () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    const dek = packagePd(out, join(out, 'stage', 'timbreremap'));
    expect(basename(dek)).toBe(`timbreremap[v${version}].dek`);
    expect(basename(dek)).toBe(dekenFileName(version));
    // deken's own regular expression (docs/filename.md): name, [vVERSION], no (ARCH) (architecture independent), .dek
    const m = basename(dek).match(/^([^[\]()]+)(\[v[^[\]()]+\])?((\([^[\]()]+\))*)\.(dek)$/);
    expect(m && [m[1], m[2], m[3]]).toEqual(['timbreremap', `[v${version}]`, '']);
    const entries = zipEntries(dek);
    expect(new Set(entries.map((e) => e.split('/')[0]))).toEqual(new Set(['timbreremap']));
    for (const f of ['tr.remap.pd', 'tr.remap-help.pd', 'tr.808~.pd', 'tr.808voice~.pd', 'tr.onset~.pd', 'timbreremap-example.pd', 'README.md', 'LICENSE', 'noise-44100.f32', 'gmrock-snare-performance.wav', 'models/gmrock_808_snare_1.onnx', 'models/gmrock_808_snare_1.json']) {
      expect(entries).toContain(`timbreremap/${f}`);
    }
    const list = readFileSync(`${dek}.txt`, 'utf8').trim().split('\n');
    expect(list.map((l) => l.split('\t')[0])).toEqual(['tr.remap', 'tr.808~', 'tr.onset~', 'tr.808voice~']);
    for (const l of list) expect(l.split('\t')[1]).toMatch(/^[a-z].{10,}$/);
    expect(() => dekenFileName('1.0(beta)')).toThrow(/brackets or parentheses/);
  });
});
