import { describe, expect, it } from 'vitest';
import { describeImportError, describeWarning, keptBeforeStop } from './import-words.ts';
import { ImportError, type ImportErrorKind, type ImportWarningKind } from './types.ts';

const ERROR_KINDS = [
  'empty',
  'header-only',
  'binary',
  'truncated',
  'corrupt',
  'password',
  'expands-too-much',
  'too-large',
  'too-many-columns',
  'unterminated-quote',
  'line-too-long',
  'not-a-table',
  'too-deep',
  'no-sheets',
  'unknown-format',
  'cancelled',
] as const satisfies readonly ImportErrorKind[];
const WARNING_KINDS = [
  'ragged-rows',
  'blank-header',
  'duplicate-header',
  'mixed-types',
  'conversion-failed',
  'shorthand',
  'formula-cells',
  'external-links',
  'skipped-sheets',
  'invalid-text',
  'nested-values',
  'line-endings',
] as const satisfies readonly ImportWarningKind[];
// Fails to compile when a kind is added to types.ts and not listed here (so it gets a test, and its words).
const allErrors: [Exclude<ImportErrorKind, (typeof ERROR_KINDS)[number]>] extends [never] ? true : false = true;
const allWarnings: [Exclude<ImportWarningKind, (typeof WARNING_KINDS)[number]>] extends [never] ? true : false = true;

describe('describeImportError', () => {
  it('words every kind, naming the file, with no engine jargon', () => {
    expect(allErrors && allWarnings).toBe(true);
    const seen = new Set<string>();
    for (const kind of ERROR_KINDS) {
      const bare = describeImportError(new ImportError(kind, 'cases.csv'));
      const full = describeImportError(new ImportError(kind, 'cases.csv', { row: 12, column: 3, sheet: 'Data', limit: '16,384', detail: 'gzip' }));
      for (const text of [bare, full]) {
        expect(text).toContain('“cases.csv”');
        expect(text).not.toMatch(/undefined|null|NaN|\[object/);
        expect(text).toMatch(/\.$/);
      }
      seen.add(bare);
    }
    expect(seen.size).toBe(ERROR_KINDS.length);
  });

  it('says where the problem is and what to do', () => {
    expect(describeImportError(new ImportError('binary', 'cases.csv'))).toBe(
      '“cases.csv” is not a text file (it looks like binary data). Check you picked the right file; if it came from Excel, save it again as “CSV UTF-8”.',
    );
    expect(describeImportError(new ImportError('unterminated-quote', 'a.csv', { row: 1234 }))).toContain('starting in row 1,234');
    expect(describeImportError(new ImportError('corrupt', 'a.json', { row: 3, column: 8 }))).toContain('(at line 3, character 8)');
    expect(describeImportError(new ImportError('too-many-columns', 'w.csv', { limit: '16,384', detail: '20,000' }))).toContain(
      'has 20,000 columns; a table can have at most 16,384.',
    );
    expect(describeImportError(new ImportError('truncated', 'a.csv.gz', { detail: 'gzip' }))).toContain('compressed (gzip) data is cut off');
  });
});

describe('describeWarning', () => {
  it('words every kind, singular and plural, naming the file when given', () => {
    for (const kind of WARNING_KINDS) {
      for (const n of [1, 2_500]) {
        const text = describeWarning({ kind, count: n, examples: ['row 3', 'row 9'], column: 'cases' }, 'cases.csv');
        expect(text).toMatch(/^“cases\.csv”: /);
        expect(text).not.toMatch(/undefined|null|NaN|\[object/);
        if (!['mixed-types'].includes(kind)) expect(text).toContain(n === 1 ? '1 ' : '2,500 ');
      }
      expect(describeWarning({ kind, count: 1, examples: [] })).not.toContain('for example');
    }
  });

  it('reads naturally', () => {
    expect(describeWarning({ kind: 'ragged-rows', count: 2, examples: ['row 3: 2 fields, expected 3', 'row 4: 4 fields, expected 3'] })).toBe(
      '2 rows have more or fewer cells than the header (for example row 3: 2 fields, expected 3; row 4: 4 fields, expected 3). Missing cells are left empty; a stray delimiter or quotation mark in those rows is the usual cause.',
    );
    expect(describeWarning({ kind: 'duplicate-header', count: 1, examples: ['count (2)'] })).toBe(
      '1 column name repeated an earlier one, so a number was added: count (2).',
    );
    expect(describeWarning({ kind: 'nested-values', count: 3, examples: [], column: 'tags' })).toBe('3 values in column “tags” are lists or objects, kept as JSON text.');
    expect(describeWarning({ kind: 'ragged-rows', count: 1, examples: [], sampledRows: 5000 }, 'big.csv')).toBe(
      '“big.csv”: In the first 5,000 rows read so far: 1 row has more or fewer cells than the header. Missing cells are left empty; a stray delimiter or quotation mark in those rows is the usual cause.',
    );
  });
});

describe('keptBeforeStop', () => {
  it('names the tables an import finished before it stopped, and says nothing when there are none', () => {
    expect(keptBeforeStop([])).toBe('');
    expect(keptBeforeStop(['ocg_groups'])).toBe(' The table it finished before it stopped is kept: ocg_groups.');
    expect(keptBeforeStop(['ocg_groups', 'ocg_notes'])).toBe(' The tables it finished before it stopped are kept: ocg_groups, ocg_notes.');
  });
});
