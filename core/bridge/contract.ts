/**
 * The one typed contract between the renderer and privileged work (files, keys, signing,
 * app info). The Electron preload exposes exactly one function per entry as
 * `window.dienhong`; in web mode a browser implementation stands behind the same interface.
 * Every argument and result is plain structured-clone data.
 */

export interface AppInfo {
  name: string;
  version: string;
  /** 'electron' inside the desktop shell, 'web' in a browser. */
  platform: 'electron' | 'web';
  /** Base URL of the sync server this client talks to. */
  serverUrl: string;
}

export interface OpenFileRequest {
  /** i18n-free title is chosen by the caller (already translated). */
  title: string;
  /** Lower-case extensions without dots, e.g. ['pdf']. */
  extensions: string[];
}

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

export interface SaveFileRequest {
  suggestedName: string;
  bytes: Uint8Array;
}

/** Every request the renderer may make, with its argument and result types. */
export interface BridgeContract {
  getAppInfo: { args: []; result: AppInfo };
  openFile: { args: [request: OpenFileRequest]; result: PickedFile | null };
  saveFile: { args: [request: SaveFileRequest]; result: { saved: boolean } };
  openExternal: { args: [url: string]; result: { opened: boolean } };
}

export type BridgeChannel = keyof BridgeContract;

/** The interface the renderer programs against: one async function per contract entry. */
export type Bridge = {
  [K in BridgeChannel]: (
    ...args: BridgeContract[K]['args']
  ) => Promise<BridgeContract[K]['result']>;
};

/** IPC channel names, derived from the contract so they cannot drift. */
export const bridgeChannels = [
  'getAppInfo',
  'openFile',
  'saveFile',
  'openExternal',
] as const satisfies readonly BridgeChannel[];

export const ipcChannelName = (channel: BridgeChannel): string => `dienhong:${channel}`;

/** Exhaustiveness: fails to compile if a contract entry is missing from bridgeChannels. */
type MissingChannels = Exclude<BridgeChannel, (typeof bridgeChannels)[number]>;
const _allChannelsListed: MissingChannels extends never ? true : never = true;
void _allChannelsListed;
