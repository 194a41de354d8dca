import * as Y from 'yjs';
import { CONTROL_SCHEMA_VERSION, controlAgenda, controlMap } from '../../core/docs/control';
import { controlDocName } from '../../core/docs/names';
import type { Rooms } from '../rooms/manager';
import type { MeetingRecord } from './directory';

/**
 * Writes a meeting's metadata and agenda into its control document, so every client sees
 * them live. Items keep their Y.Map (and their attached documents) when only titles change.
 */
export function mirrorMeeting(rooms: Rooms, meeting: MeetingRecord): Promise<void> {
  return rooms.transact(controlDocName(meeting.id), (doc) => {
    const meta = controlMap(doc, 'meta');
    meta.set('schemaVersion', CONTROL_SCHEMA_VERSION);
    if (meta.get('title') !== meeting.title) meta.set('title', meeting.title);
    if (meta.get('startsAt') !== meeting.startsAt) meta.set('startsAt', meeting.startsAt);
    if (meta.get('location') !== meeting.location) meta.set('location', meeting.location);

    const agenda = controlAgenda(doc);
    const existing = new Map<string, Y.Map<unknown>>();
    agenda.forEach((entry) => {
      if (entry instanceof Y.Map && typeof entry.get('id') === 'string')
        existing.set(entry.get('id') as string, entry);
    });
    const wanted = new Set(meeting.agenda.map((item) => item.id));
    for (let i = agenda.length - 1; i >= 0; i--) {
      const entry = agenda.get(i);
      if (!(entry instanceof Y.Map) || !wanted.has(entry.get('id') as string)) agenda.delete(i, 1);
    }
    meeting.agenda.forEach((item) => {
      const map = existing.get(item.id);
      if (map) {
        if (map.get('title') !== item.title) map.set('title', item.title);
        return;
      }
      const created = new Y.Map<unknown>();
      created.set('id', item.id);
      created.set('title', item.title);
      created.set('documents', []);
      agenda.push([created]);
    });
  });
}
