// Main-process layer, IPC handlers: File › Import data… — the native open dialog over the asking window, and the
// chosen file read a piece at a time by its token (file-grants.ts keeps the paths; the page never sees one).
import { BrowserWindow, dialog, type WebContents } from 'electron';
import type { PickedFile } from '../../contract.ts';
import { fileGrants as grants } from './granted.ts';

const FILTERS = [
  { name: 'Data files', extensions: ['csv', 'tsv', 'txt', 'gz', 'xlsx', 'xlsm', 'xls', 'ods', 'parquet', 'json', 'ndjson', 'jsonl'] },
  { name: 'All files', extensions: ['*'] },
];

export async function pickImport(sender: WebContents): Promise<PickedFile | null> {
  const window = BrowserWindow.fromWebContents(sender);
  const options = { title: 'Import data', properties: ['openFile' as const], filters: FILTERS };
  const chosen = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  const path = chosen.canceled ? undefined : chosen.filePaths[0];
  return path ? grants.grant(path) : null;
}

export function readImport(token: string, offset: number, length: number): Promise<Uint8Array> {
  return grants.read(token, offset, length);
}
