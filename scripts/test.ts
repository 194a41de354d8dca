/**
 * `npm test`: every check the project has, in order, then one closing line
 * `N passed, N failed, N skipped` summing them all (CI reads it). Lint, format and typecheck
 * count as one check each; Vitest and Playwright report their own test counts. First it checks
 * the test prerequisites (scripts/test-prereqs.ts), installing what it can. Vitest and Playwright
 * each run twice, the second time with the clock 400 days ahead (faketime), so no test leans on
 * today's date.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTestPrerequisites } from './test-prereqs';

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

function finish(): never {
  process.stdout.write(
    `\n${summary.join('\n')}\n\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`,
  );
  process.exit(total.failed === 0 ? 0 : 1);
}

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : null;
}

const prereqs = ensureTestPrerequisites(root);
if (!prereqs.ok) {
  process.stderr.write(`${prereqs.message}\n`);
  summary.push('FAIL test prerequisites (scripts/test-prereqs.ts)');
  total.failed += 1;
  finish();
}
Object.assign(env, prereqs.env);

rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
mkdirSync(path.join(root, 'test/output'), { recursive: true });

check('lint (ESLint boundaries + import cycles)', 'npm', ['run', '--silent', 'lint']);
check('format (Prettier)', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
check('typecheck (tsc -b: one program per runtime)', bin('tsc'), ['-b']);
check('build (renderer + desktop shell)', bin('tsx'), ['scripts/build.ts']);

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

/** The Vitest suite, optionally behind a launcher such as faketime, counted under `name`. */
function vitest(name: string, file: string, launcher: readonly string[] = []): void {
  const jsonFile = path.join(results, file);
  const [command = '', ...args] = [
    ...launcher,
    bin('vitest'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${jsonFile}`,
  ];
  const ok = run(command, args);
  const counts = readJson<VitestJson>(jsonFile);
  add(
    name,
    {
      passed: counts?.numPassedTests ?? 0,
      failed: counts?.numFailedTests ?? 0,
      skipped: (counts?.numPendingTests ?? 0) + (counts?.numTodoTests ?? 0),
    },
    ok,
  );
}

vitest('unit + integration (Vitest)', 'vitest.json');
// The same suite with the system clock 400 days ahead: certificates, sessions and fixtures
// must all be issued around the time they are used, never against a fixed calendar date.
vitest('unit + integration, clock +400 days (Vitest under faketime)', 'vitest-faketime.json', [
  'faketime',
  '-f',
  '+400d',
]);

interface PlaywrightJson {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}

/** Playwright, optionally behind a launcher; `jsonFile` is where its JSON reporter writes. */
function playwright(name: string, jsonFile: string, launcher: readonly string[] = []): void {
  const extra =
    launcher.length === 0
      ? []
      : // Keep the first run's report and artefacts: its own JSON file and output folder.
        ['--reporter=list,json', `--output=${path.join(results, 'e2e-faketime')}`];
  env.PLAYWRIGHT_JSON_OUTPUT_FILE = path.join(results, jsonFile);
  const [command = '', ...args] = [...launcher, bin('playwright'), 'test', ...extra];
  const ok = run(command, args);
  const report = readJson<PlaywrightJson>(path.join(results, jsonFile));
  add(
    name,
    {
      passed: (report?.stats.expected ?? 0) + (report?.stats.flaky ?? 0),
      failed: report?.stats.unexpected ?? 0,
      skipped: report?.stats.skipped ?? 0,
    },
    ok,
  );
}

playwright('end to end (Playwright, Chromium)', 'playwright.json');
// Chromium and the server behind it under the same shifted clock (faketime reaches children).
playwright('end to end, clock +400 days (Playwright under faketime)', 'playwright-faketime.json', [
  'faketime',
  '-f',
  '+400d',
]);

finish();
