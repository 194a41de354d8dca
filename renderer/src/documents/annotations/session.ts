import { AnnotationHistory } from '../../../../core/annotations/history';
import { AnnotationError, type AnnotationAuthor } from '../../../../core/annotations/model';
import type { AnnotationDocs, EditContext } from '../../../../core/annotations/store';
import type { MeetingDocs } from '../../collab/meeting-docs';

/**
 * One member's annotation editing in one open meeting: their two documents, the local origin
 * every edit carries (so undo touches only their own edits) and the undo history. One per
 * MeetingDocs, so the history survives switching between documents of the meeting.
 */
export interface AnnotationSession {
  docs: AnnotationDocs;
  author: AnnotationAuthor;
  history: AnnotationHistory;
  /** Whether this member may write the shared document (observers may not). */
  canShare: boolean;
  context(): EditContext;
}

const sessions = new WeakMap<MeetingDocs, AnnotationSession>();

export function annotationSession(
  meetingDocs: MeetingDocs,
  author: AnnotationAuthor,
  canShare: boolean,
): AnnotationSession {
  const existing = sessions.get(meetingDocs);
  if (existing && existing.author.memberId === author.memberId) return existing;
  const docs = { shared: meetingDocs.doc('shared'), private: meetingDocs.doc('private') };
  const origin = { annotationsOf: author.memberId };
  const session: AnnotationSession = {
    docs,
    author,
    history: new AnnotationHistory(docs, origin),
    canShare,
    context: () => ({ actor: author, now: new Date().toISOString(), origin }),
  };
  sessions.set(meetingDocs, session);
  return session;
}

/** Runs an edit; a refusal comes back as a value (shown with errorMessage) instead of an exception. */
export function tryEdit(edit: () => void): AnnotationError | null {
  try {
    edit();
    return null;
  } catch (error) {
    if (error instanceof AnnotationError) return error;
    throw error;
  }
}

/** A fresh annotation id (ids are 1–64 of A–Z a–z 0–9 _ -). */
export const newAnnotationId = (): string => crypto.randomUUID();
