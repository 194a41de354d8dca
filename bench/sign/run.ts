/**
 * `npm run bench:sign [-- --runs N]`: times sign + co-sign of the 50-page minutes PDF with our
 * signer (core/signing + node:crypto), and `openssl cms -sign` over the very same signed-range
 * bytes as the baseline, in the same run. Prints medians and the ratio.
 *
 * Baseline command (one process per signature, as an operator would run it):
 *   openssl cms -sign -binary -md sha256 -cades -nosmimecap -outform DER
 *     -in RANGE.bin -signer CERT.pem -inkey KEY.pem -certfile CA.pem -out SIG.der
 * Detached (the default), id-data content, SHA-256, RSA PKCS#1 v1.5, chain included, signed
 * attributes contentType + messageDigest + signingCertificateV2 (-cades) — like ours — plus
 * signingTime, which openssl cannot leave out without dropping all signed attributes (-noattr).
 * The openssl time includes starting the process; `openssl version` is timed too so it can be
 * subtracted by eye.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type CertificateWithKey,
  certificateDerFromPem,
  createCa,
  issueMemberCertificate,
} from '../../core/identity';
import { renderMinutesPdf } from '../../core/minutes';
import { SAMPLE_CHAIR, SAMPLE_SECRETARY, longSampleMinutes } from '../../core/minutes/testing';
import { signPdf, verifyPdfSignatures } from '../../core/signing';
import {
  nodeCryptoServices,
  nodeKeyPairGenerator,
  nodeRsaSigner,
} from '../../sync-server/crypto/node-crypto';

const TTF = new URL('../../node_modules/dejavu-fonts-ttf/ttf/', import.meta.url);
const font = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`${name}.ttf`, TTF)));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
  const runs = Math.max(1, Math.min(50, Number(values.runs) || 7));
  const dir = mkdtempSync(join(tmpdir(), 'bench-sign-'));
  try {
    const now = new Date();
    const ca = await createCa({
      commonName: 'Diên Hồng Bench CA',
      organisation: 'Diên Hồng',
      validDays: 365,
      now,
      generateKeyPair: nodeKeyPairGenerator,
    });
    const member = (name: string, email: string): Promise<CertificateWithKey> =>
      issueMemberCertificate({
        ca,
        name,
        email,
        validDays: 30,
        now,
        generateKeyPair: nodeKeyPairGenerator,
      });
    const secretary = await member(SAMPLE_SECRETARY, 'sy.nt@example.vn');
    const chair = await member(SAMPLE_CHAIR, 'nhung.tth@example.vn');
    const chain = (m: CertificateWithKey): Uint8Array[] =>
      [m.certificatePem, ca.certificatePem].map(certificateDerFromPem);

    const [pdf, renderMs] = await timeAsync(() =>
      renderMinutesPdf(longSampleMinutes(), {
        regular: font('DejaVuSerif'),
        bold: font('DejaVuSerif-Bold'),
        italic: font('DejaVuSerif-Italic'),
        boldItalic: font('DejaVuSerif-BoldItalic'),
      }),
    );
    const pages = (
      Buffer.from(pdf)
        .toString('latin1')
        .match(/\/Type \/Page\b/g) ?? []
    ).length;

    const signAs = (
      input: Uint8Array,
      who: CertificateWithKey,
      field: string,
      name: string,
    ): Promise<Uint8Array> =>
      signPdf({
        pdf: input,
        signer: nodeRsaSigner(who.privateKeyPem, chain(who)),
        hasher: nodeCryptoServices,
        fieldName: field,
        name,
        signingTime: now,
        utcOffsetMinutes: 420,
      });

    const ours = { sign: [] as number[], cosign: [] as number[], both: [] as number[] };
    let once = pdf;
    let twice = pdf;
    for (let i = 0; i < runs + 1; i++) {
      const [a, tSign] = await timeAsync(() =>
        signAs(pdf, secretary, 'secretary', SAMPLE_SECRETARY),
      );
      const [b, tCosign] = await timeAsync(() => signAs(a, chair, 'chair', SAMPLE_CHAIR));
      if (i === 0) continue; // warm-up: JIT and font-free code paths
      ours.sign.push(tSign);
      ours.cosign.push(tCosign);
      ours.both.push(tSign + tCosign);
      once = a;
      twice = b;
    }

    // The exact bytes each of our signatures covers, for openssl to sign.
    const reports = await verifyPdfSignatures(twice, {
      crypto: nodeCryptoServices,
      trustedCaPem: [ca.certificatePem],
    });
    if (
      reports.length !== 2 ||
      !reports.every((r) => r.digestValid && r.signatureValid && r.issuedByTrustedCa)
    )
      throw new Error('our signatures did not verify');
    const range = (file: Uint8Array, br: readonly number[]): Uint8Array => {
      const [a = 0, b = 0, c = 0, d = 0] = br;
      return Buffer.concat([file.subarray(a, a + b), file.subarray(c, c + d)]);
    };
    writeFileSync(join(dir, 'range-1.bin'), range(once, reports[0]?.byteRange ?? []));
    writeFileSync(join(dir, 'range-2.bin'), range(twice, reports[1]?.byteRange ?? []));
    writeFileSync(join(dir, 'ca.pem'), ca.certificatePem);
    for (const [tag, m] of [
      ['secretary', secretary],
      ['chair', chair],
    ] as const) {
      writeFileSync(join(dir, `${tag}.pem`), m.certificatePem);
      writeFileSync(join(dir, `${tag}.key`), m.privateKeyPem);
    }
    const opensslSign = (n: 1 | 2, tag: string): void => {
      execFileSync('openssl', [
        'cms',
        '-sign',
        '-binary',
        '-md',
        'sha256',
        '-cades',
        '-nosmimecap',
        '-outform',
        'DER',
        '-in',
        join(dir, `range-${n}.bin`),
        '-signer',
        join(dir, `${tag}.pem`),
        '-inkey',
        join(dir, `${tag}.key`),
        '-certfile',
        join(dir, 'ca.pem'),
        '-out',
        join(dir, `openssl-${n}.der`),
      ]);
    };
    const base = {
      sign: [] as number[],
      cosign: [] as number[],
      both: [] as number[],
      startup: [] as number[],
    };
    for (let i = 0; i < runs + 1; i++) {
      const [, tSign] = time(() => opensslSign(1, 'secretary'));
      const [, tCosign] = time(() => opensslSign(2, 'chair'));
      const [, tStart] = time(() => execFileSync('openssl', ['version']));
      if (i === 0) continue;
      base.sign.push(tSign);
      base.cosign.push(tCosign);
      base.both.push(tSign + tCosign);
      base.startup.push(tStart);
    }
    // The baseline's output must be a valid detached CMS over the same bytes.
    execFileSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        join(dir, 'openssl-2.der'),
        '-content',
        join(dir, 'range-2.bin'),
        '-CAfile',
        join(dir, 'ca.pem'),
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ],
      { stdio: 'ignore' },
    );

    const mib = (n: number): string => `${(n / 1048576).toFixed(2)} MiB`;
    const ms = (xs: number[]): string => `${median(xs).toFixed(1)} ms`.padStart(10);
    const row = (label: string, a: number[], b: number[]): string =>
      `${label.padEnd(24)}${ms(a)}${ms(b)}${`${(median(a) / median(b)).toFixed(2)}×`.padStart(10)}`;
    const out = [
      `bench:sign — ${pages}-page minutes, ${mib(pdf.length)} unsigned, ${mib(twice.length)} co-signed; ${runs} runs (+1 warm-up), medians`,
      `rendering the minutes once: ${renderMs.toFixed(0)} ms (not part of the comparison)`,
      '',
      `${'operation'.padEnd(24)}${'ours'.padStart(10)}${'openssl'.padStart(10)}${'ours/ssl'.padStart(10)}`,
      row('sign (secretary)', ours.sign, base.sign),
      row('co-sign (chair)', ours.cosign, base.cosign),
      row('sign + co-sign', ours.both, base.both),
      '',
      `openssl process start-up alone (openssl version): ${median(base.startup).toFixed(1)} ms per call`,
      'ours: parse PDF, incremental update, SHA-256 (node:crypto), CMS with forge, RSA-2048 (node:crypto), in-process.',
      'openssl: cms -sign -binary -md sha256 -cades -nosmimecap -outform DER over the same signed-range bytes.',
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:sign failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
});
