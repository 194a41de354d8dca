/**
 * The independent judges for signed PDFs, for tests: poppler's pdfsig with an NSS trust store,
 * qpdf --check, openssl cms -verify on each CMS pdfsig dumps, and pdftotext / pdftoppm.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PdfsigEntry {
  readonly fieldName: string;
  readonly commonName: string;
  readonly validation: string;
  readonly certificate: string;
  readonly totalDocument: boolean;
}

/** One signature as pyHanko's `sign validate` summary line states it. */
export interface PyhankoEntry {
  readonly fieldName: string;
  /** INTACT (digest and signature sound) or not. */
  readonly intact: boolean;
  readonly trusted: boolean;
  /** UNTOUCHED, EXTENDED_WITH_FORM_FILLING, EXTENDED_WITH_LTA_UPDATES, EXTENDED_WITH_OTHER… */
  readonly coverage: string;
  /** ACCEPTABLE_MODIFICATIONS, ILLEGAL_MODIFICATIONS, or '' when untouched. */
  readonly modifications: string;
  readonly line: string;
}

/** pyHanko's CLI: $PYHANKO, else the venv `.ci/run` / `npm test` make under the temp folder. */
export function pyhankoBinary(): string {
  const bin = process.env.PYHANKO ?? join(tmpdir(), 'dienhong-pyhanko/bin/pyhanko');
  if (!existsSync(bin))
    throw new Error(
      `pyHanko is missing at ${bin}. Install it into a venv outside the repo: ` +
        `python3 -m venv ${join(tmpdir(), 'dienhong-pyhanko')} && ` +
        `${join(tmpdir(), 'dienhong-pyhanko/bin/pip')} install pyhanko-cli ` +
        `(offline: see ENVIRONMENT.md, wheels in ../shared/tools/pyhanko-wheels), or set PYHANKO.`,
    );
  return bin;
}

export interface Judges {
  readonly dir: string;
  readonly caPemPath: string;
  pdfsig(pdfPath: string): PdfsigEntry[];
  qpdfCheck(pdfPath: string): number;
  /** Dumps every CMS with pdfsig -dump; returns their paths in signature order. */
  dumpCms(pdf: Uint8Array, tag: string): string[];
  opensslVerify(cmsPath: string, contentPath: string): boolean;
  opensslPrint(cmsPath: string): string;
  /** `pyhanko sign validate --trust ca.pem --no-revocation-check`, one entry per signature. */
  pyhanko(pdfPath: string): PyhankoEntry[];
}

/** Sets up an NSS database trusting `caPem` inside `dir`. */
export function createJudges(dir: string, caPem: string): Judges {
  const caPemPath = join(dir, 'ca.pem');
  writeFileSync(caPemPath, caPem);
  const nss = join(dir, 'nss');
  mkdirSync(nss, { recursive: true });
  execFileSync('/usr/bin/certutil', ['-N', '--empty-password', '-d', `sql:${nss}`]);
  execFileSync('/usr/bin/certutil', [
    '-A',
    '-n',
    'ca',
    '-t',
    'CT,C,C',
    '-i',
    caPemPath,
    '-d',
    `sql:${nss}`,
  ]);
  return {
    dir,
    caPemPath,
    pdfsig(pdfPath) {
      // pdfsig exits 0 even on "Digest Mismatch": the verdict is in its text.
      const out = spawnSync('/usr/bin/pdfsig', ['-nssdir', `sql:${nss}`, pdfPath], {
        encoding: 'utf8',
        cwd: dir,
      });
      return out.stdout
        .split(/^Signature #\d+:$/m)
        .slice(1)
        .map((block) => {
          const field = (label: string): string =>
            new RegExp(`- ${label}: (.*)$`, 'm').exec(block)?.[1]?.trim() ?? '';
          return {
            fieldName: field('Signature Field Name'),
            commonName: field('Signer Certificate Common Name'),
            validation: field('Signature Validation'),
            certificate: field('Certificate Validation'),
            totalDocument: /- Total document signed/.test(block),
          };
        });
    },
    qpdfCheck(pdfPath) {
      return spawnSync('/usr/bin/qpdf', ['--check', pdfPath]).status ?? -1;
    },
    dumpCms(pdf, tag) {
      const sub = mkdtempSync(join(dir, `dump-${tag}-`));
      writeFileSync(join(sub, 'file.pdf'), pdf);
      execFileSync('/usr/bin/pdfsig', ['-nssdir', `sql:${nss}`, '-dump', 'file.pdf'], { cwd: sub });
      return readdirSync(sub)
        .filter((f) => /\.sig\d+$/.test(f))
        .sort()
        .map((f) => join(sub, f));
    },
    opensslVerify(cmsPath, contentPath) {
      const r = spawnSync('/usr/bin/openssl', [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        cmsPath,
        '-content',
        contentPath,
        '-CAfile',
        caPemPath,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ]);
      return r.status === 0;
    },
    pyhanko(pdfPath) {
      const r = spawnSync(
        pyhankoBinary(),
        ['sign', 'validate', '--no-revocation-check', '--trust', caPemPath, pdfPath],
        { encoding: 'utf8', cwd: dir },
      );
      // Summary lines: field:sha256:INTACT|INVALID…:TRUSTED|UNTRUSTED,COVERAGE[,MODIFICATIONS]
      const entries = r.stdout
        .split('\n')
        .filter((l) => /^[^:\s]+:[0-9a-f]{64}:/.test(l))
        .map((line) => {
          const [fieldName = '', , integrity = '', rest = ''] = line.split(':');
          const [trust = '', coverage = '', modifications = ''] = rest.split(',');
          return {
            fieldName,
            intact: integrity === 'INTACT',
            trusted: trust === 'TRUSTED',
            coverage,
            modifications,
            line,
          };
        });
      if (entries.length === 0)
        throw new Error(`pyHanko gave no verdict (exit ${r.status}): ${r.stdout}${r.stderr}`);
      return entries;
    },
    opensslPrint(cmsPath) {
      return execFileSync(
        '/usr/bin/openssl',
        ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', cmsPath],
        {
          encoding: 'utf8',
        },
      );
    },
  };
}

/** The bytes a signature covers: its two ByteRange pieces joined. */
export function signedRange(pdf: Uint8Array, byteRange: readonly number[]): Uint8Array {
  const [a = 0, b = 0, c = 0, d = 0] = byteRange;
  return Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
}

export function pdftotext(pdfPath: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', ...range, pdfPath, '-'], {
    encoding: 'utf8',
  });
}

/** Renders one page to `<prefix>.png` at 80 dpi for a human to look at. */
export function renderPng(pdfPath: string, page: number, prefix: string): string {
  execFileSync('/usr/bin/pdftoppm', [
    '-r',
    '80',
    '-png',
    '-singlefile',
    '-f',
    String(page),
    '-l',
    String(page),
    pdfPath,
    prefix,
  ]);
  return `${prefix}.png`;
}
