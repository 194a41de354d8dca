import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic as writeAtomic } from '../../node-shared/atomic-write';
import type { MeetingDraft } from '../../core/api/meetings';
import {
  buildP12,
  certificateDerFromPem,
  createCa,
  issueMemberCertificate,
  issueServerCertificate,
  parseCertificate,
  type CertificateWithKey,
} from '../../core/identity';
import type { MeetingRole } from '../../core/roles/permissions';
import { nodeKeyPairGenerator } from '../crypto/node-crypto';
import { identityPaths } from '../identity/data-dir';
import type { MemberDirectory, MemberRecord } from '../identity/members';
import { newId } from '../ids';
import { mirrorMeeting } from '../meetings/control-mirror';
import type { MeetingDirectory, MeetingRecord } from '../meetings/directory';
import type { Rooms } from '../rooms/manager';
import { mirrorRoster } from '../attendance/mirror';
import type { AuditLog, RecordStore } from '../store/types';
import { CodedError } from '../../core/errors/coded-error';

/** What an operator can do with a data directory; the admin CLI and demo seeding both use it. */
export interface AdminContext {
  dataDir: string;
  members: MemberDirectory;
  meetings: MeetingDirectory;
  rooms: Rooms;
  audit: AuditLog;
  records: RecordStore;
  now?: Date;
}

export class AdminError extends CodedError<'ca-exists' | 'ca-missing' | 'bad-argument'> {
  override readonly name = 'AdminError';
}

/** Writes a file atomically, creating its folder; see node-shared/atomic-write.ts. Private by default. */
export function writeFileAtomic(
  file: string,
  data: Uint8Array | string,
  mode = 0o600,
): Promise<void> {
  return writeAtomic(file, data, { mode, createDirs: true });
}

export function hasCa(dataDir: string): boolean {
  return existsSync(identityPaths(dataDir).caCert);
}

/** Creates the organisation CA and trusts it for login. */
export async function initCa(
  dataDir: string,
  options: { commonName: string; organisation: string; validDays: number; now?: Date },
): Promise<CertificateWithKey> {
  if (hasCa(dataDir))
    throw new AdminError(
      'ca-exists',
      `A CA already exists in ${dataDir}; it is never overwritten.`,
    );
  const ca = await createCa({
    ...options,
    now: options.now ?? new Date(),
    generateKeyPair: nodeKeyPairGenerator,
  });
  const paths = identityPaths(dataDir);
  await writeFileAtomic(paths.caKey, ca.privateKeyPem, 0o600);
  await writeFileAtomic(paths.caCert, ca.certificatePem);
  await writeFileAtomic(path.join(paths.trustDir, 'own-ca.pem'), ca.certificatePem);
  return ca;
}

export async function loadCa(dataDir: string): Promise<CertificateWithKey> {
  const paths = identityPaths(dataDir);
  if (!hasCa(dataDir))
    throw new AdminError('ca-missing', `No CA in ${dataDir}: run "admin ca init" first.`);
  return {
    certificatePem: await readFile(paths.caCert, 'utf8'),
    privateKeyPem: await readFile(paths.caKey, 'utf8'),
  };
}

/**
 * Issues the sync server's TLS certificate from the organisation CA and writes it (followed by
 * the CA certificate, so clients get the whole chain) and its key (0600). The data directory's
 * store is not opened: this works while the server runs, and a restart picks the files up.
 */
export async function issueServerCert(
  dataDir: string,
  input: {
    hosts: string[];
    ips: string[];
    validDays: number;
    certFile: string;
    keyFile: string;
    now?: Date;
  },
): Promise<{ certificatePem: string }> {
  const ca = await loadCa(dataDir);
  const issued = await issueServerCertificate({
    ca,
    hosts: input.hosts,
    ips: input.ips,
    validDays: input.validDays,
    now: input.now ?? new Date(),
    generateKeyPair: nodeKeyPairGenerator,
  });
  await writeFileAtomic(input.keyFile, issued.privateKeyPem, 0o600);
  await writeFileAtomic(
    input.certFile,
    `${issued.certificatePem.trim()}\n${ca.certificatePem.trim()}\n`,
    0o644,
  );
  return { certificatePem: issued.certificatePem };
}

export interface NewMember {
  id?: string;
  name: string;
  email: string;
  organisation?: string;
  isAdmin?: boolean;
  validDays?: number;
  password: string;
}

/** Issues a certificate and .p12 for a new member and registers them; returns the .p12 bytes. */
export async function addMember(
  ctx: AdminContext,
  ca: CertificateWithKey,
  input: NewMember,
): Promise<{ member: MemberRecord; p12: Uint8Array }> {
  if (input.password.length < 4)
    throw new AdminError('bad-argument', 'The .p12 password must have at least 4 characters.');
  const issued = await issueMemberCertificate({
    ca,
    name: input.name.normalize('NFC'),
    email: input.email,
    ...(input.organisation ? { organisation: input.organisation } : {}),
    validDays: input.validDays ?? 730,
    now: ctx.now ?? new Date(),
    generateKeyPair: nodeKeyPairGenerator,
  });
  const info = parseCertificate(certificateDerFromPem(issued.certificatePem));
  const member = await ctx.members.add({
    id: input.id ?? newId('m'),
    name: info.subjectCommonName,
    email: input.email,
    isAdmin: input.isAdmin ?? false,
    certificates: [info.fingerprintSha256Hex],
  });
  const p12 = buildP12({
    certificatePem: issued.certificatePem,
    privateKeyPem: issued.privateKeyPem,
    chainPem: [ca.certificatePem],
    password: input.password,
    friendlyName: member.name,
  });
  await ctx.audit.appendAudit({
    at: new Date().toISOString(),
    action: 'member.add',
    target: member.id,
    by: 'admin-cli',
  });
  return { member, p12 };
}

/** Creates a meeting with its members' roles and publishes it to its control document. */
export async function createMeeting(
  ctx: AdminContext,
  draft: MeetingDraft,
  roles: readonly { memberId: string; role: MeetingRole }[],
  id?: string,
): Promise<MeetingRecord> {
  for (const { memberId } of roles) {
    if (!(await ctx.members.get(memberId)))
      throw new AdminError('bad-argument', `No member ${memberId}.`);
  }
  const meeting = await ctx.meetings.create(draft, id ? { id } : {});
  for (const { memberId, role } of roles) await ctx.meetings.setRole(meeting.id, memberId, role);
  await mirrorMeeting(ctx.rooms, meeting);
  await mirrorRoster({ rooms: ctx.rooms, store: ctx.records, meetings: ctx.meetings }, meeting.id);
  await ctx.audit.appendAudit({
    at: new Date().toISOString(),
    action: 'meeting.create',
    meetingId: meeting.id,
    by: 'admin-cli',
  });
  return meeting;
}
