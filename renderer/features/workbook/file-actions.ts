// Workbook feature: File › New, Open… and the recent workbooks as the menu, the keyboard and the "unsaved changes"
// question all run them —
// the question first when the open workbook has changed since it was saved, then the browser's file picker, or a
// file input of the page's own (never placed in the page, so it adds no control) where the browser has no picker.
import { WORKBOOK_EXTENSION } from '../../lib/workbook/spec.ts';
import type { CurrentWorkbook } from '../../state/workbook.svelte.ts';
import { openProblemWords } from '../../state/workbook-words.ts';
import type { WorkbookFiles } from '../../lib/host/workbook-files.ts';

/** New, Open… (a picker), or one of the recent workbooks (by its id in the recent list). */
export type LeavingAction = 'new' | 'open' | { recent: string; name: string };

/** New or Open, once the analyst has been asked about unsaved changes (`asked`), or at once when there are none. */
export async function leaveFor(workbook: CurrentWorkbook, files: WorkbookFiles, action: LeavingAction, asked = false): Promise<void> {
  if (workbook.dirty && !asked) {
    workbook.leaving = action;
    return;
  }
  workbook.leaving = null;
  if (action === 'new') return workbook.newWorkbook();
  if (typeof action === 'object') {
    const file = await files.openRecent(action.recent).catch((err: unknown) => {
      workbook.problem = openProblemWords(err, action.name);
      return null;
    });
    if (file) await workbook.open(file);
    return workbook.refreshRecent();
  }
  const picked = await files.pickWorkbook().catch((err: unknown) => {
    workbook.problem = `The file could not be opened: ${err instanceof Error ? err.message : String(err)}`;
    return null;
  });
  if (picked === 'no-picker') chooseWithInput(workbook);
  else if (picked) await workbook.open(picked);
}

function chooseWithInput(workbook: CurrentWorkbook): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = `${WORKBOOK_EXTENSION},application/zip`;
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (file) await workbook.open({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), handle: null });
  });
  input.click();
}
