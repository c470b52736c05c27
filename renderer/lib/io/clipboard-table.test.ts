// A copied range of a result: tab-separated as spreadsheets paste it (values in full, awkward text quoted, formulas
// neutralised, NULL empty), and as Markdown the way the grid shows it.
import { describe, expect, it } from 'vitest';
import { rangeToMarkdown, rangeToTsv, type CopiedColumn } from './clipboard-table.ts';

const columns: CopiedColumn[] = [
  { name: 'force', numeric: false, code: false },
  { name: 'year', numeric: true, code: true },
  { name: 'referrals', numeric: true, code: false },
];
const rows: unknown[][] = [
  ['Kent', 2023, 1204.5],
  ['=HYPERLINK("x")', 2024, null],
  ['Line\nbreak | pipe', 2024, 12345678901234567890n],
  ['', 2025, -3],
];
const value = (r: number, c: number) => rows[r]![c];

describe('a copied range', () => {
  it('is tab-separated text with a header, values in full, that a spreadsheet pastes cell for cell', () => {
    expect(rangeToTsv(columns, rows.length, value)).toBe(
      'force\tyear\treferrals\r\n' +
      'Kent\t2023\t1204.5\r\n' +
      '"\'=HYPERLINK(""x"")"\t2024\t\r\n' +
      '"Line\nbreak | pipe"\t2024\t12345678901234567890\r\n' +
      '\t2025\t-3\r\n',
    );
  });

  it('is a Markdown table as the grid shows it: separators, NULL named, numbers right-aligned, pipes escaped', () => {
    expect(rangeToMarkdown(columns, 2, value)).toBe(
      '| force | year | referrals |\n| --- | ---: | ---: |\n| Kent | 2023 | 1,204.5 |\n| =HYPERLINK("x") | 2024 | NULL |\n',
    );
    expect(rangeToMarkdown(columns.slice(0, 1), 1, (r) => rows[2 + r]![0])).toBe('| force |\n| --- |\n| Line<br>break \\| pipe |\n');
  });
});

describe('dates and timestamps in a copied range', () => {
  it('come from the engine as milliseconds and are written as DuckDB writes them, never as numbers', async () => {
    const { newTestEngine } = await import('../engine/node-native.ts');
    const { temporalKind } = await import('../viz/arrow-types.ts');
    const engine = newTestEngine();
    await engine.open();
    try {
      const { table } = await engine.query("SELECT DATE '2024-03-31' AS referred, TIMESTAMP '2024-03-31 13:45:30.25' AS at_time, TIMESTAMP '1969-12-31 23:59:59' AS before_1970");
      const picked: CopiedColumn[] = table.schema.fields.map((f) => ({ name: f.name, numeric: false, code: false, temporal: temporalKind(f.type) }));
      const cell = (r: number, c: number) => table.getChildAt(c)?.get(r) as unknown;
      expect(rangeToTsv(picked, 1, cell)).toBe('referred\tat_time\tbefore_1970\r\n2024-03-31\t2024-03-31 13:45:30.25\t1969-12-31 23:59:59\r\n');
      expect(rangeToMarkdown(picked, 1, cell).split('\n')[2]).toBe('| 2024-03-31 | 2024-03-31 13:45:30.25 | 1969-12-31 23:59:59 |');
    } finally {
      await engine.close();
    }
  }, 60_000);
});
