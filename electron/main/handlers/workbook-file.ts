// Main-process layer, IPC handlers and app events for workbook files: the native open and save dialogs, the save
// itself, the recent list (File › Open Recent, the OS's recent documents), and a workbook the app was asked to open
// (a double-click: argv, 'second-instance', macOS 'open-file'), sent to the page as a granted file. The logic is in
// workbook-desk.ts; this file only wires Electron to it.
import { app, BrowserWindow, dialog, type WebContents } from 'electron';
import { join } from 'node:path';
import { MENU_EVENT, WORKBOOK_FILE_EXTENSION, type FileProblem, type MenuMessage, type PickedFile, type SavedWorkbook } from '../../contract.ts';
import { RecentWorkbooks } from '../recent-workbooks.ts';
import { PageDoor, WorkbookDesk } from '../workbook-desk.ts';
import { DiskError } from '../workbook-disk.ts';
import { fileGrants, saveGrants } from './granted.ts';

const FILTERS = [
  { name: 'IDMG workbooks', extensions: [WORKBOOK_FILE_EXTENSION] },
  { name: 'All files', extensions: ['*'] },
];

const recentListeners = new Set<() => void>();
/** Calls `listener` whenever the recent list changes (the menu rebuilds its Open Recent). */
export function onRecentChange(listener: () => void): void {
  recentListeners.add(listener);
}
const recentChanged = () => recentListeners.forEach((listener) => listener());

let desk: WorkbookDesk | null = null;
let recent: RecentWorkbooks | null = null;
/** Made on first use: the user-data folder is known once the app has its name. */
function workbooks(): { desk: WorkbookDesk; recent: RecentWorkbooks } {
  recent ??= new RecentWorkbooks(join(app.getPath('userData'), 'recent-workbooks.json'));
  desk ??= new WorkbookDesk({
    grants: fileGrants,
    saves: saveGrants,
    recent,
    remembered: (path) => {
      app.addRecentDocument(path);
      recentChanged();
    },
  });
  return { desk, recent };
}

const windowOf = (sender: WebContents) => BrowserWindow.fromWebContents(sender);

export async function pickWorkbook(sender: WebContents): Promise<PickedFile | null> {
  const window = windowOf(sender);
  const options = { title: 'Open workbook', properties: ['openFile' as const], filters: FILTERS };
  const chosen = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  const path = chosen.canceled ? undefined : chosen.filePaths[0];
  if (!path) return null;
  try {
    return await workbooks().desk.open(path);
  } catch (err) {
    // Said here, in the system's dialog: through IPC the page would get only an error's message.
    await cannotOpen(path, err);
    return null;
  }
}

function cannotOpen(path: string, err: unknown): Promise<unknown> {
  const detail = err instanceof DiskError && err.kind === 'too-large' ? 'It is larger than the 2 GiB a workbook can be.' : err instanceof Error ? err.message : String(err);
  return dialog.showMessageBox({ type: 'warning', title: 'Open workbook', message: 'The workbook could not be opened.', detail: `${path}\n\n${detail}`, buttons: ['OK'], noLink: true });
}

async function askSavePath(sender: WebContents, suggestedName: string): Promise<string | null> {
  const window = windowOf(sender);
  const options = { title: 'Save workbook', defaultPath: join(app.getPath('documents'), suggestedName), filters: FILTERS, properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const] };
  const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
}

export async function chooseWorkbookSave(sender: WebContents, suggestedName: string): Promise<SavedWorkbook | null> {
  const path = await askSavePath(sender, suggestedName);
  return path === null ? null : workbooks().desk.allowSave(path);
}

export function saveWorkbook(sender: WebContents, bytes: Uint8Array, suggestedName: string, token: string | null): Promise<SavedWorkbook | FileProblem | null> {
  return workbooks().desk.save(bytes, token, () => askSavePath(sender, suggestedName));
}

export function recentWorkbooks(): Promise<PickedFile[]> {
  return workbooks().desk.recentFiles();
}

/** The recent workbooks' paths for the native menu (main process only; the page gets tokens). */
export function recentWorkbookPaths(): Promise<string[]> {
  return workbooks().recent.list();
}

export async function clearRecentWorkbooks(): Promise<void> {
  await workbooks().recent.clear();
  app.clearRecentDocuments();
  recentChanged();
}

const door = new PageDoor<MenuMessage>();

/** The window whose page should hear about opened workbooks: sends wait until its page has loaded. */
export function attachWorkbookPage(window: BrowserWindow): void {
  const contents = window.webContents;
  contents.on('did-start-loading', () => door.closed());
  contents.on('did-finish-load', () => door.opened((message) => contents.send(MENU_EVENT, message)));
  contents.once('destroyed', () => door.closed());
}

/** A workbook the app was asked to open (Open Recent, a double-click): granted, then sent to the page to open. */
export async function openWorkbookInPage(path: string): Promise<void> {
  try {
    door.post({ command: 'open-granted', file: await workbooks().desk.open(path) });
  } catch (err) {
    await workbooks().recent.remove(path);
    recentChanged();
    void cannotOpen(path, err);
  }
}
