// The workbook a command line names: found after the executable among Electron's switches, made absolute against the
// folder the command ran in, taken from a file:// URL, and never from a switch, another scheme or another extension.
import { describe, expect, it } from 'vitest';
import { workbookPathFromArgv } from './launch-args.ts';

describe('workbookPathFromArgv', () => {
  it('finds the workbook and makes its path absolute', () => {
    expect(workbookPathFromArgv(['/opt/IDMG/idmg', '/home/ana/Q4 tables.idmgwb'], '/tmp')).toBe('/home/ana/Q4 tables.idmgwb');
    expect(workbookPathFromArgv(['electron', '.', 'reports/Q4.IDMGWB'], '/home/ana')).toBe('/home/ana/reports/Q4.IDMGWB');
    expect(workbookPathFromArgv(['idmg', '--allow-file-access-from-files', '--no-sandbox', '/a/one.idmgwb', '/a/two.idmgwb'], '/')).toBe('/a/two.idmgwb');
    expect(workbookPathFromArgv(['idmg', 'file:///home/ana/Q4%20tables.idmgwb'], '/')).toBe('/home/ana/Q4 tables.idmgwb');
  });

  it('ignores the executable, switches, other files and other schemes', () => {
    expect(workbookPathFromArgv(['/opt/x/evil.idmgwb'], '/')).toBeNull();
    expect(workbookPathFromArgv(['idmg', '--open=/a/b.idmgwb', 'data.csv', 'https://example.org/a.idmgwb'], '/')).toBeNull();
    expect(workbookPathFromArgv(['idmg', 'file://otherhost/share/a.idmgwb'], '/')).toBeNull();
    expect(workbookPathFromArgv(['idmg'], '/')).toBeNull();
  });
});
