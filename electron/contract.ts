// Contract layer, shared by main, preload and renderer: the IPC channel names and the shapes that cross them.
// It imports nothing, so the renderer can `import type` from it without pulling in Electron or Node, and main and
// preload agree on one spelling of every channel. Add a channel here first, then its handler, then its preload
// function; the `ChannelMap` entry ties the three together at compile time.

export const CHANNELS = {
  appInfo: 'app:info',
  /** The page as PDF through Chromium's print pipeline (the pack's print view: its own @page size and pages). */
  printPdf: 'page:print-pdf',
  /** File › Import data…: the native open dialog; the page gets a token for the chosen file, never its path. */
  pickImport: 'file:pick-import',
  /** A piece of the chosen file, by its token: the page builds a Blob a piece at a time, never the whole in memory. */
  readImport: 'file:read-import',
  // Planned: fileSave: 'file:save'.
} as const;

/** The one event the main process sends the page: a menu command for the page to carry out. */
export const MENU_EVENT = 'menu:command';
export const MENU_COMMANDS = ['import-data'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** The most bytes one 'file:read-import' call returns. */
export const IMPORT_READ_MAX = 8 * 1024 * 1024;

/** A file the analyst chose in the native dialog: an opaque token to read it by, its name (no folder), size and time. */
export interface PickedFile {
  token: string;
  name: string;
  size: number;
  lastModified: number;
}

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
  'file:pick-import': { args: []; result: PickedFile | null };
  'file:read-import': { args: [token: string, offset: number, length: number]; result: Uint8Array };
}

export type ChannelArgs<C extends Channel> = ChannelMap[C]['args'];
export type ChannelResult<C extends Channel> = ChannelMap[C]['result'];

/** The object the preload exposes as `window.workbench`: one named function per channel, nothing raw. */
export interface WorkbenchApi {
  appInfo(): Promise<AppInfo>;
  printPdf(): Promise<Uint8Array>;
  pickImportFile(): Promise<PickedFile | null>;
  readImportFile(token: string, offset: number, length: number): Promise<Uint8Array>;
  /** Calls `listener` for each menu command the main process sends (only the commands in MENU_COMMANDS). */
  onMenuCommand(listener: (command: MenuCommand) => void): void;
}

/** The global name of that object; the renderer's Host reads `window[WORKBENCH_GLOBAL]`. */
export const WORKBENCH_GLOBAL = 'workbench';
