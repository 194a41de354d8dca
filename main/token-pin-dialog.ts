/**
 * The token PIN dialog: a small modal window of the main process, not the app's renderer, so
 * the PIN goes from the keyboard to the PKCS#11 module without passing through web content
 * that talks to the server. It has no preload and no bridge; the page hands the PIN back by an
 * in-page navigation (location.hash), which the main process reads and the window never shows.
 * Cannot run without an Electron binary: the code path behind it is tested with SoftHSM2
 * through the same facade.askTokenPin interface.
 */
import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './security';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(tokenLabel: string, finalTry: boolean): string {
  const warning = finalTry
    ? '<p class="w">Lần thử cuối: nhập sai nữa thiết bị sẽ bị khóa. / Last try before the token locks.</p>'
    : '';
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<style>body{font:15px system-ui;margin:20px}input{font-size:18px;width:100%}.w{color:#a00}</style></head>
<body><form id="f"><p>Nhập mã PIN của thiết bị ký số “${escapeHtml(tokenLabel)}”<br>
<small>Enter the PIN of token “${escapeHtml(tokenLabel)}”</small></p>${warning}
<input id="p" type="password" autocomplete="off" autofocus>
<p><button type="submit">Ký / Sign</button> <button type="button" id="c">Hủy / Cancel</button></p></form>
<script>
document.getElementById('f').onsubmit=(e)=>{e.preventDefault();location.hash='pin='+encodeURIComponent(document.getElementById('p').value);};
document.getElementById('c').onclick=()=>{location.hash='cancel';};
</script></body></html>`;
}

export function askTokenPinInDialog(
  parent: BrowserWindow | undefined,
  request: { tokenLabel: string; finalTry: boolean },
): Promise<string | undefined> {
  return new Promise((resolve) => {
    const win = new BrowserWindow({
      ...(parent ? { parent } : {}),
      modal: parent !== undefined,
      width: 420,
      height: 230,
      resizable: false,
      minimizable: false,
      title: 'PIN',
      webPreferences: { ...secureWebPreferences },
    });
    let answered = false;
    const finish = (pin: string | undefined) => {
      if (answered) return;
      answered = true;
      resolve(pin);
      if (!win.isDestroyed()) win.close();
    };
    win.webContents.on('did-navigate-in-page', (_event, url) => {
      const hash = new URL(url).hash;
      if (hash.startsWith('#pin=')) finish(decodeURIComponent(hash.slice('#pin='.length)));
      else if (hash === '#cancel') finish(undefined);
    });
    win.on('closed', () => finish(undefined));
    void win.loadURL(
      `data:text/html;charset=utf-8,${encodeURIComponent(page(request.tokenLabel, request.finalTry))}`,
    );
  });
}
