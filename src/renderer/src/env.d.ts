/// <reference types="vite/client" />
import type { KioskBridge } from '../../contract';

declare global {
  interface Window {
    /** Provided by the Electron preload or, in the browser host, by the host client. */
    readonly kiosk: KioskBridge;
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

export {};
