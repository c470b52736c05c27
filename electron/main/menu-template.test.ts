// Tests for the native menu template and the About box text, built without Electron.
import { describe, it, expect } from 'vitest';
import { aboutMessage, buildMenuTemplate, type MenuDeps, type MenuSpec } from './menu-template.ts';

const deps = (over: Partial<MenuDeps> = {}): MenuDeps => ({ isPackaged: true, isMac: false, showAbout: () => {}, send: () => {}, recent: [], clearRecent: () => {}, ...over });
const roles = (item: MenuSpec | undefined): string[] => (item?.submenu ?? []).flatMap((i) => (i.role ? [i.role] : []));
const byLabel = (template: MenuSpec[], label: string) => template.find((m) => m.label === label);

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help in that order', () => {
    expect(buildMenuTemplate(deps()).map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
  });

  it('offers the workbook commands and Import data… in File, each sending its command to the page', () => {
    const sent: string[] = [];
    const items = byLabel(buildMenuTemplate(deps({ send: (c) => sent.push(c) })), 'File')?.submenu ?? [];
    const labelled = items.filter((i) => i.label && i.label !== 'Open Recent');
    expect(items.map((i) => i.label ?? i.type ?? i.role)).toEqual([
      'New workbook', 'Open workbook…', 'Open Recent', 'Save workbook', 'Save workbook as…', 'separator', 'Import data…', 'separator', 'close', 'separator', 'quit',
    ]);
    expect(labelled.map((i) => i.accelerator)).toEqual(['CmdOrCtrl+N', 'CmdOrCtrl+O', 'CmdOrCtrl+S', 'CmdOrCtrl+Shift+S', 'CmdOrCtrl+I']);
    for (const item of labelled) item.click?.();
    expect(sent).toEqual(['new-workbook', 'open-workbook', 'save-workbook', 'save-workbook-as', 'import-data']);
  });

  it('lists the recent workbooks under Open Recent, with Clear Recent, or says there are none', () => {
    const opened: string[] = [];
    let cleared = 0;
    const recent = [{ label: 'Q4.idmgwb', open: () => opened.push('Q4') }, { label: 'Q3.idmgwb', open: () => opened.push('Q3') }];
    const openRecent = (d: MenuDeps) => byLabel(buildMenuTemplate(d), 'File')?.submenu?.find((i) => i.label === 'Open Recent')?.submenu ?? [];
    const items = openRecent(deps({ recent, clearRecent: () => (cleared += 1) }));
    expect(items.map((i) => i.label ?? i.type)).toEqual(['Q4.idmgwb', 'Q3.idmgwb', 'separator', 'Clear Recent']);
    items[1]?.click?.();
    items[3]?.click?.();
    expect([opened, cleared]).toEqual([['Q3'], 1]);
    expect(openRecent(deps())).toEqual([{ label: 'No recent workbooks', enabled: false }]);
  });

  it('puts the app menu first on macOS', () => {
    expect(buildMenuTemplate(deps({ isMac: true }))[0]?.role).toBe('appMenu');
  });

  it('offers Close and Quit, and the standard editing roles', () => {
    const template = buildMenuTemplate(deps());
    expect(roles(byLabel(template, 'File'))).toEqual(['close', 'quit']);
    expect(roles(byLabel(template, 'Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('shows developer tools only in an unpackaged build', () => {
    const packaged = roles(byLabel(buildMenuTemplate(deps({ isPackaged: true })), 'View'));
    const dev = roles(byLabel(buildMenuTemplate(deps({ isPackaged: false })), 'View'));
    expect(packaged).not.toContain('toggleDevTools');
    expect(dev).toContain('toggleDevTools');
    for (const r of ['reload', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']) expect(packaged).toContain(r);
  });

  it('has an About item in Help that calls showAbout', () => {
    let calls = 0;
    const about = byLabel(buildMenuTemplate(deps({ showAbout: () => calls++ })), 'Help')?.submenu?.find((i) => /About/.test(i.label ?? ''));
    expect(about).toBeDefined();
    about?.click?.();
    expect(calls).toBe(1);
  });
});

describe('aboutMessage', () => {
  it('names the versions and carries the data licence text', () => {
    const text = aboutMessage({
      name: 'IDMG Workbench', version: '0.1.0', electron: '41.7.1', chrome: '146.0.0.0', node: '24.1.0', platform: 'linux',
      dataLicences: 'Contains public sector information licensed under the Open Government Licence v3.0.',
    });
    expect(text.message).toBe('IDMG Workbench 0.1.0');
    expect(text.detail).toContain('Electron 41.7.1');
    expect(text.detail).toContain('Chromium 146.0.0.0');
    expect(text.detail).toContain('Open Government Licence v3.0');
  });
});
