// Pack layer, unit tests: pagination with a fake measurer — rows never split, header rows repeat on continuation
// pages, the contents' page numbers are where items start, page breaks are honoured, every row appears once.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DocItem, DocTable, PackDocument } from './document.ts';
import { sampleDocument } from './sample-document.ts';
import { DEFAULT_SLACK, paginate, type Measure, type Measured, type Pagination, type TablePart } from './paginate.ts';
import { a4, contentSize } from './page-geometry.ts';
import { provenanceChunks } from './provenance-chunks.ts';

const portrait = a4('portrait');
const LIMIT = contentSize(portrait).height - DEFAULT_SLACK;

/** Heights a real page might give: rows of uneven height, tall headers, a tall figure where asked. */
function fakeMeasure(figure = 400): Measure {
  return (m: Measured) => {
    switch (m.kind) {
      case 'table-head': return m.continued ? 62 : 74;
      case 'table-row': return 18 + (m.row % 3) * 7;
      case 'table-foot': return 40;
      case 'figure': return figure;
      case 'figure-graphic': return figure - 60;
      case 'contents-heading': return 50;
      case 'contents-entry': return 24;
      case 'text': return 36;
      default: return 44;
    }
  };
}

function withRows(table: DocTable, n: number, number: number): DocTable {
  const row = table.rows[0]!;
  return { ...table, number, caption: `Long table ${number}`, rows: Array.from({ length: n }, (_, r) => ({ ...row, cells: [{ value: `Row ${r}`, status: null }, ...row.cells.slice(1)] })) };
}

/** The sample with its tables given these row counts. */
function docWith(rowCounts: number[], extra: DocItem[] = []): PackDocument {
  const doc = sampleDocument(rowCounts.length);
  let n = 0;
  doc.items = doc.items.map((item) => (item.kind === 'table' ? withRows(item, rowCounts[n++]!, item.number) : item));
  doc.items.push(...extra);
  return doc;
}

const parts = (p: Pagination, item: number) =>
  p.pages.flatMap((page) => page.blocks.filter((b) => b.block.kind === 'table' && b.block.item === item).map((b) => ({ page: page.number, y: b.y, part: b.block as TablePart })));

function checkInvariants(doc: PackDocument, p: Pagination, measure: Measure): void {
  // Pages are numbered 1..N; the title page, then contents, then the body.
  expect(p.pages.map((page) => page.number)).toEqual(p.pages.map((_, i) => i + 1));
  expect(p.pages[0]!.role).toBe('title');
  expect(p.pages[1]!.role).toBe('contents');
  for (const page of p.pages.slice(1)) {
    let y = 0;
    for (const b of page.blocks) {
      expect(b.y).toBeCloseTo(y);
      y += b.height;
    }
    // Nothing runs off the page (the fake has nothing taller than a page).
    expect(y).toBeLessThanOrEqual(LIMIT + 1e-6);
  }
  doc.items.forEach((item, i) => {
    if (item.kind !== 'table') return;
    const ps = parts(p, i);
    // Every row exactly once, in order, never split: consecutive [from, to) ranges covering 0..n.
    expect(ps[0]!.part.from).toBe(0);
    ps.forEach((x, k) => {
      if (k > 0) expect(x.part.from).toBe(ps[k - 1]!.part.to);
      expect(x.part.continued).toBe(k > 0);
      expect(x.part.foot).toBe(k === ps.length - 1);
      // Each continuation starts a page of its own, right after the previous part's page, header rows first.
      if (k > 0) expect([x.page, x.y]).toEqual([ps[k - 1]!.page + 1, 0]);
      if (item.rows.length > 0) expect(x.part.to).toBeGreaterThan(x.part.from);
    });
    expect(ps.at(-1)!.part.to).toBe(item.rows.length);
    const heights = ps.map((x) => {
      let h = measure({ kind: 'table-head', item: i, group: x.part.group, continued: x.part.continued }) + (x.part.foot ? measure({ kind: 'table-foot', item: i }) : 0);
      for (let r = x.part.from; r < x.part.to; r++) h += measure({ kind: 'table-row', item: i, group: x.part.group, row: r });
      return h;
    });
    const placed = p.pages.flatMap((page) => page.blocks.filter((b) => b.block.kind === 'table' && b.block.item === i).map((b) => b.height));
    expect(placed).toEqual(heights);
  });
  // Contents: every entry's page is the page where its item's first block is.
  for (const entry of p.contents) {
    const first = p.pages.find((page) => page.blocks.some((b) => anchorOf(doc, b.block) === entry.id));
    expect(first?.number, entry.label).toBe(entry.page);
    expect(p.startPage[entry.id]).toBe(entry.page);
  }
}

function anchorOf(doc: PackDocument, block: Pagination['pages'][number]['blocks'][number]['block']): string | null {
  const item = 'item' in block ? doc.items[block.item] : undefined;
  if (block.kind === 'table' && !block.continued) return `table-${(item as DocTable).number}`;
  if (block.kind === 'figure' && item?.kind === 'figure') return `figure-${item.number}`;
  if (block.kind === 'key-figures') return `item-${block.item}`;
  if (block.kind === 'text' && item?.kind === 'commentary' && item.blocks[block.block]?.type === 'heading') return `item-${block.item}-block-${block.block}`;
  if (block.kind === 'section-heading') return block.section;
  return null;
}

