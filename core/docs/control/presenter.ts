/**
 * `presenter` (Y.Map) of the control document — follow mode: who presents (memberId,
 * memberName), what (documentSha256, page, and the zoom: a factor, or a fit to the window that
 * each follower applies to their own screen) and when it last changed (at, ISO). A key that is
 * absent reads as null; writing null deletes it (so `fit`, added later, needs no migration).
 */
import type * as Y from 'yjs';
import { readNumber, readString } from '../values';

export const PRESENTER = 'presenter';

export interface PresenterPosition {
  memberId: string | null;
  documentSha256: string | null;
  /** 0-based page index. */
  page: number | null;
  zoom: number | null;
  /** A fit mode instead of a factor (zoom is then null): each screen fits the page its own way. */
  fit: PresenterFit | null;
}

export type PresenterFit = 'page-width' | 'page-fit';
export const PRESENTER_FITS: readonly PresenterFit[] = ['page-width', 'page-fit'];

const isFit = (value: string | null): value is PresenterFit =>
  value !== null && (PRESENTER_FITS as readonly string[]).includes(value);

export interface PresenterView extends PresenterPosition {
  memberName: string | null;
  /** ISO time of the last change. */
  at: string | null;
}

export const presenterMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(PRESENTER);

/** The presenter map as the API and the follow UI show it. */
export function readPresenterView(doc: Y.Doc): PresenterView {
  const map = presenterMap(doc);
  return {
    memberId: readString(map, 'memberId'),
    documentSha256: readString(map, 'documentSha256'),
    page: readNumber(map, 'page'),
    zoom: readNumber(map, 'zoom'),
    fit: ((v) => (isFit(v) ? v : null))(readString(map, 'fit')),
    memberName: readString(map, 'memberName'),
    at: readString(map, 'at'),
  };
}

/** Server side: writes the given fields (the caller has already been checked); null deletes. */
export function writePresenter(doc: Y.Doc, fields: Partial<PresenterView>): void {
  const map = presenterMap(doc);
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (value === null) map.delete(key);
    else if (map.get(key) !== value) map.set(key, value);
  }
}
