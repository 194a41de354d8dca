/**
 * What the tests need from outside npm, checked before `npm test` runs anything: the Debian
 * packages in scripts/debian-packages.txt (the same list `.ci/run` installs from) and pyHanko in
 * a venv outside the repo. What is missing and can be installed (root with apt-get; pyHanko from
 * the shared wheels folder or pip) is installed after one line saying so; otherwise one line
 * says what to install. Later services (SoftHSM2, Redis, PostgreSQL) are listed there as
 * optional, not installed yet.
 *
 * Run alone: `npx tsx scripts/test-prereqs.ts` (prints `PYHANKO=…` when everything is there).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PYHANKO_CLI_VERSION = '0.4.2';
/** Pulled from pip's configured index after the pyHanko wheels (ENVIRONMENT.md). */
const PYHANKO_DEPENDENCIES = [
  'asn1crypto',
  'tzlocal',
  'requests',
  'cryptography',
  'lxml',
  'pyyaml',
  'certifi',
  'click',
  'platformdirs',
];

export interface DebianPrerequisite {
  readonly package: string;
  /** A command on PATH, an absolute path that must exist, or `python3:<module>`. */
  readonly probe: string;
  readonly why: string;
}

/** What a probe asks of the machine; the real one looks, tests pass their own. */
export interface Machine {
  onPath(command: string): boolean;
  exists(file: string): boolean;
  pythonImports(module: string): boolean;
}

export type Outcome = { ok: true; env: Record<string, string> } | { ok: false; message: string };

export function parsePackageList(text: string): DebianPrerequisite[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [pkg = '', probe = '', ...why] = line.split(/\s+/);
      if (!/^[a-z0-9][a-z0-9.+-]+$/.test(pkg) || probe === '') {
        throw new Error(`scripts/debian-packages.txt: bad line "${line}"`);
      }
      return { package: pkg, probe, why: why.join(' ') };
    });
}

function probeHolds(probe: string, machine: Machine, env: NodeJS.ProcessEnv): boolean {
  if (probe === 'chromium' && env.CHROMIUM_PATH) return machine.exists(env.CHROMIUM_PATH);
  if (probe.startsWith('python3:')) return machine.pythonImports(probe.slice('python3:'.length));
  if (path.isAbsolute(probe)) return machine.exists(probe);
  return machine.onPath(probe);
}

export function missingPackages(
  list: readonly DebianPrerequisite[],
  machine: Machine,
  env: NodeJS.ProcessEnv = process.env,
): DebianPrerequisite[] {
  return list.filter((p) => !probeHolds(p.probe, machine, env));
}

