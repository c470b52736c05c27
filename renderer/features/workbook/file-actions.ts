// Workbook feature: File › New and Open… as the menu, the keyboard and the "unsaved changes" question all run them —
// the question first when the open workbook has changed since it was saved, then the file picker (the browser's or
// the desktop app's), or a file input of the page's own (never placed in the page, so it adds no control) where the
// browser has no picker. A workbook chosen elsewhere (the desktop app's Open Recent, a double-click) goes the same way.
import { WORKBOOK_EXTENSION } from '../../lib/workbook/spec.ts';
import type { CurrentWorkbook, LeavingAction } from '../../state/workbook.svelte.ts';
import type { Workbench } from '../../state/workbench.svelte.ts';
import { openProblemWords } from '../../state/workbook-words.ts';
import type { WorkbookFiles } from '../../lib/host/workbook-files.ts';
import type { HostCommand } from '../../lib/host/host.ts';

export type { LeavingAction };

/** New, Open or a chosen file, once the analyst has been asked about unsaved changes (`asked`), or at once when there are none. */
export async function leaveFor(workbook: CurrentWorkbook, files: WorkbookFiles, action: LeavingAction, asked = false): Promise<void> {
  if (workbook.dirty && !asked) {
    workbook.leaving = action;
    return;
  }
  workbook.leaving = null;
  if (action === 'new') return workbook.newWorkbook();
  const picked = await (action === 'open' ? files.pickWorkbook() : action.read()).catch((err: unknown) => {
    workbook.problem = openProblemWords(err, action === 'open' ? 'The workbook' : action.name);
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

/** The desktop menu's workbook commands, run as the page's File menu runs them (FileMenu.svelte). */
export async function runFileCommand(workbench: Workbench, command: Exclude<HostCommand, 'import-data'>): Promise<void> {
  const { workbook } = workbench;
  if (workbench.status !== 'ready' || workbook.busy !== null) {
    if (typeof command !== 'string') workbook.problem = `“${command.workbook.name}” was not opened: the workbench was busy. Open it again in a moment.`;
    return;
  }
  if (command === 'save-workbook' || command === 'save-workbook-as') await workbook.save(command === 'save-workbook-as');
  else await leaveFor(workbook, workbench.host.workbookFiles, command === 'new-workbook' ? 'new' : command === 'open-workbook' ? 'open' : command.workbook);
}
