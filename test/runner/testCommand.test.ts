/**
 * The README's test command (`npm test` → scripts/test.ts), its first step: the system tools. On
 * this machine the tools are installed, so a fresh machine is simulated by a PATH that hides them
 * (a folder of links to /usr/bin without pd, chromium, zip, unzip, apt-get, sudo) and a stand-in
 * apt-get that records its arguments and "installs" by creating the executables.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planInstall } from '../../scripts/test';
import { TOOLS, installCommand, missingTools, requireTool, type ToolName } from '../helpers/tools';

const ROOT = join(__dirname, '../..');
const HIDDEN = ['pd', 'puredata', 'chromium', 'zip', 'unzip', 'apt-get', 'sudo'];
const BIN_OF: Record<string, string> = { 'puredata-core': 'pd', chromium: 'chromium', zip: 'zip', unzip: 'unzip' };

const dir = mkdtempSync(join(tmpdir(), 'tr-runner-'));
chmodSync(dir, 0o755); // the unprivileged run below must reach its PATH folder
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A PATH folder with everything of /usr/bin except the hidden tools; `extra` scripts added. */
function fakePath(name: string, extra: Record<string, string> = {}): string {
  const bin = join(dir, name);
  mkdirSync(bin, { recursive: true });
  for (const f of readdirSync('/usr/bin')) if (!HIDDEN.includes(f)) symlinkSync(join('/usr/bin', f), join(bin, f));
  for (const [f, text] of Object.entries(extra)) {
    writeFileSync(join(bin, f), text);
    chmodSync(join(bin, f), 0o755);
  }
  chmodSync(bin, 0o777); // the unprivileged run below may need to list it
  return bin;
}

/** apt-get stand-in: logs its argv; `install` creates the packages' executables beside itself. */
function fakeAptGet(log: string): string {
  const creates = Object.entries(BIN_OF).map(([pkg, b]) => `    ${pkg}) printf '#!/bin/sh\\nexit 0\\n' > "$here/${b}"; chmod 755 "$here/${b}";;`).join('\n');
  return `#!/bin/sh\nhere=$(dirname "$0")\necho "apt-get $*" >> ${log}\n[ "$1" = install ] || exit 0\nfor p in "$@"; do\n  case "$p" in\n${creates}\n  esac\ndone\n`;
}

function runTools(path: string, asUser: string[] = []) {
  const argv = [...asUser, process.execPath, '--import', 'tsx', join(ROOT, 'scripts/test.ts'), '--tools-only'];
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: path };
  delete env.CHROMIUM_BIN;
  return spawnSync(argv[0], argv.slice(1), { cwd: ROOT, encoding: 'utf8', env, timeout: 60000 });
}

describe('planInstall', () => {
  const missing: ToolName[] = ['pd', 'chromium'];
  it('nothing to do when nothing is missing', () => {
    expect(planInstall([], { uid: 1000, hasAptGet: false, passwordlessSudo: false })).toEqual({ kind: 'none' });
  });
  it('as root with apt-get: apt-get update, then install exactly the missing packages', () => {
    expect(planInstall(missing, { uid: 0, hasAptGet: true, passwordlessSudo: false })).toEqual({
      kind: 'install',
      commands: [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'puredata-core', 'chromium']],
    });
  });
  it('a user with passwordless sudo: the same through sudo -n', () => {
    const p = planInstall(['font'], { uid: 1000, hasAptGet: true, passwordlessSudo: true });
    expect(p).toEqual({ kind: 'install', commands: [['sudo', '-n', 'apt-get', 'update', '-qq'], ['sudo', '-n', 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'fonts-dejavu-core']] });
  });
  it('a user without sudo: stop with the exact command', () => {
    const p = planInstall(missing, { uid: 1000, hasAptGet: true, passwordlessSudo: false });
    expect(p.kind).toBe('stop');
    expect(p.kind === 'stop' && p.message).toContain('sudo apt-get update && sudo apt-get install -y --no-install-recommends puredata-core chromium');
  });
  it('no apt-get: stop, naming the Debian packages', () => {
    const p = planInstall(missing, { uid: 0, hasAptGet: false, passwordlessSudo: false });
    expect(p.kind === 'stop' && p.message).toMatch(/no apt-get.*puredata-core, chromium/);
  });
});

describe('requireTool', () => {
  it('returns the path of a present tool and throws the install command for a missing one', () => {
    expect(requireTool('pd')).toMatch(/\/(pd|puredata)$/);
    const saved = process.env.PATH;
    process.env.PATH = fakePath('bare');
    try {
      expect(missingTools(['pd', 'zip', 'unzip', 'font'])).toEqual(['pd', 'zip', 'unzip']); // the font is a file, not on PATH
      expect(() => requireTool('pd')).toThrow(/Pure Data is missing \(`pd` or `puredata` not found on PATH\): the Pd tests.*sudo apt-get install -y --no-install-recommends puredata-core/);
    } finally {
      process.env.PATH = saved;
    }
    expect(installCommand(['zip', 'unzip'], true)).toBe('apt-get install -y --no-install-recommends zip unzip');
  });
});

describe('npm test, first step, on a machine without the tools', () => {
  it('with apt-get as root (or passwordless sudo) it installs the missing packages, then finds them', () => {
    const log = join(dir, 'apt.log');
    const root = process.getuid?.() === 0;
    // not root: a sudo stand-in that allows -n and runs the command, as passwordless sudo does
    const sudo: Record<string, string> = root ? {} : { sudo: '#!/bin/sh\n[ "$1" = -n ] && shift\nexec "$@"\n' };
    const path = fakePath('apt', { 'apt-get': fakeAptGet(log), ...sudo });
    const r = runTools(path);
    expect(r.stderr).not.toMatch(/need tools|failed/);
    expect(r.status).toBe(0);
    const want = [...new Set((['pd', 'chromium', 'zip', 'unzip'] as ToolName[]).map((n) => TOOLS[n].debian))];
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['apt-get update -qq', `apt-get install -y -qq --no-install-recommends ${want.join(' ')}`]);
    for (const b of Object.values(BIN_OF)) expect(existsSync(join(path, b))).toBe(true);
    // a second run finds everything and installs nothing
    appendFileSync(log, 'second run\n');
    expect(runTools(path).status).toBe(0);
    expect(readFileSync(log, 'utf8').trim().split('\n').pop()).toBe('second run');
  });

  it('as a user without sudo it stops at once with the command to run, installing nothing', () => {
    const log = join(dir, 'apt-user.log');
    const path = fakePath('user', { 'apt-get': fakeAptGet(log) });
    // when the tests run as root, drop to nobody (setpriv) so the unprivileged branch really runs
    const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'] : [];
    const r = runTools(path, asUser);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('sudo apt-get update && sudo apt-get install -y --no-install-recommends puredata-core chromium zip unzip');
    expect(r.stderr).toMatch(/Pure Data \(Debian package puredata-core\): the Pd tests/);
    expect(existsSync(log)).toBe(false);
    expect(r.stdout).not.toMatch(/build|jest/);
  });
});
