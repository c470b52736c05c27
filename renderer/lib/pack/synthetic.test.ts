// Pack layer, unit tests: where "Contains synthetic data — not official statistics" goes. The flag comes from the
// manifest through the resolver's provenance (the datasets it certified for each item); a laid-out page, a saved
// snapshot and the document model all carry it, and items over published data never do.
import { describe, expect, it } from 'vitest';
import type { DocItem, DocTable, PackDocument } from './document.ts';
import { parseFrozen } from './document-parse.ts';
import { paginate, type Measure } from './paginate.ts';
import { a4 } from './page-geometry.ts';
import { sampleDocument } from './sample-document.ts';
import { docUsesSynthetic, itemUsesSynthetic, pageUsesSynthetic, SYNTHETIC_NOTE } from './synthetic.ts';

/** The sample pack with table `n` (and its long body) over a synthetic dataset. */
export function syntheticSample(tables = 4, syntheticTable = 2, rows = 120): PackDocument {
  const doc = sampleDocument(tables);
  doc.items = doc.items.map((item): DocItem => {
    if (item.kind !== 'table' || item.number !== syntheticTable) return item;
    const row = item.rows[0]!;
    const body = Array.from({ length: rows }, (_, r) => ({ ...row, cells: [{ value: `S row ${r}`, status: null }, ...row.cells.slice(1)] }));
    const datasets = [{ id: 'synthetic_nrm_cases', title: 'SYNTHETIC: NRM referrals', vintage: 'Synthetic, not a release', sha256: 'a'.repeat(64), attribution: '', synthetic: true }];
    return { ...item, rows: [...body, item.rows.at(-1)!], provenance: { ...item.provenance, datasets } } satisfies DocTable;
  });
  return doc;
}

const measure: Measure = (m) => (m.kind === 'table-row' ? 20 : m.kind === 'figure' || m.kind === 'figure-graphic' ? 300 : 40);

describe('the synthetic-data warning', () => {
  it('is one sentence, said once', () => {
    expect(SYNTHETIC_NOTE).toBe('Contains synthetic data — not official statistics');
  });

  it('marks items whose provenance names a synthetic dataset, and only those', () => {
    const doc = syntheticSample();
    const flagged = doc.items.filter(itemUsesSynthetic).map((i) => (i.kind === 'table' ? `Table ${i.number}` : i.kind));
    expect(flagged).toEqual(['Table 2']);
    expect(docUsesSynthetic(doc)).toBe(true);
    expect(docUsesSynthetic(sampleDocument(4))).toBe(false);
  });

  it('is on every laid-out page holding part of a synthetic item (its continuation pages and its provenance) and on no other', () => {
    const doc = syntheticSample();
    const p = paginate(doc, a4('portrait'), measure);
    const holds = (page: (typeof p.pages)[number], pred: (item: number) => boolean) => page.blocks.some(({ block }) => 'item' in block && pred(block.item));
    const syntheticIndex = doc.items.findIndex(itemUsesSynthetic);
    const withIt = p.pages.filter((page) => holds(page, (i) => i === syntheticIndex));
    expect(withIt.length).toBeGreaterThan(2); // the long table runs over pages, and its provenance follows at the end
    for (const page of p.pages) expect(pageUsesSynthetic(doc, page), `page ${page.number}`).toBe(withIt.includes(page));
    expect(p.pages.some((page) => page.role === 'body' && !pageUsesSynthetic(doc, page))).toBe(true);
  });

  it('survives a frozen snapshot: the flag is read back, and an old snapshot without it still loads', () => {
    const doc = syntheticSample();
    const parsed = parseFrozen(JSON.parse(JSON.stringify(doc.items)), 'item 1') ?? [];
    expect(parsed.filter(itemUsesSynthetic)).toHaveLength(1);
    expect((parseFrozen(JSON.parse(JSON.stringify(sampleDocument(2).items)), 'item 1') ?? []).some(itemUsesSynthetic)).toBe(false);
  });
});
