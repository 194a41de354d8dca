import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useRoom } from '../../room-context/RoomContext';
import type { ViewerZoom } from '../viewer/zoom';
import { presenterApi } from './api';
import { FollowBar } from './FollowBar';
import { useFollow } from './FollowContext';
import './follow.css';

export interface FollowViewer {
  page: number;
  zoom: ViewerZoom;
  onPageChange: (pageIndex: number) => void;
  onZoomChange: (zoom: ViewerZoom) => void;
  /** Go to a page on one's own (side list, links): detaches from the presenter. */
  jumpTo: (pageIndex: number) => void;
  bar: ReactNode;
}

/** After the viewer is told to move, its own page reports are the move settling, not the user. */
const SETTLE_MS = 1200;
const PUBLISH_DEBOUNCE_MS = 250;

/**
 * Follow mode for one open document: a follower's viewer goes where the presenter is; scrolling
 * away (or the button) detaches; the presenter's viewer publishes its page and zoom.
 */
export function useFollowViewer(documentSha256: string): FollowViewer {
  const follow = useFollow();
  const { meeting } = useRoom();
  const [localPage, setLocalPage] = useState(0);
  const [localZoom, setLocalZoom] = useState<ViewerZoom>('page-width');
  // A follower's own zoom while following (small screen, poor eyes): kept until they choose the
  // presenter's again, and it does not detach them from the presenter's page.
  const [ownZoom, setOwnZoom] = useState<ViewerZoom | null>(null);
  const [publishError, setPublishError] = useState<string | null>(null);
  const settleUntil = useRef(0);

  const presenter = follow?.presenter ?? null;
  const tracking =
    follow?.following === true &&
    presenter?.documentSha256 === documentSha256 &&
    presenter.page !== null;
  const page = tracking ? (presenter?.page ?? 0) : localPage;
  const presenterZoom: ViewerZoom | null = presenter?.zoom ?? presenter?.fit ?? null;
  const zoom: ViewerZoom = tracking ? (ownZoom ?? presenterZoom ?? localZoom) : localZoom;

  const setOpenDocument = follow?.setOpenDocument;
  useEffect(() => {
    setOpenDocument?.(documentSha256);
    return () => setOpenDocument?.(null);
  }, [setOpenDocument, documentSha256]);

  useEffect(() => {
    settleUntil.current = Date.now() + SETTLE_MS;
  }, [page, zoom, documentSha256]);

  const setFollowing = follow?.setFollowing;
  const onPageChange = useCallback(
    (pageIndex: number) => {
      setLocalPage(pageIndex);
      if (tracking && pageIndex !== page && Date.now() > settleUntil.current) setFollowing?.(false);
    },
    [tracking, page, setFollowing],
  );
  const onZoomChange = useCallback(
    (z: ViewerZoom) => {
      setLocalZoom(z);
      if (tracking) setOwnZoom(z);
    },
    [tracking],
  );
  const jumpTo = useCallback(
    (pageIndex: number) => {
      setFollowing?.(false);
      setLocalPage(pageIndex);
    },
    [setFollowing],
  );

  /** Publishes this viewer's position as the presenter's (taking over, for the chair). */
  const present = useCallback(() => {
    presenterApi
      .setPosition(meeting.id, {
        documentSha256,
        page: localPage,
        zoom: typeof localZoom === 'number' ? localZoom : null,
        fit: typeof localZoom === 'number' ? null : localZoom,
      })
      .then(
        () => setPublishError(null),
        () => setPublishError('follow.error.generic'),
      );
  }, [meeting.id, documentSha256, localPage, localZoom]);

  // The presenter publishes (debounced) where they are.
  const isPresenter = follow?.isPresenter === true;
  useEffect(() => {
    if (!isPresenter) return;
    const timer = setTimeout(present, PUBLISH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [isPresenter, present]);

  const bar = follow ? (
    <FollowBar
      follow={follow}
      tracking={tracking}
      documentSha256={documentSha256}
      onPresent={present}
      onStop={() => {
        presenterApi.stop(meeting.id).then(
          () => setPublishError(null),
          () => setPublishError('follow.error.generic'),
        );
      }}
      error={publishError}
      ownZoom={tracking && ownZoom !== null}
      onPresenterZoom={() => setOwnZoom(null)}
    />
  ) : null;
  return { page, zoom, onPageChange, onZoomChange, jumpTo, bar };
}
