// Preload layer (sandboxed, built as CommonJS): the page's only door to the main process. It exposes one named
// function per IPC channel as `window.workbench`, never ipcRenderer itself, so the page cannot invoke arbitrary
// channels or listen to arbitrary events. It may import only 'electron' and the contract.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, WORKBENCH_GLOBAL, type AppInfo, type WorkbenchApi } from '../contract.ts';

const api: WorkbenchApi = {
  appInfo: () => ipcRenderer.invoke(CHANNELS.appInfo) as Promise<AppInfo>,
  printPdf: () => ipcRenderer.invoke(CHANNELS.printPdf) as Promise<Uint8Array>,
};

contextBridge.exposeInMainWorld(WORKBENCH_GLOBAL, api);
