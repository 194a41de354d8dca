import type { PollView } from '../../../core/api/votes';
import { readPolls } from '../../../core/docs/polls';
import { useMeetingView } from '../collab/MeetingDocsContext';

const NONE: PollView[] = [];

/** Every poll of the meeting from the live control document, oldest first. */
export function usePolls(): PollView[] {
  return useMeetingView((d) => (d.synced('control') ? readPolls(d.doc('control')) : NONE), NONE);
}
