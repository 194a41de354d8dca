import type { Bridge } from '../../../core/bridge/contract';
import { createWebBridge } from './web-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in web mode. */
    dienhong?: Bridge;
  }
}

/** The one way the renderer reaches privileged work, in Electron or in a browser. */
export const bridge: Bridge = window.dienhong ?? createWebBridge();
