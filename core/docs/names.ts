/**
 * Names of the Yjs documents of a meeting. One meeting is several documents split by who may
 * write them (DESIGN.md): the name says which kind, and the server authorizes by it.
 */

export type DocKind = 'control' | 'shared' | 'private';

export type DocName =
  | { kind: 'control'; meetingId: string }
  | { kind: 'shared'; meetingId: string }
  | { kind: 'private'; meetingId: string; memberId: string };

const ID = '[A-Za-z0-9_-]{1,64}';
const PATTERN = new RegExp(`^meeting/(${ID})/(?:(control)|(shared)|private/(${ID}))$`);

/** True for a meeting or member id: 1–64 of A–Z, a–z, 0–9, `_`, `-`. */
export function isDocId(value: string): boolean {
  return new RegExp(`^${ID}$`).test(value);
}

/** Parses `meeting/<id>/control|shared|private/<memberId>`; anything else gives null. */
export function parseDocName(name: string): DocName | null {
  const match = PATTERN.exec(name);
  if (!match) return null;
  const meetingId = match[1] as string;
  if (match[2] !== undefined) return { kind: 'control', meetingId };
  if (match[3] !== undefined) return { kind: 'shared', meetingId };
  return { kind: 'private', meetingId, memberId: match[4] as string };
}

/** Formats a document name; throws on ids that parseDocName would refuse. */
export function formatDocName(doc: DocName): string {
  const name =
    doc.kind === 'private'
      ? `meeting/${doc.meetingId}/private/${doc.memberId}`
      : `meeting/${doc.meetingId}/${doc.kind}`;
  if (parseDocName(name) === null)
    throw new RangeError(`not a valid document name: ${JSON.stringify(name)}`);
  return name;
}

export const controlDocName = (meetingId: string): string =>
  formatDocName({ kind: 'control', meetingId });
export const sharedDocName = (meetingId: string): string =>
  formatDocName({ kind: 'shared', meetingId });
export const privateDocName = (meetingId: string, memberId: string): string =>
  formatDocName({ kind: 'private', meetingId, memberId });
