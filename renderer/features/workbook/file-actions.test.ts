// File › Open of a workbook chosen outside the page (the desktop app's Open Recent, a double-click): with unsaved
// changes the analyst is asked first and the chosen file waits in the question; once answered, or with nothing
// unsaved, it is read and opened; a read that fails is said in words and nothing changes.
import { describe, expect, it } from 'vitest';
import type { CurrentWorkbook } from '../../state/workbook.svelte.ts';
import type { ChosenWorkbook, OpenedFile, WorkbookFiles } from '../../lib/host/workbook-files.ts';
import { leaveFor } from './file-actions.ts';

function fakeWorkbook(dirty: boolean) {
  const opened: OpenedFile[] = [];
  const workbook = { dirty, leaving: null as unknown, problem: null as string | null, open: async (f: OpenedFile) => void opened.push(f), newWorkbook: async () => undefined };
  return { workbook, opened, as: workbook as unknown as CurrentWorkbook };
}
const files: WorkbookFiles = { chooseSaveTarget: async () => null, pickWorkbook: async () => null };
const file: OpenedFile = { name: 'Q4.idmgwb', bytes: Uint8Array.of(1), handle: { token: 't', name: 'Q4.idmgwb' } };
const chosen = (read: () => Promise<OpenedFile>): ChosenWorkbook => ({ name: 'Q4.idmgwb', read });

describe('leaveFor with a chosen workbook', () => {
  it('opens it at once when nothing is unsaved', async () => {
    const { as, opened } = fakeWorkbook(false);
    await leaveFor(as, files, chosen(async () => file));
    expect(opened).toEqual([file]);
  });

  it('asks first when there are unsaved changes, then opens it once answered', async () => {
    const { as, workbook, opened } = fakeWorkbook(true);
    const action = chosen(async () => file);
    await leaveFor(as, files, action);
    expect([workbook.leaving, opened]).toEqual([action, []]);
    await leaveFor(as, files, action, true);
    expect([workbook.leaving, opened]).toEqual([null, [file]]);
  });

  it('says so when the file cannot be read', async () => {
    const { as, workbook, opened } = fakeWorkbook(false);
    await leaveFor(as, files, chosen(async () => Promise.reject(new Error('gone'))));
    expect([workbook.problem, opened]).toEqual(['The file could not be opened: gone', []]);
  });
});
