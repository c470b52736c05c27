// Pack feature, unit tests: how the print view writes figures (per the column's number format, shorthand for
// suppressed cells), spans multi-level header rows and writes the marking.
import { describe, expect, it } from 'vitest';
import { sampleDocument } from '../../lib/pack/sample-document.ts';
import type { DocColumn, DocTable } from '../../lib/pack/document.ts';
import { cellText, formatByNumberFormat, headerGrid, markingLine, unitsLine } from './pack-format.ts';

const count: DocColumn = { header: 'n', kind: 'number', numberFormat: '#,##0', unit: 'number of referrals' };
const table = sampleDocument(1).items.find((i): i is DocTable => i.kind === 'table')!;

describe('pack print format', () => {
  it('writes numbers by their Excel number format', () => {
    expect(formatByNumberFormat(1178, '#,##0')).toBe('1,178');
    expect(formatByNumberFormat(12.345, '#,##0.0')).toBe('12.3');
    expect(formatByNumberFormat(1178, '0')).toBe('1178');
    expect(formatByNumberFormat(0.125, 'General')).toBe('0.125');
  });

  it('prints shorthand instead of a withheld figure, and beside a shown one', () => {
    expect(cellText({ value: null, status: { code: 'c', kind: 'primary' } }, count)).toBe('[c]');
    expect(cellText({ value: 1234, status: { code: 'p' } }, count)).toBe('1,234 [p]');
    expect(cellText({ value: 2011, status: null }, { ...count, kind: 'label' })).toBe('2011');
    expect(cellText({ value: null, status: null }, count)).toBe('');
  });

  it('spans header groups across columns and label headers down rows', () => {
    const grid = headerGrid(table);
    expect(grid[0]!.map((c) => [c.text, c.colspan, c.rowspan])).toEqual([['Year', 1, 2], ['Age at exploitation', 4, 1]]);
    expect(grid[1]!.map((c) => c.text)).toEqual(['Adult (18 or over)', 'Child (17 or under)', 'Not specified or unknown', 'Total']);
    expect(unitsLine(table)).toBe('Unit: number of referrals');
  });

  it('writes the marking and caveat in capitals, or nothing', () => {
    const { meta } = sampleDocument(1);
    expect(markingLine(meta)).toBe('OFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION');
    expect(markingLine({ ...meta, marking: null, caveat: '' })).toBe('');
  });
});
