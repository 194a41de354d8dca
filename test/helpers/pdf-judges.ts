/**
 * The independent judges for signed PDFs, for tests: poppler's pdfsig with an NSS trust store,
 * qpdf --check, openssl cms -verify on each CMS pdfsig dumps, and pdftotext / pdftoppm.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PdfsigEntry {
  readonly fieldName: string;
  readonly commonName: string;
  readonly validation: string;
  readonly certificate: string;
  readonly totalDocument: boolean;
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
