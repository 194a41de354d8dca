/**
 * Electron main process: one window showing the app served by the sync server, with the
 * security checklist applied (see security.ts), and the bridge's IPC handlers.
 */
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell } from 'electron';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bridgeChannels, ipcChannelName } from '../core/bridge/contract';
import { contentSecurityPolicy } from '../core/security/csp';
import type { ElectronFacade } from './facade';
import { identityFilesIn } from './identity/identity-files';
import { createIpcHandlers } from './ipc';
import { askTokenPinInDialog } from './token-pin-dialog';
import {
  checkServerUrl,
  decidePermission,
  isAllowedNavigation,
  isSafeExternalUrl,
  secureWebPreferences,
} from './security';

function serverUrlFromArgs(argv: readonly string[]): string {
  const flag = argv.find((a) => a.startsWith('--server-url='));
  return (
    flag?.slice('--server-url='.length) ??
    process.env.DIENHONG_SERVER_URL ??
    'http://127.0.0.1:4870/'
  );
}

/** Refused URLs (http: beyond loopback, file:, data:, …) stop the app before any window. */
const serverCheck = checkServerUrl(serverUrlFromArgs(process.argv));
const serverUrl = serverCheck.ok ? serverCheck.url : '';
const appOrigin = serverCheck.ok ? serverCheck.origin : '';

/** The token's PKCS#11 module, a setting of this machine (never chosen by the renderer). */
const pkcs11Module =
  process.argv.find((a) => a.startsWith('--pkcs11-module='))?.slice('--pkcs11-module='.length) ??
  process.env.DIENHONG_PKCS11_MODULE;

const identityDir = () => path.join(app.getPath('userData'), 'identities');

const facade: ElectronFacade = {
  appName: () => app.getName(),
  appVersion: () => app.getVersion(),
  showOpenDialog: async ({ title, filters }) => {
    const result = await dialog.showOpenDialog({ title, filters, properties: ['openFile'] });
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  showSaveDialog: async ({ defaultPath }) => {
    const result = await dialog.showSaveDialog({ defaultPath });
    return result.canceled ? null : (result.filePath ?? null);
  },
  readFile: async (p) => new Uint8Array(await readFile(p)),
  fileSize: async (p) => (await stat(p)).size,
  writeFile: (p, bytes) => writeFile(p, bytes),
  openExternal: (url) => shell.openExternal(url),
  ...identityFilesIn(identityDir),
  askTokenPin: (request) =>
    askTokenPinInDialog(BrowserWindow.getFocusedWindow() ?? undefined, request),
  safeStorage: {
    isEncryptionAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    encryptString: async (text) => new Uint8Array(await safeStorage.encryptStringAsync(text)),
    decryptString: async (bytes) =>
      (await safeStorage.decryptStringAsync(Buffer.from(bytes))).result,
  },
};

function lockDown(): void {
  const csp = contentSecurityPolicy(appOrigin);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) => {
    callback(decidePermission(permission, contents.getURL(), appOrigin));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    decidePermission(permission, requestingOrigin, appOrigin),
  );
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url, appOrigin)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url, appOrigin)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

function registerBridge(): void {
  const handlers = createIpcHandlers({
    facade,
    appOrigin,
    serverUrl,
    ...(pkcs11Module ? { pkcs11Module } : {}),
  });
  for (const channel of bridgeChannels) {
    ipcMain.handle(ipcChannelName(channel), (event, ...args: unknown[]) =>
      handlers[channel](
        {
          frameUrl: event.senderFrame?.url,
          isMainFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame,
        },
        args,
      ),
    );
  }
}

async function createWindow(): Promise<void> {
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    title: 'Diên Hồng',
    show: false,
    webPreferences: { ...secureWebPreferences, preload: path.join(__dirname, 'preload.cjs') },
  });
  win.once('ready-to-show', () => win.show());
  await win.loadURL(serverUrl);
}

app.enableSandbox();
void app.whenReady().then(async () => {
  if (!serverCheck.ok) {
    process.stderr.write(`${serverCheck.code}: ${serverCheck.message}\n`);
    dialog.showErrorBox('Diên Hồng', serverCheck.message);
    app.exit(64);
    return;
  }
  lockDown();
  registerBridge();
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
