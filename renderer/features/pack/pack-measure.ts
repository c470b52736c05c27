// Pack feature: the DOM side of pagination. Every block the pages can hold is rendered once, off-screen, at the
// content width (PackMeasure.svelte renders `probes(doc)`); their heights are read back here and answered to the
// pure paginator's `measure` questions. Same components, same styles, so what was measured is what prints.
// Tables are measured twice: first their columns' narrowest and one-line widths (readExtents), from which
// lib/pack/wide-table.ts plans them; then each column group of the plan at its pages' width.
import type { PackDocument } from '../../lib/pack/document.ts';
import { contentsEntries, hasNotesSection, type Block, type Measure, type Measured } from '../../lib/pack/paginate.ts';
import { hasProvenance, provenanceChunks } from '../../lib/pack/provenance-chunks.ts';
import type { ColumnExtent, TablePlan } from '../../lib/pack/wide-table.ts';

/** A block rendered to be measured, under the key its height is read back by; `landscape`: at that page's width. */
export interface Probe {
  key: string;
  block: Block;
  landscape?: boolean;
}

/** A wide page number stands in for the real one: the entries' layout does not depend on it. */
const PLACEHOLDER_PAGE = 888;

/** The key of a block that is measured as it is. */
export function blockKey(b: Measured | Block): string {
  switch (b.kind) {
    case 'contents-entry': return `contents-entry:${b.entry.id}`;
    case 'text': return `text:${b.item}:${b.block}`;
    case 'section-heading': return `section:${b.section}`;
    case 'note': return `note:${b.index}`;
    case 'key-figures': return `${b.kind}:${b.item}`;
    case 'provenance': return `${b.kind}:${b.item}:${b.part}`;
    default: return b.kind;
  }
}

export function probes(doc: PackDocument, plans: Record<number, TablePlan>): Probe[] {
  const out: Probe[] = [];
  const add = (block: Block, key = blockKey(block), landscape?: boolean) => out.push({ key, block, ...(landscape ? { landscape } : {}) });
  add({ kind: 'contents-heading' });
  for (const entry of contentsEntries(doc)) add({ kind: 'contents-entry', entry: { ...entry, page: PLACEHOLDER_PAGE } });
  doc.items.forEach((item, i) => {
    if (item.kind === 'table') {
      const plan = plans[i];
      const landscape = plan?.orientation === 'landscape' && doc.meta.orientation === 'portrait';
      (plan?.groups ?? [null]).forEach((_, g) => {
        const part = { kind: 'table', item: i, group: g, from: 0, to: 0, continued: false, foot: false } as const;
        add(part, `table:${i}:${g}:h`, landscape);
        add({ ...part, continued: true }, `table:${i}:${g}:c`, landscape);
        add({ ...part, foot: true }, `table:${i}:${g}:hf`, landscape);
        add({ ...part, to: item.rows.length }, `table:${i}:${g}:rows`, landscape);
      });
    } else if (item.kind === 'figure') add({ kind: 'figure', item: i, scale: 1 }, `figure:${i}`);
    else if (item.kind === 'key-figures') add({ kind: 'key-figures', item: i });
    else if (item.kind === 'commentary') item.blocks.forEach((_, j) => add({ kind: 'text', item: i, block: j }));
  });
  if (hasNotesSection(doc)) {
    add({ kind: 'section-heading', section: 'notes' });
    add({ kind: 'symbols' });
    doc.notes.forEach((_, index) => add({ kind: 'note', index }));
    add({ kind: 'attribution' });
  }
  add({ kind: 'section-heading', section: 'provenance' });
  doc.items.forEach((item, i) => {
    if (!hasProvenance(item)) return;
    for (let part = 0; part <= provenanceChunks(item).length; part++) add({ kind: 'provenance', item: i, part });
  });
  add({ kind: 'colophon' });
  return out;
}

/**
 * Heights of the rendered probes (and of each table row and figure graphic inside them), by key, in the page's own
 * CSS px: a preview shown scaled (transform or zoom on an ancestor) is measured as if at 100 %.
 */
export function readHeights(sheet: HTMLElement): Map<string, number> {
  const scale = sheet.getBoundingClientRect().width / sheet.offsetWidth || 1;
  const height = (el: Element) => el.getBoundingClientRect().height / scale;
  const heights = new Map<string, number>();
  for (const el of sheet.querySelectorAll<HTMLElement>('[data-probe]')) {
    const key = el.dataset.probe ?? '';
    heights.set(key, height(el));
    for (const tr of el.querySelectorAll<HTMLElement>('tbody tr[data-row]')) heights.set(`${key}:${tr.dataset.row}`, height(tr));
    const graphic = el.querySelector('[data-graphic]');
    if (graphic) heights.set(`${key}:graphic`, height(graphic));
  }
  return heights;
}

/**
 * Each measured table's columns (by item index): the narrowest each can be, read from the table laid out at
 * min-content width, and its width unwrapped, from the same table at max-content (PackTableExtent.svelte).
 */
export function readExtents(sheet: HTMLElement): Map<number, ColumnExtent[]> {
  const scale = sheet.getBoundingClientRect().width / sheet.offsetWidth || 1;
  const widths = (el: Element | null) => [...(el?.querySelectorAll('tr[data-sizer] > td') ?? [])].map((td) => td.getBoundingClientRect().width / scale);
  const out = new Map<number, ColumnExtent[]>();
  for (const el of sheet.querySelectorAll<HTMLElement>('[data-extent]')) {
    const min = widths(el.querySelector('table[data-fit="min"]'));
    const max = widths(el.querySelector('table[data-fit="max"]'));
    out.set(Number(el.dataset.extent), min.map((m, c) => ({ min: m, max: max[c] ?? m })));
  }
  return out;
}

/** The paginator's measurer over measured heights; a block nobody rendered is a bug, said so rather than guessed. */
export function domMeasure(heights: Map<string, number>, plans: Record<number, TablePlan>): Measure {
  const last = (item: number) => (plans[item]?.groups.length ?? 1) - 1;
  const get = (key: string) => {
    const h = heights.get(key);
    if (h === undefined) throw new Error(`no measurement for "${key}"`);
    return h;
  };
  return (m) => {
    switch (m.kind) {
      case 'table-head': return get(`table:${m.item}:${m.group}:${m.continued ? 'c' : 'h'}`);
      case 'table-row': return get(`table:${m.item}:${m.group}:rows:${m.row}`);
      case 'table-foot': return get(`table:${m.item}:${last(m.item)}:hf`) - get(`table:${m.item}:${last(m.item)}:h`);
      case 'figure': return get(`figure:${m.item}`);
      case 'figure-graphic': return get(`figure:${m.item}:graphic`);
      default: return get(blockKey(m));
    }
  };
}
