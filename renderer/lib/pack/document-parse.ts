// Pack layer, pure: the gate a frozen snapshot (an item's resolved document parts, saved with the pack) passes
// through when the pack is read back. A snapshot is stored data like any other spec, so it is checked the same way —
// every field typed, unknown keys rejected, rows as wide as the table — and a malformed one makes its item
// unreadable here, in words, instead of throwing a TypeError later in the preview or an export.
import type { CellStatus, StatusCode } from '../sdc/status.ts';
import { WIDE_MODES, type DocCell, type DocColumn, type DocItem, type DocTableRow, type Provenance, type Run, type TextBlock } from './document.ts';
import { bool, formatError, list, num, object, oneOf, text, texts } from './shape.ts';

const STATUS_CODES: readonly StatusCode[] = ['c', 'x', 'z', 'u', 'e', 'p', 'r'];

function parseStatus(v: unknown, where: string): CellStatus | null {
  if (v === null) return null;
  const o = object(v, where, ['code', 'kind']);
  const code = oneOf(o.code, `${where} code`, STATUS_CODES);
  if (code === 'c') return { code, kind: oneOf(o.kind, `${where} kind`, ['primary', 'secondary'] as const) };
  object(v, where, ['code']); // only [c] says why a cell is withheld
  return { code };
}

function parseCell(v: unknown, where: string): DocCell {
  const o = object(v, where, ['value', 'status']);
  const value = o.value;
  if (value !== null && typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
    throw formatError('wrong-type', where, `The pack's ${where} value should be a number, a text or empty.`);
  }
  return { value, status: parseStatus(o.status, `${where} status`) };
}

function parseColumn(v: unknown, where: string): DocColumn {
  const o = object(v, where, ['header', 'kind', 'numberFormat', 'unit']);
  return {
    header: text(o.header, `${where} header`),
    kind: oneOf(o.kind, `${where} kind`, ['label', 'number'] as const),
    numberFormat: text(o.numberFormat, `${where} number format`),
    unit: text(o.unit, `${where} unit`),
  };
}

function parseRow(v: unknown, where: string, width: number): DocTableRow {
  const o = object(v, where, ['kind', 'depth', 'cells']);
  const cells = list(o.cells, `${where} cells`, (c, n) => parseCell(c, `${where} cell ${n}`));
  if (cells.length !== width) throw formatError('not-allowed', where, `The pack's ${where} has ${cells.length} cells for ${width} columns.`);
  return { kind: oneOf(o.kind, `${where} kind`, ['item', 'subtotal', 'total'] as const), depth: num(o.depth, `${where} depth`, { integer: true, min: 0 }), cells };
}

function parseProvenance(v: unknown, where: string): Provenance {
  const o = object(v, where, ['item', 'datasets', 'sql', 'disclosure', 'checks']);
  const datasets = list(o.datasets, `${where} datasets`, (d, n) => {
    const x = object(d, `${where} dataset ${n}`, ['id', 'title', 'vintage', 'sha256', 'attribution', 'synthetic']);
    const at = (k: string) => text(x[k], `${where} dataset ${n} ${k}`);
    const synthetic = x.synthetic === undefined ? {} : { synthetic: bool(x.synthetic, `${where} dataset ${n} synthetic`) };
    return { id: at('id'), title: at('title'), vintage: at('vintage'), sha256: at('sha256'), attribution: at('attribution'), ...synthetic };
  });
  let disclosure: Provenance['disclosure'] = null;
  if (o.disclosure !== null) {
    const d = object(o.disclosure, `${where} disclosure control`, ['applied', 'rules', 'summary', 'audit', 'offReason']);
    const at = (k: string) => text(d[k], `${where} disclosure control ${k}`);
    disclosure = { applied: bool(d.applied, `${where} disclosure control applied`), rules: at('rules'), summary: at('summary'), audit: at('audit'), offReason: at('offReason') };
  }
  return { item: text(o.item, `${where} item`), datasets, sql: texts(o.sql, `${where} SQL`), disclosure, checks: texts(o.checks, `${where} checks`) };
}

function parseRun(v: unknown, where: string): Run {
  const o = object(v, where, ['text', 'bold', 'italic']);
  const run: Run = { text: text(o.text, `${where} text`) };
  if (o.bold !== undefined) run.bold = bool(o.bold, `${where} bold`);
  if (o.italic !== undefined) run.italic = bool(o.italic, `${where} italic`);
  return run;
}

