/**
 * `npm test` (README's test command; CI's `.ci/run` calls it too): make sure the system tools the
 * tests use are there (test/helpers/tools.ts), then build (the bin test runs what users run:
 * dist/, externals/) and the release artefacts (out/release/, which test/release installs and
 * unpacks: built here, before jest, so no test rebuilds files other tests are reading), type-check
 * and run every jest test. Arguments go to jest.
 *
 * Missing tools are installed with apt-get when this runs as root or with passwordless sudo;
 * otherwise it stops at once, before any build or test, with the exact command to run.
 * `--tools-only`: only that first step (test/runner checks it with a PATH that hides the tools).
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { join } from 'node:path';
import { TOOLS, findTool, installCommand, missingTools, which, type ToolName } from '../test/helpers/tools';

const ROOT = join(__dirname, '..');

export interface Machine {
  /** Effective user id (null on Windows). */
  uid: number | null;
  hasAptGet: boolean;
  /** `sudo -n true` succeeds. */
  passwordlessSudo: boolean;
}

export type InstallPlan =
  | { kind: 'none' }
  | { kind: 'install'; commands: string[][] }
  | { kind: 'stop'; message: string };

/** What to do about `missing` on this machine (pure: test/runner checks every branch). */
export function planInstall(missing: readonly ToolName[], m: Machine): InstallPlan {
  if (missing.length === 0) return { kind: 'none' };
  const pkgs = [...new Set(missing.map((n) => TOOLS[n].debian))];
  const list = missing.map((n) => `  - ${TOOLS[n].what} (Debian package ${TOOLS[n].debian}): ${TOOLS[n].neededBy}`).join('\n');
  if (m.hasAptGet && (m.uid === 0 || m.passwordlessSudo)) {
    const sudo = m.uid === 0 ? [] : ['sudo', '-n'];
    return {
      kind: 'install',
      commands: [
        [...sudo, 'apt-get', 'update', '-qq'],
        [...sudo, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...pkgs],
      ],
    };
  }
  const how = m.hasAptGet
    ? `Install them (this needs root; \`npm test\` does it by itself when run as root or with passwordless sudo):\n\n  sudo apt-get update && ${installCommand(missing)}\n`
    : `This machine has no apt-get: install them with its package manager (the Debian names are ${pkgs.join(', ')}).\n`;
  return { kind: 'stop', message: `npm test: the tests need tools this machine does not have:\n${list}\n${how}\nthen run npm test again.` };
}

function thisMachine(): Machine {
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  const sudo = uid !== 0 && which('sudo') !== null;
  return {
    uid,
    hasAptGet: which('apt-get') !== null,
    passwordlessSudo: sudo && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', timeout: 5000 }).status === 0,
  };
}

function run(argv: string[], opts: SpawnSyncOptions = {}): number {
  const r = spawnSync(argv[0], argv.slice(1), { stdio: 'inherit', cwd: ROOT, ...opts });
  if (r.error) {
    process.stderr.write(`npm test: could not run ${argv[0]}: ${r.error.message}\n`);
    return 1;
  }
  return r.status ?? 1;
}

/** Step 1: the tools. Returns an exit code (0: all present, now or after installing). */
export function ensureTools(): number {
  const missing = missingTools();
  const plan = planInstall(missing, thisMachine());
  if (plan.kind === 'none') {
    process.stdout.write(`npm test: tools present (${(Object.keys(TOOLS) as ToolName[]).map((n) => `${n} ${findTool(n)}`).join(', ')})\n`);
    return 0;
  }
  if (plan.kind === 'stop') {
    process.stderr.write(plan.message);
    return 1;
  }
  process.stdout.write(`npm test: installing ${missing.map((n) => TOOLS[n].what).join(', ')}: ${plan.commands.map((c) => c.join(' ')).join(' && ')}\n`);
  for (const c of plan.commands) {
    const code = run(c, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (code !== 0) {
      process.stderr.write(`npm test: \`${c.join(' ')}\` failed (exit ${code}); install by hand: ${installCommand(missing)}\n`);
      return code;
    }
  }
  const still = missingTools();
  if (still.length > 0) {
    process.stderr.write(`npm test: still missing after the install: ${still.map((n) => TOOLS[n].what).join(', ')}\n`);
    return 1;
  }
  return 0;
}

function main(argv: string[]): number {
  const step = (name: string, f: () => number): number => {
    const t0 = Date.now();
    const code = f();
    process.stdout.write(`npm test: ${name} ${code === 0 ? 'done' : `failed (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    return code;
  };
  const toolsCode = step('system tools', ensureTools);
  if (toolsCode !== 0 || argv.includes('--tools-only')) return toolsCode;
  const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
  return (
    step('build (dist/, externals/)', () => run(['npm', 'run', '--silent', 'build'])) ||
    step('release artefacts (out/release/)', () => run(['npm', 'run', '--silent', 'release', '--', '--no-build'])) ||
    step('type-check', () => run([bin('tsc'), '--noEmit'])) ||
    step('jest', () => run([bin('jest'), ...argv]))
  );
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
