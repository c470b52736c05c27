// Main-process layer, pure (Node, no Electron): the workbook a command line asks the app to open — double-clicking a
// .idmgwb on Windows or Linux starts the app (or wakes the running one, 'second-instance') with the file's path in
// argv; Linux desktop entries may pass it as a file:// URL. Electron's own switches and the app path are skipped.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORKBOOK_FILE_EXTENSION } from '../contract.ts';

/** The absolute path of the last workbook named in `argv` (after the executable), or null when there is none. */
export function workbookPathFromArgv(argv: readonly string[], cwd: string): string | null {
  const suffix = `.${WORKBOOK_FILE_EXTENSION}`;
  for (const arg of [...argv.slice(1)].reverse()) {
    if (arg.startsWith('-') || !arg.toLowerCase().endsWith(suffix)) continue;
    if (/^file:\/\//i.test(arg)) {
      try {
        return fileURLToPath(arg);
      } catch {
        continue; // a file URL for another host, or malformed
      }
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) continue; // another scheme: not a file on this machine
    return isAbsolute(arg) ? arg : resolve(cwd, arg);
  }
  return null;
}
