import { isMeetingRole, type MeetingRole } from '../roles/permissions';
import { CodedError } from '../errors/coded-error';
/** HTTP API shapes for meetings, shared by the server (which validates) and the clients. */

export interface AgendaItemSummary {
  id: string;
  title: string;
}

export interface MeetingSummary {
  id: string;
  title: string;
  /** ISO 8601 start time. */
  startsAt: string;
  location: string;
  agenda: AgendaItemSummary[];
}

/** Every API error body has this shape: a stable code for programs, a message for people. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

/** A meeting as the HTTP API returns it to one member: with their role in it. */
export interface MeetingView extends MeetingSummary, MeetingSettings {
  organisation: string;
  /** The caller's role here; null for an administrator who is not a member. */
  myRole: MeetingRole | null;
}

export interface MeetingMemberView {
  id: string;
  name: string;
  email: string;
  role: MeetingRole;
  /** The member's position (chức vụ), printed in the minutes; null when none is recorded. */
  position: string | null;
}

/** What the minutes print from the meeting's settings; null when not set. */
export interface MeetingSettings {
  /** Số, ký hiệu of the biên bản, e.g. "12/BB-UBND". */
  documentNumber: string | null;
  /** The place (địa danh) on the date line, e.g. "Hà Nội". */
  place: string | null;
}

export interface MeetingDraft extends Partial<MeetingSettings> {
  title: string;
  startsAt: string;
  location: string;
  organisation: string;
  agenda: string[];
}

/** Input the client got wrong: a stable code, the field, a message. */
export class ApiValidationError extends CodedError {
  override readonly name = 'ApiValidationError';
  constructor(
    code: string,
    readonly field: string,
    message: string,
  ) {
    super(code, message);
  }
}

function text(body: Record<string, unknown>, field: string, max: number, optional = false): string {
  const value = body[field];
  if (value === undefined && optional) return '';
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw new ApiValidationError(
      'invalid-field',
      field,
      `${field} must be text of 1–${max} characters.`,
    );
  }
  return value.trim().normalize('NFC');
}

/** Validates a new meeting from untrusted JSON. */
export function parseMeetingDraft(body: unknown): MeetingDraft {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiValidationError('invalid-body', '', 'Expected a JSON object.');
  }
  const record = body as Record<string, unknown>;
  const startsAt = text(record, 'startsAt', 40);
  if (Number.isNaN(Date.parse(startsAt))) {
    throw new ApiValidationError(
      'invalid-field',
      'startsAt',
      'startsAt must be an ISO 8601 date and time.',
    );
  }
  const agenda = record.agenda ?? [];
  if (!Array.isArray(agenda) || agenda.length > 100) {
    throw new ApiValidationError(
      'invalid-field',
      'agenda',
      'agenda must be a list of at most 100 titles.',
    );
  }
  return {
    title: text(record, 'title', 300),
    startsAt: new Date(startsAt).toISOString(),
    location: text(record, 'location', 300),
    organisation: text(record, 'organisation', 300, true),
    agenda: agenda.map((item, i) => text({ [`agenda[${i}]`]: item }, `agenda[${i}]`, 500)),
    documentNumber: setting(record, 'documentNumber', 60),
    place: setting(record, 'place', 100),
  };
}

/** An optional setting: absent or null is none; otherwise 1–max characters of one line. */
function setting(record: Record<string, unknown>, field: string, max: number): string | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && /[\r\n]/.test(value))
    throw new ApiValidationError('invalid-field', field, `${field} must be one line.`);
  return text(record, field, max);
}

/** `PUT /api/meetings/:id/settings`: the settings given change (null clears one), the rest stay. */
export type MeetingSettingsPatch = Partial<MeetingSettings>;

const SETTINGS_FIELDS: readonly (keyof MeetingSettings)[] = ['documentNumber', 'place'];

/** Validates a settings change from untrusted JSON. */
export function parseMeetingSettingsPatch(body: unknown): MeetingSettingsPatch {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiValidationError('invalid-body', '', 'Expected a JSON object.');
  const record = body as Record<string, unknown>;
  for (const key of Object.keys(record))
    if (!(SETTINGS_FIELDS as readonly string[]).includes(key))
      throw new ApiValidationError('unknown-field', key, `${key} is not a meeting setting.`);
  const patch: MeetingSettingsPatch = {};
  if ('documentNumber' in record) patch.documentNumber = setting(record, 'documentNumber', 60);
  if ('place' in record) patch.place = setting(record, 'place', 100);
  return patch;
}

/** `PUT /api/members/:memberId/position`: `{ position }`, null or "" clears it. */
export interface MemberPositionRequest {
  position: string | null;
}

/** Validates a position change from untrusted JSON. */
export function parseMemberPositionRequest(body: unknown): MemberPositionRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiValidationError('invalid-body', '', 'Expected a JSON object.');
  const record = body as Record<string, unknown>;
  if (record.position === '') return { position: null };
  return { position: setting(record, 'position', 200) };
}

/** A member's record as the admin sees it after a change. */
export interface MemberPositionView {
  id: string;
  name: string;
  position: string | null;
}

/** Validates an agenda item title from untrusted JSON (`{ title }`). */
export function parseAgendaItemDraft(body: unknown): { title: string } {
  if (typeof body !== 'object' || body === null)
    throw new ApiValidationError('invalid-body', '', 'Expected a JSON object.');
  return { title: text(body as Record<string, unknown>, 'title', 500) };
}

/** `PUT /api/meetings/:id/members/:memberId`: the member's role in the meeting. */
export interface MemberRoleRequest {
  role: MeetingRole;
}

/** Validates a role change from untrusted JSON (`{ role }`). */
export function parseMemberRoleRequest(body: unknown): MemberRoleRequest {
  const role = (body as { role?: unknown } | null)?.role;
  if (!isMeetingRole(role))
    throw new ApiValidationError(
      'invalid-field',
      'role',
      'role must be chair, secretary, delegate or observer.',
    );
  return { role };
}

/** `DELETE /api/meetings/:id/members/:memberId`. */
export interface MemberRemoved {
  id: string;
  removed: true;
}
