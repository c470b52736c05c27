import { describe, expect, it } from 'vitest';
import { sampleDocument } from './sample-document.ts';
import type { DocTable } from './document.ts';
import { applyNoteTargets } from './note-targets.ts';

const table = sampleDocument().items.find((i): i is DocTable => i.kind === 'table')!;

describe('applyNoteTargets', () => {
  it('marks a column header, a row label and a cell (row label and column header), never a figure', () => {
    const { table: t, missing } = applyNoteTargets(table, [
      { note: 'note 2', column: 'Child (17 or under)', row: null },
      { note: 'note 3', column: null, row: '2012' },
      { note: 'note 4', column: 'Adult (18 or over)', row: '2013' },
    ]);
    expect(missing).toEqual([]);
    expect(t.columns.map((c) => c.header)).toEqual(['Year', 'Adult (18 or over) [note 4]', 'Child (17 or under) [note 2]', 'Not specified or unknown', 'Total']);
    expect(t.headerRows[1]).toEqual(['', 'Adult (18 or over) [note 4]', 'Child (17 or under) [note 2]', 'Not specified or unknown', 'Total']);
    expect(t.rows.map((r) => r.cells[0]!.value)).toEqual(['2011', '2012 [note 3]', '2013 [note 4]', 'Total']);
    expect(t.rows.flatMap((r) => r.cells.slice(1).map((c) => c.value))).toEqual(table.rows.flatMap((r) => r.cells.slice(1).map((c) => c.value)));
    expect(t.notes).toEqual(['note 1', 'note 2', 'note 3', 'note 4']);
    expect(table.columns[1]!.header).toBe('Adult (18 or over)'); // the input is untouched
  });

  it('reports a target the table no longer has, and still lists the note', () => {
    const { table: t, missing } = applyNoteTargets(table, [{ note: 'note 2', column: 'Gone', row: null }]);
    expect(missing).toEqual(['[note 2] is attached to the column "Gone", which Table 1 no longer has.']);
    expect(t.notes).toContain('note 2');
  });
});
