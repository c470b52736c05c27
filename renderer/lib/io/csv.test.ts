import { describe, expect, it } from 'vitest';
import { sampleDocument } from '../pack/sample-document.ts';
import type { DocTable } from '../pack/document.ts';
import { tableToCsv } from './csv.ts';

const table = sampleDocument().items.find((i): i is DocTable => i.kind === 'table')!;

describe('tableToCsv', () => {
  it('writes the header with units, every row including the total, [c] for withheld cells', () => {
    const lines = tableToCsv(table).split('\r\n');
    expect(lines[0]).toBe('Year,Adult (18 or over) (number of referrals),Child (17 or under) (number of referrals),Not specified or unknown (number of referrals),Total (number of referrals)');
    expect(lines.slice(1, -1)).toEqual(['2011,642,294,[c],936', '2012,800,378,[c],1178', '2013,1122,450,0,1572', 'Total,2564,1122,0,3686']);
    expect(lines.at(-1)).toBe('');
  });

  it('quotes commas, quotes and line breaks; keeps every digit', () => {
    const t: DocTable = { ...table, columns: [table.columns[0]!, { ...table.columns[1]!, unit: '' }], rows: [{ kind: 'item', depth: 1, cells: [{ value: 'Say "hi", then\nleave', status: null }, { value: 1 / 3, status: null }] }] };
    expect(tableToCsv(t)).toBe(`Year,Adult (18 or over)\r\n"Say ""hi"", then\nleave",${String(1 / 3)}\r\n`);
  });
});
