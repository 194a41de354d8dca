import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from './route';

describe('parseRoute', () => {
  it.each<[string, Route]>([
    ['', { name: 'meetings' }],
    ['#/', { name: 'meetings' }],
    ['#/meetings/hop-thuong-ky', { name: 'room', meetingId: 'hop-thuong-ky' }],
    ['#/meetings/m1/items/i2', { name: 'room', meetingId: 'm1', itemId: 'i2' }],
    ['#/meetings/m1/items/../../x', { name: 'room', meetingId: 'm1' }],
    ['#/meetings/<script>', { name: 'meetings' }],
    ['#/elsewhere', { name: 'meetings' }],
    ['#/meetings/m1/projector', { name: 'projector', meetingId: 'm1' }],
    ['#/meetings/<x>/projector', { name: 'meetings' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('round-trips every route it formats', () => {
    const routes: Route[] = [
      { name: 'meetings' },
      { name: 'room', meetingId: 'a' },
      { name: 'room', meetingId: 'a', itemId: 'b' },
      { name: 'room', meetingId: 'a', view: 'results' },
      { name: 'projector', meetingId: 'a' },
    ];
    for (const r of routes) expect(parseRoute(routeHash(r))).toEqual(r);
  });
});
