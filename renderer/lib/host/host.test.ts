// The host is chosen by what the page was given: the preload's API (desktop) or nothing (web mode).
import { describe, expect, it } from 'vitest';
import { ENGINE_PORT_MESSAGE, type AppInfo } from '../../../electron/contract.ts';
import { detectHost } from './host.ts';
import { ENGINE_PORT_TAG } from './engine-port.ts';

const info: AppInfo = { name: 'IDMG Workbench', version: '1.2.3', electron: '41', chrome: '140', node: '22', platform: 'linux', dataLicences: 'OGL' };

describe('detectHost', () => {
  it('uses the preload API when the desktop shell exposed it', async () => {
    const pdf = Uint8Array.from([0x25, 0x50, 0x44, 0x46]);
    const commands: unknown[] = [];
    const host = detectHost({
      workbench: {
        appInfo: async () => info,
        printPdf: async () => pdf,
        pickImportFile: async () => ({ token: 't', name: 'forces.csv', size: 8, lastModified: 1_700_000_000_000 }),
        readImportFile: async (_t, offset, length) => new TextEncoder().encode('a,b\n1,2\n').subarray(offset, offset + length),
        pickWorkbookFile: async () => null,
        chooseWorkbookSave: async () => null,
        saveWorkbookFile: async () => null,
        recentWorkbooks: async () => [],
        onMenuCommand: (listener) => listener('import-data'),
        connectEngine: async () => false,
        onEngineStopped: () => undefined,
      },
    });
    expect(host.kind).toBe('desktop');
    host.onMenuCommand((c) => commands.push(c));
    expect(commands).toEqual(['import-data']);
    const file = await host.pickFile();
    expect([file?.name, await file?.text(), file?.lastModified]).toEqual(['forces.csv', 'a,b\n1,2\n', 1_700_000_000_000]);
    expect(await host.appInfo()).toEqual(info);
    expect(await host.printPdf()).toBe(pdf);
  });
  it('falls back to web mode without it', async () => {
    expect(detectHost({}).kind).toBe('web');
    expect(await detectHost({}).pickFile()).toBeNull();
  });
});

describe('the engine port tag', () => {
  it('is the contract’s ENGINE_PORT_MESSAGE (the host layer may only import types from the contract)', () => {
    expect(ENGINE_PORT_TAG).toBe(ENGINE_PORT_MESSAGE);
  });
});
