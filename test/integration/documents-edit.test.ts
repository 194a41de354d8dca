import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAgenda } from '../../core/docs/control/agenda';
import { controlDocName } from '../../core/docs/names';
import { LevelStore } from '../../sync-server/store/level';
import { buildNonPdf, buildVietnamesePack } from '../../tools/harness/pdf-fixtures';
import { CHAIR_SECRETARY_DELEGATE, MEETING_ID, startTestApp, type TestApp } from '../helpers/app';
import { connectClient, waitFor } from '../helpers/server';

let app: TestApp;
let chair: string;
let secretary: string;
let delegate: string;
let itemId: string;
let first: Uint8Array;
let second: Uint8Array;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  app = await startTestApp(CHAIR_SECRETARY_DELEGATE);
  [chair, secretary, delegate] = await Promise.all([
    app.login('nhung'),
    app.login('sy'),
    app.login('dung'),
  ]);
  const meeting = (await app
    .api(`/api/meetings/${MEETING_ID}`, { token: chair })
    .then((r) => r.json())) as { agenda: { id: string }[] };
  itemId = meeting.agenda[0]?.id ?? '';
  [first, second] = await Promise.all([buildVietnamesePack(2), buildVietnamesePack(3)]);
  for (const bytes of [first, second]) expect((await put(bytes, chair)).status).toBe(201);
  const attached = await app.api(`/api/meetings/${MEETING_ID}/agenda/${itemId}/documents`, {
    method: 'POST',
    token: chair,
    body: JSON.stringify({ sha256: sha(first), title: 'Tờ trình' }),
  });
  expect(attached.status).toBe(201);
}, 30_000);
afterAll(() => app.close());

