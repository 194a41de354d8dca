/**
 * HTTP requests that edit an existing agenda (routes in routes-agenda.ts; rules in
 * core/meeting/agenda-edit.ts). The chair and the secretary may (agenda.edit).
 *
 * | route | body → answer |
 * |---|---|
 * | `PUT    /api/meetings/:id/agenda/:itemId` | AgendaRenameRequest → MeetingView |
 * | `POST   /api/meetings/:id/agenda/:itemId/move` | AgendaMoveRequest → MeetingView |
 * | `DELETE /api/meetings/:id/agenda/:itemId` | (no body) → MeetingView |
 *
 * Refusals: 404 `agenda-item-not-found`, 409 `agenda-item-in-use` (it has documents, polls or
 * speeches: rename or move it instead), 400 `invalid-field`.
 */
import { ApiValidationError, parseAgendaItemDraft } from './meetings';

export interface AgendaRenameRequest {
  title: string;
}

export interface AgendaMoveRequest {
  /** The item's new place, 0 = first (clamped to the agenda). */
  index: number;
}

export const parseAgendaRename = (body: unknown): AgendaRenameRequest => parseAgendaItemDraft(body);

export function parseAgendaMove(body: unknown): AgendaMoveRequest {
  const index = (body as { index?: unknown } | null)?.index;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > 10_000)
    throw new ApiValidationError('invalid-field', 'index', 'index must be a place from 0.');
  return { index };
}
