import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPresenterView } from '../../core/docs/control/presenter';
import { controlDocName } from '../../core/docs/names';
import { MEETING_ID, startTestApp, type TestApp } from '../helpers/app';
import { connectClient, waitFor } from '../helpers/server';

const SHA = 'a1'.repeat(32);
const position = (page: number, zoom: number | null = 1.25) => ({
  method: 'POST',
  body: JSON.stringify({ documentSha256: SHA, page, zoom }),
  headers: { 'content-type': 'application/json' },
});

describe('presenter route (follow mode)', () => {
  let app: TestApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp([
      { id: 'nhung', name: 'Trần Thị Hồng Nhung', role: 'chair' },
      { id: 'sy', name: 'Nguyễn Tiến Sỹ', role: 'secretary' },
      { id: 'dung', name: 'Lê Văn Dũng', role: 'delegate' },
      { id: 'hang', name: 'Phạm Thị Thu Hằng', role: 'delegate' },
      { id: 'out', name: 'Người ngoài' },
    ]);
    for (const id of ['nhung', 'sy', 'dung', 'hang', 'out']) tokens[id] = await app.login(id);
  });
  afterAll(async () => {
    await app?.close();
  });

  const post = (who: string, suffix: string, body: unknown) =>
    app.api(`/api/meetings/${MEETING_ID}/presenter${suffix}`, {
      method: 'POST',
      token: tokens[who],
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
  const code = async (res: Response) =>
    ((await res.json()) as { error: { code: string } }).error.code;

  it('lets the chair set the position, which every member sees in the control document', async () => {
    const follower = connectClient(app.syncUrl, controlDocName(MEETING_ID), tokens.dung as string);
    try {
      await follower.synced;
      const res = await app.api(`/api/meetings/${MEETING_ID}/presenter`, {
        ...position(4),
        token: tokens.nhung,
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        memberId: 'nhung',
        memberName: 'Trần Thị Hồng Nhung',
        documentSha256: SHA,
        page: 4,
        zoom: 1.25,
      });
      await waitFor(() => readPresenterView(follower.doc).page === 4, 'the follower to see page 4');
      expect(readPresenterView(follower.doc)).toEqual({
        memberId: 'nhung',
        memberName: 'Trần Thị Hồng Nhung',
        documentSha256: SHA,
        page: 4,
        zoom: 1.25,
        fit: null,
        at: expect.any(String),
      });
    } finally {
      follower.destroy();
    }
  });

  it('refuses a delegate who is not presenting, and leaves the position alone', async () => {
    const res = await app.api(`/api/meetings/${MEETING_ID}/presenter`, {
      ...position(9),
      token: tokens.dung,
    });
    expect(res.status).toBe(403);
    expect(await code(res)).toBe('not-presenter');
    const now = await app.api(`/api/meetings/${MEETING_ID}/presenter`, { token: tokens.hang });
    expect(await now.json()).toMatchObject({ memberId: 'nhung', page: 4 });
  });

  it('only the chair names another presenter; the named delegate then moves the page', async () => {
    const byDelegate = await post('dung', '/assign', { memberId: 'dung' });
    expect(byDelegate.status).toBe(403);
    expect(await code(byDelegate)).toBe('forbidden');
    const bySecretary = await post('sy', '/assign', { memberId: 'sy' });
    expect(bySecretary.status).toBe(403);

    const unknown = await post('nhung', '/assign', { memberId: 'out' });
    expect(unknown.status).toBe(404);
    expect(await code(unknown)).toBe('member-not-found');

    const assigned = await post('nhung', '/assign', { memberId: 'hang' });
    expect(assigned.status).toBe(200);
    expect(await assigned.json()).toMatchObject({
      memberId: 'hang',
      memberName: 'Phạm Thị Thu Hằng',
    });

    const moved = await app.api(`/api/meetings/${MEETING_ID}/presenter`, {
      ...position(7, null),
      token: tokens.hang,
    });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ memberId: 'hang', page: 7, zoom: null });
    // Another delegate still may not.
    const other = await app.api(`/api/meetings/${MEETING_ID}/presenter`, {
      ...position(1),
      token: tokens.dung,
    });
    expect(other.status).toBe(403);
    // The chair takes presenting back by moving the page.
    const back = await app.api(`/api/meetings/${MEETING_ID}/presenter`, {
      ...position(2),
      token: tokens.nhung,
    });
    expect(await back.json()).toMatchObject({ memberId: 'nhung', page: 2 });
  });

  it('the presenter or the chair stops presenting; a delegate may not', async () => {
    const refused = await post('dung', '/stop', {});
    expect(refused.status).toBe(403);
    const stopped = await post('nhung', '/stop', {});
    expect(stopped.status).toBe(200);
    expect(await stopped.json()).toMatchObject({
      memberId: null,
      documentSha256: null,
      page: null,
    });
  });

  it('shares a fit mode instead of a factor, and a factor again clears it', async () => {
    const fitted = await post('nhung', '', {
      documentSha256: SHA,
      page: 2,
      zoom: null,
      fit: 'page-fit',
    });
    expect(fitted.status).toBe(200);
    expect(await fitted.json()).toMatchObject({ page: 2, zoom: null, fit: 'page-fit' });
    // An older client sends only a factor: the fit goes, so followers never get both.
    const factor = await post('nhung', '', { documentSha256: SHA, page: 2, zoom: 1.5 });
    expect(await factor.json()).toMatchObject({ zoom: 1.5, fit: null });
  });

  it('refuses malformed positions and non-members', async () => {
    for (const body of [
      { documentSha256: 'nope', page: 1, zoom: 1 },
      { documentSha256: SHA, page: -1, zoom: 1 },
      { documentSha256: SHA, page: 1.5, zoom: 1 },
      { documentSha256: SHA, page: 1, zoom: 50 },
      { documentSha256: SHA, page: 1, zoom: null, fit: 'stretch' },
      { documentSha256: SHA, page: 1, zoom: 1.5, fit: 'page-fit' },
      [],
    ]) {
      const res = await post('nhung', '', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await code(res)).toBe('invalid-field');
    }
    const outsider = await app.api(`/api/meetings/${MEETING_ID}/presenter`, {
      ...position(1),
      token: tokens.out,
    });
    expect(outsider.status).toBe(404);
    const anonymous = await app.api(`/api/meetings/${MEETING_ID}/presenter`, position(1));
    expect(anonymous.status).toBe(401);
  });

  it('relays awareness from read-only control connections (who follows, who detached)', async () => {
    const docName = controlDocName(MEETING_ID);
    const chair = connectClient(app.syncUrl, docName, tokens.nhung as string);
    const delegate = connectClient(app.syncUrl, docName, tokens.dung as string);
    try {
      await Promise.all([chair.synced, delegate.synced]);
      delegate.provider.awareness.setLocalStateField('follow', {
        name: 'Lê Văn Dũng',
        following: false,
        documentSha256: SHA,
      });
      await waitFor(
        () =>
          [...chair.provider.awareness.getStates().values()].some(
            (s) => (s as { follow?: { following: boolean } }).follow?.following === false,
          ),
        'the chair to see the detached delegate',
      );
    } finally {
      chair.destroy();
      delegate.destroy();
    }
  });
});
