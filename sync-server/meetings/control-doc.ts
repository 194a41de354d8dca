import type * as Y from 'yjs';
import { migrateControl } from '../../core/docs/control/migrations';
import { controlDocName } from '../../core/docs/names';
import type { Rooms } from '../rooms/manager';

/**
 * The one way the server writes a meeting's control document: brings it to the current schema
 * first, then runs `fn` (core/docs/control writers). A document newer than this server is
 * refused with a ControlSchemaError (`control-schema-newer`) before anything is written.
 */
export function transactControl(
  rooms: Rooms,
  meetingId: string,
  fn: (doc: Y.Doc) => void,
): Promise<void> {
  return rooms.transact(controlDocName(meetingId), (doc) => {
    migrateControl(doc);
    fn(doc);
  });
}