/** The shared pyHanko wheels: `$PYHANKO_WHEELS`, else `shared/tools/pyhanko-wheels` beside the repo or an ancestor of it. */
export function findPyhankoWheels(
  root: string,
  env: NodeJS.ProcessEnv,
  exists: (file: string) => boolean,
): string | null {
  if (env.PYHANKO_WHEELS) return exists(env.PYHANKO_WHEELS) ? env.PYHANKO_WHEELS : null;
  // ../shared from a clone; worktrees sit one level deeper (…/wt/<name>).
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared/tools/pyhanko-wheels');
    if (exists(candidate)) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

/** Outside the repo, per machine (os.tmpdir() follows $TMPDIR). */
export function pyhankoVenv(): string {
  return path.join(os.tmpdir(), 'dienhong-pyhanko');
}

// ——— the real machine ———

export const realMachine: Machine = {
  onPath(command) {
    return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
      try {
        accessSync(path.join(dir, command), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
  },
  exists: existsSync,
  pythonImports(module) {
    return spawnSync('python3', ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
  },
};

type Log = (line: string) => void;

/** Runs a command quietly; on failure returns the last lines it printed. */
function quiet(command: string, args: string[], env?: NodeJS.ProcessEnv): string | null {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: env ?? process.env,
  });
  if (result.status === 0) return null;
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`;
  return output.trim().split('\n').slice(-15).join('\n') || `exit status ${result.status}`;
}

function canUseApt(machine: Machine): boolean {
  return process.getuid?.() === 0 && machine.onPath('apt-get');
}

function ensureDebianPackages(root: string, machine: Machine, log: Log): Outcome {
  const list = parsePackageList(
    readFileSync(path.join(root, 'scripts/debian-packages.txt'), 'utf8'),
  );
  const missing = missingPackages(list, machine);
  if (missing.length === 0) return { ok: true, env: {} };
  const names = missing.map((p) => p.package);
  if (!canUseApt(machine)) {
    const probe = (p: DebianPrerequisite) =>
      p.probe === 'chromium' && process.env.CHROMIUM_PATH
        ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH}`
        : p.probe;
    const what = missing.map((p) => `${p.package} (${probe(p)})`).join(', ');
    return {
      ok: false,
      message: `test prerequisites missing: ${what}; install them: sudo apt-get install -y ${names.join(' ')}`,
    };
  }
  log(`test prerequisites: installing Debian packages ${names.join(' ')} (apt-get)`);
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const failed =
    quiet('apt-get', ['update', '-qq'], aptEnv) ??
    quiet('apt-get', ['install', '-y', '-qq', ...names], aptEnv);
  if (failed !== null) {
    return { ok: false, message: `apt-get install ${names.join(' ')} failed:\n${failed}` };
  }
  const still = missingPackages(list, machine);
  return still.length === 0
    ? { ok: true, env: {} }
    : {
        ok: false,
        message: `still missing after apt-get: ${still.map((p) => p.probe).join(', ')}`,
      };
}

function pyhankoRuns(bin: string): boolean {
  return spawnSync(bin, ['--version'], { stdio: 'ignore' }).status === 0;
}

function ensurePyhanko(root: string, log: Log): Outcome {
  const fromEnv = process.env.PYHANKO;
  if (fromEnv) {
    return pyhankoRuns(fromEnv)
      ? { ok: true, env: { PYHANKO: fromEnv } }
      : { ok: false, message: `PYHANKO=${fromEnv} does not run (\`${fromEnv} --version\` failed)` };
  }
  const venv = pyhankoVenv();
  const bin = path.join(venv, 'bin/pyhanko');
  if (pyhankoRuns(bin)) return { ok: true, env: { PYHANKO: bin } };

  const wheels = findPyhankoWheels(root, process.env, existsSync);
  const pip = path.join(venv, 'bin/pip');
  const pipEnv = { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1' };
  const steps: [string, string[]][] = [['python3', ['-m', 'venv', '--clear', venv]]];
  if (wheels) {
    const files = readdirSync(wheels)
      .filter((f) => f.endsWith('.whl'))
      .map((f) => path.join(wheels, f));
    log(`test prerequisites: installing pyHanko into ${venv} from ${wheels} (pip)`);
    steps.push([pip, ['install', '-q', '--no-index', '--no-deps', ...files]]);
    // The wheels folder means a machine whose default index may be unreachable: fail over to
    // pip's other configured indexes at once instead of retrying for minutes.
    steps.push([
      pip,
      ['install', '-q', '--retries', '0', '--timeout', '5', ...PYHANKO_DEPENDENCIES],
    ]);
  } else {
    log(`test prerequisites: installing pyhanko-cli==${PYHANKO_CLI_VERSION} into ${venv} (pip)`);
    steps.push([pip, ['install', '-q', `pyhanko-cli==${PYHANKO_CLI_VERSION}`]]);
  }
  for (const [command, args] of steps) {
    const failed = quiet(command, args, pipEnv);
    if (failed !== null) {
      return {
        ok: false,
        message: `installing pyHanko failed at \`${path.basename(command)} ${args.slice(0, 2).join(' ')}\`; install it yourself and set PYHANKO=<path to pyhanko>:\n${failed}`,
      };
    }
  }
  return pyhankoRuns(bin)
    ? { ok: true, env: { PYHANKO: bin } }
    : { ok: false, message: `pyHanko installed into ${venv} but \`${bin} --version\` fails` };
}

/** Checks (and where it can, installs) everything; returns the environment the test runners need. */
export function ensureTestPrerequisites(
  root: string,
  log: Log = (line) => process.stdout.write(`${line}\n`),
  machine: Machine = realMachine,
): Outcome {
  const debian = ensureDebianPackages(root, machine, log);
  if (!debian.ok) return debian;
  return ensurePyhanko(root, log);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const outcome = ensureTestPrerequisites(root);
  if (outcome.ok) {
    for (const [key, value] of Object.entries(outcome.env))
      process.stdout.write(`${key}=${value}\n`);
  } else {
    process.stderr.write(`${outcome.message}\n`);
    process.exit(1);
  }
}
