// Tests of the `idmg` command line's parsing (scripts/idmg-args.ts): requests, and usage errors by kind.
import { describe, expect, it } from 'vitest';
import { BUILD_HELP, MAIN_HELP, parseCommandLine, UsageError, type UsageKind } from './idmg-args.ts';

const kindOf = (argv: string[]): UsageKind | null => {
  try {
    parseCommandLine(argv);
    return null;
  } catch (err) {
    if (err instanceof UsageError) return err.kind;
    throw err;
  }
};

describe('idmg command line', () => {
  it('reads a build with every option', () => {
    expect(parseCommandLine(['pack', 'build', 'q.idmgwb', '--out', 'dir', '--format', 'XLSX, pdf', '--data', 'nrm=a=b.csv', '--data', 't2=c.csv', '--check'])).toEqual({
      kind: 'build', workbook: 'q.idmgwb', out: 'dir', formats: ['pdf', 'xlsx'], data: [{ table: 'nrm', path: 'a=b.csv' }, { table: 't2', path: 'c.csv' }], check: true,
    });
    expect(parseCommandLine(['pack', 'build', 'q.json', '--out=o'])).toMatchObject({ formats: ['pdf', 'xlsx', 'ods', 'docx', 'zip'], data: [], check: false });
  });

  it('gives the help asked for', () => {
    expect(parseCommandLine(['--help'])).toEqual({ kind: 'help', text: MAIN_HELP });
    expect(parseCommandLine(['pack', 'build', '--help'])).toEqual({ kind: 'help', text: BUILD_HELP });
    expect(parseCommandLine(['pack', '-h'])).toEqual({ kind: 'help', text: BUILD_HELP });
    for (const code of [0, 1, 2, 3, 4, 5]) expect(BUILD_HELP).toMatch(new RegExp(`^  ${code}  `, 'm'));
  });

  it('refuses what it cannot run, by kind', () => {
    expect(kindOf([])).toBe('no-command');
    expect(kindOf(['pivot', 'build'])).toBe('unknown-command');
    expect(kindOf(['pack'])).toBe('unknown-command');
    expect(kindOf(['pack', 'build', '--out', 'o'])).toBe('missing-workbook');
    expect(kindOf(['pack', 'build', 'a', 'b', '--out', 'o'])).toBe('extra-argument');
    expect(kindOf(['pack', 'build', 'a'])).toBe('missing-out');
    expect(kindOf(['pack', 'build', 'a', '--out'])).toBe('missing-value');
    expect(kindOf(['pack', 'build', 'a', '--out', 'o', '--colour'])).toBe('unknown-option');
    expect(kindOf(['pack', 'build', 'a', '--out', 'o', '--format', 'pdf,tiff'])).toBe('unknown-format');
    expect(kindOf(['pack', 'build', 'a', '--out', 'o', '--format', ','])).toBe('unknown-format');
    for (const bad of ['nrm', '=x.csv', 'nrm=', '1abc=x.csv', 'a b=x.csv']) expect(kindOf(['pack', 'build', 'a', '--out', 'o', '--data', bad])).toBe('bad-data');
    expect(kindOf(['pack', 'build', 'a', '--out', 'o', '--data', 't=x', '--data', 't=y'])).toBe('duplicate-data');
  });
});
