// Main-process layer, pure: how the desktop app starts a window's native engine — the built engine-host program
// beside the main process's own file, and a data folder of the window's own under the app's data folder (imports the
// engine reads, spills past its memory limit). Kept free of Electron imports so vitest can check it.
import { join } from 'node:path';

export interface EngineHostPlan {
  /** The engine host, built by electron-vite next to the main process (out/main/engine-host.js). */
  program: string;
  args: string[];
  dataDir: string;
}

/** `mainDir` is the folder of the running main-process file; `userData` is Electron's app data folder. */
export function engineHostPlan(mainDir: string, userData: string, windowId: number): EngineHostPlan {
  if (!Number.isSafeInteger(windowId) || windowId < 0) throw new Error(`Not a window id: ${windowId}`);
  const dataDir = join(userData, 'engine', `window-${windowId}`);
  return { program: join(mainDir, 'engine-host.js'), args: ['--data-dir', dataDir], dataDir };
}
