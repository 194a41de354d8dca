/**
 * `npm test`: every check the project has, in order, then one closing line
 * `N passed, N failed, N skipped` summing them all (CI reads it). Lint, format and typecheck
 * count as one check each; Vitest and Playwright report their own test counts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
delete env.FORCE_COLOR;

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const summary: string[] = [];

function run(command: string, args: string[]): boolean {
  process.stdout.write(`\n$ ${path.basename(command)} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  return result.status === 0;
}

function check(name: string, command: string, args: string[]): void {
  const ok = run(command, args);
  total[ok ? 'passed' : 'failed'] += 1;
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
}

function add(name: string, counts: Counts, exitedCleanly: boolean): void {
  // A runner that crashed before reporting counts as one failure, never as a silent pass.
  if (!exitedCleanly && counts.failed === 0) counts.failed = 1;
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  summary.push(
    `${counts.failed === 0 ? 'ok  ' : 'FAIL'} ${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
  );
}

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : null;
}

rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
mkdirSync(path.join(root, 'test/output'), { recursive: true });

check('lint (ESLint boundaries + import cycles)', 'npm', ['run', '--silent', 'lint']);
check('format (Prettier)', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
check('typecheck (tsc)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
check('build (renderer + desktop shell)', bin('tsx'), ['scripts/build.ts']);

const vitestFile = path.join(results, 'vitest.json');
const vitestOk = run(bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestFile}`,
]);
const vitest = readJson<{
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}>(vitestFile);
add(
  'unit + integration (Vitest)',
  {
    passed: vitest?.numPassedTests ?? 0,
    failed: vitest?.numFailedTests ?? 0,
    skipped: (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0),
  },
  vitestOk,
);

const playwrightOk = run(bin('playwright'), ['test']);
const playwright = readJson<{
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}>(path.join(results, 'playwright.json'));
add(
  'end to end (Playwright, Chromium)',
  {
    passed: (playwright?.stats.expected ?? 0) + (playwright?.stats.flaky ?? 0),
    failed: playwright?.stats.unexpected ?? 0,
    skipped: playwright?.stats.skipped ?? 0,
  },
  playwrightOk,
);

process.stdout.write(
  `\n${summary.join('\n')}\n\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`,
);
process.exit(total.failed === 0 ? 0 : 1);
