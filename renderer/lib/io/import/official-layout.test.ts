// Import layer tests: the official-statistics layout on plain grids — shorthand symbols, framing sheets told from
// table sheets by name and by content, the header row found below titles, tables without a header, one-column tables,
// a blank top-left header cell, and column names for warnings.
import { describe, expect, it } from 'vitest';
import { STATUS_INFO } from '../../sdc/status.ts';
import { framingSheet, headerNames, layOutTable, shorthandMarker, shorthandWarnings } from './official-layout.ts';
import type { Cell } from './types.ts';

describe('shorthandMarker', () => {
  it('recognises every status symbol, [low], "-", "..", ":" whatever the case and spacing', () => {
    for (const { symbol } of Object.values(STATUS_INFO)) expect(shorthandMarker(symbol)).toBe(symbol);
    expect(['[c]', '[C]', ' [c] ', '[ c ]', '[c]\u00a0'].map(shorthandMarker)).toEqual(['[c]', '[c]', '[c]', '[c]', '[c]']);
    expect(['[low]', '[LOW] ', '-', ' - ', '\u2013', '..', ':', ': '].map(shorthandMarker)).toEqual(['[low]', '[low]', '-', '-', '-', '..', ':', ':']);
  });

  it('leaves figures, words, note markers and figures with a symbol beside them alone', () => {
    expect(['12', '', 'c', 'x', '[note 1]', '12 [p]', '...', '--', 'n/a', 'Total', '[c][c]'].map(shorthandMarker)).toEqual(Array(11).fill(null));
  });
});

describe('framingSheet', () => {
  const table: Cell[][] = [['Table 1: Referrals'], ['Year', 'Referrals'], [2023, 17004]];

  it('knows cover, contents and notes sheets by name', () => {
    expect(framingSheet('Cover', table)).toBe('cover');
    expect(framingSheet('Cover_sheet', table)).toBe('cover');
    expect(framingSheet('Table of contents', table)).toBe('contents');
    expect(framingSheet('NOTES', table)).toBe('notes');
    expect(framingSheet('Table_1', table)).toBeNull();
  });

  it('knows them by content under any name', () => {
    expect(framingSheet('Explanatory', [['Notes'], ['Note number', 'Note text'], ['[note 1]', 'Provisional.']])).toBe('notes');
    expect(framingSheet('Sheet2', [['Contents'], ['Worksheet name', 'Worksheet description'], ['Table_1', 'Referrals']])).toBe('contents');
    expect(framingSheet('Information', [['NRM statistics'], [null], ['These tables show referrals.'], ['Contact: a@b.gov.uk']])).toBe('cover');
    expect(framingSheet('Sheet1', [[null, null], [], [null]])).toBe('empty');
  });

  it('does not take a table of text for a cover', () => {
    expect(framingSheet('Codes', [['Code', 'Nationality'], ['ALB', 'Albania'], ['GBR', 'United Kingdom']])).toBeNull();
    expect(framingSheet('Counts', [['Referrals'], [17004], [16938]])).toBeNull();
  });
});

