// Host layer: workbook files in the desktop app, through the preload's functions — the native open and save dialogs
// in the main process, the file's bytes read a piece at a time by token (the one read path, as imports read), and a
// save written by the main process atomically over the file behind its token. The page never sees a path: its
// handle to a file is `{ token, name }`. A save that fails comes back with a kind, thrown here as HostFileError.
import type { FileProblemKind, PickedFile, WorkbenchApi } from '../../../electron/contract.ts';
import { readPickedFile } from './picked-file.ts';
import type { ChosenWorkbook, OpenedFile, SaveTarget, WorkbookFiles } from './workbook-files.ts';

/** A desktop file operation that did not happen, by kind (renderer/state/workbook-words.ts words it). */
export class HostFileError extends Error {
  constructor(readonly kind: FileProblemKind, detail: string) {
    super(detail);
    this.name = 'HostFileError';
  }
}

type Api = Pick<WorkbenchApi, 'readImportFile' | 'pickWorkbookFile' | 'chooseWorkbookSave' | 'saveWorkbookFile' | 'recentWorkbooks'>;

/** A granted workbook read whole, a piece at a time; Save goes back to it by the same token. */
export async function readGrantedWorkbook(api: Pick<WorkbenchApi, 'readImportFile'>, picked: PickedFile): Promise<OpenedFile> {
  const file = await readPickedFile(api, picked);
  return { name: picked.name, bytes: new Uint8Array(await file.arrayBuffer()), handle: { token: picked.token, name: picked.name } };
}

/** A granted workbook not read yet (Open Recent, a file the app was asked to open). */
export function chosenWorkbook(api: Pick<WorkbenchApi, 'readImportFile'>, picked: PickedFile): ChosenWorkbook {
  return { name: picked.name, read: () => readGrantedWorkbook(api, picked) };
}

export function desktopWorkbookFiles(api: Api): WorkbookFiles {
  /** The recent list as last read, by token. */
  let listed = new Map<string, PickedFile>();
  return {
    // Save As and a first save ask where first (the file's name goes into the workbook); Save reuses the token.
    async chooseSaveTarget(suggestedName, current): Promise<SaveTarget | null> {
      const target = current && 'token' in current ? current : await api.chooseWorkbookSave(suggestedName);
      if (!target) return null;
      const { token, name } = target;
      return {
        name,
        handle: { token, name },
        write: async (bytes) => {
          const saved = await api.saveWorkbookFile(bytes, name, token);
          if (saved === null) throw new HostFileError('failed', 'The save did not happen.'); // with a token main asks nothing
          if ('problem' in saved) throw new HostFileError(saved.problem, saved.detail);
        },
      };
    },
    async pickWorkbook() {
      const picked = await api.pickWorkbookFile();
      return picked ? readGrantedWorkbook(api, picked) : null;
    },
    // The main process keeps the list (updated at every open and save); each entry is a granted file by token.
    async recent() {
      const list = await api.recentWorkbooks();
      listed = new Map(list.map((picked) => [picked.token, picked]));
      return list.map((picked) => ({ id: picked.token, name: picked.name, usedAt: '' }));
    },
    async openRecent(id) {
      const picked = listed.get(id);
      if (!picked) throw new HostFileError('grant-expired', 'That workbook is no longer in the recent list.');
      return readGrantedWorkbook(api, picked);
    },
    remember: async () => undefined,
  };
}
