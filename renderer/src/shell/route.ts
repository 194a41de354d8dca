/** Hash routes: the server serves one page, the client picks the view. */
export type Route =
  | { name: 'meetings' }
  | { name: 'room'; meetingId: string; itemId?: string; view?: 'minutes' | 'results' }
  /** The room's big screen: read-only, full window (renderer/src/projector). */
  | { name: 'projector'; meetingId: string };

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'meetings' && parts[1] !== undefined && ID.test(parts[1])) {
    if (parts[2] === 'minutes') return { name: 'room', meetingId: parts[1], view: 'minutes' };
    if (parts[2] === 'results') return { name: 'room', meetingId: parts[1], view: 'results' };
    if (parts[2] === 'projector') return { name: 'projector', meetingId: parts[1] };
    const itemId =
      parts[2] === 'items' && parts[3] !== undefined && ID.test(parts[3]) ? parts[3] : undefined;
    return itemId
      ? { name: 'room', meetingId: parts[1], itemId }
      : { name: 'room', meetingId: parts[1] };
  }
  return { name: 'meetings' };
}

export function routeHash(route: Route): string {
  if (route.name === 'meetings') return '#/';
  if (route.name === 'projector') return `#/meetings/${route.meetingId}/projector`;
  if (route.view === 'minutes') return `#/meetings/${route.meetingId}/minutes`;
  if (route.view === 'results') return `#/meetings/${route.meetingId}/results`;
  return route.itemId
    ? `#/meetings/${route.meetingId}/items/${route.itemId}`
    : `#/meetings/${route.meetingId}`;
}
