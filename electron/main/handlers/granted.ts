// Main-process layer, Electron-free state shared by the file handlers: the one FileGrants every chosen file is read
// through (imports and workbooks alike: 'file:read-import' is the one read path) and the paths workbooks may be
// saved to.
import { FileGrants } from '../file-grants.ts';
import { SaveGrants } from '../workbook-disk.ts';

export const fileGrants = new FileGrants();
export const saveGrants = new SaveGrants();
