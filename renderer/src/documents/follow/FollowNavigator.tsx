import { useEffect } from 'react';
import { useControlPart } from '../../collab/MeetingDocsContext';
import { useFollowedDocument } from './FollowContext';

/** The agenda item holding document `sha256`, if any. */
export function useItemHolding(sha256: string | null): { id: string; title: string } | null {
  const agenda = useControlPart('agenda');
  if (!sha256) return null;
  return agenda?.find((i) => i.documents.some((doc) => doc.sha256 === sha256)) ?? null;
}

/**
 * While a member follows, shows the agenda item holding the presenter's document (the item's
 * documents section then opens it, see useFollowOpen). Renders nothing.
 */
export function FollowNavigator({
  itemId,
  onShowItem,
}: {
  itemId: string | undefined;
  onShowItem: (itemId: string) => void;
}) {
  const holder = useItemHolding(useFollowedDocument())?.id ?? null;
  useEffect(() => {
    if (holder && holder !== itemId) onShowItem(holder);
  }, [holder, itemId, onShowItem]);
  return null;
}

/** In an item's documents section: opens the presenter's document when the member follows. */
export function useFollowOpen(
  documents: readonly { sha256: string }[],
  openSha: string | null,
  open: (sha256: string) => void,
): void {
  const sha256 = useFollowedDocument();
  const here = sha256 !== null && documents.some((d) => d.sha256 === sha256);
  useEffect(() => {
    if (here && sha256 !== openSha) open(sha256);
  }, [here, sha256, openSha, open]);
}
