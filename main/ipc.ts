import type { AppInfo, BridgeChannel, BridgeContract, TokenKeyRef } from '../core/bridge/contract';
import { BridgeArgumentError, validateBridgeArgs } from '../core/bridge/validate';
import { createIdentityService } from '../core/bridge/identity-service';
import type { ElectronFacade, IpcSender } from './facade';
import { createFileVault } from './identity/file-vault';
import { readAppearanceFont } from './identity/appearance-font';
import { nodeHasher, nodeRsaSigner } from './identity/node-signer';
import { isSafeExternalUrl, isTrustedSender } from './security';
import { CodedError } from '../core/errors/coded-error';
import { TokenError } from '../core/crypto/token-errors';

/** Files the renderer may open through the bridge are capped: agenda PDFs, .p12 files. */
export const MAX_OPEN_BYTES = 200 * 1024 * 1024;

export class IpcRefusedError extends CodedError<'ipc-untrusted-sender' | 'file-too-large'> {
  override readonly name = 'IpcRefusedError';
}

export type IpcHandler = (sender: IpcSender, args: readonly unknown[]) => Promise<unknown>;

interface HandlerContext {
  facade: ElectronFacade;
  appOrigin: string;
  serverUrl: string;
  /** The PKCS#11 module for token signing (a setting of this machine); absent: no tokens. */
  pkcs11Module?: string;
  /** Injectable for tests of certificate expiry. */
  now?: () => Date;
}

type Implementations = {
  [K in BridgeChannel]: (
    ...args: BridgeContract[K]['args']
  ) => Promise<BridgeContract[K]['result']>;
};

function implementations({
  facade,
  serverUrl,
  now,
  pkcs11Module,
}: HandlerContext): Implementations {
  // Keys stay in this process: the renderer gets summaries and signed login requests only.
  // Token keys never leave the token; the PIN goes from our own dialog straight to the module.
  const identities = createIdentityService({
    ...(pkcs11Module
      ? {
          // Loaded when a token is first used: the native addon is not needed to start.
          openTokenSigner: async (ref: TokenKeyRef) => {
            const { openTokenSigner } = await import('../node-shared/pkcs11/token-signer');
            return openTokenSigner(
              {
                modulePath: pkcs11Module,
                keyId: ref.keyId,
                ...(ref.tokenLabel !== undefined ? { tokenLabel: ref.tokenLabel } : {}),
                ...(ref.slot !== undefined ? { slot: ref.slot } : {}),
              },
              (request) => facade.askTokenPin(request),
            );
          },
        }
      : {}),
    vault: createFileVault(facade),
    makeSigner: nodeRsaSigner,
    hasher: nodeHasher,
    appearanceFont: readAppearanceFont,
    expectedOrigin: new URL(serverUrl).origin,
    now,
  });
  return {
    ...identities,
    getAppInfo: async (): Promise<AppInfo> => ({
      name: facade.appName(),
      version: facade.appVersion(),
      platform: 'electron',
      serverUrl,
    }),
    openFile: async (request) => {
      const path = await facade.showOpenDialog({
        title: request.title,
        filters: [{ name: request.extensions.join(', '), extensions: request.extensions }],
      });
      if (path === null) return null;
      if ((await facade.fileSize(path)) > MAX_OPEN_BYTES) {
        throw new IpcRefusedError('file-too-large', 'The file is larger than 200 MiB.');
      }
      const name = path.split(/[/\\]/).pop() ?? path;
      return { name, bytes: await facade.readFile(path) };
    },
    saveFile: async (request) => {
      const path = await facade.showSaveDialog({ defaultPath: request.suggestedName });
      if (path === null) return { saved: false };
      await facade.writeFile(path, request.bytes);
      return { saved: true };
    },
    openExternal: async (url) => {
      if (!isSafeExternalUrl(url)) return { opened: false };
      await facade.openExternal(url);
      return { opened: true };
    },
    listTokenCertificates: async () => {
      if (!pkcs11Module) return { ok: true, value: { moduleConfigured: false, tokens: [] } };
      // Like signing: the native addon is loaded only when a token is first asked for.
      const { listTokenCertificates } = await import('../node-shared/pkcs11/token-list');
      try {
        return {
          ok: true,
          value: { moduleConfigured: true, tokens: listTokenCertificates(pkcs11Module) },
        };
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        return { ok: false, error: { code: error.code, message: error.message } };
      }
    },
  };
}

/**
 * One handler per bridge channel. Each checks the sender (the app's own top frame only),
 * validates the untrusted arguments, then does the work; refusals throw with a code.
 */
export function createIpcHandlers(context: HandlerContext): Record<BridgeChannel, IpcHandler> {
  const impl = implementations(context);
  const handler =
    <K extends BridgeChannel>(channel: K): IpcHandler =>
    async (sender, args) => {
      if (!isTrustedSender(sender.frameUrl, sender.isMainFrame, context.appOrigin)) {
        throw new IpcRefusedError('ipc-untrusted-sender', `${channel}: refused for this frame`);
      }
      const typed = validateBridgeArgs[channel](args);
      const fn = impl[channel] as (...a: BridgeContract[K]['args']) => Promise<unknown>;
      return fn(...typed);
    };
  return {
    getAppInfo: handler('getAppInfo'),
    openFile: handler('openFile'),
    saveFile: handler('saveFile'),
    openExternal: handler('openExternal'),
    listIdentities: handler('listIdentities'),
    importIdentity: handler('importIdentity'),
    removeIdentity: handler('removeIdentity'),
    signLogin: handler('signLogin'),
    signPdf: handler('signPdf'),
    listTokenCertificates: handler('listTokenCertificates'),
  };
}

export { BridgeArgumentError };
