// Frozen snapshots are parsed like every other stored spec: a whole document round-trips through JSON, and each
// kind of damage (unknown key, wrong type, ragged rows, bad status, non-text SVG) is refused with a PackFormatError
// that says where — never a TypeError later.
import { describe, expect, it } from 'vitest';
import type { DocItem, DocTable } from './document.ts';
import { parseDocItem, parseFrozen } from './document-parse.ts';
import { sampleDocument } from './sample-document.ts';
import { PackFormatError } from './shape.ts';

const items = (): DocItem[] => JSON.parse(JSON.stringify(sampleDocument().items)) as DocItem[];
const table = (): DocTable => items().find((i): i is DocTable => i.kind === 'table')!;

function refuse(v: unknown): PackFormatError {
  try {
    parseDocItem(v, 'item 2 frozen part 1');
  } catch (err) {
    expect(err).toBeInstanceOf(PackFormatError);
    return err as PackFormatError;
  }
  throw new Error('accepted');
}

describe('parseFrozen', () => {
  it('reads back every kind of part the sample document has, unchanged', () => {
    const stored = items();
    expect(new Set(stored.map((i) => i.kind))).toEqual(new Set(['table', 'figure', 'commentary', 'key-figures', 'page-break']));
    expect(parseFrozen(stored, 'item 1')).toEqual(stored);
  });

  it('is null for a live item', () => {
    expect(parseFrozen(undefined, 'item 1')).toBeNull();
    expect(parseFrozen(null, 'item 1')).toBeNull();
  });

  it('refuses a snapshot that is not a list', () => {
    expect(() => parseFrozen({ kind: 'table' }, 'item 1')).toThrow(/item 1 frozen figures should be a list/);
  });
});

describe('parseDocItem refuses', () => {
  it('an unknown key, naming it', () => {
    const e = refuse({ ...table(), colour: 'red' });
    expect(e.kind).toBe('unknown-key');
    expect(e.message).toContain('"colour"');
  });

  it('rows given as something other than a list', () => {
    const e = refuse({ ...table(), rows: 'none' });
    expect(e.kind).toBe('wrong-type');
    expect(e.message).toContain('table rows should be a list');
  });

  it('a row narrower than the table', () => {
    const t = table();
    t.rows[1]!.cells.pop();
    expect(refuse(t).message).toMatch(/row 2 has \d+ cells for \d+ columns/);
  });

  it('a header row narrower than the table', () => {
    const t = table();
    t.headerRows[0]!.pop();
    expect(refuse(t).message).toMatch(/header row 1 has \d+ headings/);
  });

  it('a cell value that is an object', () => {
    const t = table();
    (t.rows[0]!.cells[1] as unknown as { value: unknown }).value = { n: 1 };
    expect(refuse(t).message).toContain('row 1 cell 2 value should be a number, a text or empty');
  });

  it('an unknown status, and a reason on a status other than [c]', () => {
    const t = table();
    (t.rows[0]!.cells[1] as unknown as { status: unknown }).status = { code: 'q' };
    expect(refuse(t).kind).toBe('not-allowed');
    (t.rows[0]!.cells[1] as unknown as { status: unknown }).status = { code: 'x', kind: 'primary' };
    expect(refuse(t).kind).toBe('unknown-key');
  });

  it('a figure whose SVG is not text or whose size is missing', () => {
    const figure = items().find((i) => i.kind === 'figure')!;
    expect(refuse({ ...figure, svg: 42 }).message).toContain('figure SVG should be text');
    const { width: _, ...noWidth } = figure as unknown as Record<string, unknown>;
    expect(refuse(noWidth).kind).toBe('missing');
  });

  it('provenance without its SQL', () => {
    const t = table();
    (t.provenance as unknown as { sql: unknown }).sql = [1];
    expect(refuse(t).message).toContain('provenance SQL should be a list of texts');
  });

  it('commentary with an unknown block type, and a heading of level 1', () => {
    expect(refuse({ kind: 'commentary', blocks: [{ type: 'table', rows: [] }] }).kind).toBe('unknown-key');
    expect(refuse({ kind: 'commentary', blocks: [{ type: 'quote' }] }).message).toContain('unknown type ("quote")');
    expect(refuse({ kind: 'commentary', blocks: [{ type: 'heading', level: 1, text: 'x' }] }).kind).toBe('not-allowed');
  });

  it('a part of an unknown kind, and something that is not an object', () => {
    expect(refuse({ kind: 'video' }).message).toContain('unknown kind ("video")');
    expect(refuse(null).kind).toBe('not-an-object');
    expect(refuse('table').kind).toBe('not-an-object');
  });
});
