/**
 * RFC 3161 trusted timestamps: the request a client sends, the response it gets, and the checks
 * that make a token worth anything (granted, our imprint, our nonce, a valid CMS signature by a
 * certificate with the critical EKU id-kp-timeStamping, chaining to a CA trusted for that).
 */
import type { CryptoServices } from '../crypto/types';
import { type CertificateFields, parseCertificate, pemToDerList } from './certificate';
import { chainTrusted } from './chain';
import { OID } from './cms';
import {
  TAG,
  bytesEqual,
  children,
  content,
  oid,
  octetString,
  raw,
  readDer,
  seq,
  tlv,
} from './der';
import { digestAlgorithm, signatureAlgorithm } from './signature-algorithms';
import { TimestampError, type TimestampErrorCode } from './timestamp-errors';
import {
  TIMESTAMP_OID,
  integerValue,
  parseTimestampToken,
  extendedKeyUsage,
} from './timestamp-token';

export { TimestampError, type TimestampErrorCode } from './timestamp-errors';
export { TIMESTAMP_OID } from './timestamp-token';

/** Something that timestamps a SHA-256 imprint and returns the TimeStampToken (ContentInfo) DER. */
export interface TimestampAuthority {
  timestamp(imprint: Uint8Array): Promise<Uint8Array>;
}

export interface CheckedTimestamp {
  readonly genTime: Date;
  readonly tsaCertificateDer: Uint8Array;
  /** Every certificate the token carries, the TSA's first. */
  readonly chainDer: readonly Uint8Array[];
  /** Serial number (hex). */
  readonly serial: string;
  readonly policy: string;
  /** The TSA certificate's subject common name. */
  readonly tsaSubject: string | undefined;
  /** When the TSA certificate expires: the timestamp is verifiable until then (B-LTA renews). */
  readonly tsaCertificateNotAfter: Date;
}

/** The signature timestamp (PAdES B-T), judged: absent, valid, or invalid with its code. */
export interface SignatureTimestampReport {
  readonly status: 'valid' | 'invalid' | 'absent';
  /** The TSA's genTime (also for an invalid one, when it could be read). */
  readonly time?: Date;
  readonly tsaSubject?: string;
  /** Why it is invalid. */
  readonly code?: TimestampErrorCode;
  /** When the TSA certificate expires (a valid timestamp only). */
  readonly tsaCertificateNotAfter?: Date;
}

const BOOLEAN_TRUE = Uint8Array.of(0x01, 0x01, 0xff);

/** A positive DER INTEGER from random bytes (a leading zero when the top bit is set). */
function positiveInteger(bytes: Uint8Array): Uint8Array {
  const value = integerValue(bytes);
  const body = (value[0] ?? 0) & 0x80 ? Uint8Array.of(0, ...value) : value;
  return tlv(TAG.INTEGER, body);
}

/** TimeStampReq v1: SHA-256 imprint, the caller's random nonce, certReq true (RFC 3161 §2.4.1). */
export function buildTimestampRequest(imprint: Uint8Array, nonce: Uint8Array): Uint8Array {
  if (imprint.length !== 32) throw new RangeError('imprint must be a SHA-256 digest');
  if (nonce.length < 8) throw new RangeError('nonce must have at least 64 bits');
  return seq(
    Uint8Array.of(TAG.INTEGER, 1, 1),
    seq(seq(oid(OID.sha256), Uint8Array.of(TAG.NULL, 0)), octetString(imprint)),
    positiveInteger(nonce),
    BOOLEAN_TRUE,
  );
}

/** The token out of a TimeStampResp; a status other than granted (0, 1) is `tsa-refused`. */
export function parseTimestampResponse(der: Uint8Array): Uint8Array {
  let status: number;
  let text = '';
  let token: Uint8Array | undefined;
  try {
    const [statusInfo, tokenNode] = children(readDer(der));
    if (!statusInfo || statusInfo.tag !== TAG.SEQUENCE) throw new Error('no PKIStatusInfo');
    const [statusNode, maybeText] = children(statusInfo);
    if (!statusNode || statusNode.tag !== TAG.INTEGER) throw new Error('no status');
    status = content(statusNode).reduce((n, b) => n * 256 + b, 0);
    if (maybeText?.tag === TAG.SEQUENCE)
      text = children(maybeText)
        .map((s) => new TextDecoder().decode(content(s)))
        .join('; ');
    token = tokenNode && raw(tokenNode);
  } catch (cause) {
    throw new TimestampError(
      'tsa-bad-signature',
      `The TSA's answer is not a TimeStampResp: ${(cause as Error).message}`,
    );
  }
  if (status > 1)
    throw new TimestampError(
      'tsa-refused',
      `The TSA refused the request (status ${status}${text ? `: ${text}` : ''})`,
    );
  if (!token) throw new TimestampError('tsa-bad-signature', 'The TSA granted but sent no token');
  return token;
}

