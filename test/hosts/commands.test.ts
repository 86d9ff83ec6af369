/** The shared command table: one parse for both hosts, errors that say what to send, "did you mean". */
import { COMMANDS, commandsFor, parseCommand, presetArgName, synopsis } from '../../src/hosts/commands';
import { MAX_IN } from '../../src/hosts/max/messages';
import { OSC_IN_SPECS, OSC_PREFIX } from '../../src/hosts/osc/addresses';
import { parseOscMessage } from '../../src/hosts/osc/messages';
import { listPresets } from '../../src/synth/presets';
import { didYouMean, editDistance } from '../../src/util/didYouMean';

describe('command table', () => {
  test('both hosts list exactly the table\'s commands they offer', () => {
    expect(MAX_IN.map((m) => m.selector)).toEqual(commandsFor('max').map((c) => c.name));
    expect(OSC_IN_SPECS.map((s) => s.address)).toEqual(commandsFor('osc').map((c) => `${OSC_PREFIX}/${c.name}`));
    for (const c of COMMANDS) expect(c.doc.length).toBeGreaterThan(10);
    for (const c of COMMANDS) for (const a of c.args) expect(a.doc.length).toBeGreaterThan(5);
  });

  test('synopsis marks optional and rest arguments', () => {
    const train = COMMANDS.find((c) => c.name === 'train');
    expect(train && synopsis(train)).toBe('train <input> [preset] [out] [epochs] [baseDir] [arch]');
    const frame = COMMANDS.find((c) => c.name === 'frame');
    expect(frame && synopsis(frame)).toBe('frame samples…');
  });

  test('parses typed arguments the same way for both hosts', () => {
    for (const host of ['max', 'osc'] as const) {
      expect(parseCommand('sensitivity', [2], host)).toEqual({ ok: true, request: { kind: 'sensitivity', value: 2 } });
      expect(parseCommand('load', ['m', '/patches'], host)).toEqual({ ok: true, request: { kind: 'load', model: 'm', baseDir: '/patches' } });
      const f = parseCommand('frame', [0.5, -0.25], host);
      expect(f.ok && f.request.kind === 'frame' && Array.from(f.request.samples)).toEqual([0.5, -0.25]);
    }
  });

  test('"-" skips an optional string; int arguments are rounded and checked against their minimum', () => {
    expect(parseCommand('train', ['a.wav', '-', '-', 49.6, '-', 'linear'], 'osc')).toEqual({ ok: true, request: { kind: 'train', input: 'a.wav', epochs: 50, arch: 'linear' } });
    const zero = parseCommand('train', ['a.wav', '808_snare_1', 'out', 0], 'max');
    expect(!zero.ok && zero.error).toMatch(/epochs must be at least 1; got 0/);
  });

  test('Max gives numbers where a string is meant (a file named 3); OSC does not', () => {
    expect(parseCommand('load', [3], 'max')).toEqual({ ok: true, request: { kind: 'load', model: '3' } });
    const osc = parseCommand('load', [3], 'osc', '/timbreremap/load');
    expect(!osc.ok && osc.error).toMatch(/\/timbreremap\/load: model must be a non-empty string; got 3/);
  });

  test('wrong counts and types name the command, what came and the usage', () => {
    const few = parseCommand('param', ['osc1_freq'], 'max');
    expect(!few.ok && few.error).toMatch(/^param takes 2 arguments \(name: .*; got 1\. Usage: param <name> <value>/);
    const bad = parseCommand('frame', [0.1, 'x'], 'max');
    expect(!bad.ok && bad.error).toMatch(/sample 1 is the string "x"/);
    const nan = parseCommand('frame', [0.1, NaN], 'osc');
    expect(!nan.ok && nan.error).toMatch(/sample 1 is NaN/);
    const empty = parseCommand('frame', [], 'osc');
    expect(!empty.ok && empty.error).toMatch(/is empty/);
  });

  test('a command of the other host is unknown here, with a suggestion when it is a typo', () => {
    const drywet = parseCommand('drywet', [0.5], 'osc');
    expect(!drywet.ok && drywet.error).toMatch(/unknown message "drywet"/);
    const typo = parseCommand('sensitivty', [1], 'max');
    expect(!typo.ok && typo.error).toMatch(/Did you mean "sensitivity"\?/);
    const osc = parseOscMessage('/timbreremap/lod', ['x']);
    expect(!osc.ok && osc.error).toMatch(/unknown address \/timbreremap\/lod\. Did you mean "\/timbreremap\/load"\?/);
    const far = parseCommand('xyzzy', [], 'max');
    expect(!far.ok && far.error).not.toMatch(/Did you mean/);
  });

  test('a preset index picks from the shipped presets', () => {
    expect(presetArgName(0)).toBe(listPresets()[0]);
    expect(presetArgName(listPresets().length)).toBeUndefined();
    expect(presetArgName('my.json')).toBe('my.json');
  });
});

describe('didYouMean', () => {
  test.each([
    ['kitten', 'sitting', 3],
    ['ab', 'ba', 1],
    ['', 'abc', 3],
    ['load', 'load', 0],
    ['sensitivty', 'sensitivity', 1],
  ])('editDistance(%s, %s) = %i', (a, b, d) => expect(editDistance(a, b)).toBe(d));

  test('suggests within a length-scaled number of edits, case-insensitively', () => {
    const known = ['load', 'preset', 'render', 'onsets', 'features'];
    expect(didYouMean('lod', known)).toBe('load');
    expect(didYouMean('PRESTE', known)).toBe('preset');
    expect(didYouMean('feaures', known)).toBe('features');
    expect(didYouMean('zz', known)).toBeUndefined();
    expect(didYouMean('rend', ['render', 'reset'])).toBe('render');
    expect(didYouMean('xxxxxx', known)).toBeUndefined();
  });
});
