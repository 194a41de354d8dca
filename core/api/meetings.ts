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