export interface CheckTimestampOptions {
  readonly crypto: Pick<CryptoServices, 'digest' | 'verify'>;
  /** CAs trusted for the purpose "timestamping" (PEM). */
  readonly trustedCaPem: readonly string[];
  /** The SHA-256 imprint asked for (a fresh request), or the data timestamped (any hash). */
  readonly expected: { readonly imprint: Uint8Array } | { readonly data: Uint8Array };
  /** The nonce sent; absent when checking a stored token. */
  readonly nonce?: Uint8Array;
}

function checkTsaCertificate(cert: CertificateFields | undefined): CertificateFields {
  if (!cert)
    throw new TimestampError('tsa-bad-signature', 'The timestamp does not include its certificate');
  const eku = extendedKeyUsage(cert);
  if (
    !eku ||
    !eku.critical ||
    eku.purposes.length !== 1 ||
    eku.purposes[0] !== TIMESTAMP_OID.timeStamping
  )
    throw new TimestampError(
      'tsa-not-timestamping-cert',
      `The certificate of ${cert.subjectCommonName ?? 'the TSA'} is not a time-stamping certificate (critical extendedKeyUsage timeStamping)`,
    );
  return cert;
}

/** Judges a TimeStampToken; throws a TimestampError naming the first check that failed. */
export async function checkTimestampToken(
  token: Uint8Array,
  options: CheckTimestampOptions,
): Promise<CheckedTimestamp> {
  const parsed = parseTimestampToken(token);
  const { tstInfo } = parsed;
  if ('imprint' in options.expected) {
    if (
      tstInfo.hashAlgorithm !== OID.sha256 ||
      !bytesEqual(tstInfo.hashedMessage, options.expected.imprint)
    )
      throw new TimestampError('tsa-wrong-imprint', 'The TSA timestamped something else');
  } else {
    const alg = digestAlgorithm(tstInfo.hashAlgorithm);
    if (!alg.supported) throw new TimestampError('tsa-wrong-imprint', alg.reason);
    const digest = await options.crypto.digest(alg.hash, options.expected.data);
    if (!bytesEqual(digest, tstInfo.hashedMessage))
      throw new TimestampError('tsa-wrong-imprint', 'The timestamp is not over this signature');
  }
  if (options.nonce) {
    if (!tstInfo.nonce || !bytesEqual(tstInfo.nonce, integerValue(options.nonce)))
      throw new TimestampError(
        'tsa-wrong-nonce',
        'The TSA answered another request (nonce differs)',
      );
  }
  const signer = checkTsaCertificate(parsed.signerCertificate);
  const digestAlg = digestAlgorithm(parsed.digestAlgorithm);
  if (!digestAlg.supported) throw new TimestampError('tsa-bad-signature', digestAlg.reason);
  const contentDigest = await options.crypto.digest(digestAlg.hash, parsed.tstInfoDer);
  if (
    !parsed.messageDigest ||
    !bytesEqual(parsed.messageDigest, contentDigest) ||
    parsed.contentType !== TIMESTAMP_OID.tstInfo
  )
    throw new TimestampError('tsa-bad-signature', 'The timestamp token was altered');
  const params = signatureAlgorithm(
    parsed.signatureAlgorithmDer,
    signer.spkiDer,
    parsed.digestAlgorithm,
  );
  if (!params.supported) throw new TimestampError('tsa-bad-signature', params.reason);
  if (
    !(await options.crypto.verify(
      params,
      signer.spkiDer,
      parsed.signedAttributesDer,
      parsed.signature,
    ))
  )
    throw new TimestampError('tsa-bad-signature', 'The timestamp signature does not verify');
  const trusted = options.trustedCaPem.flatMap(pemToDerList).map(parseCertificate);
  const chain = await chainTrusted(signer, parsed.certificates, trusted, options.crypto);
  if (!chain.trusted)
    throw new TimestampError(
      'tsa-untrusted',
      `The TSA ${signer.subjectCommonName ?? ''} is not issued by a CA trusted for timestamps`.replace(
        '  ',
        ' ',
      ),
    );
  if (tstInfo.genTime < signer.notBefore || tstInfo.genTime > signer.notAfter)
    throw new TimestampError(
      'tsa-untrusted',
      'The timestamp time is outside the TSA certificate validity',
    );
  return {
    genTime: tstInfo.genTime,
    tsaCertificateDer: signer.der,
    chainDer: [signer.der, ...parsed.certificates.filter((c) => c !== signer).map((c) => c.der)],
    serial: tstInfo.serial,
    policy: tstInfo.policy,
    tsaSubject: signer.subjectCommonName,
    tsaCertificateNotAfter: signer.notAfter,
  };
}
