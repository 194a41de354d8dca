/**
 * What the desktop's token picker shows: every initialised token the PKCS#11 module sees, with
 * the certificates on it. Certificates are public objects, so this opens read-only sessions and
 * never logs in: no PIN is asked just to list. The key id (CKA_ID) is what a TokenKeyRef names
 * to sign with the private key beside the certificate.
 */
import pkcs11js from 'pkcs11js';
import type { TokenCertificate, TokenSummary } from '../../core/bridge/contract';
import { asTokenError } from '../../core/crypto/token-errors';
import { certificateInfo } from '../../core/identity/certificate';
import { acquireModule } from './token-module';

/** A token holds a handful of certificates; past this the rest are not listed. */
const MAX_CERTIFICATES = 64;

type Handle = Buffer;

const slotNumber = (h: Handle): string =>
  (h.length >= 8 ? h.readBigUInt64LE(0) : BigInt(h.readUInt32LE(0))).toString();

function certificatesOn(module: pkcs11js.PKCS11, session: Handle): TokenCertificate[] {
  module.C_FindObjectsInit(session, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
    { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
  ]);
  let objects: Handle[];
  try {
    objects = module.C_FindObjects(session, MAX_CERTIFICATES);
  } finally {
    module.C_FindObjectsFinal(session);
  }
  const listed: TokenCertificate[] = [];
  for (const object of objects) {
    const [id, label, value] = module.C_GetAttributeValue(session, object, [
      { type: pkcs11js.CKA_ID },
      { type: pkcs11js.CKA_LABEL },
      { type: pkcs11js.CKA_VALUE },
    ]);
    if (!(value?.value instanceof Buffer)) continue;
    let info;
    try {
      info = certificateInfo(new Uint8Array(value.value));
    } catch {
      // A certificate object we cannot read cannot be signed with either: the picker skips it.
      continue;
    }
    listed.push({
      keyId: id?.value instanceof Buffer ? id.value.toString('hex') : '',
      label: label?.value instanceof Buffer ? label.value.toString('utf8') : '',
      subject: info.subjectDn,
      subjectCommonName: info.subjectCommonName,
      issuer: info.issuerDn,
      issuerCommonName: info.issuerCommonName,
      serialNumber: info.serialHex,
      notBefore: info.notBefore.toISOString(),
      notAfter: info.notAfter.toISOString(),
      fingerprintSha256: info.fingerprintSha256Hex,
    });
  }
  return listed;
}

/** CKA_IDs of the key objects a session without login can see (public keys, mostly). */
function visibleKeyIds(module: pkcs11js.PKCS11, session: Handle): string[] {
  const ids = new Set<string>();
  for (const keyClass of [pkcs11js.CKO_PUBLIC_KEY, pkcs11js.CKO_PRIVATE_KEY]) {
    module.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: keyClass }]);
    let objects: Handle[];
    try {
      objects = module.C_FindObjects(session, MAX_CERTIFICATES);
    } finally {
      module.C_FindObjectsFinal(session);
    }
    for (const object of objects) {
      const [id] = module.C_GetAttributeValue(session, object, [{ type: pkcs11js.CKA_ID }]);
      if (id?.value instanceof Buffer && id.value.length > 0) ids.add(id.value.toString('hex'));
    }
  }
  return [...ids];
}

/** Lists the tokens of `modulePath`; throws TokenError (token-module-unloadable, token-removed…). */
export function listTokenCertificates(modulePath: string): TokenSummary[] {
  const lease = acquireModule(modulePath);
  try {
    const tokens: TokenSummary[] = [];
    for (const slot of lease.module.C_GetSlotList(true)) {
      const info = lease.module.C_GetTokenInfo(slot);
      // SoftHSM2 and some readers list an empty, uninitialised slot too.
      if (!(info.flags & pkcs11js.CKF_TOKEN_INITIALIZED)) continue;
      const session = lease.module.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
      try {
        tokens.push({
          slot: slotNumber(slot),
          tokenLabel: info.label.trim(),
          manufacturer: info.manufacturerID.trim(),
          model: info.model.trim(),
          serialNumber: info.serialNumber.trim(),
          certificates: certificatesOn(lease.module, session),
          keyIds: visibleKeyIds(lease.module, session),
        });
      } finally {
        lease.module.C_CloseSession(session);
      }
    }
    return tokens;
  } catch (error) {
    throw asTokenError(error);
  } finally {
    lease.release();
  }
}
