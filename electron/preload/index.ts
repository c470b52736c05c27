// Preload layer (sandboxed, built as CommonJS): the page's only door to the main process. It exposes one named
// function per IPC channel as `window.workbench`, never ipcRenderer itself, so the page cannot invoke arbitrary
// channels or listen to arbitrary events. It may import only 'electron' and the contract.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, MENU_COMMANDS, MENU_EVENT, WORKBENCH_GLOBAL, type AppInfo, type MenuCommand, type PickedFile, type WorkbenchApi } from '../contract.ts';

const api: WorkbenchApi = {
  appInfo: () => ipcRenderer.invoke(CHANNELS.appInfo) as Promise<AppInfo>,
  printPdf: () => ipcRenderer.invoke(CHANNELS.printPdf) as Promise<Uint8Array>,
  pickImportFile: () => ipcRenderer.invoke(CHANNELS.pickImport) as Promise<PickedFile | null>,
  readImportFile: (token, offset, length) => ipcRenderer.invoke(CHANNELS.readImport, token, offset, length) as Promise<Uint8Array>,
  // Only the listener sees the command, and only a known one; the event object stays here.
  onMenuCommand: (listener) => {
    ipcRenderer.on(MENU_EVENT, (_event, command: unknown) => {
      if ((MENU_COMMANDS as readonly unknown[]).includes(command)) listener(command as MenuCommand);
    });
  },
};

contextBridge.exposeInMainWorld(WORKBENCH_GLOBAL, api);
