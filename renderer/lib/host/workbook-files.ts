// Host layer: where a workbook file is read from and written to in web mode. Chromium's File System Access API
// gives a handle, so Save writes over the same file and the recent list can reopen it; a browser without it opens
// through the page's file input and saves by download. The desktop app does the same through its native dialogs
// (host.ts). Nothing here knows what a workbook holds: bytes in, bytes out.
import { downloadBlob } from './download.ts';
import { WORKBOOK_EXTENSION, WORKBOOK_MIME } from '../workbook/spec.ts';
import { forgetHandle, recentHandle, recentWorkbooks, rememberHandle, type RecentEntry } from './recent-handles.ts';

export type { RecentEntry } from './recent-handles.ts';

/**
 * What lets a later Save write over the same file: a File System Access handle in web mode, an opaque token the
 * desktop app's main process keeps the path behind (the page never sees a path) with the file's name. Null: saved
 * by download.
 */
export type WorkbookFileRef = FileSystemFileHandle | { token: string; name: string } | null;

/** Where a save goes: its file's name, and how to write it (over the file, or as a download). */
export interface SaveTarget {
  name: string;
  /** How to save over it next time; null when saved by download. */
  handle: WorkbookFileRef;
  write(bytes: Uint8Array): Promise<void>;
}

export interface OpenedFile {
  name: string;
  bytes: Uint8Array;
  handle: WorkbookFileRef;
}

/** A workbook file chosen outside the page's File › Open… (Open Recent, a double-click in the desktop app): read on demand. */
export interface ChosenWorkbook {
  name: string;
  read(): Promise<OpenedFile>;
}

/** Opening and saving workbook files: the browser's (this module) or the desktop app's native dialogs (host.ts). */
export interface WorkbookFiles {
  /** Where to save: over `current` (Save), or a file the analyst chooses (Save As…, a first save); null if cancelled. */
  chooseSaveTarget(suggestedName: string, current: WorkbookFileRef): Promise<SaveTarget | null>;
  /** A workbook file the analyst chose; null when cancelled; 'no-picker' when the page must ask with a file input. */
  pickWorkbook(): Promise<OpenedFile | null | 'no-picker'>;
  /** Workbooks opened or saved lately, newest first (File › Recent workbooks). */
  recent(): Promise<RecentEntry[]>;
  /** A workbook from the recent list; it leaves the list when its file can no longer be read. */
  openRecent(id: string): Promise<OpenedFile>;
  /** A workbook was opened from or saved to this file: it goes to the top of the recent list. */
  remember(handle: WorkbookFileRef, usedAt: string): Promise<void>;
}

interface FsAccess {
  showOpenFilePicker?(options: unknown): Promise<FileSystemFileHandle[]>;
  showSaveFilePicker?(options: unknown): Promise<FileSystemFileHandle>;
}

const PICKER_TYPES = [{ description: 'IDMG workbooks', accept: { [WORKBOOK_MIME]: [WORKBOOK_EXTENSION] } }];

const fsAccess = (): FsAccess => globalThis as unknown as FsAccess;

/** Whether this browser can open and save files in place (else: file input and download). */
export function canSaveInPlace(): boolean {
  return typeof fsAccess().showSaveFilePicker === 'function' && typeof fsAccess().showOpenFilePicker === 'function';
}

/** The analyst dismissed a picker: not a failure. */
const cancelled = (err: unknown) => err instanceof DOMException && err.name === 'AbortError';

async function writeHandle(handle: FileSystemFileHandle, bytes: Uint8Array): Promise<void> {
  // createWritable writes to a temporary file swapped in on close: a failure part-way leaves the old file whole.
  const writable = await handle.createWritable();
  try {
    await writable.write(bytes as Uint8Array<ArrayBuffer>);
    await writable.close();
  } catch (err) {
    await writable.abort().catch(() => undefined);
    throw err;
  }
}

/**
 * Where to save: over `current` (Save of a workbook with a handle), or a file the analyst chooses (Save As…, or a
 * first save). null when they cancelled the picker.
 */
export async function chooseSaveTarget(suggestedName: string, current: WorkbookFileRef): Promise<SaveTarget | null> {
  if (current && 'createWritable' in current) return { name: current.name, handle: current, write: (bytes) => writeHandle(current, bytes) };
  const picker = fsAccess().showSaveFilePicker;
  if (!canSaveInPlace() || !picker) {
    return { name: suggestedName, handle: null, write: async (bytes) => downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: WORKBOOK_MIME }), suggestedName) };
  }
  try {
    const handle = await picker.call(globalThis, { suggestedName, types: PICKER_TYPES, excludeAcceptAllOption: false });
    return { name: handle.name, handle, write: (bytes) => writeHandle(handle, bytes) };
  } catch (err) {
    if (cancelled(err)) return null;
    throw err;
  }
}

/** A workbook file chosen with the browser's picker; null when cancelled; 'no-picker' when the page's input must ask. */
export async function pickWorkbook(): Promise<OpenedFile | null | 'no-picker'> {
  const picker = fsAccess().showOpenFilePicker;
  if (!canSaveInPlace() || !picker) return 'no-picker';
  try {
    const [handle] = await picker.call(globalThis, { types: PICKER_TYPES, multiple: false });
    return handle ? readHandle(handle) : null;
  } catch (err) {
    if (cancelled(err)) return null;
    throw err;
  }
}

/** A file from a handle (a recent workbook): asks for permission again first, as the browser requires. */
export async function readHandle(handle: FileSystemFileHandle): Promise<OpenedFile> {
  const asking = handle as FileSystemFileHandle & { requestPermission?(o: { mode: 'read' | 'readwrite' }): Promise<PermissionState> };
  if (asking.requestPermission && (await asking.requestPermission({ mode: 'readwrite' })) !== 'granted') {
    throw new DOMException('Permission to read the workbook was not given.', 'NotAllowedError');
  }
  const file = await handle.getFile();
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), handle };
}

async function openRecent(id: string): Promise<OpenedFile> {
  const handle = await recentHandle(id);
  if (!handle) throw new DOMException('That workbook is no longer in the recent list.', 'NotFoundError');
  try {
    return await readHandle(handle);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'NotFoundError') await forgetHandle(id);
    throw err;
  }
}

/** Web mode's workbook files: the File System Access API where Chromium offers it, else file input and download. */
export const browserWorkbookFiles: WorkbookFiles = {
  chooseSaveTarget,
  pickWorkbook,
  recent: recentWorkbooks,
  openRecent,
  remember: async (handle, usedAt) => {
    if (handle && 'createWritable' in handle) await rememberHandle(handle, usedAt);
  },
};
