// Host layer: a file the analyst chose in the desktop app's native dialog, read through the preload a piece at a time
// into a File. Each piece joins the Blob as it arrives, so the page never holds more than one piece: the browser
// keeps a Blob's bytes outside the page's memory, and the import then reads the File as it reads a picked one.
import type { PickedFile, WorkbenchApi } from '../../../electron/contract.ts';

/** Bytes per read (the contract's IMPORT_READ_MAX allows up to 8 MB). */
const PIECE = 4 * 1024 * 1024;

export async function readPickedFile(api: Pick<WorkbenchApi, 'readImportFile'>, picked: PickedFile, onProgress?: (fraction: number) => void): Promise<File> {
  let blob = new Blob([]);
  for (let offset = 0; offset < picked.size; ) {
    const piece = await api.readImportFile(picked.token, offset, Math.min(PIECE, picked.size - offset));
    if (piece.length === 0) throw new Error(`“${picked.name}” became shorter while it was being read. Choose it again.`);
    blob = new Blob([blob, piece as Uint8Array<ArrayBuffer>]);
    offset += piece.length;
    onProgress?.(offset / picked.size);
  }
  return new File([blob], picked.name, { lastModified: picked.lastModified });
}
