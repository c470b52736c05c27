// Host layer: what the page may ask of whatever hosts it — the Electron shell (through the preload's
// `window.workbench`, the only door to the main process) or a plain browser in web mode. Features ask the Host,
// never Electron, so the same UI runs in both. Only `import type` from the contract: no Electron at run time.
import type { AppInfo, MenuCommand, WorkbenchApi } from '../../../electron/contract.ts';
import { desktopEnginePort } from './engine-port.ts';
import { readPickedFile } from './picked-file.ts';
import { browserWorkbookFiles, type ChosenWorkbook, type WorkbookFiles } from './workbook-files.ts';
import { chosenWorkbook, desktopWorkbookFiles } from './desktop-workbook-files.ts';

/** A command of the desktop app's menu; a workbook the app was asked to open comes ready to read. */
export type HostCommand = MenuCommand | { command: 'open-workbook-file'; workbook: ChosenWorkbook };

export interface Host {
  kind: 'desktop' | 'web';
  /** Versions and the data licence; in web mode, what the page itself can tell. */
  appInfo(): Promise<AppInfo>;
  /**
   * The page printed to PDF through its print stylesheet: bytes on the desktop (Electron's printToPDF); in web mode
   * the browser's print dialog opens (choose "Save as PDF") and this resolves to null.
   */
  printPdf(): Promise<Uint8Array | null>;
  /**
   * A file chosen in the desktop app's native dialog (File › Import data…), or null when the analyst cancelled; in
   * web mode the page's own file input does this, and this resolves to null.
   */
  pickFile(): Promise<File | null>;
  /** Calls `listener` for each command of the desktop app's menu; web mode has no menu. */
  onMenuCommand(listener: (command: HostCommand) => void): void;
  /** Where workbook files are opened from and saved to (web: the browser's pickers or input and download). */
  workbookFiles: WorkbookFiles;
  /**
   * The desktop app's native engine: a MessagePort to a fresh engine-host process for this window (any earlier one
   * ends), or null where there is none (web mode, or the host program is missing); `onStopped` hears it end.
   */
  connectEngine(onStopped: () => void): Promise<MessagePort | null>;
}

const LICENCE =
  'Contains public sector information licensed under the Open Government Licence v3.0. Source: Home Office, National Referral Mechanism statistics.';

function browserHost(): Host {
  return {
    kind: 'web',
    appInfo: async () => ({
      name: 'IDMG Workbench',
      version: import.meta.env.VITE_APP_VERSION ?? 'dev',
      electron: 'none (web mode)',
      chrome: /Chrome\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? 'unknown',
      node: 'none (web mode)',
      platform: navigator.platform,
      dataLicences: LICENCE,
    }),
    printPdf: async () => {
      globalThis.print();
      return null;
    },
    pickFile: async () => null,
    onMenuCommand: () => undefined,
    workbookFiles: browserWorkbookFiles,
    connectEngine: async () => null,
  };
}

/** The desktop host when the preload exposed its API (the global name is WORKBENCH_GLOBAL in the contract), else web. */
export function detectHost(global: { workbench?: WorkbenchApi } = globalThis as { workbench?: WorkbenchApi }): Host {
  const api = global.workbench;
  if (api && typeof api.appInfo === 'function') {
    return {
      kind: 'desktop',
      appInfo: () => api.appInfo(),
      printPdf: () => api.printPdf(),
      pickFile: async () => {
        const picked = await api.pickImportFile();
        return picked ? readPickedFile(api, picked) : null;
      },
      onMenuCommand: (listener) =>
        api.onMenuCommand((message) => listener(typeof message === 'string' ? message : { command: 'open-workbook-file', workbook: chosenWorkbook(api, message.file) })),
      workbookFiles: desktopWorkbookFiles(api),
      connectEngine: (onStopped) => desktopEnginePort(api, onStopped),
    };
  }
  return browserHost();
}
