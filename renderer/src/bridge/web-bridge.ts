import type { Bridge, PickedFile } from '../../../core/bridge/contract';
import { isSafeExternalUrl } from '../../../core/security/urls';
import { createWebIdentities } from '../identity/web-identities';

declare const __APP_VERSION__: string;

function pickFile(extensions: string[]): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = extensions.map((e) => `.${e}`).join(',');
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return resolve(null);
      file
        .arrayBuffer()
        .then((buffer) => resolve({ name: file.name, bytes: new Uint8Array(buffer) }), reject);
    });
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

/** Web mode: the same contract, backed by what a browser offers. */
export function createWebBridge(location: Location = window.location): Bridge {
  return {
    ...createWebIdentities(location.origin),
    getAppInfo: async () => ({
      name: 'Diên Hồng',
      version: __APP_VERSION__,
      platform: 'web',
      serverUrl: `${location.origin}/`,
    }),
    openFile: async (request) => pickFile(request.extensions),
    saveFile: async ({ suggestedName, bytes }) => {
      const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
      const a = document.createElement('a');
      a.href = url;
      a.download = suggestedName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { saved: true };
    },
    openExternal: async (url) => {
      if (!isSafeExternalUrl(url)) return { opened: false };
      window.open(url, '_blank', 'noopener,noreferrer');
      return { opened: true };
    },
    // A browser cannot load a PKCS#11 module: tokens are the desktop app's.
    listTokenCertificates: async () => ({
      ok: true,
      value: { moduleConfigured: false, tokens: [] },
    }),
  };
}
