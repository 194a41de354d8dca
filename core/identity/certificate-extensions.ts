/**
 * The certificate extensions core/identity reads, decoded from forge's DER strings: key
 * identifiers, extended key usage, policies, and the OCSP and CRL addresses.
 */
import forge from 'node-forge';

const { asn1 } = forge;

/** Extensions whose meaning this code knows, so their being critical is fine. */
export const KNOWN_EXTENSIONS = new Set([
  '2.5.29.14', // subjectKeyIdentifier
  '2.5.29.15', // keyUsage
  '2.5.29.17', // subjectAltName
  '2.5.29.19', // basicConstraints
  '2.5.29.32', // certificatePolicies
  '2.5.29.35', // authorityKeyIdentifier
  '2.5.29.37', // extKeyUsage
  '2.5.29.31', // cRLDistributionPoints
  '1.3.6.1.5.5.7.1.1', // authorityInfoAccess
]);

const OID_AD_OCSP = '1.3.6.1.5.5.7.48.1';
/** GeneralName uniformResourceIdentifier is [6] IA5String. */
const URI_TAG = 6;

export function childrenOf(node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] {
  if (!node || !Array.isArray(node.value)) throw new Error('Expected a constructed ASN.1 value.');
  return node.value;
}

export interface ForgeExtension {
  id: string;
  critical?: boolean;
  value: string;
  [field: string]: unknown;
}

export function keyIdFromAuthorityKeyIdentifier(extensionValue: string): string | null {
  const seq = asn1.fromDer(extensionValue);
  const keyId = childrenOf(seq).find(
    (n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 0 && !n.constructed,
  );
  return keyId && typeof keyId.value === 'string' ? forge.util.bytesToHex(keyId.value) : null;
}

export function oidsFromExtKeyUsage(extensionValue: string): string[] {
  return childrenOf(asn1.fromDer(extensionValue)).map((n) =>
    asn1.derToOid(typeof n.value === 'string' ? n.value : ''),
  );
}

export function oidsFromPolicies(extensionValue: string): string[] {
  return childrenOf(asn1.fromDer(extensionValue)).map((info) => {
    const id = childrenOf(info)[0];
    return asn1.derToOid(typeof id?.value === 'string' ? id.value : '');
  });
}

const isHttpUrl = (url: string) => /^https?:\/\//i.test(url);

/** Every GeneralName URI below `node` (CRL distribution points nest them a few levels deep). */
export function urisBelow(node: forge.asn1.Asn1, out: string[] = []): string[] {
  if (node.tagClass === asn1.Class.CONTEXT_SPECIFIC && node.type === URI_TAG && !node.constructed) {
    if (typeof node.value === 'string' && isHttpUrl(node.value)) out.push(node.value);
  } else if (Array.isArray(node.value)) {
    for (const child of node.value) urisBelow(child, out);
  }
  return out;
}

export function ocspUrlsFromAia(extensionValue: string): string[] {
  const urls: string[] = [];
  for (const description of childrenOf(asn1.fromDer(extensionValue))) {
    const [method, location] = childrenOf(description);
    const oid = asn1.derToOid(typeof method?.value === 'string' ? method.value : '');
    if (oid === OID_AD_OCSP && location) urisBelow(location, urls);
  }
  return urls;
}
