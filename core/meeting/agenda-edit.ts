/**
 * Editing a meeting's agenda once it exists (the chair or secretary: agenda.edit): rename an
 * item, move it, remove it. Pure: the server decides by these and mirrors the result. An item
 * that already carries the meeting's record — an attached document, a poll, a speakers list —
 * is never removed (rename or move it instead), so nothing that happened loses its place.
 */
import { CodedError } from '../errors/coded-error';

export interface AgendaEntry {
  id: string;
  title: string;
}

export type AgendaEdit =
  | { kind: 'rename'; itemId: string; title: string }
  | { kind: 'move'; itemId: string; index: number }
  | { kind: 'remove'; itemId: string };

export type AgendaEditErrorCode = 'agenda-item-not-found' | 'agenda-item-in-use';

export class AgendaEditError extends CodedError<AgendaEditErrorCode> {
  override name = 'AgendaEditError';
}

/**
 * The agenda after `edit`; `inUse(itemId)` tells whether an item holds documents, polls or
 * speeches. The argument is left untouched.
 */
export function editAgenda(
  agenda: readonly AgendaEntry[],
  edit: AgendaEdit,
  inUse: (itemId: string) => boolean,
): AgendaEntry[] {
  const at = agenda.findIndex((item) => item.id === edit.itemId);
  if (at < 0) throw new AgendaEditError('agenda-item-not-found', 'No such agenda item.');
  const items = [...agenda];
  switch (edit.kind) {
    case 'rename':
      items[at] = { ...agenda[at]!, title: edit.title };
      return items;
    case 'move': {
      const [moving] = items.splice(at, 1);
      const to = Math.max(0, Math.min(items.length, Math.trunc(edit.index)));
      items.splice(to, 0, moving!);
      return items;
    }
    case 'remove':
      if (inUse(edit.itemId))
        throw new AgendaEditError(
          'agenda-item-in-use',
          'This item already has documents, polls or speeches; rename or move it instead.',
        );
      items.splice(at, 1);
      return items;
  }
}
