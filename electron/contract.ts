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
  /**
   * A piece of a granted file (an import or a workbook), by its token: the one read path for files the analyst
   * chose. The page builds a Blob a piece at a time, never the whole in memory.
   */
  readImport: 'file:read-import',
  /** File › Open workbook…: the native open dialog filtered to workbooks; a token to read (and later save) it by. */
  pickWorkbook: 'workbook:pick',
  /** Save As… or a first save: the native save dialog; a token to write by and the chosen file's name, no bytes yet. */
  chooseWorkbookSave: 'workbook:choose-save',
  /** The workbook's bytes written (atomically) over the token's file, or where the save dialog says when no token. */
  saveWorkbook: 'workbook:save',
  /** The recent workbooks that still exist, newest first, each behind a token (never a path). */
  recentWorkbooks: 'workbook:recent',
  /**
   * A fresh native engine for the asking window (any earlier one of that window ends): main starts the engine host
   * as a utilityProcess and hands the page one end of a MessagePort to it (ENGINE_PORT_EVENT); resolves true once
   * sent, false when the host program is missing (the page then runs duckdb-wasm).
   */
  connectEngine: 'engine:connect',
} as const;

/** Main → preload: the MessagePort to the window's engine host (the preload passes it on as ENGINE_PORT_MESSAGE). */
export const ENGINE_PORT_EVENT = 'engine:port';
/** Main → preload: the window's engine host ended (killed, out of memory, crashed). */
export const ENGINE_STOPPED_EVENT = 'engine:stopped';
/** The tag of the window message that carries the engine's MessagePort from the preload to the page. */
export const ENGINE_PORT_MESSAGE = 'idmg-engine-port';

/** The one event the main process sends the page: a menu command for the page to carry out. */
export const MENU_EVENT = 'menu:command';
export const MENU_COMMANDS = ['import-data', 'new-workbook', 'open-workbook', 'save-workbook', 'save-workbook-as'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
/** A workbook the main process already granted (Open Recent, a file opened with the app): the page opens it. */
export interface OpenGrantedCommand {
  command: 'open-granted';
  file: PickedFile;
}
/** What MENU_EVENT carries: a plain command, or one with a granted file. */
export type MenuMessage = MenuCommand | OpenGrantedCommand;

/** The workbook file: its extension (no dot) and MIME type (renderer/lib/workbook/spec.ts holds the same; a test ties them). */
export const WORKBOOK_FILE_EXTENSION = 'idmgwb';
export const WORKBOOK_FILE_MIME = 'application/vnd.idmg.workbook+zip';
/** The largest workbook file saved or opened (2 GiB). */
export const WORKBOOK_BYTES_MAX = 2 * 1024 * 1024 * 1024;
/** The longest file name (no folder) that crosses the bridge. */
export const FILE_NAME_MAX = 255;
/** Tokens are random UUIDs (crypto.randomUUID). */
export const TOKEN_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The most bytes one 'file:read-import' call returns. */
export const IMPORT_READ_MAX = 8 * 1024 * 1024;

/** A file the analyst chose in the native dialog: an opaque token to read it by, its name (no folder), size and time. */
export interface PickedFile {
  token: string;
  name: string;
  size: number;
  lastModified: number;
}

/** A workbook written to disk: the token to save over it next time, and its file name. */
export interface SavedWorkbook {
  token: string;
  name: string;
}
/** 'grant-expired': the token's path is no longer kept (too many files chosen since); the page saves with Save As. */
export type FileProblemKind = 'grant-expired' | 'disk-full' | 'not-allowed' | 'folder-gone' | 'too-large' | 'failed';
/**
 * Why a save did not happen, returned as a value: Electron passes only the message of an error thrown in a handler,
 * and the page chooses its wording by kind, never by English text. `detail` is the system's words, for the record.
 */
export interface FileProblem {
  problem: FileProblemKind;
  detail: string;
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
  'workbook:pick': { args: []; result: PickedFile | null };
  'workbook:choose-save': { args: [suggestedName: string]; result: SavedWorkbook | null };
  'workbook:save': { args: [bytes: Uint8Array, suggestedName: string, token: string | null]; result: SavedWorkbook | FileProblem | null };
  'workbook:recent': { args: []; result: PickedFile[] };
  'engine:connect': { args: []; result: boolean };
}

export type ChannelArgs<C extends Channel> = ChannelMap[C]['args'];
export type ChannelResult<C extends Channel> = ChannelMap[C]['result'];

/** The object the preload exposes as `window.workbench`: one named function per channel, nothing raw. */
export interface WorkbenchApi {
  appInfo(): Promise<AppInfo>;
  printPdf(): Promise<Uint8Array>;
  pickImportFile(): Promise<PickedFile | null>;
  readImportFile(token: string, offset: number, length: number): Promise<Uint8Array>;
  pickWorkbookFile(): Promise<PickedFile | null>;
  chooseWorkbookSave(suggestedName: string): Promise<SavedWorkbook | null>;
  saveWorkbookFile(bytes: Uint8Array, suggestedName: string, token: string | null): Promise<SavedWorkbook | FileProblem | null>;
  recentWorkbooks(): Promise<PickedFile[]>;
  /** Calls `listener` for each menu command the main process sends (only what menuMessageFrom accepts). */
  onMenuCommand(listener: (message: MenuMessage) => void): void;
  /** Starts the window's native engine; its MessagePort arrives as a window message tagged ENGINE_PORT_MESSAGE. */
  connectEngine(): Promise<boolean>;
  /** Calls `listener` when the window's engine host has ended. */
  onEngineStopped(listener: () => void): void;
}

/** The global name of that object; the renderer's Host reads `window[WORKBENCH_GLOBAL]`. */
export const WORKBENCH_GLOBAL = 'workbench';

/** A file name with no folder in it: 1–255 characters, no slash, backslash or control character, not '.' or '..'. */
export function isPlainFileName(name: unknown): name is string {
  if (typeof name !== 'string' || name.length === 0 || name.length > FILE_NAME_MAX || name === '.' || name === '..') return false;
  return [...name].every((c) => c >= ' ' && c !== '/' && c !== '\\' && c !== '\u007f');
}

/**
 * The preload's allow-list for MENU_EVENT: a known command, or an 'open-granted' whose file is well formed; anything
 * else is null and never reaches the page. Here (not in the preload) so main, preload and tests share one check.
 */
export function menuMessageFrom(raw: unknown): MenuMessage | null {
  if (typeof raw === 'string') return (MENU_COMMANDS as readonly string[]).includes(raw) ? (raw as MenuCommand) : null;
  if (typeof raw !== 'object' || raw === null || (raw as { command?: unknown }).command !== 'open-granted') return null;
  const file = (raw as { file?: unknown }).file as Partial<Record<keyof PickedFile, unknown>> | null | undefined;
  if (typeof file !== 'object' || file === null) return null;
  const { token, name, size, lastModified } = file;
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) return null;
  if (!isPlainFileName(name)) return null;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0 || size > WORKBOOK_BYTES_MAX) return null;
  if (typeof lastModified !== 'number' || !Number.isFinite(lastModified)) return null;
  return { command: 'open-granted', file: { token, name, size, lastModified } };
}
