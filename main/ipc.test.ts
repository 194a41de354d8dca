import { describe, expect, it } from 'vitest';
import type { IpcSender } from './facade';
import { createIpcHandlers, MAX_OPEN_BYTES } from './ipc';
import { memoryFacade } from './memory-facade';

const appOrigin = 'http://127.0.0.1:4870';
const trusted: IpcSender = { frameUrl: `${appOrigin}/#/`, isMainFrame: true };

function setup(files?: Record<string, Uint8Array>) {
  const mem = memoryFacade(files);
  const handlers = createIpcHandlers({ facade: mem.facade, appOrigin, serverUrl: `${appOrigin}/` });
  return { ...mem, handlers };
}

describe('IPC handlers', () => {
  it('answers app info to the app frame', async () => {
    const { handlers } = setup();
    await expect(handlers.getAppInfo(trusted, [])).resolves.toEqual({
      name: 'Diên Hồng',
      version: '0.1.0',
      platform: 'electron',
      serverUrl: `${appOrigin}/`,
    });
  });

  it.each([
    [{ frameUrl: 'https://evil.example/', isMainFrame: true }],
    [{ frameUrl: `${appOrigin}/`, isMainFrame: false }],
    [{ frameUrl: undefined, isMainFrame: true }],
  ])('refuses untrusted senders %o', async (sender) => {
    const { handlers, opened } = setup();
    await expect(handlers.openExternal(sender, ['https://quochoi.vn/'])).rejects.toMatchObject({
      code: 'ipc-untrusted-sender',
    });
    expect(opened).toEqual([]);
  });

  it('refuses malformed arguments and does nothing', async () => {
    const { handlers, written, pickSave } = setup();
    pickSave('/tmp/out.pdf');
    await expect(
      handlers.saveFile(trusted, [{ suggestedName: '../x', bytes: new Uint8Array(1) }]),
    ).rejects.toMatchObject({
      code: 'bridge-bad-argument',
    });
    await expect(
      handlers.saveFile(trusted, [{ suggestedName: 'x.pdf', bytes: 'not bytes' }]),
    ).rejects.toMatchObject({
      code: 'bridge-bad-argument',
    });
    await expect(handlers.getAppInfo(trusted, ['extra'])).rejects.toMatchObject({
      code: 'bridge-bad-argument',
    });
    expect(written.size).toBe(0);
  });

  it('opens only safe external links', async () => {
    const { handlers, opened } = setup();
    await expect(handlers.openExternal(trusted, ['file:///etc/passwd'])).resolves.toEqual({
      opened: false,
    });
    await expect(handlers.openExternal(trusted, ['https://quochoi.vn/'])).resolves.toEqual({
      opened: true,
    });
    expect(opened).toEqual(['https://quochoi.vn/']);
  });

  it('reads the picked file and names it without its folder', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7');
    const { handlers, pickOpen } = setup({ '/home/thuky/Tài liệu/Tờ trình.pdf': bytes });
    pickOpen('/home/thuky/Tài liệu/Tờ trình.pdf');
    await expect(
      handlers.openFile(trusted, [{ title: 'Mở', extensions: ['pdf'] }]),
    ).resolves.toEqual({
      name: 'Tờ trình.pdf',
      bytes,
    });
    pickOpen(null);
    await expect(
      handlers.openFile(trusted, [{ title: 'Mở', extensions: ['pdf'] }]),
    ).resolves.toBeNull();
  });

  it('refuses files over the size cap', async () => {
    const { handlers, pickOpen } = setup({ '/big.pdf': new Uint8Array(MAX_OPEN_BYTES + 1) });
    pickOpen('/big.pdf');
    await expect(
      handlers.openFile(trusted, [{ title: 'Mở', extensions: ['pdf'] }]),
    ).rejects.toMatchObject({
      code: 'file-too-large',
    });
  });

  it('writes the file the user chose, or nothing when cancelled', async () => {
    const { handlers, written, pickSave } = setup();
    const bytes = new Uint8Array([1, 2, 3]);
    pickSave(null);
    await expect(
      handlers.saveFile(trusted, [{ suggestedName: 'bien-ban.pdf', bytes }]),
    ).resolves.toEqual({ saved: false });
    pickSave('/tmp/bien-ban.pdf');
    await expect(
      handlers.saveFile(trusted, [{ suggestedName: 'bien-ban.pdf', bytes }]),
    ).resolves.toEqual({ saved: true });
    expect(written.get('/tmp/bien-ban.pdf')).toEqual(bytes);
  });
});
