/**
 * Preload (sandboxed): exposes exactly one function per bridge contract entry as
 * `window.dienhong`. No raw ipcRenderer, no generic send(channel).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { bridgeChannels, ipcChannelName, type Bridge } from '../core/bridge/contract';

const bridge = Object.fromEntries(
  bridgeChannels.map((channel) => [
    channel,
    (...args: unknown[]) => ipcRenderer.invoke(ipcChannelName(channel), ...args),
  ]),
) as Bridge;

contextBridge.exposeInMainWorld('dienhong', Object.freeze(bridge));
