// Preload layer (sandboxed, built as CommonJS): the page's only door to the main process. It exposes one named
// function per IPC channel as `window.workbench`, never ipcRenderer itself, so the page cannot invoke arbitrary
// channels or listen to arbitrary events. It may import only 'electron' and the contract.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, ENGINE_PORT_EVENT, ENGINE_PORT_MESSAGE, ENGINE_STOPPED_EVENT, MENU_EVENT, WORKBENCH_GLOBAL, menuMessageFrom, type AppInfo, type FileProblem, type PickedFile, type SavedWorkbook, type WorkbenchApi } from '../contract.ts';

const api: WorkbenchApi = {
  appInfo: () => ipcRenderer.invoke(CHANNELS.appInfo) as Promise<AppInfo>,
  printPdf: () => ipcRenderer.invoke(CHANNELS.printPdf) as Promise<Uint8Array>,
  pickImportFile: () => ipcRenderer.invoke(CHANNELS.pickImport) as Promise<PickedFile | null>,
  readImportFile: (token, offset, length) => ipcRenderer.invoke(CHANNELS.readImport, token, offset, length) as Promise<Uint8Array>,
  pickWorkbookFile: () => ipcRenderer.invoke(CHANNELS.pickWorkbook) as Promise<PickedFile | null>,
  chooseWorkbookSave: (suggestedName) => ipcRenderer.invoke(CHANNELS.chooseWorkbookSave, suggestedName) as Promise<SavedWorkbook | null>,
  saveWorkbookFile: (bytes, suggestedName, token) => ipcRenderer.invoke(CHANNELS.saveWorkbook, bytes, suggestedName, token) as Promise<SavedWorkbook | FileProblem | null>,
  recentWorkbooks: () => ipcRenderer.invoke(CHANNELS.recentWorkbooks) as Promise<PickedFile[]>,
  // Only the listener sees the message, and only a known command (with a well-formed file); the event stays here.
  onMenuCommand: (listener) => {
    ipcRenderer.on(MENU_EVENT, (_event, raw: unknown) => {
      const message = menuMessageFrom(raw);
      if (message !== null) listener(message);
    });
  },
  connectEngine: () => ipcRenderer.invoke(CHANNELS.connectEngine) as Promise<boolean>,
  onEngineStopped: (listener) => {
    ipcRenderer.on(ENGINE_STOPPED_EVENT, () => listener());
  },
};

// A MessagePort cannot cross the context bridge; Electron's way is a window message to the page's own world. The
// port speaks only the engine protocol, to a host that checks every request (electron/engine-host/main.ts).
ipcRenderer.on(ENGINE_PORT_EVENT, (event) => {
  const port = event.ports[0];
  if (port) window.postMessage(ENGINE_PORT_MESSAGE, window.location.origin, [port]);
});

contextBridge.exposeInMainWorld(WORKBENCH_GLOBAL, api);