describe('layOutTable', () => {
  it('finds the header below title and note rows, and keeps those rows as title and notes', () => {
    const t = layOutTable([
      ['Table 2: NRM referrals by quarter'],
      ['This worksheet contains one table.'],
      ['Source: Home Office'],
      [],
      ['Quarter', 'Referrals', 'Of which children'],
      ['2023 Q1', 4746, '[c]'],
      ['Total', 4746, null],
    ]);
    expect(t).toEqual({
      title: 'Table 2: NRM referrals by quarter',
      notes: ['This worksheet contains one table.', 'Source: Home Office'],
      header: ['Quarter', 'Referrals', 'Of which children'],
      rows: [['2023 Q1', 4746, '[c]'], ['Total', 4746, null]],
      headerRow: 4,
      firstColumn: 0,
    });
  });

  it('takes a header with a blank top-left cell, and skips a two-cell note row that does not span the table', () => {
    const t = layOutTable([
      ['Table 3: Referrals by age and year'],
      ['Note:', 'see the Notes sheet'],
      [null, '2022', '2023'],
      ['Adult', 9000, 9500],
      ['Child', 7938, 7504],
    ]);
    expect(t?.header).toEqual(['', '2022', '2023']);
    expect(t?.notes).toEqual(['Note: see the Notes sheet']);
    expect(t?.rows).toEqual([['Adult', 9000, 9500], ['Child', 7938, 7504]]);
  });

  it('takes the first spanning row with typed values below as the header when text rows span too', () => {
    const t = layOutTable([
      ['Area', 'Region'],
      ['North', 'Referrals'],
      ['Leeds', 120],
    ]);
    expect(t?.header).toEqual(['North', 'Referrals']);
    expect(t?.title).toBe('Area Region');
  });

  it('reads a grid with no text header: all rows are data, the columns unnamed', () => {
    const t = layOutTable([
      [2022, 16938],
      [2023, 17004],
    ]);
    expect(t).toMatchObject({ header: ['', ''], rows: [[2022, 16938], [2023, 17004]], notes: [] });
    expect(t?.title).toBeUndefined();
  });

  it('takes numeric years beside a blank corner as the header of a cross-table', () => {
    const t = layOutTable([['Table 5'], [null, 2022, 2023], ['Adult', 9000, 9500]]);
    expect(t).toMatchObject({ title: 'Table 5', header: ['', '2022', '2023'], rows: [['Adult', 9000, 9500]] });
  });

  it('takes month dates beside a blank corner as the header of a cross-table', () => {
    const t = layOutTable([[null, '2023-01-01', '2023-02-01'], ['Adult', 700, 710], ['Child', 500, 520]]);
    expect(t).toMatchObject({ header: ['', '2023-01-01', '2023-02-01'], rows: [['Adult', 700, 710], ['Child', 500, 520]] });
  });

  it('reads a one-column table under its title', () => {
    const t = layOutTable([['Table 4: Referrals'], ['Referrals'], [17004], ['[c]'], [16938]]);
    expect(t).toMatchObject({ title: 'Table 4: Referrals', header: ['Referrals'], rows: [[17004], ['[c]'], [16938]] });
  });

  it('keeps a one-cell label row inside the table, and footnotes after the blank row out of it', () => {
    const t = layOutTable([['Area', 'Referrals'], ['Adults', null], ['North', 5], [], ['Note: rounded.'], [], ['Source: Home Office']]);
    expect(t).toMatchObject({ rows: [['Adults', null], ['North', 5]], notes: ['Note: rounded.', 'Source: Home Office'] });
  });

  it('lays out a sheet of 300,000 rows quickly', () => {
    const grid: Cell[][] = [['Table 6: Many rows'], ['Row', 'Value']];
    for (let i = 0; i < 300_000; i++) grid.push(i % 1000 === 999 ? [] : [`r${i}`, i]);
    grid.push([], ['Footnote.']);
    const started = performance.now();
    const t = layOutTable(grid);
    expect(t?.rows).toHaveLength(299_700);
    expect(t?.notes).toEqual(['Footnote.']);
    expect(performance.now() - started).toBeLessThan(10_000); // linear: a quadratic pass would take minutes
  });

  it('returns null for prose', () => {
    expect(layOutTable([['A title'], ['Some words.']])).toBeNull();
  });
});

describe('headerNames and shorthandWarnings', () => {
  it('names blank and duplicate columns, collapsing whitespace', () => {
    expect(headerNames(['', 'Referrals\n[note 1]', 'Year', 'year', ' '])).toEqual(['column_1', 'Referrals [note 1]', 'Year', 'year_2', 'column_5']);
  });

  it('counts shorthand per column', () => {
    const rows: Cell[][] = [
      ['A', '[c]', 1],
      ['B', '[c] ', '..'],
      ['C', '[z]', 3],
    ];
    expect(shorthandWarnings(['area', 'n', 'm'], rows)).toEqual([
      { kind: 'shorthand', count: 3, examples: ['"[c]" 2 times', '"[z]" once'], column: 'n' },
      { kind: 'shorthand', count: 1, examples: ['".." once'], column: 'm' },
    ]);
  });
});