function parseBlock(v: unknown, where: string): TextBlock {
  const type = (v as { type?: unknown } | null)?.type;
  if (type === 'heading') {
    const o = object(v, where, ['type', 'level', 'text']);
    return { type, level: oneOf(o.level, `${where} level`, [2, 3] as const), text: text(o.text, `${where} text`) };
  }
  if (type === 'paragraph') {
    const o = object(v, where, ['type', 'runs']);
    return { type, runs: list(o.runs, `${where} runs`, (r, n) => parseRun(r, `${where} run ${n}`)) };
  }
  if (type === 'list') {
    const o = object(v, where, ['type', 'ordered', 'items']);
    const items = list(o.items, `${where} items`, (it, n) => list(it, `${where} item ${n}`, (r, k) => parseRun(r, `${where} item ${n} run ${k}`)));
    return { type, ordered: bool(o.ordered, `${where} ordered`), items };
  }
  object(v, where, ['type', 'level', 'text', 'runs', 'ordered', 'items']);
  throw formatError('not-allowed', where, `The pack's ${where} is of an unknown type (${JSON.stringify(type)}).`);
}

const TABLE_KEYS = ['kind', 'number', 'caption', 'headerRows', 'columns', 'rows', 'source', 'notes', 'provenance', 'wide'];
const FIGURE_KEYS = ['kind', 'number', 'caption', 'svg', 'width', 'height', 'altText', 'withheld', 'source', 'notes', 'provenance'];

/** One resolved document part, as frozen into a pack item. */
export function parseDocItem(v: unknown, where: string): DocItem {
  const kind = (v as { kind?: unknown } | null)?.kind;
  switch (kind) {
    case 'table': {
      const o = object(v, `${where} (a table)`, TABLE_KEYS);
      const w = `${where} table`;
      const columns = list(o.columns, `${w} columns`, (c, n) => parseColumn(c, `${w} column ${n}`));
      const headerRows = list(o.headerRows, `${w} header rows`, (r, n) => texts(r, `${w} header row ${n}`));
      headerRows.forEach((r, i) => {
        if (r.length !== columns.length) throw formatError('not-allowed', w, `The pack's ${w} header row ${i + 1} has ${r.length} headings for ${columns.length} columns.`);
      });
      const rows = list(o.rows, `${w} rows`, (r, n) => parseRow(r, `${w} row ${n}`, columns.length));
      return { kind, number: num(o.number, `${w} number`, { integer: true, min: 0 }), caption: text(o.caption, `${w} caption`), headerRows, columns, rows, source: text(o.source, `${w} source`), notes: texts(o.notes, `${w} notes`), provenance: parseProvenance(o.provenance, `${w} provenance`), ...(o.wide === undefined ? {} : { wide: oneOf(o.wide, `${w} layout when wider than the page`, WIDE_MODES) }) };
    }
    case 'figure': {
      const o = object(v, `${where} (a figure)`, FIGURE_KEYS);
      const w = `${where} figure`;
      // Only the type is checked here: what the SVG may contain is the preview's sanitiser's business.
      return { kind, number: num(o.number, `${w} number`, { integer: true, min: 0 }), caption: text(o.caption, `${w} caption`), svg: text(o.svg, `${w} SVG`), width: num(o.width, `${w} width`, { min: 1 }), height: num(o.height, `${w} height`, { min: 1 }), altText: text(o.altText, `${w} text alternative`), ...(o.withheld === undefined ? {} : { withheld: text(o.withheld, `${w} withheld values`) }), source: text(o.source, `${w} source`), notes: texts(o.notes, `${w} notes`), provenance: parseProvenance(o.provenance, `${w} provenance`) };
    }
    case 'commentary': {
      const o = object(v, `${where} (commentary)`, ['kind', 'blocks']);
      return { kind, blocks: list(o.blocks, `${where} commentary blocks`, (b, n) => parseBlock(b, `${where} commentary block ${n}`)) };
    }
    case 'key-figures': {
      const o = object(v, `${where} (key figures)`, ['kind', 'caption', 'figures', 'provenance']);
      const w = `${where} key figures`;
      const figures = list(o.figures, `${w} list`, (f, n) => {
        const x = object(f, `${w} figure ${n}`, ['value', 'label']);
        return { value: text(x.value, `${w} figure ${n} value`), label: text(x.label, `${w} figure ${n} label`) };
      });
      return { kind, caption: text(o.caption, `${w} caption`), figures, provenance: parseProvenance(o.provenance, `${w} provenance`) };
    }
    case 'page-break':
      object(v, `${where} (a page break)`, ['kind']);
      return { kind };
    default:
      object(v, where, ['kind', ...TABLE_KEYS, ...FIGURE_KEYS, 'blocks', 'figures']);
      throw formatError('not-allowed', where, `The pack's ${where} is of an unknown kind (${JSON.stringify(kind)}).`);
  }
}

/** A frozen snapshot: null (live) or a list of parts. */
export function parseFrozen(v: unknown, where: string): DocItem[] | null {
  if (v === undefined || v === null) return null;
  return list(v, `${where} frozen figures`, (x, n) => parseDocItem(x, `${where} frozen part ${n}`));
}
