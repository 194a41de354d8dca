/**
 * RSA-PKCS#1, RSA-PSS and ECDSA signatures and chains, made by independent tools (openssl
 * for the PKI, pyHanko for the PDF signatures) and judged by our verifier over all three
 * crypto back ends (node:crypto, WebCrypto, pure forge + noble) and by pyHanko itself.
 * Needs openssl and pyHanko (PYHANKO, else $TMPDIR/dienhong-pyhanko/bin/pyhanko).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForgeCryptoServices } from '../../core/crypto/forge-services';
import { type PdfSignatureReport, verifyPdfSignatures } from '../../core/signing';
import { parseSignedData } from '../../core/signing/cms-parse';
import type { VerifyPdfOptions } from '../../core/signing/verify';
import { webCryptoDigest, webCryptoVerifier } from '../../renderer/src/identity/webcrypto-verify';
import { nodeCryptoServices } from '../../sync-server/crypto/node-crypto';
import {
  type OpensslCertSignature,
  type OpensslIdentity,
  type OpensslKeyType,
  opensslIdentity,
  opensslSignatureAlgorithm,
} from '../helpers/openssl-pki';

const PYHANKO = process.env.PYHANKO ?? path.join(os.tmpdir(), 'dienhong-pyhanko', 'bin', 'pyhanko');

const subtle = globalThis.crypto.subtle;
const BACKENDS: Record<string, VerifyPdfOptions['crypto']> = {
  'node:crypto': nodeCryptoServices,
  WebCrypto: {
    ...nodeCryptoServices,
    digest: (hash, data) => webCryptoDigest(subtle, hash, data),
    verify: webCryptoVerifier(subtle),
  },
  'forge + noble': createForgeCryptoServices(),
};

let dir: string;
let basePdf: string;

function identity(
  name: string,
  keyType: OpensslKeyType,
  signature: OpensslCertSignature,
  issuer?: OpensslIdentity,
  isCa = false,
): OpensslIdentity {
  return opensslIdentity({ dir, name, keyType, signature, ...(issuer ? { issuer } : {}), isCa });
}

/** Signs the base PDF with pyHanko as `signer`, sending `chain` along. */
function pyhankoSign(
  tag: string,
  signer: OpensslIdentity,
  chain: OpensslIdentity[],
  pss = false,
): Uint8Array {
  const out = path.join(dir, `${tag}.pdf`);
  execFileSync(
    PYHANKO,
    [
      'sign',
      'addsig',
      '--field',
      '1/40,40,200,90/Chữ ký',
      ...(pss ? ['--prefer-pss'] : []),
      'pemder',
      '--key',
      signer.keyPath,
      '--cert',
      signer.certPath,
      ...chain.flatMap((c) => ['--chain', c.certPath]),
      '--no-pass',
      basePdf,
      out,
    ],
    { stdio: 'pipe' },
  );
  return new Uint8Array(readFileSync(out));
}

/** pyHanko's own verdict: [cryptographically sound, trusted]. */
function pyhankoJudge(pdf: Uint8Array, tag: string, root: OpensslIdentity): [boolean, boolean] {
  const file = path.join(dir, `${tag}-judged.pdf`);
  writeFileSync(file, pdf);
  const run = spawnSync(
    PYHANKO,
    ['sign', 'validate', '--pretty-print', '--trust', root.certPath, file],
    { encoding: 'utf8' },
  );
  const text = `${run.stdout}\n${run.stderr}`;
  return [
    text.includes('The signature is cryptographically sound.'),
    text.includes("The signer's certificate is trusted."),
  ];
}

async function verifyWith(
  crypto: VerifyPdfOptions['crypto'],
  pdf: Uint8Array,
  root: OpensslIdentity,
): Promise<PdfSignatureReport> {
  const reports = await verifyPdfSignatures(pdf, { crypto, trustedCaPem: [root.certPem] });
  expect(reports).toHaveLength(1);
  return reports[0]!;
}

/** The signed file with one byte changed inside the first signed range (the page's MediaBox). */
function tamperContent(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const at = text.indexOf('/MediaBox');
  expect(at).toBeGreaterThan(0);
  const copy = pdf.slice();
  const digit = text.indexOf('0', at);
  copy[digit] = '1'.charCodeAt(0);
  return copy;
}

/** The signed file with one bit of the CMS signature value flipped (hex inside /Contents). */
function tamperSignatureValue(pdf: Uint8Array, report: PdfSignatureReport): Uint8Array {
  const [, b = 0, c = 0] = report.byteRange;
  const hex = Buffer.from(pdf.subarray(b + 1, c - 1)).toString('latin1');
  const cms = new Uint8Array(Buffer.from(hex, 'hex'));
  const value = parseSignedData(cms).signature;
  const offset = Buffer.from(cms).indexOf(Buffer.from(value)) + value.length - 3;
  const copy = pdf.slice();
  const hexAt = b + 1 + 2 * offset;
  const nibble = parseInt(String.fromCharCode(copy[hexAt]!), 16) ^ 0x1;
  copy[hexAt] = nibble.toString(16).toUpperCase().charCodeAt(0);
  if (copy[hexAt] === pdf[hexAt]) copy[hexAt] = nibble.toString(16).toLowerCase().charCodeAt(0);
  return copy;
}

