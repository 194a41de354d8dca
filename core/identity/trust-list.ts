/**
 * An organisation's trust list: CA certificates, each with a name, the purposes it is trusted
 * for (login, signing or both) and optionally the certificate policies its members must assert.
 * Stored as JSON by the server; validated here so a broken file is a clear operator error.
 */
import { certificateInfo, certificatePemFromDer } from './certificate';
import { IdentityError } from './errors';
import { TRUST_PURPOSES, type TrustPurpose } from './purpose';

export interface TrustAnchor {
  /** Operator's label, unique in the list ("VNPT-CA", "Ban Cơ yếu Chính phủ"). */
  name: string;
  purposes: TrustPurpose[];
  certificatePem: string;
  /** When non-empty, a member certificate must assert one of these policy OIDs. */
  requiredPolicies: string[];
}

export interface TrustList {
  version: 1;
  anchors: TrustAnchor[];
}

const NAME = /^[\p{L}\p{N} ._()-]{1,80}$/u;
const OID = /^[0-2](\.\d+)+$/;

function invalid(detail: string): IdentityError {
  return new IdentityError('trust-invalid', `The trust list is invalid: ${detail}.`);
}

/** Checks one anchor; throws trust-invalid. The certificate must be a CA certificate. */
export function validateAnchor(anchor: TrustAnchor): TrustAnchor {
  if (typeof anchor.name !== 'string' || !NAME.test(anchor.name.normalize('NFC')))
    throw invalid(`bad name ${JSON.stringify(anchor.name)}`);
  if (
    !Array.isArray(anchor.purposes) ||
    anchor.purposes.length === 0 ||
    anchor.purposes.some((p) => !TRUST_PURPOSES.includes(p))
  )
    throw invalid(`"${anchor.name}" needs purposes login and/or signing`);
  if (
    !Array.isArray(anchor.requiredPolicies) ||
    anchor.requiredPolicies.some((p) => typeof p !== 'string' || !OID.test(p))
  )
    throw invalid(`"${anchor.name}" has a bad policy OID`);
  let info;
  try {
    info = certificateInfo(anchor.certificatePem);
  } catch {
    throw invalid(`"${anchor.name}" holds no readable certificate`);
  }
  if (!info.isCa) throw invalid(`"${anchor.name}" is not a CA certificate`);
  return {
    name: anchor.name.normalize('NFC'),
    purposes: [...new Set(anchor.purposes)].sort(),
    certificatePem: certificatePemFromDer(info.der),
    requiredPolicies: [...anchor.requiredPolicies],
  };
}

/** Reads untrusted JSON into a TrustList; throws trust-invalid. */
export function parseTrustList(json: unknown): TrustList {
  if (typeof json !== 'object' || json === null) throw invalid('not an object');
  const { version, anchors } = json as Record<string, unknown>;
  if (version !== 1) throw invalid(`unknown version ${String(version)}`);
  if (!Array.isArray(anchors)) throw invalid('anchors must be a list');
  const seen = new Set<string>();
  const out = anchors.map((a: unknown) => {
    if (typeof a !== 'object' || a === null) throw invalid('an anchor is not an object');
    const anchor = validateAnchor(a as TrustAnchor);
    if (seen.has(anchor.name)) throw invalid(`the name "${anchor.name}" is used twice`);
    seen.add(anchor.name);
    return anchor;
  });
  return { version: 1, anchors: out };
}

/** The anchors trusted for `purpose`. */
export function anchorsFor(list: TrustList, purpose: TrustPurpose): TrustAnchor[] {
  return list.anchors.filter((a) => a.purposes.includes(purpose));
}
