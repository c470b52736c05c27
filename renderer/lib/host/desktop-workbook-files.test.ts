// The desktop app's workbook files over a fake preload API (what the main process answers, kept in a Map): Open reads
// the file by token a piece at a time, Save writes back by the same token without asking, Save As and a first save
// ask where first, a cancelled dialog is null, a problem arrives as HostFileError by kind, and the menu's granted
// files reach the page ready to read.
import { describe, expect, it } from 'vitest';
import type { FileProblem, MenuMessage, PickedFile, SavedWorkbook, WorkbenchApi } from '../../../electron/contract.ts';
import { HostFileError, desktopWorkbookFiles } from './desktop-workbook-files.ts';
import { detectHost, type HostCommand } from './host.ts';

const TOKEN_A = '0f0e0d0c-0b0a-4908-8706-050403020100';
const TOKEN_B = '1f0e0d0c-0b0a-4908-8706-050403020100';

/** A fake main process: files by token, the save dialog's answer, and every call made. */
function fakeApi(files: Map<string, { name: string; bytes: Uint8Array }>, saveChoice: SavedWorkbook | null = null, problem: FileProblem | null = null) {
  const calls: string[] = [];
  const picked = (token: string): PickedFile => ({ token, name: files.get(token)!.name, size: files.get(token)!.bytes.length, lastModified: 0 });
  let menu: ((m: MenuMessage) => void) | null = null;
  const api: WorkbenchApi = {
    appInfo: async () => ({ name: 'IDMG Workbench', version: '1', electron: '41', chrome: '140', node: '22', platform: 'linux', dataLicences: 'OGL' }),
    printPdf: async () => new Uint8Array(),
    pickImportFile: async () => null,
    readImportFile: async (token, offset, length) => {
      calls.push(`read ${offset}+${length}`);
      return files.get(token)!.bytes.slice(offset, offset + length);
    },
    pickWorkbookFile: async () => (calls.push('pick'), picked(TOKEN_A)),
    chooseWorkbookSave: async (suggested) => (calls.push(`choose ${suggested}`), saveChoice),
    saveWorkbookFile: async (bytes, name, token): Promise<SavedWorkbook | FileProblem | null> => {
      calls.push(`save ${name} ${token}`);
      if (problem) return problem;
      files.set(token!, { name, bytes });
      return { token: token!, name };
    },
    recentWorkbooks: async () => [picked(TOKEN_A)],
    onMenuCommand: (listener) => (menu = listener),
    connectEngine: async () => false,
    onEngineStopped: () => undefined,
  };
  return { api, calls, send: (m: MenuMessage) => menu?.(m), picked };
}

const bytes = Uint8Array.from({ length: 9 * 1024 * 1024 + 3 }, (_, i) => (i * 13) % 251);

describe('desktopWorkbookFiles', () => {
  it('opens by token in pieces and saves back over the same file without asking', async () => {
    const files = new Map([[TOKEN_A, { name: 'Quarterly.idmgwb', bytes }]]);
    const { api, calls } = fakeApi(files);
    const wb = desktopWorkbookFiles(api);
    const opened = await wb.pickWorkbook();
    if (!opened || opened === 'no-picker') throw new Error('expected a file');
    expect([opened.name, opened.handle]).toEqual(['Quarterly.idmgwb', { token: TOKEN_A, name: 'Quarterly.idmgwb' }]);
    expect(Buffer.compare(Buffer.from(opened.bytes), Buffer.from(bytes))).toBe(0);
    expect(calls.filter((c) => c.startsWith('read')).length).toBe(3);
    const target = await wb.chooseSaveTarget('ignored.idmgwb', opened.handle);
    expect([target?.name, target?.handle]).toEqual(['Quarterly.idmgwb', { token: TOKEN_A, name: 'Quarterly.idmgwb' }]);
    await target?.write(Uint8Array.of(1, 2, 3));
    expect(files.get(TOKEN_A)?.bytes).toEqual(Uint8Array.of(1, 2, 3));
    expect(calls.some((c) => c.startsWith('choose'))).toBe(false);
  });

  it('asks where for Save As or a first save, and is null when the dialog is cancelled', async () => {
    const chosen = { token: TOKEN_B, name: 'New tables.idmgwb' };
    const { api, calls } = fakeApi(new Map(), chosen);
    const target = await desktopWorkbookFiles(api).chooseSaveTarget('Untitled workbook.idmgwb', null);
    expect([target?.name, target?.handle]).toEqual(['New tables.idmgwb', chosen]);
    await target?.write(Uint8Array.of(9));
    expect(calls).toEqual(['choose Untitled workbook.idmgwb', `save New tables.idmgwb ${TOKEN_B}`]);
    expect(await desktopWorkbookFiles(fakeApi(new Map(), null).api).chooseSaveTarget('x.idmgwb', null)).toBeNull();
  });

  it('throws a save problem as HostFileError with its kind', async () => {
    const { api } = fakeApi(new Map(), null, { problem: 'disk-full', detail: 'ENOSPC: no space left on device' });
    const target = await desktopWorkbookFiles(api).chooseSaveTarget('x.idmgwb', { token: TOKEN_A, name: 'x.idmgwb' });
    const error = await target?.write(Uint8Array.of(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostFileError);
    expect((error as HostFileError).kind).toBe('disk-full');
  });

  it('lists the recent workbooks, each read on demand', async () => {
    const { api } = fakeApi(new Map([[TOKEN_A, { name: 'Q4.idmgwb', bytes: Uint8Array.of(7, 8) }]]));
    const files = desktopWorkbookFiles(api);
    const [first] = await files.recent();
    expect(first?.name).toBe('Q4.idmgwb');
    expect(await files.openRecent(first!.id)).toEqual({ name: 'Q4.idmgwb', bytes: Uint8Array.of(7, 8), handle: { token: TOKEN_A, name: 'Q4.idmgwb' } });
  });
});

describe('the desktop host', () => {
  it('uses these workbook files and passes a granted file on as a workbook to open', async () => {
    const { api, send, picked } = fakeApi(new Map([[TOKEN_A, { name: 'Q4.idmgwb', bytes: Uint8Array.of(5) }]]));
    const host = detectHost({ workbench: api });
    const got: HostCommand[] = [];
    host.onMenuCommand((c) => got.push(c));
    send('save-workbook-as');
    send({ command: 'open-granted', file: picked(TOKEN_A) });
    expect(got[0]).toBe('save-workbook-as');
    const second = got[1];
    if (typeof second !== 'object') throw new Error('expected a workbook');
    expect(second.workbook.name).toBe('Q4.idmgwb');
    expect((await second.workbook.read()).handle).toEqual({ token: TOKEN_A, name: 'Q4.idmgwb' });
    expect(host.workbookFiles.recent).toBeTypeOf('function');
  });
});
