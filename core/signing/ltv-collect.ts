/**
 * Gathers what the DSS must hold for each signature of a PDF: the signer's chain up to a trust
 * anchor, and a fresh OCSP response (or, failing that, a CRL) for every certificate below the
 * anchor, each judged before it is kept. The network is the caller's (RevocationFetcher), so
 * this stays pure; what cannot be fetched is reported, not thrown, so the caller can keep the
 * signature at B-T and say why it did not reach B-LT.
 */
import { type ChainCertificate, decodeChainCertificate } from '../identity/certificate';
import { judgeCrl } from '../identity/crl';
import { buildOcspRequest, judgeOcspResponse } from '../identity/ocsp';
import type { RevocationFetcher } from '../identity/revocation';
import { issuedBy } from '../identity/verify-chain';
import { parseSignedData } from './cms-parse';
import type { ValidationMaterial } from './dss';
import { listFields, readCatalog } from './pdf-form';
import { PdfString } from './pdf-objects';
import { readPdf, resolveDict } from './pdf-xref';

const MAX_DEPTH = 8;

export interface CollectOptions {
  readonly anchorsDer: readonly Uint8Array[];
  readonly fetcher: RevocationFetcher;
  readonly now: Date;
  readonly timeoutMs: number;
}

export interface CollectedMaterial extends ValidationMaterial {
  /** One line per certificate whose revocation data could not be had (empty: complete). */
  readonly problems: readonly string[];
}

const label = (c: ChainCertificate): string => c.info.subjectCommonName || c.info.subjectDn;
const same = (a: ChainCertificate, b: ChainCertificate): boolean =>
  a.info.fingerprintSha256Hex === b.info.fingerprintSha256Hex;

async function revocationData(
  cert: ChainCertificate,
  issuer: ChainCertificate,
  options: CollectOptions,
): Promise<{ ocsp?: Uint8Array; crl?: Uint8Array; problem?: string }> {
  const why: string[] = [];
  for (const url of cert.info.ocspUrls) {
    try {
      const der = await options.fetcher.fetch({
        url,
        body: buildOcspRequest(cert, issuer),
        contentType: 'application/ocsp-request',
        timeoutMs: options.timeoutMs,
      });
      const answer = judgeOcspResponse(der, cert, issuer, options.now);
      if (answer.status === 'good') return { ocsp: der };
      why.push(`OCSP ${url} says ${answer.status}`);
    } catch (error) {
      why.push(`OCSP ${url}: ${(error as Error).message}`);
    }
  }
  for (const url of cert.info.crlUrls) {
    try {
      const der = await options.fetcher.fetch({ url, timeoutMs: options.timeoutMs });
      const answer = judgeCrl(der, cert, issuer, options.now);
      if (answer.status === 'good') return { crl: der };
      why.push(`CRL ${url} says ${answer.status}`);
    } catch (error) {
      why.push(`CRL ${url}: ${(error as Error).message}`);
    }
  }
  // A certificate naming no source has nothing to fetch (checkRevocation lets it pass too).
  if (why.length === 0) return {};
  return { problem: `${label(cert)}: ${why.join('; ')}` };
}

/** Material for one signer: its chain from `pool` and the anchors, and revocation data. */
export async function collectForSigner(
  signerDer: Uint8Array,
  poolDer: readonly Uint8Array[],
  options: CollectOptions,
): Promise<CollectedMaterial> {
  const anchors = options.anchorsDer.map((d) => decodeChainCertificate(d));
  const pool = poolDer.map((d) => decodeChainCertificate(d));
  const certificates: Uint8Array[] = [signerDer];
  const ocspResponses: Uint8Array[] = [];
  const crls: Uint8Array[] = [];
  const problems: string[] = [];
  let current = decodeChainCertificate(signerDer);
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (anchors.some((a) => same(a, current))) break;
    const issuer = [...anchors, ...pool].find((c) => !same(c, current) && issuedBy(c, current));
    if (!issuer) {
      problems.push(`${label(current)}: no issuer up to a trusted CA`);
      break;
    }
    certificates.push(issuer.info.der);
    const found = await revocationData(current, issuer, options);
    if (found.ocsp) ocspResponses.push(found.ocsp);
    if (found.crl) crls.push(found.crl);
    if (found.problem) problems.push(found.problem);
    if (anchors.some((a) => same(a, issuer))) break;
    current = issuer;
  }
  return { certificates, ocspResponses, crls, problems };
}

/** Material for every CMS signature of `pdf` (document timestamps are left to their TSA chain). */
export async function collectForPdf(
  pdf: Uint8Array,
  options: CollectOptions,
): Promise<CollectedMaterial> {
  const file = await readPdf(pdf);
  const catalog = await readCatalog(file);
  const out = { certificates: [] as Uint8Array[], ocspResponses: [] as Uint8Array[] };
  const crls: Uint8Array[] = [];
  const problems: string[] = [];
  for (const field of await listFields(file, catalog.acroForm)) {
    if (field.type !== 'Sig') continue;
    const sig = await resolveDict(file, field.dict.get('V'));
    const contents = sig?.get('Contents');
    if (!sig || !(contents instanceof PdfString) || sig.nameOf('SubFilter') === 'ETSI.RFC3161')
      continue;
    try {
      const cms = parseSignedData(contents.bytes);
      if (!cms.signerCertificate) throw new Error('the signer certificate is not included');
      const one = await collectForSigner(
        cms.signerCertificate.der,
        cms.certificates.map((c) => c.der),
        options,
      );
      out.certificates.push(...one.certificates);
      out.ocspResponses.push(...one.ocspResponses);
      crls.push(...one.crls);
      problems.push(...one.problems);
    } catch (error) {
      problems.push(`signature ${field.name}: ${(error as Error).message}`);
    }
  }
  return { ...out, crls, problems };
}
