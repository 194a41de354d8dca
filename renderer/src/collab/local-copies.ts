/**
 * Meeting laptops are shared: on logout, a member's offline copies of the shared and
 * private documents (y-indexeddb databases named `<document>#<memberId>`) are deleted from
 * this browser, so the next person at the laptop cannot read their private notes. A deletion
 * waits for the room to close its copies, then completes.
 */
export async function forgetLocalCopies(
  memberId: string,
  idb: IDBFactory = indexedDB,
): Promise<string[]> {
  const databases = (await idb.databases?.()) ?? [];
  const mine = databases
    .map((d) => d.name)
    .filter((name): name is string => name !== undefined && name.endsWith(`#${memberId}`));
  await Promise.all(
    mine.map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = idb.deleteDatabase(name);
          request.onsuccess = () => resolve();
          request.onerror = () => resolve();
        }),
    ),
  );
  return mine;
}
