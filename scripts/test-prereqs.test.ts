import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Machine, findPyhankoWheels, missingPackages, parsePackageList } from './test-prereqs';

const list = parsePackageList(readFileSync(path.join(__dirname, 'debian-packages.txt'), 'utf8'));

/** A machine that has exactly the commands, files and Python modules given. */
const machine = (has: readonly string[]): Machine => ({
  onPath: (command) => has.includes(command),
  exists: (file) => has.includes(file),
  pythonImports: (module) => has.includes(`python3:${module}`),
});
const everything = machine(list.map((p) => p.probe));

describe('the Debian package list', () => {
  it('names every tool the judges and runners call', () => {
    expect(list.map((p) => p.package)).toEqual(
      expect.arrayContaining([
        'chromium',
        'poppler-utils',
        'qpdf',
        'libnss3-tools',
        'openssl',
        'faketime',
        'python3',
        'python3-venv',
      ]),
    );
  });

  it('keeps the later services out until tests use them (SoftHSM2 is in: the token tests use it)', () => {
    const names = list.map((p) => p.package);
    for (const later of ['redis-server', 'postgresql']) expect(names).not.toContain(later);
  });

  it('refuses a malformed line instead of skipping it', () => {
    expect(() => parsePackageList('qpdf\n')).toThrow(/bad line "qpdf"/);
    expect(() => parsePackageList('Bad_Name qpdf why\n')).toThrow(/bad line/);
    expect(parsePackageList('# comment\n\n  qpdf  qpdf  structure judge\n')).toEqual([
      { package: 'qpdf', probe: 'qpdf', why: 'structure judge' },
    ]);
  });
});

describe('what is missing', () => {
  it('is nothing on a machine that has every probe', () => {
    expect(missingPackages(list, everything, {})).toEqual([]);
  });

  it('is each package whose command, file or Python module is absent', () => {
    const has = list
      .map((p) => p.probe)
      .filter((p) => !['pdfsig', 'python3:ensurepip', 'faketime'].includes(p));
    expect(missingPackages(list, machine(has), {}).map((p) => p.package)).toEqual([
      'poppler-utils',
      'faketime',
      'python3-venv',
    ]);
  });

  it('looks for Chromium at CHROMIUM_PATH when it is set', () => {
    const has = list.map((p) => p.probe).filter((p) => p !== 'chromium');
    expect(
      missingPackages(list, machine([...has, '/opt/chrome']), { CHROMIUM_PATH: '/opt/chrome' }),
    ).toEqual([]);
    expect(
      missingPackages(list, everything, { CHROMIUM_PATH: '/opt/none' }).map((p) => p.package),
    ).toEqual(['chromium']);
  });
});

describe('where the pyHanko wheels are', () => {
  const exists = (dirs: readonly string[]) => (file: string) => dirs.includes(file);

  it('is ../shared/tools/pyhanko-wheels beside a clone, or beside an ancestor of a worktree', () => {
    expect(findPyhankoWheels('/work/main', {}, exists(['/work/shared/tools/pyhanko-wheels']))).toBe(
      '/work/shared/tools/pyhanko-wheels',
    );
    expect(
      findPyhankoWheels('/work/wt/clock', {}, exists(['/work/shared/tools/pyhanko-wheels'])),
    ).toBe('/work/shared/tools/pyhanko-wheels');
  });

  it('is $PYHANKO_WHEELS when set, and nothing (so pip is used) when no folder exists', () => {
    expect(findPyhankoWheels('/r', { PYHANKO_WHEELS: '/w' }, exists(['/w']))).toBe('/w');
    expect(findPyhankoWheels('/r', { PYHANKO_WHEELS: '/w' }, exists([]))).toBeNull();
    expect(findPyhankoWheels('/home/ci/repo', {}, exists([]))).toBeNull();
  });
});
