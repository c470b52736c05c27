// Main-process layer, Electron-bound: the list of IPC channels the app answers, each registered through the one
// checked wrapper (ipc.ts) with its argument validator. A channel missing here rejects in the renderer.
import { CHANNELS } from '../../contract.ts';
import { handle, handleForSender } from '../ipc.ts';
import { noArgs } from '../ipc-core.ts';
import { appInfo } from './app-info.ts';
import { printPdf } from './print-pdf.ts';

export function registerHandlers(): void {
  handle(CHANNELS.appInfo, noArgs, appInfo);
  handleForSender(CHANNELS.printPdf, noArgs, printPdf);
}