const put = (bytes: Uint8Array, token: string) =>
  app.api(`/api/meetings/${MEETING_ID}/blobs/${sha(bytes)}`, {
    method: 'PUT',
    token,
    headers: { 'Content-Type': 'application/pdf' },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
const documentPath = (documentId: string) =>
  `/api/meetings/${MEETING_ID}/agenda/${itemId}/documents/${documentId}`;
const rename = (documentId: string, title: string, token: string) =>
  app.api(documentPath(documentId), { method: 'PUT', token, body: JSON.stringify({ title }) });
const replace = (documentId: string, sha256: string, token: string) =>
  app.api(`${documentPath(documentId)}/replace`, {
    method: 'POST',
    token,
    body: JSON.stringify({ sha256 }),
  });
const code = async (res: Response) => [
  res.status,
  ((await res.json()) as { error: { code: string } }).error.code,
];
/** The item as a delegate's client sees it in the control document. */
async function delegateView(until: (item: ReturnType<typeof readAgenda>[number]) => boolean) {
  const client = connectClient(app.syncUrl, controlDocName(MEETING_ID), delegate);
  try {
    await client.synced;
    const item = () => readAgenda(client.doc).find((i) => i.id === itemId);
    await waitFor(() => {
      const found = item();
      return found !== undefined && until(found);
    }, 'the item in the control doc');
    return item()!;
  } finally {
    client.destroy();
  }
}

describe('editing attached documents', () => {
  it('a delegate may not rename, replace or remove; nothing changes', async () => {
    const id = sha(first);
    expect(await code(await rename(id, 'Không được', delegate))).toEqual([403, 'forbidden']);
    expect(await code(await replace(id, sha(second), delegate))).toEqual([403, 'forbidden']);
    expect(
      await code(await app.api(documentPath(id), { method: 'DELETE', token: delegate })),
    ).toEqual([403, 'forbidden']);
    const item = await delegateView(() => true);
    expect(item.documents.map((d) => [d.sha256, d.title])).toEqual([[id, 'Tờ trình']]);
    expect(item.history).toBeUndefined();
  });

  it('bad names and bad files are refused and change nothing', async () => {
    const id = sha(first);
    expect(await code(await rename(id, '   ', chair))).toEqual([400, 'invalid-field']);
    expect(await code(await rename(id, 'x'.repeat(201), chair))).toEqual([400, 'invalid-field']);
    expect(await code(await rename(sha(second), 'Khác', chair))).toEqual([
      404,
      'document-not-found',
    ]);
    // Not a PDF: the upload is refused, so there is nothing to replace with.
    const text = buildNonPdf();
    const upload = await code(await put(text, chair));
    expect(upload[0]).toBeGreaterThanOrEqual(400);
    expect(upload[0]).toBeLessThan(500);
    expect(await code(await replace(id, sha(text), chair))).toEqual([404, 'blob-not-found']);
    expect(await code(await replace(id, 'f'.repeat(64), chair))).toEqual([404, 'blob-not-found']);
    expect(await code(await replace(id, id, chair))).toEqual([409, 'document-unchanged']);
    expect(await code(await replace(id, 'NOT-A-HASH', chair))).toEqual([400, 'invalid-field']);
    const item = await delegateView(() => true);
    expect(item.documents.map((d) => [d.sha256, d.title, d.pages])).toEqual([[id, 'Tờ trình', 2]]);
    expect(item.history).toBeUndefined();
  });

  it('rename and replace: members see the new document, the history, and the old bytes by sha', async () => {
    const id = sha(first);
    const renamed = await rename(id, 'Tờ trình ngân sách', secretary);
    expect(renamed.status).toBe(200);
    const replaced = await replace(id, sha(second), chair);
    expect(replaced.status).toBe(200);
    expect(((await replaced.json()) as { documents: unknown[] }).documents).toEqual([
      expect.objectContaining({ sha256: sha(second), origin: id, title: 'Tờ trình ngân sách' }),
    ]);

    const item = await delegateView((i) => i.documents[0]?.sha256 === sha(second));
    expect(item.documents[0]).toMatchObject({ pages: 3, size: second.length });
    expect(item.history?.map((v) => [v.change, v.sha256, v.title, v.by])).toEqual([
      ['attach', id, 'Tờ trình', 'nhung'],
      ['rename', id, 'Tờ trình ngân sách', 'sy'],
      ['replace', sha(second), 'Tờ trình ngân sách', 'nhung'],
    ]);

    // The first version stays stored and readable by every member.
    const old = await app.api(`/api/meetings/${MEETING_ID}/blobs/${id}`, { token: delegate });
    expect(old.status).toBe(200);
    expect(sha(new Uint8Array(await old.arrayBuffer()))).toBe(id);
  });

  it('remove: gone from the agenda, listed as removed, and the item keeps its place', async () => {
    const id = sha(first);
    const removed = await app.api(documentPath(id), { method: 'DELETE', token: chair });
    expect(removed.status).toBe(200);
    const item = await delegateView((i) => i.documents.length === 0);
    expect(item.history?.at(-1)).toMatchObject({ change: 'remove', documentId: id });
    expect(
      await code(
        await app.api(`/api/meetings/${MEETING_ID}/agenda/${itemId}`, {
          method: 'DELETE',
          token: chair,
        }),
      ),
    ).toEqual([409, 'agenda-item-in-use']);
    for (const bytes of [first, second]) {
      const res = await app.api(`/api/meetings/${MEETING_ID}/blobs/${sha(bytes)}`, {
        token: delegate,
      });
      expect(res.status).toBe(200);
    }
  });

  it('once the meeting is closed, its documents stay as they are', async () => {
    const other = (
      (await app.api(`/api/meetings/${MEETING_ID}`, { token: chair }).then((r) => r.json())) as {
        agenda: { id: string }[];
      }
    ).agenda[1]?.id;
    const attached = await app.api(`/api/meetings/${MEETING_ID}/agenda/${other}/documents`, {
      method: 'POST',
      token: chair,
      body: JSON.stringify({ sha256: sha(second), title: 'Báo cáo' }),
    });
    expect(attached.status).toBe(201);
    for (const step of ['open', 'close']) {
      const res = await app.api(`/api/meetings/${MEETING_ID}/lifecycle`, {
        method: 'POST',
        token: chair,
        body: JSON.stringify({ step }),
      });
      expect(res.status).toBe(200);
    }
    const path = `/api/meetings/${MEETING_ID}/agenda/${other}/documents/${sha(second)}`;
    expect(
      await code(
        await app.api(path, { method: 'PUT', token: chair, body: '{"title":"Báo cáo mới"}' }),
      ),
    ).toEqual([409, 'meeting-closed']);
    expect(await code(await app.api(path, { method: 'DELETE', token: chair }))).toEqual([
      409,
      'meeting-closed',
    ]);
  });

  it('every change is in the audit log, by whom and on which file', async () => {
    const entries: Record<string, unknown>[] = [];
    await app.restart({}, async () => {
      const store = await LevelStore.open(app.dataDir);
      try {
        for await (const { value } of store.readAudit()) {
          const entry = value as Record<string, unknown>;
          if (String(entry.action).startsWith('document.') && entry.action !== 'document.attach')
            entries.push(entry);
        }
      } finally {
        await store.close();
      }
    });
    expect(entries.map((e) => [e.action, e.memberId, e.target, e.sha256])).toEqual([
      ['document.rename', 'sy', sha(first), sha(first)],
      ['document.replace', 'nhung', sha(first), sha(second)],
      ['document.remove', 'nhung', sha(first), sha(second)],
    ]);
    // And the history outlives a restart.
    const item = await delegateView((i) => (i.history?.length ?? 0) > 0);
    expect(item.history?.map((v) => v.change)).toEqual(['attach', 'rename', 'replace', 'remove']);
  });
});
