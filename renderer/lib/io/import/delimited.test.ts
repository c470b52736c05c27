import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sniffCsv } from './csv-sniff.ts';
import { parseDelimited, parsePaste, previewRows } from './delimited.ts';
import { ImportError } from './types.ts';

/** RFC 4180 writing, as Excel and every other tool does it: quote a field holding the delimiter, a quote or a line break. */
function writeCsv(grid: string[][], delimiter: string, eol = '\r\n'): string {
  const field = (s: string) => (s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return grid.map((row) => row.map(field).join(delimiter) + eol).join('');
}

describe('parseDelimited', () => {
  it('round-trips any grid of strings written as RFC 4180 with any delimiter', () => {
    // Texts mixing the characters that matter (delimiters, quotes, CR, LF) with ordinary ones.
    const text = fc.string({ unit: fc.constantFrom('a', 'é', ' ', ',', ';', '\t', '|', '"', '\r', '\n', "'", '\\', '€', '1') });
    fc.assert(
      fc.property(
        fc.constantFrom(',', ';', '\t', '|'),
        fc.integer({ min: 1, max: 6 }).chain((w) => fc.array(fc.array(text, { minLength: w, maxLength: w }), { maxLength: 8 })),
        fc.constantFrom('\r\n', '\n'),
        (delimiter, grid, eol) => {
          // A one-field row holding '' writes as an empty line, which reads back as [''], so the grid survives.
          expect(parseDelimited(writeCsv(grid, delimiter, eol), { delimiter, quote: '"', escape: '"' })).toEqual(grid);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads a last line without a line end, lone CRs, and backslash escapes', () => {
    expect(parseDelimited('a,b\r1,2', { delimiter: ',', quote: '"', escape: '"' })).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseDelimited('"a\\"b\\\\",c\n', { delimiter: ',', quote: '"', escape: '\\' })).toEqual([['a"b\\', 'c']]);
    expect(parseDelimited('x"y,"q"z\n', { delimiter: ',', quote: '"', escape: '"' })).toEqual([['x"y', 'qz']]);
  });
});

describe('sniffCsv + previewRows', () => {
  it('find the delimiter and header of any written table and preview its exact cells', () => {
    // Cells mix numbers (so the header stands out), words and texts that need quoting in the chosen delimiter.
    const cell = (d: string) =>
      fc.oneof(
        fc.integer({ min: -1e6, max: 1e6 }).map(String),
        fc.stringMatching(/^[a-z][a-z ]{0,8}$/),
        fc.string({ unit: fc.constantFrom('x', d, '"', '\n', ' '), minLength: 1, maxLength: 6 }).map((s) => `q${s}`),
      );
    const table = fc
      .tuple(fc.constantFrom(',', ';', '\t', '|'), fc.integer({ min: 2, max: 6 }))
      .chain(([d, w]) => fc.tuple(fc.constant(d), fc.array(fc.array(cell(d), { minLength: w, maxLength: w }), { minLength: 1, maxLength: 12 })));
    fc.assert(
      fc.property(table, fc.constantFrom('\r\n', '\n'), ([delimiter, rows], eol) => {
        rows.forEach((r, i) => (r[0] = String(i))); // an id column of numbers under a text header
        const header = rows[0]!.map((_, i) => `col ${i + 1}`);
        const text = writeCsv([header, ...rows], delimiter, eol);
        const plan = sniffCsv(text, 't.csv');
        expect(plan).toMatchObject({ delimiter, header: true, skipRows: 0, columns: header });
        expect(plan.warnings).toEqual([]);
        expect(previewRows(text, plan, 100, 't', true).rows).toEqual(rows);
      }),
      { numRuns: 100 },
    );
  });
});

describe('parsePaste', () => {
  it('reads a range copied from Excel: tabs, quoted cells with tabs, line breaks and quotes', () => {
    const clip = 'Region\tNote\tCases\r\nNorth\t"two\r\nlines"\t1,234\r\nSouth\t"a\ttab and ""quotes"""\t5.5\r\nEast\t\t007\r\n';
    const t = parsePaste(clip);
    expect(t.header).toEqual(['Region', 'Note', 'Cases']);
    expect(t.rows).toEqual([
      ['North', 'two\r\nlines', 1234],
      ['South', 'a\ttab and "quotes"', 5.5],
      ['East', null, '007'],
    ]);
    expect(t.name).toBe('Pasted data');
    expect(t.detected.find((d) => d.label === 'Delimiter')?.value).toBe('tab');
  });

  it('reads a single column, a headerless range, and comma text', () => {
    expect(parsePaste('Name\r\nAl\r\nBo\r\n')).toMatchObject({ header: ['Name'], rows: [['Al'], ['Bo']] });
    expect(parsePaste('North\t5\r\nSouth\t7\r\n')).toMatchObject({ header: ['column1', 'column2'], rows: [['North', 5], ['South', 7]] });
    expect(parsePaste('a,b\n1,2\n')).toMatchObject({ header: ['a', 'b'], rows: [[1, 2]] });
  });

  it('converts numbers in the paste’s own format', () => {
    expect(parsePaste('Land;Wert\nDE;1.234,5\nFR;2,5\n').rows).toEqual([
      ['DE', 1234.5],
      ['FR', 2.5],
    ]);
  });

  it('refuses an empty paste', () => {
    expect(() => parsePaste('  \r\n')).toThrow(ImportError);
  });
});

describe('previewRows', () => {
  it('shows the first n rows under the plan, with the title above the table', () => {
    const text = 'Table 1: Referrals\nSource: NRM\n\nregion,count\nNorth,5\nSouth,\nEast,7,extra\nWest,8\n';
    const plan = sniffCsv(text, 'referrals.csv');
    const t = previewRows(text, plan, 3, 'referrals');
    expect(t).toMatchObject({ name: 'referrals', title: 'Table 1: Referrals', notes: ['Source: NRM'] });
    expect(t.header).toEqual(['region', 'count', '']);
    expect(t.rows).toEqual([
      ['North', '5', null],
      ['South', null, null],
      ['East', '7', 'extra'],
    ]);
    expect(t.warnings.map((w) => w.kind)).toEqual(['ragged-rows', 'blank-header']);
  });

  it('leaves out a last row the sample cut off', () => {
    const text = 'a,b\n1,2\n3,4\n5,"unfinished';
    const plan = sniffCsv(text, 'a.csv', { complete: false });
    expect(previewRows(text, plan, 10).rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });
});
