// Contract layer, shared by main, preload and renderer: the IPC channel names and the shapes that cross them.
// It imports nothing, so the renderer can `import type` from it without pulling in Electron or Node, and main and
// preload agree on one spelling of every channel. Add a channel here first, then its handler, then its preload
// function; the `ChannelMap` entry ties the three together at compile time.

export const CHANNELS = {
  appInfo: 'app:info',
  /** The page as PDF through Chromium's print pipeline (the pack's print view: its own @page size and pages). */
  printPdf: 'page:print-pdf',
  // Planned: fileOpen: 'file:open', fileSave: 'file:save'.
} as const;

export type ChannelKey = keyof typeof CHANNELS;
export type Channel = (typeof CHANNELS)[ChannelKey];

/** What the About box and the renderer's footer show; no secrets, no paths. */
export interface AppInfo {
  name: string;
  version: string;
  electron: string;
  chrome: string;
  node: string;
  platform: string;
  dataLicences: string;
}

/** Per channel: the arguments the renderer sends (after validation) and what the main process resolves with. */
export interface ChannelMap {
  'app:info': { args: []; result: AppInfo };
  'page:print-pdf': { args: []; result: Uint8Array };
}

export type ChannelArgs<C extends Channel> = ChannelMap[C]['args'];
export type ChannelResult<C extends Channel> = ChannelMap[C]['result'];

/** The object the preload exposes as `window.workbench`: one named function per channel, nothing raw. */
export interface WorkbenchApi {
  appInfo(): Promise<AppInfo>;
  printPdf(): Promise<Uint8Array>;
}

/** The global name of that object; the renderer's Host reads `window[WORKBENCH_GLOBAL]`. */
export const WORKBENCH_GLOBAL = 'workbench';
