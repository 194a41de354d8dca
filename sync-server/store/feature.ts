import type { ServerFeature } from '../feature';
import type { Store } from './types';

/**
 * Closes the store on shutdown. List it before the features that use the store: features close
 * in reverse order, so it closes last, after the rooms have flushed.
 */
export function storeFeature(store: Store): ServerFeature {
  return { name: 'store', close: () => store.close() };
}