interface Case {
  readonly name: string;
  readonly signer: () => OpensslIdentity;
  readonly chain: () => OpensslIdentity[];
  readonly root: () => OpensslIdentity;
  readonly pss?: boolean;
  /** openssl's name of the signer certificate's signature algorithm, as a sanity check. */
  readonly certAlgorithm: string;
}

let p384Root: OpensslIdentity;
let p256Intermediate: OpensslIdentity;
let p256Signer: OpensslIdentity;
let p384Signer: OpensslIdentity;
let rsaRoot: OpensslIdentity;
let ecdsaUnderRsa: OpensslIdentity;
let pssRoot: OpensslIdentity;
let pssSigner: OpensslIdentity;
let rsaUnderEcdsa: OpensslIdentity;
let ed25519Root: OpensslIdentity;
let ecdsaUnderEd25519: OpensslIdentity;
let ed448Signer: OpensslIdentity;

beforeAll(async () => {
  if (!existsSync(PYHANKO)) {
    throw new Error(`pyHanko not found at ${PYHANKO}: set PYHANKO or let .ci/run install it`);
  }
  dir = mkdtempSync(path.join(os.tmpdir(), 'signature-algorithms-'));
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  basePdf = path.join(dir, 'base.pdf');
  writeFileSync(basePdf, await doc.save({ useObjectStreams: false }));
  p384Root = identity('Gốc P-384', 'P-384', { digest: 'sha384' });
  p256Intermediate = identity('Trung gian P-256', 'P-256', { digest: 'sha384' }, p384Root, true);
  p256Signer = identity('Nguyễn Tiến Sỹ', 'P-256', { digest: 'sha256' }, p256Intermediate);
  p384Signer = identity('Trần Thị Hồng Nhung', 'P-384', { digest: 'sha384' }, p384Root);
  rsaRoot = identity('Gốc RSA', 'RSA', { digest: 'sha256' });
  ecdsaUnderRsa = identity('Lê Văn Ánh', 'P-384', { digest: 'sha512' }, rsaRoot);
  pssRoot = identity('Gốc RSA-PSS', 'RSA', { digest: 'sha256', pss: true });
  pssSigner = identity('Phạm Minh Đức', 'RSA', { digest: 'sha256', pss: true }, pssRoot);
  rsaUnderEcdsa = identity('Đỗ Thu Hà', 'RSA', { digest: 'sha384' }, p384Root);
  ed25519Root = identity('Gốc Ed25519', 'Ed25519', {});
  ecdsaUnderEd25519 = identity('Vũ Quốc Huy', 'P-256', {}, ed25519Root);
  ed448Signer = identity('Hoàng Yến', 'Ed448', {}, p384Root);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const supported: Case[] = [
  {
    name: 'ECDSA P-256 signer, all-ECDSA chain P-256 → P-384 root',
    signer: () => p256Signer,
    chain: () => [p256Intermediate, p384Root],
    root: () => p384Root,
    certAlgorithm: 'ecdsa-with-SHA256',
  },
  {
    name: 'ECDSA P-384 signer under a P-384 root',
    signer: () => p384Signer,
    chain: () => [p384Root],
    root: () => p384Root,
    certAlgorithm: 'ecdsa-with-SHA384',
  },
  {
    name: 'ECDSA P-384 signer under an RSA root (mixed chain)',
    signer: () => ecdsaUnderRsa,
    chain: () => [rsaRoot],
    root: () => rsaRoot,
    certAlgorithm: 'sha512WithRSAEncryption',
  },
  {
    name: 'RSA-PSS signer under an RSA-PSS root',
    signer: () => pssSigner,
    chain: () => [pssRoot],
    root: () => pssRoot,
    pss: true,
    certAlgorithm: 'rsassaPss',
  },
  {
    name: 'RSA PKCS#1 v1.5 signer under an ECDSA root (mixed chain)',
    signer: () => rsaUnderEcdsa,
    chain: () => [p384Root],
    root: () => p384Root,
    certAlgorithm: 'ecdsa-with-SHA384',
  },
];

describe.each(supported)('$name', (c) => {
  let pdf: Uint8Array;
  beforeAll(() => {
    expect(opensslSignatureAlgorithm(c.signer())).toBe(c.certAlgorithm);
    pdf = pyhankoSign(
      c.signer().name.normalize('NFD').replace(/\W+/g, '-'),
      c.signer(),
      c.chain(),
      c.pss,
    );
  });

  it('pyHanko judges it sound and trusted; every back end of our verifier agrees', async () => {
    expect(pyhankoJudge(pdf, 'good', c.root())).toEqual([true, true]);
    for (const [backend, crypto] of Object.entries(BACKENDS)) {
      const r = await verifyWith(crypto, pdf, c.root());
      expect(r, backend).toMatchObject({
        signerCommonName: c.signer().name,
        byteRangeWellFormed: true,
        digestValid: true,
        signatureValid: true,
        issuedByTrustedCa: true,
        certificateValidAtSigningTime: true,
        algorithmSupported: true,
        problems: [],
      });
    }
  });

  it('one changed byte of content: digest no longer valid (pyHanko agrees)', async () => {
    const tampered = tamperContent(pdf);
    expect(pyhankoJudge(tampered, 'content', c.root())[0]).toBe(false);
    for (const [backend, crypto] of Object.entries(BACKENDS)) {
      const r = await verifyWith(crypto, tampered, c.root());
      expect(r.digestValid, backend).toBe(false);
      expect(r.algorithmSupported, backend).toBe(true);
    }
  });

  it('one flipped bit of the signature value: signature not valid (pyHanko agrees)', async () => {
    const good = await verifyWith(nodeCryptoServices, pdf, c.root());
    const tampered = tamperSignatureValue(pdf, good);
    expect(pyhankoJudge(tampered, 'sigvalue', c.root())[0]).toBe(false);
    for (const [backend, crypto] of Object.entries(BACKENDS)) {
      const r = await verifyWith(crypto, tampered, c.root());
      expect(r, backend).toMatchObject({
        digestValid: true,
        signatureValid: false,
        algorithmSupported: true,
      });
    }
  });

  it('the SignerInfo uses the scheme asked for', async () => {
    const r = await verifyWith(nodeCryptoServices, pdf, c.root());
    const [, b = 0, e = 0] = r.byteRange;
    const cms = new Uint8Array(
      Buffer.from(Buffer.from(pdf.subarray(b + 1, e - 1)).toString(), 'hex'),
    );
    const { signatureAlgorithm } = parseSignedData(cms);
    const family = c.pss ? 'rsaPss' : c.signer().keyType === 'RSA' ? 'rsa' : 'ecdsa';
    const expected = {
      rsaPss: /^1\.2\.840\.113549\.1\.1\.10$/,
      rsa: /^1\.2\.840\.113549\.1\.1\.(1|11|12|13)$/,
      ecdsa: /^1\.2\.840\.10045\./,
    };
    expect(signatureAlgorithm).toMatch(expected[family]);
  });

  it('trusting another root: not trusted, and not blamed on the algorithm', async () => {
    const other = c.root() === rsaRoot ? p384Root : rsaRoot;
    const r = await verifyWith(nodeCryptoServices, pdf, other);
    expect(r).toMatchObject({ signatureValid: true, issuedByTrustedCa: false });
    expect(r.algorithmSupported).toBe(true);
  });
});

describe('algorithms we do not implement are "unsupported", never "tampered"', () => {
  it('an Ed448 signer: digest intact, algorithm unsupported, signature not claimed bad', async () => {
    const pdf = pyhankoSign('ed448', ed448Signer, [p384Root]);
    // pyHanko itself can check Ed448: the file is sound, only we cannot verify it.
    expect(pyhankoJudge(pdf, 'ed448', p384Root)[0]).toBe(true);
    for (const [backend, crypto] of Object.entries(BACKENDS)) {
      const r = await verifyWith(crypto, pdf, p384Root);
      expect(r.algorithmSupported, backend).toBe(false);
      expect(r.signatureValid, backend).toBe(false);
      expect(r.problems.join('\n'), backend).toMatch(/Ed448|SHAKE|unknown algorithm/);
    }
  });

  it('an ECDSA signer whose CA signs with Ed25519: signature valid, chain unsupported', async () => {
    expect(opensslSignatureAlgorithm(ecdsaUnderEd25519)).toBe('ED25519');
    const pdf = pyhankoSign('under-ed25519', ecdsaUnderEd25519, [ed25519Root]);
    expect(pyhankoJudge(pdf, 'under-ed25519', ed25519Root)).toEqual([true, true]);
    for (const [backend, crypto] of Object.entries(BACKENDS)) {
      const r = await verifyWith(crypto, pdf, ed25519Root);
      expect(r, backend).toMatchObject({
        digestValid: true,
        signatureValid: true,
        issuedByTrustedCa: false,
        algorithmSupported: false,
      });
      expect(r.problems.join('\n'), backend).toMatch(/Ed25519/);
    }
  });
});
