// The preload's allow-list for what the main process sends the page (menuMessageFrom) and the file-name check shared
// by the IPC validators: known commands pass, a granted file passes only well formed, anything else never reaches
// the page. The workbook's extension and MIME type agree with the page's workbook spec.
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS, WORKBOOK_FILE_EXTENSION, WORKBOOK_FILE_MIME, isPlainFileName, menuMessageFrom } from './contract.ts';
import { WORKBOOK_EXTENSION, WORKBOOK_MIME } from '../renderer/lib/workbook/spec.ts';

const file = { token: '0f0e0d0c-0b0a-4908-8706-050403020100', name: 'Q4 tables.idmgwb', size: 2048, lastModified: 1_700_000_000_000 };

describe('menuMessageFrom', () => {
  it('passes the known commands and a well-formed granted file', () => {
    for (const command of MENU_COMMANDS) expect(menuMessageFrom(command)).toBe(command);
    expect(menuMessageFrom({ command: 'open-granted', file: { ...file, path: '/home/ana/x' } })).toEqual({ command: 'open-granted', file });
  });

  it('drops anything else', () => {
    const bad: unknown[] = [
      'delete-everything', '', null, 42, ['import-data'], { command: 'import-data' }, { command: 'open-granted' },
      { command: 'open-granted', file: { ...file, token: 'guess' } },
      { command: 'open-granted', file: { ...file, name: '../../etc/passwd' } },
      { command: 'open-granted', file: { ...file, size: -1 } },
      { command: 'open-granted', file: { ...file, size: 3 * 1024 ** 3 } },
      { command: 'open-granted', file: { ...file, lastModified: 'yesterday' } },
    ];
    for (const raw of bad) expect(menuMessageFrom(raw)).toBeNull();
  });
});

describe('isPlainFileName', () => {
  it('accepts a name and refuses folders, control characters and dot names', () => {
    expect(isPlainFileName('Quarterly (draft) – v2.idmgwb')).toBe(true);
    for (const name of ['', '.', '..', 'a/b', 'a\\b', 'tab\there', 'x'.repeat(256), 3]) expect(isPlainFileName(name)).toBe(false);
  });
});

it('names the workbook file as the page does', () => {
  expect(`.${WORKBOOK_FILE_EXTENSION}`).toBe(WORKBOOK_EXTENSION);
  expect(WORKBOOK_FILE_MIME).toBe(WORKBOOK_MIME);
});
