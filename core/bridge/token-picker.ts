/**
 * The token picker's rules (pure): which certificates on the plugged-in tokens a member may sign
 * with, why the others may not, and in what order they are shown. The desktop's signing dialog
 * draws what this returns; the main process still checks everything again when it signs.
 */
import type { TokenCertificate, TokenKeyRef, TokenList, TokenSummary } from './contract';

/** Why a certificate cannot be chosen. */
export type TokenChoiceProblem =
  /** notAfter is past. */
  | 'expired'
  /** notBefore is still to come. */
  | 'not-yet-valid'
  /** The token shows its keys without a PIN and none has this certificate's id. */
  | 'key-missing';

export interface TokenChoice {
  /** Stable within one list: slot and key id (what the dialog keeps as the selection). */
  id: string;
  slot: string;
  tokenLabel: string;
  certificate: TokenCertificate;
  problems: TokenChoiceProblem[];
  selectable: boolean;
}

const KEY_ID = /^([0-9a-f]{2}){1,64}$/i;

/**
 * Whether the key of a certificate is on the token, as far as can be told without the PIN:
 * 'unknown' when the token hides every key until login (the signer then answers
 * token-key-not-found after the PIN if it is not there).
 */
export function keyPresence(
  token: Pick<TokenSummary, 'keyIds'>,
  certificate: Pick<TokenCertificate, 'keyId'>,
): 'present' | 'missing' | 'unknown' {
  // Without an id no key can be named to sign with.
  if (!KEY_ID.test(certificate.keyId)) return 'missing';
  const wanted = certificate.keyId.toLowerCase();
  if (token.keyIds.some((id) => id.toLowerCase() === wanted)) return 'present';
  return token.keyIds.length > 0 ? 'missing' : 'unknown';
}

export function choiceProblems(
  token: Pick<TokenSummary, 'keyIds'>,
  certificate: TokenCertificate,
  now: Date,
): TokenChoiceProblem[] {
  const problems: TokenChoiceProblem[] = [];
  const at = now.getTime();
  if (Date.parse(certificate.notAfter) < at) problems.push('expired');
  if (Date.parse(certificate.notBefore) > at) problems.push('not-yet-valid');
  if (keyPresence(token, certificate) === 'missing') problems.push('key-missing');
  return problems;
}

const byName = (a: string, b: string) => a.localeCompare(b, 'vi', { sensitivity: 'base' });

/**
 * Every certificate of every token as a choice. Order: selectable ones first; among equals by
 * token label, then the holder's name (Vietnamese collation), then the one valid longest first.
 */
export function tokenChoices(list: TokenList, now: Date): TokenChoice[] {
  const choices = list.tokens.flatMap((token) =>
    token.certificates.map((certificate): TokenChoice => {
      const problems = choiceProblems(token, certificate, now);
      return {
        id: `${token.slot}:${certificate.keyId}:${certificate.fingerprintSha256}`,
        slot: token.slot,
        tokenLabel: token.tokenLabel,
        certificate,
        problems,
        selectable: problems.length === 0,
      };
    }),
  );
  return choices.sort(
    (a, b) =>
      Number(b.selectable) - Number(a.selectable) ||
      byName(a.tokenLabel, b.tokenLabel) ||
      byName(a.certificate.subjectCommonName, b.certificate.subjectCommonName) ||
      Date.parse(b.certificate.notAfter) - Date.parse(a.certificate.notAfter) ||
      a.id.localeCompare(b.id),
  );
}

/**
 * The choice to preselect: the first selectable one whose holder is the signing member, else
 * the first selectable one; null when none may be chosen.
 */
export function preselectedChoice(
  choices: readonly TokenChoice[],
  memberName: string,
): TokenChoice | null {
  const selectable = choices.filter((c) => c.selectable);
  const own = selectable.find(
    (c) => c.certificate.subjectCommonName.normalize('NFC') === memberName.normalize('NFC'),
  );
  return own ?? selectable[0] ?? null;
}

/** What signPdf is given for a choice: slot and label name the token, the id names the key. */
export function tokenKeyRef(choice: TokenChoice): TokenKeyRef {
  return { keyId: choice.certificate.keyId, slot: choice.slot, tokenLabel: choice.tokenLabel };
}
