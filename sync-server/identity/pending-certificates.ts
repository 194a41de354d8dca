/**
 * First logins waiting for an administrator: a certificate that chains to a trusted CA and
 * signed a real challenge, but belongs to no member yet. Kept in `pending-certificates.json`
 * in the data directory (read by the admin CLI while the server runs), one entry per
 * fingerprint, at most PENDING_CAP of them: a stranger's repeated attempts update one entry
 * and, past the cap, nothing new is written (logins are rate-limited before this).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { base64Encode } from '../../core/crypto/encoding';
import type { CertificateInfo } from '../../core/identity/certificate';
import { type CertificateSummary, summariseCertificate } from '../../core/identity/enrolment';
import { writeFileAtomic } from '../../node-shared/atomic-write';

export const PENDING_CAP = 200;

export interface PendingCertificate {
  certificate: CertificateSummary;
  /** The leaf, Base64 DER: approval enrols exactly what was presented. */
  certificateDer: string;
  /** What the client sent after its leaf (intermediates), Base64 DER. */
  chainDer: string[];
  firstSeen: string;
  lastSeen: string;
  attempts: number;
}

const pendingPath = (dataDir: string) => path.join(dataDir, 'pending-certificates.json');

export async function listPending(dataDir: string): Promise<PendingCertificate[]> {
  let text: string;
  try {
    text = await readFile(pendingPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const parsed = JSON.parse(text) as { pending?: PendingCertificate[] };
  return Array.isArray(parsed.pending) ? parsed.pending : [];
}

async function save(dataDir: string, pending: PendingCertificate[]): Promise<void> {
  await writeFileAtomic(pendingPath(dataDir), `${JSON.stringify({ pending }, null, 2)}\n`, {
    mode: 0o600,
  });
}

// One writer at a time within the server process: logins race.
let queue: Promise<unknown> = Promise.resolve();
const serial = <T>(work: () => Promise<T>): Promise<T> => {
  const next = queue.then(work, work);
  queue = next.catch(() => undefined);
  return next;
};

/** Records (or refreshes) a request; false when the list is full and this one is new. */
export function recordPending(
  dataDir: string,
  certificate: CertificateInfo,
  chainDer: readonly string[],
  now: Date,
): Promise<boolean> {
  return serial(async () => {
    const pending = await listPending(dataDir);
    const at = now.toISOString();
    const fingerprint = certificate.fingerprintSha256Hex;
    const existing = pending.find((p) => p.certificate.fingerprintSha256 === fingerprint);
    if (existing) {
      existing.lastSeen = at;
      existing.attempts += 1;
    } else {
      if (pending.length >= PENDING_CAP) return false;
      pending.push({
        certificate: summariseCertificate(certificate),
        certificateDer: base64Encode(certificate.der),
        chainDer: chainDer.slice(0, 8),
        firstSeen: at,
        lastSeen: at,
        attempts: 1,
      });
    }
    await save(dataDir, pending);
    return true;
  });
}

/** Removes and returns the request for a fingerprint (approve or reject); undefined if none. */
export function takePending(
  dataDir: string,
  fingerprint: string,
): Promise<PendingCertificate | undefined> {
  return serial(async () => {
    const pending = await listPending(dataDir);
    const wanted = fingerprint.toLowerCase().replace(/:/g, '');
    const found = pending.find((p) => p.certificate.fingerprintSha256 === wanted);
    if (!found) return undefined;
    await save(
      dataDir,
      pending.filter((p) => p !== found),
    );
    return found;
  });
}
