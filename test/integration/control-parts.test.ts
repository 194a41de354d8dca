/**
 * The renderer's per-part subscriptions against a real server: the real MeetingDocs (three
 * y-websocket providers with one-time tickets), the real writers behind the HTTP routes, and a
 * counted agenda reader. Typing in the minutes draft and moving the presenter must not re-run it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { readAgenda } from '../../core/docs/control/agenda';
import { sharedMinutesDraft } from '../../core/docs/shared';
import { controlPartSource } from '../../renderer/src/collab/control-parts';
import { MeetingDocs } from '../../renderer/src/collab/meeting-docs';
import { CHAIR_SECRETARY_DELEGATE, MEETING_ID, startTestApp, type TestApp } from '../helpers/app';
import { connectClient, waitFor } from '../helpers/server';

describe('control parts over a real connection', () => {
  let app: TestApp;
  let docs: MeetingDocs;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp(CHAIR_SECRETARY_DELEGATE);
    for (const id of ['nhung', 'sy', 'dung']) tokens[id] = await app.login(id);
    const ticket = async (): Promise<string> => {
      const res = await app.api('/api/sync-ticket', { method: 'POST', token: tokens.sy });
      if (!res.ok) throw Object.assign(new Error('no ticket'), { status: res.status });
      return ((await res.json()) as { ticket: string }).ticket;
    };
    docs = new MeetingDocs(app.url, MEETING_ID, 'sy', ticket, {
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      localCopy: () => null,
    });
    await waitFor(() => docs.synced('control') && docs.synced('shared'), 'the documents to sync');
  });
  afterAll(async () => {
    docs?.destroy();
    await app?.close();
  });

  const post = (who: string, path: string, body: unknown) =>
    app.api(`/api/meetings/${MEETING_ID}${path}`, {
      method: 'POST',
      token: tokens[who],
      body: JSON.stringify(body),
    });

  it('re-reads the agenda only when the agenda changes', async () => {
    const text = 'Cuộc họp bắt đầu lúc 8 giờ.';
    let reads = 0;
    const agenda = controlPartSource(docs, 'agenda', (doc: Y.Doc) => {
      reads++;
      return readAgenda(doc);
    });
    let notified = 0;
    agenda.subscribe(() => notified++);
    let anyChange = 0;
    const stopAny = docs.subscribe(() => anyChange++);
    const first = agenda.getSnapshot();
    expect(first?.map((i) => i.title)).toEqual(['Khai mạc', 'Biểu quyết']);
    expect(reads).toBe(1);

    // The secretary types the minutes draft, one keystroke per transaction, as the editor does.
    const watcher = connectClient(
      app.syncUrl,
      `meeting/${MEETING_ID}/shared`,
      tokens.dung as string,
    );
    try {
      const paragraph = new Y.XmlElement('paragraph');
      const line = new Y.XmlText();
      paragraph.insert(0, [line]);
      sharedMinutesDraft(docs.doc('shared')).insert(0, [paragraph]);
      [...text].forEach((ch, i) => line.insert(i, ch));
      await watcher.synced;
      await waitFor(
        () => sharedMinutesDraft(watcher.doc).toString().includes(text),
        'the draft to reach another member',
      );
    } finally {
      watcher.destroy();
    }
    // The whole-room counter moved with every keystroke; the agenda did not.
    expect(anyChange).toBeGreaterThanOrEqual([...text].length);
    expect(agenda.getSnapshot()).toBe(first);
    expect(reads).toBe(1);
    expect(notified).toBe(0);

    // The chair presents: another part of the control document changes.
    const presenting = await post('nhung', '/presenter', {
      documentSha256: 'a1'.repeat(32),
      page: 2,
      zoom: null,
    });
    expect(presenting.status).toBe(200);
    const presenter = controlPartSource(docs, 'presenter');
    await waitFor(() => presenter.getSnapshot()?.page === 2, 'the presenter to reach the room');
    expect(agenda.getSnapshot()).toBe(first);
    expect(reads).toBe(1);
    expect(notified).toBe(0);

    // The agenda itself changes: read once more, whoever asks how often.
    expect((await post('nhung', '/agenda', { title: 'Bế mạc' })).status).toBe(201);
    await waitFor(() => notified > 0, 'the agenda change to reach the room');
    const second = agenda.getSnapshot();
    agenda.getSnapshot();
    expect(second?.map((i) => i.title)).toEqual(['Khai mạc', 'Biểu quyết', 'Bế mạc']);
    expect(reads).toBe(2);
    stopAny();
  });
});
