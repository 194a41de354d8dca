import { writeAgendaItems } from '../../core/docs/control/agenda';
import { writeControlMeta } from '../../core/docs/control/meta';
import type { Rooms } from '../rooms/manager';
import { transactControl } from './control-doc';
import type { MeetingRecord } from './directory';

/**
 * Writes a meeting's metadata and agenda into its control document, so every client sees
 * them live. Items keep their Y.Map (and their attached documents) when only titles change.
 */
export function mirrorMeeting(rooms: Rooms, meeting: MeetingRecord): Promise<void> {
  return transactControl(rooms, meeting.id, (doc) => {
    const { title, startsAt, location } = meeting;
    writeControlMeta(doc, { title, startsAt, location });
    writeAgendaItems(doc, meeting.agenda);
  });
}
