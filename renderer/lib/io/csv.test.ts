// Import/export layer tests: a pack table as CSV — RFC 4180 quoting, every digit kept, [c] for withheld cells — and
// safe to open in a spreadsheet: text that would run as a formula is neutralised (OWASP's CSV injection advice),
// numbers are never touched, and the bytes are UTF-8 with a byte order mark.
import { describe, expect, it } from 'vitest';
import { sampleDocument } from '../pack/sample-document.ts';
import type { DocTable } from '../pack/document.ts';
import { csvBytes, tableToCsv, textField } from './csv.ts';

const table = sampleDocument().items.find((i): i is DocTable => i.kind === 'table')!;
const twoColumns = (cells: DocTable['rows'][number]['cells']): DocTable => ({
  ...table,
  columns: [table.columns[0]!, { ...table.columns[1]!, unit: '' }],
  rows: [{ kind: 'item', depth: 1, cells }],
});

describe('tableToCsv', () => {
  it('writes the header with units, every row including the total, [c] for withheld cells', () => {
    const lines = tableToCsv(table).split('\r\n');
    expect(lines[0]).toBe('Year,Adult (18 or over) (number of referrals),Child (17 or under) (number of referrals),Not specified or unknown (number of referrals),Total (number of referrals)');
    expect(lines.slice(1, -1)).toEqual(['2011,642,294,[c],936', '2012,800,378,[c],1178', '2013,1122,450,0,1572', 'Total,2564,1122,0,3686']);
    expect(lines.at(-1)).toBe('');
  });

  it('quotes commas, quotes and line breaks; keeps every digit', () => {
    const t = twoColumns([{ value: 'Say "hi", then\nleave', status: null }, { value: 1 / 3, status: null }]);
    expect(tableToCsv(t)).toBe(`Year,Adult (18 or over)\r\n"Say ""hi"", then\nleave",${String(1 / 3)}\r\n`);
  });

  it('neutralises text starting with = + - @ tab or CR: a leading apostrophe, and the field quoted', () => {
    const payloads = ['=HYPERLINK("http://example.com","x")', '+SUM(1,2)', '-2+3', '@SUM(1)', '\tTAB', '\rCR'];
    for (const p of payloads) {
      const csv = tableToCsv(twoColumns([{ value: p, status: null }, { value: 1, status: null }]));
      const row = csv.slice(csv.indexOf('\r\n') + 2);
      expect(row, JSON.stringify(p)).toBe(`"'${p.replace(/"/g, '""')}",1\r\n`);
    }
    // Headers are text too.
    const header = tableToCsv({ ...twoColumns([]), rows: [], columns: [{ ...table.columns[0]!, header: '=cmd|calc' }, { ...table.columns[1]!, header: 'Count', unit: '' }] });
    expect(header).toBe(`"'=cmd|calc",Count\r\n`);
    // Text that only contains such characters later is left alone.
    expect(textField('a=b')).toBe('a=b');
    expect(textField('Total - all')).toBe('Total - all');
  });

  it('leaves a negative number from a numeric cell as a number, but neutralises the same characters as text', () => {
    const csv = tableToCsv(twoColumns([{ value: '-5', status: null }, { value: -12.5, status: null }]));
    expect(csv.split('\r\n')[1]).toBe(`"'-5",-12.5`);
  });

  it('puts preface lines (the marking) first, one field each', () => {
    const csv = tableToCsv(table, ['OFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION', '', 'Warning, synthetic']);
    expect(csv.split('\r\n').slice(0, 3)).toEqual(['OFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION', '"Warning, synthetic"', tableToCsv(table).split('\r\n')[0]]);
  });
});

describe('csvBytes', () => {
  it('writes UTF-8 with a byte order mark by default, without one when asked', () => {
    const bytes = csvBytes('Région,£\r\n');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe('\uFEFFRégion,£\r\n');
    expect([...csvBytes('a', false)]).toEqual([0x61]);
  });
});
