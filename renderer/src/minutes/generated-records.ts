/**
 * The records the read-only generated sections show, live: the meeting's members (with their
 * positions) and the control document's attendance and published polls.
 */
import { createContext, useContext } from 'react';
import type { GeneratedAttendee, GeneratedVote } from '../../../core/minutes/generated-view';

export interface GeneratedRecords {
  attendance: readonly GeneratedAttendee[];
  votes: readonly GeneratedVote[];
  /** False until the members have been fetched. */
  ready: boolean;
}

export const GeneratedRecordsContext = createContext<GeneratedRecords>({
  attendance: [],
  votes: [],
  ready: false,
});

export const useGeneratedRecords = (): GeneratedRecords => useContext(GeneratedRecordsContext);
