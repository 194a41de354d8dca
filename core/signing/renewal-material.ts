/**
 * The validation data for a file's timestamps (B-LTA renewal): each TSA certificate's chain up
 * to a CA trusted for timestamping, with an OCSP response or CRL where one can be had. It goes
 * into the DSS before the new document timestamp, so that the timestamp being superseded can
 * still be checked once its TSA's responders are gone (ETSI EN 319 142-1 §5.5). Revocation
 * answers a TSA does not offer are reported, not fatal: the chain itself is always kept.
 */
import { type CollectOptions, type CollectedMaterial, collectForSigner } from './ltv-collect';
import { parseSignedData } from './cms-parse';
import { listFields, readCatalog } from './pdf-form';
import { PdfString } from './pdf-objects';
import { readPdf, resolveDict } from './pdf-xref';

/** Every timestamp token in `pdf`: signature timestamps and document timestamps, file order. */
async function timestampTokens(pdf: Uint8Array): Promise<Uint8Array[]> {
  const file = await readPdf(pdf);
  const catalog = await readCatalog(file);
  const tokens: Uint8Array[] = [];
  for (const field of await listFields(file, catalog.acroForm)) {
    if (field.type !== 'Sig') continue;
    const sig = await resolveDict(file, field.dict.get('V'));
    const contents = sig?.get('Contents');
    if (!sig || !(contents instanceof PdfString)) continue;
    if (sig.nameOf('SubFilter') === 'ETSI.RFC3161') tokens.push(contents.bytes);
    else {
      const token = parseSignedData(contents.bytes).signatureTimestampToken;
      if (token) tokens.push(token);
    }
  }
  return tokens;
}

/** `anchorsDer`: the CAs trusted for timestamping. */
export async function collectForTimestamps(
  pdf: Uint8Array,
  options: CollectOptions,
): Promise<CollectedMaterial> {
  const certificates: Uint8Array[] = [];
  const ocspResponses: Uint8Array[] = [];
  const crls: Uint8Array[] = [];
  const problems: string[] = [];
  for (const token of await timestampTokens(pdf)) {
    try {
      const cms = parseSignedData(token);
      if (!cms.signerCertificate) throw new Error('the TSA certificate is not included');
      const one = await collectForSigner(
        cms.signerCertificate.der,
        cms.certificates.map((c) => c.der),
        options,
      );
      certificates.push(...one.certificates);
      ocspResponses.push(...one.ocspResponses);
      crls.push(...one.crls);
      problems.push(...one.problems);
    } catch (error) {
      problems.push(`timestamp: ${(error as Error).message}`);
    }
  }
  return { certificates, ocspResponses, crls, problems };
}
