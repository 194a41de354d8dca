import { HttpError } from '../http/router';
import { StoreError } from './types';

/**
 * The HTTP answer for a storage failure a client can meet: 507 `storage-full` (nothing was
 * saved; retry when the operator has freed space) or 503 `storage-unavailable`. Null otherwise.
 */
export function storeHttpError(error: unknown): HttpError | null {
  if (!(error instanceof StoreError)) return null;
  if (error.code === 'storage-full') return new HttpError(507, 'storage-full', error.message);
  if (error.code === 'storage-unavailable')
    return new HttpError(503, 'storage-unavailable', error.message);
  return null;
}
