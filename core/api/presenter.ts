/**
 * Follow mode over HTTP (DESIGN.md): the presenter's position lives in the control document's
 * `presenter` map (core/docs/control/presenter.ts), written only by the server after these checks.
 *
 * | route | who | body → answer |
 * |---|---|---|
 * | `GET  /api/meetings/:id/presenter` | any member | → PresenterView |
 * | `POST /api/meetings/:id/presenter` | the named presenter, or the chair (presenter.set; the chair then becomes the presenter) | PresenterPositionRequest → PresenterView |
 * | `POST /api/meetings/:id/presenter/assign` | chair (presenter.set) | AssignPresenterRequest → PresenterView |
 * | `POST /api/meetings/:id/presenter/stop` | the presenter, or the chair | (no body) → PresenterView (all null): nobody presents, nobody is led |
 *
 * Refusals: 403 `not-presenter` (a member who is not presenting moves the position), 403
 * `forbidden` (assigning without presenter.set), 400 `invalid-field`, 404 `member-not-found`.
 */
import { ApiValidationError } from './meetings';

import { PRESENTER_FITS, type PresenterFit } from '../docs/control/presenter';

export type { PresenterFit, PresenterPosition, PresenterView } from '../docs/control/presenter';

export interface PresenterPositionRequest {
  documentSha256: string;
  /** 0-based page index. */
  page: number;
  /** Scale (1 = 100%); null when the presenter uses a fit mode. */
  zoom: number | null;
  /** A fit mode when zoom is null (optional: older clients send only zoom). */
  fit?: PresenterFit | null;
}

export interface AssignPresenterRequest {
  /** The member who presents from now on; null hands presenting back to the chair. */
  memberId: string | null;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

const record = (body: unknown): Record<string, unknown> => {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiValidationError('invalid-field', 'body', 'The body must be a JSON object.');
  return body as Record<string, unknown>;
};

export function parsePresenterPosition(body: unknown): PresenterPositionRequest {
  const b = record(body);
  if (typeof b.documentSha256 !== 'string' || !SHA256_HEX.test(b.documentSha256))
    throw new ApiValidationError(
      'invalid-field',
      'documentSha256',
      'documentSha256 must be 64 lowercase hex digits.',
    );
  const page = b.page;
  if (typeof page !== 'number' || !Number.isInteger(page) || page < 0 || page > 100_000)
    throw new ApiValidationError('invalid-field', 'page', 'page must be a page index from 0.');
  const zoom = b.zoom ?? null;
  if (zoom !== null && (typeof zoom !== 'number' || !(zoom >= 0.1 && zoom <= 10)))
    throw new ApiValidationError(
      'invalid-field',
      'zoom',
      'zoom must be between 0.1 and 10, or null.',
    );
  const fit = b.fit ?? null;
  if (fit !== null && !(PRESENTER_FITS as readonly unknown[]).includes(fit))
    throw new ApiValidationError(
      'invalid-field',
      'fit',
      'fit must be page-width, page-fit or null.',
    );
  if (fit !== null && zoom !== null)
    throw new ApiValidationError('invalid-field', 'fit', 'Give a zoom factor or a fit, not both.');
  return { documentSha256: b.documentSha256, page, zoom, fit: fit as PresenterFit | null };
}

export function parseAssignPresenter(body: unknown): AssignPresenterRequest {
  const memberId = record(body).memberId ?? null;
  if (memberId !== null && (typeof memberId !== 'string' || !ID.test(memberId)))
    throw new ApiValidationError(
      'invalid-field',
      'memberId',
      'memberId must be a member id or null.',
    );
  return { memberId };
}