describe('paginate', () => {
  it('puts the title page first, then the contents, then the items, then notes and provenance on pages of their own', () => {
    const doc = sampleDocument(3);
    const measure = fakeMeasure();
    const p = paginate(doc, portrait, measure);
    checkInvariants(doc, p, measure);
    expect(p.pages[0]!.blocks.map((b) => b.block.kind)).toEqual(['title']);
    expect(p.pages[1]!.blocks[0]!.block.kind).toBe('contents-heading');
    expect(p.contents.map((e) => e.label)).toEqual([
      'Key figures', 'Summary', 'Table 1: NRM referrals by year and age at exploitation, 2011 to 2013 (1)',
      'Table 2: NRM referrals by year and age at exploitation, 2011 to 2013 (2)', 'Table 3: NRM referrals by year and age at exploitation, 2011 to 2013 (3)',
      'Figure 1: NRM referrals by year, 2011 and 2012', 'Notes', 'Appendix: provenance',
    ]);
    const notes = p.pages.find((page) => page.blocks[0]?.block.kind === 'section-heading');
    expect(notes!.blocks.map((b) => b.block.kind)).toEqual(['section-heading', 'note', 'symbols', 'attribution']);
    const last = p.pages.at(-1)!;
    expect(last.blocks[0]!.block).toEqual({ kind: 'section-heading', section: 'provenance' });
    const provenance = last.blocks.flatMap((b) => (b.block.kind === 'provenance' ? [b.block] : []));
    expect(provenance.filter((b) => b.part === 0)).toHaveLength(5); // key figures, 3 tables, figure
    expect(provenance.filter((b) => b.part === 1)).toHaveLength(5); // each with its one short SQL statement
    expect(last.blocks.at(-1)!.block.kind).toBe('colophon');
  });

  it('splits long tables between rows and repeats the header rows on continuation pages', () => {
    const doc = docWith([4, 120, 3, 260]);
    const measure = fakeMeasure();
    const p = paginate(doc, portrait, measure);
    checkInvariants(doc, p, measure);
    const long = parts(p, doc.items.findIndex((i) => i.kind === 'table' && i.number === 4));
    expect(long.length).toBeGreaterThanOrEqual(5);
    expect(long.slice(1).every((x) => x.part.continued)).toBe(true);
  });

  it('moves a table that fits on a page to the next page rather than split it', () => {
    const doc = docWith([30, 30, 30]);
    const measure = fakeMeasure();
    const p = paginate(doc, portrait, measure);
    checkInvariants(doc, p, measure);
    doc.items.forEach((item, i) => item.kind === 'table' && expect(parts(p, i)).toHaveLength(1));
  });

  it('honours page breaks', () => {
    const doc = docWith([3]);
    const figure = doc.items.findIndex((i) => i.kind === 'figure');
    expect(doc.items[figure - 1]!.kind).toBe('page-break');
    const p = paginate(doc, portrait, fakeMeasure());
    const fig = p.pages.find((page) => page.blocks.some((b) => b.block.kind === 'figure'))!;
    const table = p.pages.find((page) => page.blocks.some((b) => b.block.kind === 'table'))!;
    expect(fig.number).toBe(table.number + 1);
    expect(fig.blocks[0]!.block.kind).toBe('figure');
    // A break on an already empty page does not add a blank page.
    const twice = docWith([3]);
    twice.items.splice(figure, 0, { kind: 'page-break' });
    expect(paginate(twice, portrait, fakeMeasure()).pages.length).toBe(p.pages.length);
  });

  it('never splits a figure: it moves to the next page, and one taller than a page is scaled to fit', () => {
    const doc = sampleDocument(1);
    doc.items = doc.items.filter((i) => i.kind !== 'page-break');
    const fits = paginate(doc, portrait, fakeMeasure(900));
    const fig = fits.pages.find((page) => page.blocks.some((b) => b.block.kind === 'figure'))!;
    expect(fig.blocks[0]!.block).toEqual({ kind: 'figure', item: doc.items.findIndex((i) => i.kind === 'figure'), scale: 1 });
    const tall = paginate(doc, portrait, fakeMeasure(2000));
    const placed = tall.pages.flatMap((page) => page.blocks).find((b) => b.block.kind === 'figure')!;
    expect(placed.height).toBeLessThanOrEqual(LIMIT);
    expect(placed.height).toBeCloseTo(LIMIT);
    expect((placed.block as { scale: number }).scale).toBeCloseTo((LIMIT - 60) / 1940);
  });

  it('numbers the contents correctly when the contents themselves take several pages', () => {
    const doc = docWith(Array.from({ length: 90 }, (_, i) => (i % 7 === 0 ? 70 : 4)));
    const measure = fakeMeasure();
    const p = paginate(doc, portrait, measure);
    expect(p.pages.filter((page) => page.role === 'contents').length).toBe(3);
    checkInvariants(doc, p, measure);
    expect(p.contents[0]!.page).toBe(5);
  });

  it('fits fewer rows on a landscape page', () => {
    const doc = docWith([400]);
    const measure = fakeMeasure();
    const portraitPages = paginate(doc, portrait, measure).pages.length;
    const landscape = paginate(doc, a4('landscape'), measure);
    checkInvariants(doc, landscape, measure);
    expect(landscape.pages.length).toBeGreaterThan(portraitPages);
    expect(landscape.geometry.width).toBe(297);
  });

  it('puts a landscape-planned table on landscape pages and its column groups one after another', () => {
    const doc = docWith([4, 60, 4]);
    const items = doc.items.flatMap((it, i) => (it.kind === 'table' ? [i] : []));
    const groups = [{ columns: [0, 1, 2], widths: [2, 1, 1] }, { columns: [0, 3, 4], widths: [2, 1, 1] }];
    const p = paginate(doc, portrait, fakeMeasure(), { plans: { [items[1]!]: { orientation: 'landscape', groups } } });
    const wide = parts(p, items[1]!);
    const pageOf = (n: number) => p.pages[n - 1]!;
    expect(wide.map((x) => x.part.group)).toEqual([...wide.filter((x) => x.part.group === 0).map(() => 0), ...wide.filter((x) => x.part.group === 1).map(() => 1)]);
    expect(wide.every((x) => pageOf(x.page).orientation === 'landscape')).toBe(true);
    expect(wide.slice(1).every((x) => x.part.continued)).toBe(true);
    expect(wide.filter((x) => x.part.foot).map((x) => x.part.group)).toEqual([1]);
    // Every row in every group, once.
    for (const g of [0, 1]) expect(wide.filter((x) => x.part.group === g).reduce((n, x) => n + x.part.to - x.part.from, 0)).toBe(60);
    // The pages before and after are the pack's own.
    expect(pageOf(parts(p, items[0]!)[0]!.page).orientation).toBe('portrait');
    expect(pageOf(parts(p, items[2]!)[0]!.page).orientation).toBe('portrait');
    expect(p.startPage['table-2']).toBe(wide[0]!.page);
  });

  it('keeps its promises for any mix of tables, breaks and figures', () => {
    const item = fc.oneof(
      fc.record({ kind: fc.constant('table' as const), rows: fc.integer({ min: 0, max: 150 }) }),
      fc.constant({ kind: 'page-break' as const }),
      fc.constant({ kind: 'commentary' as const }),
      fc.constant({ kind: 'figure' as const }),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 25 }), fc.integer({ min: 100, max: 1400 }), (spec, figure) => {
        const base = sampleDocument(1);
        const [keyFigures, commentary, table, , fig] = base.items as [DocItem, DocItem, DocTable, DocItem, DocItem];
        let tables = 0;
        let figures = 0;
        const items: DocItem[] = [keyFigures];
        for (const s of spec) {
          if (s.kind === 'table') items.push(withRows(table, s.rows, ++tables));
          else if (s.kind === 'figure') items.push({ ...(fig as Extract<DocItem, { kind: 'figure' }>), number: ++figures });
          else items.push(s.kind === 'page-break' ? { kind: 'page-break' } : commentary);
        }
        const doc = { ...base, items };
        const measure = fakeMeasure(figure);
        checkInvariants(doc, paginate(doc, portrait, measure), measure);
      }),
      { numRuns: 150 },
    );
  });
});

