import { MemberDirectory } from '../identity/members';
import { MeetingDirectory } from '../meetings/directory';
import { syncFeature } from '../rooms/feature';
import { openStore } from '../store/open';
import type { AdminContext } from './operations';

/**
 * Opens a stopped server's data directory for operator work: the store, and rooms without a
 * network (so control documents are written exactly as the running server writes them).
 */
export async function withAdminContext<T>(
  dataDir: string,
  fn: (ctx: AdminContext) => Promise<T>,
): Promise<T> {
  const store = await openStore(dataDir);
  const sync = syncFeature({
    store,
    authorize: async () => ({ ok: false, status: 403, code: 'admin-cli' }),
  });
  try {
    return await fn({
      dataDir,
      members: new MemberDirectory(store),
      meetings: new MeetingDirectory(store),
      rooms: sync.rooms,
      audit: store,
      records: store,
    });
  } finally {
    await sync.close?.();
    await store.close();
  }
}
