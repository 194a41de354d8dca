/**
 * `meeting/<id>/control`: written by the server only (clients are read-only). One module per
 * top-level part, each with its typed view, its one reader and the server's writers:
 *
 * | part | Y type | holds | module |
 * |---|---|---|---|
 * | `meta` | Y.Map | schemaVersion, title, startsAt (ISO), location | meta.ts |
 * | `agenda` | Y.Array of Y.Map | items in order: id, title, documents (a plain array of AgendaDocument), documentHistory (DocumentVersion[]) | agenda.ts |
 * | `attendance` | Y.Map memberId → Y.Map | the roster: status ('present' \| 'absent'), at, role, votes | attendance.ts |
 * | `polls` | Y.Map pollId → Y.Map | the PollView fields; named voters as a nested map, a secret roll only from close on | polls.ts |
 * | `presenter` | Y.Map | follow mode: memberId, memberName, documentSha256, page, zoom, at | presenter.ts |
 * | `speakers` | Y.Map itemId → plain object | each agenda item's speakers list (queue, who speaks, who spoke, limit) | speakers.ts |
 * | `elections` | Y.Map electionId → plain object | each election's live view: ballots received vs issued, counts once confirmed | elections.ts |
 * | `minutes` | Y.Map | status ('draft' \| 'final' \| 'signed-secretary' \| 'signed'), pdfSha256, finalSha256, finalizedAt, finalizedBy, signatures | minutes.ts |
 *
 * Readers never throw on a malformed or partial document: they skip what they cannot read and
 * return defaults, because a client cannot repair the document anyway. `schemaVersion` moves
 * only through migrations.ts.
 */
import type * as Y from 'yjs';
import type { AttendanceView, PollView } from '../../api/votes';
import { agendaArray, readAgenda, type AgendaItem } from './agenda';
import { electionsMap, readElections, type ElectionLive } from './elections';
import { attendanceMap, readAttendanceView } from './attendance';
import { metaMap, readControlMeta, type ControlMeta } from './meta';
import { minutesMap, readMinutesState, type MinutesState } from './minutes';
import { pollsMap, readPolls } from './polls';
import { presenterMap, readPresenterView, type PresenterView } from './presenter';
import { readSpeakers, speakersMap } from './speakers';
import type { FloorState } from '../../speakers/floor';

export { CONTROL_SCHEMA_VERSION } from './meta';

/** The view each part reads as. */
export interface ControlViews {
  meta: ControlMeta;
  agenda: AgendaItem[];
  attendance: AttendanceView;
  polls: PollView[];
  presenter: PresenterView;
  speakers: Record<string, FloorState>;
  minutes: MinutesState;
  elections: Record<string, ElectionLive>;
}

export type ControlPart = keyof ControlViews;

interface PartSchema<T> {
  /** The part's top-level Y type (observe it deeply to see every change of the part). */
  type(doc: Y.Doc): Y.Map<unknown> | Y.Array<unknown>;
  read(doc: Y.Doc): T;
}

/** Every part of the control document: its Y type and its one reader. */
export const CONTROL_PARTS: { readonly [P in ControlPart]: PartSchema<ControlViews[P]> } = {
  meta: { type: metaMap, read: readControlMeta },
  agenda: { type: agendaArray, read: readAgenda },
  attendance: { type: attendanceMap, read: readAttendanceView },
  polls: { type: pollsMap, read: readPolls },
  presenter: { type: presenterMap, read: readPresenterView },
  speakers: { type: speakersMap, read: readSpeakers },
  minutes: { type: minutesMap, read: readMinutesState },
  elections: { type: electionsMap, read: readElections },
};

export const CONTROL_PART_NAMES = Object.keys(CONTROL_PARTS) as ControlPart[];

export function readControlPart<P extends ControlPart>(doc: Y.Doc, part: P): ControlViews[P] {
  return CONTROL_PARTS[part].read(doc);
}

/** Calls `listener` after each transaction that changed `part` (and only that part). */
export function observeControlPart(
  doc: Y.Doc,
  part: ControlPart,
  listener: () => void,
): () => void {
  const type = CONTROL_PARTS[part].type(doc);
  const handler = (): void => listener();
  type.observeDeep(handler);
  return () => type.unobserveDeep(handler);
}

export type { AgendaDocument, AgendaItem, DocumentVersion } from './agenda';
export { documentIdOf } from './agenda';
export type { ElectionLive, ElectionRoundLive } from './elections';
export type { ControlMeta } from './meta';
export type { MinutesField, MinutesSignatureRecord, MinutesState, MinutesStatus } from './minutes';
export type { PresenterPosition, PresenterView } from './presenter';
