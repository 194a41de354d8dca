import type { PollView } from '../../../core/api/votes';
import { useControlPart } from '../collab/MeetingDocsContext';

const NONE: PollView[] = [];

/** Every poll of the meeting from the live control document, oldest first. */
export function usePolls(): PollView[] {
  return useControlPart('polls') ?? NONE;
}
