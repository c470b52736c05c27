// Main-process layer, Electron-bound: the list of IPC channels the app answers, each registered through the one
// checked wrapper (ipc.ts) with its argument validator. A channel missing here rejects in the renderer.
import { CHANNELS, IMPORT_READ_MAX, WORKBOOK_BYTES_MAX } from '../../contract.ts';
import { handle, handleForSender } from '../ipc.ts';
import { args, bytes, fileName, int, noArgs, nullable, token } from '../ipc-core.ts';
import { pickImport, readImport } from './import-file.ts';
import { chooseWorkbookSave, pickWorkbook, recentWorkbooks, saveWorkbook } from './workbook-file.ts';
import { appInfo } from './app-info.ts';
import { printPdf } from './print-pdf.ts';
import { connectEngine } from './engine.ts';

export function registerHandlers(): void {
  handle(CHANNELS.appInfo, noArgs, appInfo);
  handleForSender(CHANNELS.printPdf, noArgs, printPdf);
  handleForSender(CHANNELS.pickImport, noArgs, pickImport);
  handle(CHANNELS.readImport, args(token, int(0, Number.MAX_SAFE_INTEGER), int(1, IMPORT_READ_MAX)), readImport);
  handleForSender(CHANNELS.pickWorkbook, noArgs, pickWorkbook);
  handleForSender(CHANNELS.chooseWorkbookSave, args(fileName), chooseWorkbookSave);
  handleForSender(CHANNELS.saveWorkbook, args(bytes(WORKBOOK_BYTES_MAX), fileName, nullable(token)), saveWorkbook);
  handle(CHANNELS.recentWorkbooks, noArgs, recentWorkbooks);
  handleForSender(CHANNELS.connectEngine, noArgs, connectEngine);
}
