/**
 * Whether a signed revision of the minutes may replace the current one. Every check is on the
 * bytes: the new file must be the accepted PDF plus one appended revision that adds exactly
 * one valid, trusted signature in the expected field, by the caller's own certificate, and
 * redefines no object but the signature field, the form and the catalog.
 */
import type { CryptoServices } from '../../core/crypto/types';
import { verifyCertificateChain } from '../../core/identity';
import { isIdentityError } from '../../core/identity/errors';
import type { MinutesField } from '../../core/api/minutes';
import { verifyPdfSignatures, type PdfSignatureReport } from '../../core/signing';
import { parseSignedData } from '../../core/signing/cms-parse';

export class SignatureRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SignatureRefusal';
  }
}

export interface AcceptInput {
  previous: Uint8Array;
  signed: Uint8Array;
  field: MinutesField;
  trustedCaPem: readonly string[];
  crypto: CryptoServices;
  now: Date;
}

export interface AcceptedSignature {
  report: PdfSignatureReport;
  /** SHA-256 (hex) of the signer certificate: maps to a member. */
  signerFingerprint: string;
  signerName: string;
}

const latin1 = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
};

function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '');
  const out = new Uint8Array(clean.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** The text of the last definition of object `num` in a classic (no object stream) PDF. */
function lastDefinition(text: string, num: number): string | null {
  const re = new RegExp(`(?:^|[\\r\\n\\s])${num}\\s+\\d+\\s+obj\\b`, 'g');
  let start = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) start = m.index;
  if (start < 0) return null;
  const end = text.indexOf('endobj', start);
  return text.slice(start, end < 0 ? undefined : end);
}

/** Objects the appended revision redefines must be ones signing touches, nothing on a page. */
function checkRevisionScope(previous: Uint8Array, signed: Uint8Array): void {
  const before = latin1(previous);
  const appended = latin1(signed.subarray(previous.length));
  const redefined = [...appended.matchAll(/(?:^|[\r\n\s])(\d+)\s+\d+\s+obj\b/g)].map((m) =>
    Number(m[1]),
  );
  for (const num of redefined) {
    const old = lastDefinition(before, num);
    if (old === null) continue; // a new object
    const allowed =
      /\/FT\s*\/Sig\b/.test(old) ||
      /\/Subtype\s*\/Widget\b/.test(old) ||
      /\/Type\s*\/Catalog\b/.test(old) ||
      /\/Fields\b/.test(old);
    if (!allowed)
      throw new SignatureRefusal(
        422,
        'minutes-revision-changes-content',
        `The signed revision redefines object ${num}, which is not part of a signature.`,
      );
  }
}

function signerOf(signed: Uint8Array, report: PdfSignatureReport) {
  const [, b = 0, c = 0] = report.byteRange;
  const cms = parseSignedData(hexToBytes(latin1(signed.subarray(b + 1, c - 1))));
  const leaf = cms.signerCertificate;
  if (!leaf)
    throw new SignatureRefusal(
      422,
      'minutes-signature-invalid',
      'The signer certificate is missing.',
    );
  const others = cms.certificates.filter((c) => c !== leaf).map((c) => c.der);
  return [leaf.der, ...others];
}

/** Refuses (SignatureRefusal) or returns who signed. */
export async function acceptSignedRevision(input: AcceptInput): Promise<AcceptedSignature> {
  const { previous, signed, field } = input;
  const prefixSame =
    signed.length > previous.length && previous.every((byte, i) => signed[i] === byte);
  if (!prefixSame)
    throw new SignatureRefusal(
      422,
      'minutes-earlier-bytes-changed',
      'The signed file does not start with the accepted minutes byte for byte.',
    );
  checkRevisionScope(previous, signed);
  const before = await verifyPdfSignatures(previous, {
    crypto: input.crypto,
    trustedCaPem: input.trustedCaPem,
  });
  const reports = await verifyPdfSignatures(signed, {
    crypto: input.crypto,
    trustedCaPem: input.trustedCaPem,
  });
  const fresh = reports.filter((r) => !before.some((b) => b.fieldName === r.fieldName));
  const report = fresh[0];
  if (fresh.length !== 1 || !report || report.fieldName !== field)
    throw new SignatureRefusal(
      422,
      'minutes-signature-invalid',
      `The revision must add exactly one signature, in the field "${field}".`,
    );
  const broken = reports.find((r) => !r.digestValid || !r.signatureValid || !r.byteRangeWellFormed);
  if (broken)
    throw new SignatureRefusal(
      422,
      'minutes-signature-invalid',
      `The signature in "${broken.fieldName}" does not verify.`,
    );
  if (
    !report.coversWholeDocument ||
    !report.issuedByTrustedCa ||
    !report.certificateValidAtSigningTime
  )
    throw new SignatureRefusal(
      422,
      'minutes-signature-invalid',
      `The new signature must cover the whole file, chain to a trusted CA and be made while its certificate was valid.`,
    );
  const chainDer = signerOf(signed, report);
  let verified;
  try {
    verified = verifyCertificateChain({
      chainDer,
      trustedCaPem: input.trustedCaPem,
      now: input.now,
      requireKeyUsage: 'digitalSignature',
    });
  } catch (error) {
    if (isIdentityError(error))
      throw new SignatureRefusal(422, 'minutes-certificate-refused', error.message);
    throw error;
  }
  return {
    report,
    signerFingerprint: verified.leaf.fingerprintSha256Hex,
    signerName: verified.leaf.subjectCommonName || verified.leaf.subjectDn,
  };
}
