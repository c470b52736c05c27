// Main-process layer, pure (Node, no Electron): the desktop's workbook files as one object — a workbook the analyst
// opened (dialog, Open Recent, a file opened with the app) is granted for reading AND writing under one token, a
// save writes atomically behind its token, and both put the file first in the recent list. Electron's parts (the
// dialogs, app.addRecentDocument, the menu, sending to the page) are injected by handlers/workbook-file.ts, so this
// is tested with real files and no Electron.
import { basename } from 'node:path';
import { WORKBOOK_BYTES_MAX, WORKBOOK_FILE_EXTENSION, type FileProblem, type PickedFile, type SavedWorkbook } from '../contract.ts';
import type { FileGrants } from './file-grants.ts';
import type { RecentWorkbooks } from './recent-workbooks.ts';
import { DiskError, diskProblemKind, withExtension, writeFileAtomically, type SaveGrants } from './workbook-disk.ts';

export interface DeskDeps {
  grants: FileGrants;
  saves: SaveGrants;
  recent: RecentWorkbooks;
  /** After a workbook was opened or saved at `path` (the OS's recent documents, the menu's Open Recent). */
  remembered(path: string): void;
}

export class WorkbookDesk {
  constructor(private readonly deps: DeskDeps) {}

  /** A workbook to open: readable by its token, writable by the same token (Save goes back to it), and recent. */
  async open(path: string): Promise<PickedFile> {
    const picked = await this.deps.grants.grant(path);
    if (picked.size > WORKBOOK_BYTES_MAX) throw new DiskError('too-large', 'The workbook is larger than 2 GiB.');
    this.deps.saves.allow(path, picked.token);
    await this.remember(path);
    return picked;
  }

  /** A place chosen in the save dialog: writable by a new token; nothing is written yet. */
  allowSave(path: string): SavedWorkbook {
    const full = withExtension(path, WORKBOOK_FILE_EXTENSION);
    return { token: this.deps.saves.allow(full), name: basename(full) };
  }

  /**
   * Writes the workbook over its token's file, or, with no token, where `choose` says (null: the analyst cancelled).
   * A problem comes back as a value with its kind (the page words it); the old file is never half-written.
   */
  async save(bytes: Uint8Array, token: string | null, choose: () => Promise<string | null>): Promise<SavedWorkbook | FileProblem | null> {
    try {
      let target: SavedWorkbook;
      if (token !== null) {
        target = { token, name: basename(this.deps.saves.path(token)) };
      } else {
        const chosen = await choose();
        if (chosen === null) return null;
        target = this.allowSave(chosen);
      }
      const path = this.deps.saves.path(target.token);
      await writeFileAtomically(path, bytes);
      await this.remember(path);
      return target;
    } catch (err) {
      return { problem: diskProblemKind(err), detail: err instanceof Error ? err.message : String(err) };
    }
  }

  /** The recent workbooks still on disk, each granted (tokens, never paths); one that cannot be read (or is too large) is left out. */
  async recentFiles(): Promise<PickedFile[]> {
    const files: PickedFile[] = [];
    for (const path of await this.deps.recent.list()) {
      try {
        const picked = await this.deps.grants.grant(path);
        if (picked.size > WORKBOOK_BYTES_MAX) continue;
        this.deps.saves.allow(path, picked.token);
        files.push(picked);
      } catch {
        // gone or unreadable since the list was checked: leave it out
      }
    }
    return files;
  }

  private async remember(path: string): Promise<void> {
    await this.deps.recent.add(path);
    this.deps.remembered(path);
  }
}

/**
 * Messages for the page that arrive before it can hear them (a workbook double-clicked to start the app, macOS's
 * 'open-file' before the window exists): kept until the page has loaded, then sent in order.
 */
export class PageDoor<M> {
  private send: ((message: M) => void) | null = null;
  private readonly waiting: M[] = [];

  /** The page has loaded and listens: send what waited, and from now on send at once. */
  opened(send: (message: M) => void): void {
    this.send = send;
    for (const message of this.waiting.splice(0)) send(message);
  }

  /** The page is reloading or gone: keep messages until it opens again. */
  closed(): void {
    this.send = null;
  }

  post(message: M): void {
    if (this.send) this.send(message);
    else this.waiting.push(message);
  }
}
