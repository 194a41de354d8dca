/**
 * What stands above a signature and what the "Nơi nhận" block says, as text (Decree 30/2020,
 * Phụ lục I): pure functions of the minutes data, so tables test the wording and the renderer
 * only places it.
 */
import { LABELS } from './labels';
import type {
  MinutesPerson,
  MinutesRecipients,
  SigningAuthority,
  SigningAuthorityKind,
} from './types';

/** The prefixes as printed, one per kind ("TM." thay mặt, "KT." ký thay, …). */
export const AUTHORITY_PREFIXES: Readonly<Record<SigningAuthorityKind, string>> = {
  TM: 'TM.',
  KT: 'KT.',
  TL: 'TL.',
  TUQ: 'TUQ.',
};

export const SIGNING_AUTHORITY_KINDS = Object.keys(AUTHORITY_PREFIXES) as SigningAuthorityKind[];

export const isSigningAuthorityKind = (v: unknown): v is SigningAuthorityKind =>
  typeof v === 'string' && (SIGNING_AUTHORITY_KINDS as readonly string[]).includes(v);

const upper = (s: string) => s.toLocaleUpperCase('vi');

/**
 * The upper-case lines above a signer's field. Plain: the meeting role ("CHỦ TỌA"). With an
 * authority: "TM. BAN CHẤP HÀNH" (or "KT. CHỦ TỊCH", …), then the signer's own position — their
 * chức vụ when recorded, else the meeting role.
 */
export function signatureBlockTitle(meetingRoleTitle: string, person: MinutesPerson): string[] {
  const authority: SigningAuthority | undefined = person.authority;
  if (!authority) return [upper(meetingRoleTitle)];
  return [
    `${AUTHORITY_PREFIXES[authority.kind]} ${upper(authority.onBehalfOf)}`,
    upper(person.role ?? meetingRoleTitle),
  ];
}

/**
 * The "Nơi nhận" list: "- X;" per recipient and "- Lưu: …." last; the last line ends with a
 * full stop. Nothing given: no lines (the block is left out, never invented).
 */
export function recipientLines(recipients: MinutesRecipients | undefined): string[] {
  if (!recipients) return [];
  const lines = recipients.to.map((r) => `- ${r}`);
  if (recipients.archive) lines.push(`- ${LABELS.archive} ${recipients.archive}`);
  return lines.map((l, i) => `${l.replace(/[.;,]+$/, '')}${i === lines.length - 1 ? '.' : ';'}`);
}
