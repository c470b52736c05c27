// Main-process layer, pure: the native menu as plain data, and the About box text. Imports nothing from
// Electron (its shapes are structurally compatible with MenuItemConstructorOptions) so vitest can check the
// menu's structure; menu.ts hands the result to Menu.buildFromTemplate and supplies the callbacks.
import type { AppInfo, MenuCommand } from '../contract.ts';

export type MenuRole =
  | 'appMenu' | 'quit' | 'close' | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll' | 'reload'
  | 'forceReload' | 'toggleDevTools' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen';

export interface MenuSpec {
  label?: string;
  role?: MenuRole;
  type?: 'separator' | 'submenu';
  accelerator?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuSpec[];
}

export interface MenuDeps {
  /** True in a packaged build: developer tools are then left out of the menu. */
  isPackaged: boolean;
  isMac: boolean;
  showAbout: () => void;
  /** Sends the page a menu command; the page carries it out (New, Open…, Save, Import data… and so on). */
  send: (command: MenuCommand) => void;
  /** File › Open Recent: the recent workbooks, newest first, each with its label (recentLabels) and how to open it. */
  recent: readonly { label: string; open: () => void }[];
  clearRecent: () => void;
}

const separator: MenuSpec = { type: 'separator' };

export function buildMenuTemplate(deps: MenuDeps): MenuSpec[] {
  const command = (label: string, name: MenuCommand, accelerator?: string): MenuSpec => ({ label, ...(accelerator ? { accelerator } : {}), click: () => deps.send(name) });
  const openRecent: MenuSpec = {
    label: 'Open Recent',
    submenu: deps.recent.length
      ? [...deps.recent.map((r) => ({ label: r.label, click: r.open })), separator, { label: 'Clear Recent', click: deps.clearRecent }]
      : [{ label: 'No recent workbooks', enabled: false }],
  };
  const file: MenuSpec = {
    label: 'File',
    submenu: [
      command('New workbook', 'new-workbook', 'CmdOrCtrl+N'),
      command('Open workbook…', 'open-workbook', 'CmdOrCtrl+O'),
      openRecent,
      command('Save workbook', 'save-workbook', 'CmdOrCtrl+S'),
      command('Save workbook as…', 'save-workbook-as', 'CmdOrCtrl+Shift+S'),
      separator,
      command('Import data…', 'import-data', 'CmdOrCtrl+I'),
      separator,
      { role: 'close' },
      separator,
      { role: 'quit' },
    ],
  };
  const edit: MenuSpec = {
    label: 'Edit',
    submenu: [
      { role: 'undo' }, { role: 'redo' }, separator,
      { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' },
    ],
  };
  const view: MenuSpec = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(deps.isPackaged ? [] : [{ role: 'forceReload' } as const, { role: 'toggleDevTools' } as const]),
      separator,
      { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator,
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuSpec = { label: 'Help', submenu: [{ label: 'About IDMG Workbench', click: deps.showAbout }] };
  return [...(deps.isMac ? [{ role: 'appMenu' } as const] : []), file, edit, view, help];
}

export interface AboutMessage {
  title: string;
  message: string;
  detail: string;
}

export function aboutMessage(info: AppInfo): AboutMessage {
  return {
    title: `About ${info.name}`,
    message: `${info.name} ${info.version}`,
    detail: [
      `Electron ${info.electron}`,
      `Chromium ${info.chrome}`,
      `Node.js ${info.node}`,
      `Platform ${info.platform}`,
      '',
      info.dataLicences,
    ].join('\n'),
  };
}