describe('provenanceChunks', () => {
  it('cuts long SQL into page-sized pieces and loses no character', () => {
    const doc = sampleDocument();
    const table = doc.items.find((i) => i.kind === 'table')!;
    if (table.kind !== 'table') throw new Error('no table');
    const long = Array.from({ length: 200 }, (_, i) => `SELECT ${i} AS n -- line ${i}`).join('\n');
    const wide = 'x'.repeat(6000);
    const item = { ...table, provenance: { ...table.provenance, sql: [long, wide, 'SELECT 1'] } };
    const chunks = provenanceChunks(item);
    expect(chunks.every((c) => c.split('\n').length <= 30 && c.length <= 2400 + 29)).toBe(true);
    expect(chunks.join('\n')).toBe([long, 'x'.repeat(2400), 'x'.repeat(2400), 'x'.repeat(1200), 'SELECT 1'].join('\n'));
    expect(chunks.length).toBe(7 + 3 + 1);
  });
});

describe('blocks taller than a page', () => {
  it('are reported, so the view can say they would be cut off, and nothing else is', () => {
    const doc = sampleDocument();
    const measure = fakeMeasure();
    const geometry = a4('portrait');
    const tall: Measure = (m) => (m.kind === 'text' && m.block === 1 ? contentSize(geometry).height * 2 : measure(m));
    expect(paginate(doc, geometry, measure).oversized).toEqual([]);
    expect(paginate(doc, geometry, tall).oversized).toEqual([{ kind: 'text', item: 1, block: 1 }]);
  });
});
