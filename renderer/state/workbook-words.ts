// State layer: what the analyst is told when a workbook does not open or save — one wording per kind of problem,
// chosen by the error's class and kind (never by its English), always saying that nothing else changed.
import { QueryError } from '../lib/engine/types.ts';
import { HostFileError } from '../lib/host/desktop-workbook-files.ts';
import { WorkbookFileError } from '../lib/io/workbook-zip.ts';
import { EmbeddedTableError } from '../lib/services/workbook/tables.ts';
import { WorkbookFormatError } from '../lib/workbook/spec.ts';

const detail = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Why a workbook file was not opened; what is open stays as it was. */
export function openProblemWords(err: unknown, fileName: string): string {
  const lead = `“${fileName}” was not opened, and nothing else changed.`;
  if (err instanceof WorkbookFileError || err instanceof WorkbookFormatError || err instanceof EmbeddedTableError) return `${lead} ${err.message}`;
  if (err instanceof QueryError && err.kind === 'out-of-memory') return `${lead} Its tables need more memory than the workbench has: close other tabs or restart the workbench, then open it again.`;
  if (err instanceof DOMException && err.name === 'NotAllowedError') return `${lead} The browser did not allow reading it: open it again with File › Open….`;
  return `${lead} It could not be read (${detail(err)}).`;
}

/** Why a save did not happen; the workbook stays open and unchanged, so saving again loses nothing. */
export function saveProblemWords(err: unknown): string {
  const lead = 'The workbook was not saved; it is still open here with all its changes.';
  if (err instanceof DOMException && err.name === 'NotAllowedError') return `${lead} The browser did not allow writing there: choose another place with Save As….`;
  if (err instanceof DOMException && err.name === 'QuotaExceededError') return `${lead} The disk is full: free some space or choose another place with Save As….`;
  if (err instanceof QueryError && err.kind === 'out-of-memory') return `${lead} Its tables need more memory than the workbench has to write them: close other tabs and try again.`;
  if (err instanceof HostFileError) return `${lead} ${hostSaveWords[err.kind]}`;
  return `${lead} Saving failed (${detail(err)}).`;
}

/** The desktop app's save problems, by kind (the main process reports the kind; the file on disk is never half-written). */
const hostSaveWords: Record<HostFileError['kind'], string> = {
  'grant-expired': 'The app no longer knows where its file is: choose where with Save As….',
  'disk-full': 'The disk is full: free some space or choose another place with Save As….',
  'not-allowed': 'The system did not allow writing there: choose another place with Save As….',
  'folder-gone': 'Its folder is no longer there (a removed drive?): choose another place with Save As….',
  'too-large': 'It is larger than the 2 GiB a workbook can be: remove large imported tables, then save again.',
  failed: 'Saving failed; the file on disk is as it was before. Try again, or choose another place with Save As….',
};
