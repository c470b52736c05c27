// Pack layer, pure orchestration: turns the pack the analyst composed into the document every exporter reads —
// running each live item (through injected services: the engine, disclosure control, the chart renderer), numbering
// tables and figures, and recording each item's provenance. Disclosure control is on for every count table unless
// the pack turns it off, with the reason. An item that cannot be produced becomes a visible notice, never a gap.
import { isNumericType } from '../query/duckdb-types.ts';
import type { PivotSpec } from '../query/pivot/spec.ts';
import type { PivotLayout } from '../query/pivot/types.ts';
import { expectedTotalCheck, statedTotalChecks, type PivotCheck, type StatedColumnTotal } from '../sdc/pivot-checks.ts';
import type { LinkedPivot } from '../sdc/pivot-link.ts';
import { protectableValues, publishedLayout, type ProtectedPivot } from '../sdc/pivot-protect.ts';
import { roundingNote, type Rounding } from '../sdc/rounding.ts';
import { DEFAULT_SDC_RULES, describeRules, type SdcRules } from '../sdc/rules.ts';
import { coverSheetNotes, PRIMARY, type CellStatus } from '../sdc/status.ts';
import { formatNumber } from '../viz/format.ts';
import { chartedWithheld, defaultPivotChartSpec, type PivotChartSpec } from '../viz/pivot-chart.ts';
import { withheldSentence } from '../viz/withheld.ts';
import { allPublished, datasetsInSql, notResuppressed, publishedSource, sourceDatasets, type LabelledDataset, type Published } from './datasets.ts';
import type { DocColumn, DocItem, DocTable, PackDocument, Provenance } from './document.ts';
import { pivotTableParts } from './from-pivot.ts';
import { parseMarkdown } from './markdown.ts';
import { describeChange, keyFigureGuard, publishedChange, publishedKeyFigure, type KeyFigureGuard } from './key-figures.ts';
import { protectPivots } from './protect-pack.ts';
import { applyNoteTargets, type NoteTarget } from './note-targets.ts';
import type { PackItemSpec, PackSpec } from './spec.ts';

export interface DatasetInfo {
  id: string;
  title: string;
  source: string;
  vintage: string;
  sha256: string;
  attribution: string;
  statedTotals?: StatedColumnTotal[];
  /** Invented records (the manifest's flag): every page and sheet showing the item says so (synthetic.ts). */
  synthetic?: boolean;
  /** The table as loaded from its checked file (null when it was not loaded): exports check it still holds. */
  fingerprint: string | null;
  /** Who published the figures, and when (the manifest's `published`); absent for unpublished data. */
  published?: Published;
  /** The manifest's column labels and what a count of rows is called (see datasets.ts). */
  columns?: LabelledDataset['columns'];
  recordLabel?: string;
}

export interface QueryRows {
  columns: Array<{ name: string; type: string }>;
  rows: unknown[][];
}

export interface PackServices {
  runPivot(spec: PivotSpec): Promise<{ layout: PivotLayout; sql: string[] }>;
  protect(spec: PivotSpec, layout: PivotLayout, valueIndex: number, rules: SdcRules): Promise<ProtectedPivot>;
  /** Pivots published together protected as linked tables (same rules); each comes back as if protected alone. */
  protectTogether(members: LinkedPivot[]): Promise<{ pivots: ProtectedPivot[]; summary: string; warnings: string[] }>;
  /** Runs one read-only statement (a saved query or key figure re-run at every rebuild can never change data). */
  query(sql: string): Promise<QueryRows>;
  /** The ids of those datasets that no longer hold exactly what was loaded from their checked files. */
  changedDatasets(datasets: DatasetInfo[]): Promise<string[]>;
  chartSvg(layout: PivotLayout, chart: PivotChartSpec, width: number, height: number): string;
  /** A saved pivot's current version by name (packs follow saved pivots as they are re-saved), or null. */
  savedPivot(name: string): { spec: PivotSpec; chart: PivotChartSpec | null } | null;
  /** The saved pivots (those marked "published together" are protected jointly with the pack's tables). */
  publishedTogether(): readonly { name: string; spec: PivotSpec }[];
  datasets: DatasetInfo[];
  appVersion: string;
  now(): string;
}

/** Rows a query item may bring into a pack: a briefing table, not a data dump. */
export const MAX_QUERY_ROWS = 5000;
const WHOLE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)/i;

/**
 * Provenance names a dataset's file, vintage and SHA-256 only for figures checked, now, to be what was loaded from
 * that file; an item over a changed table is refused rather than certified.
 */
async function certify(datasets: DatasetInfo[], s: PackServices): Promise<void> {
  const changed = await s.changedDatasets(datasets);
  if (changed.length === 0) return;
  const names = changed.map((id) => datasets.find((d) => d.id === id)?.title ?? id).join('; ');
  throw new Error(
    `its figures come from ${names}, which no longer holds exactly the published figures loaded from its file, so its source cannot be certified. ` +
      'Restart the engine to reload the published figures, and make changes on a copy (CREATE TABLE my_copy AS SELECT * FROM …)',
  );
}

function provenanceOf(item: string, sql: string[], datasets: DatasetInfo[]): Provenance {
  const cited = datasets.map(({ id, title, vintage, sha256, attribution, synthetic }) => ({ id, title, vintage, sha256, attribution, ...(synthetic ? { synthetic: true } : {}) }));
  return { item, datasets: cited, sql, disclosure: null, checks: [] };
}

const sourceLine = (datasets: DatasetInfo[]) => (datasets.length ? `Source: ${[...new Set(datasets.map((d) => d.source))].join('; ')}` : 'Source: analyst\'s own data and queries');

/** Adds a note to the pack's notes and returns its id. */
type NoteMaker = (text: string) => string;

type PivotItem = Extract<PackItemSpec, { kind: 'pivot' }>;

/** A pivot item run and certified, before protection: what joint protection needs from each item. */
export interface PreparedPivot {
  item: PivotItem;
  layout: PivotLayout;
  sql: string[];
  datasets: DatasetInfo[];
  /** The value protected, and under which rules; undefined when there is no count to protect, or it is published. */
  k: number | undefined;
  rules: SdcRules;
  /** The release the figures already appeared in, when they are left as published (not protected). */
  published: (Published & { title: string }) | null;
}

async function preparePivot(added: PivotItem, s: PackServices): Promise<PreparedPivot> {
  const saved = added.savedName ? s.savedPivot(added.savedName) : null;
  if (added.savedName && !saved) throw new Error(`the saved pivot "${added.savedName}" no longer exists; open and save it again, or remove this item`);
  const item = saved ? { ...added, spec: saved.spec, chart: saved.chart } : added;
  const { layout, sql } = await s.runPivot(item.spec);
  const datasets = sourceDatasets(item.spec.source, s.datasets);
  await certify(datasets, s);
  // Published figures are left as published unless the analyst protects the pivot; anything else is protected.
  const published = item.spec.protection ? null : publishedSource(item.spec.source, s.datasets);
  const k = item.spec.protection?.value ?? (published ? undefined : protectableValues(item.spec)[0]);
  return { item, layout, sql, datasets, k, rules: item.spec.protection?.rules ?? DEFAULT_SDC_RULES, published };
}

async function resolvePivot(prepared: PreparedPivot, decided: ProtectedPivot | Error | undefined, pack: PackSpec, s: PackServices, n: { table: number; figure: number }, note: NoteMaker, report: ItemReport): Promise<DocItem[]> {
  const { item, layout, sql, datasets, k, rules, published } = prepared;
  let protection: ProtectedPivot | null = null;
  let disclosure: Provenance['disclosure'];
  if (!pack.disclosure.on) disclosure = { applied: false, rules: '', summary: 'Disclosure control was turned off for this export.', audit: '', offReason: pack.disclosure.offReason };
  else if (published) disclosure = { applied: false, rules: '', summary: notResuppressed(published), audit: '', offReason: '' };
  else if (k === undefined) disclosure = { applied: false, rules: '', summary: 'Not a count table (no count or sum to protect), so no cells were suppressed.', audit: '', offReason: '' };
  else {
    if (decided instanceof Error) throw decided;
    protection = decided ?? (await s.protect(item.spec, layout, k, rules));
    const r = protection.result;
    report.audit = { passed: r.audit.passed, summary: r.audit.summary };
    if (!r.audit.passed) throw new Error(`disclosure control could not protect it (${r.audit.summary})`);
    disclosure = { applied: true, rules: `${layout.values[k]!.value.label}: ${describeRules(rules)}`, summary: r.summary, audit: r.audit.summary, offReason: '' };
  }
  const stated = item.spec.source.kind === 'table' ? (datasets[0]?.statedTotals ?? []) : [];
  const expected = expectedTotalCheck(item.spec, layout, formatNumber);
  const results = [...statedTotalChecks(item.spec, layout, stated, formatNumber), ...(expected ? [expected] : [])];
  const checks = results.map((c) => c.message);
  report.checks = results;
  // A total that does not add up, and rounding, are printed with the table as notes, not only in the appendix.
  const rounded = protection?.result.rounding ? [note(roundingNote(protection.result.rounding))] : [];
  const notes = [...item.notes, ...results.filter((c) => c.passes === false).map((c) => note(c.message)), ...rounded];
  const caption = item.caption || item.chart?.title || defaultPivotChartSpec(layout).title;
  const out: DocItem[] = [];
  const prov = (what: string): Provenance => ({ ...provenanceOf(what, sql, datasets), disclosure, checks });
  if (item.show !== 'chart') {
    n.table += 1;
    out.push(marked({ kind: 'table', number: n.table, caption, ...pivotTableParts(layout, protection), source: sourceLine(datasets), notes, provenance: prov(`Table ${n.table}`) }, item.noteTargets));
  }
  if (item.show !== 'table') {
    n.figure += 1;
    const shown = protection ? publishedLayout(layout, protection) : layout;
    const chart = item.chart ?? defaultPivotChartSpec(shown);
    const [width, height] = pack.meta.orientation === 'landscape' ? [900, 420] : [640, 380];
    const where = item.show === 'both' ? ` The figures are in Table ${n.table}.` : '';
    const withheld = withheldSentence(chartedWithheld(shown, chart));
    out.push({
      kind: 'figure', number: n.figure, caption: item.caption || chart.title, svg: s.chartSvg(shown, chart, width, height), width, height,
      altText: `${chart.kind.replace(/_/g, ' ')} chart: ${chart.title}.${withheld ? ` ${withheld}` : ''}${where}`, ...(withheld ? { withheld } : {}),
      source: sourceLine(datasets), notes, provenance: prov(`Figure ${n.figure}`),
    });
  }
  return out;
}

async function resolveQuery(item: Extract<PackItemSpec, { kind: 'query' }>, pack: PackSpec, s: PackServices, n: { table: number }): Promise<DocItem[]> {
  const res = await s.query(item.sql);
  if (res.rows.length > MAX_QUERY_ROWS) throw new Error(`the query returns ${formatNumber(res.rows.length)} rows; a pack table can hold ${formatNumber(MAX_QUERY_ROWS)}. Aggregate it first, or pivot it`);
  const datasets = datasetsInSql(item.sql, s.datasets);
  await certify(datasets, s);
  const columns: DocColumn[] = res.columns.map((c) =>
    isNumericType(c.type) ? { header: c.name, kind: 'number', numberFormat: WHOLE.test(c.type) ? '#,##0' : '#,##0.0##', unit: '' } : { header: c.name, kind: 'label', numberFormat: '@', unit: '' },
  );
  const rows = res.rows.map((r) => ({
    kind: 'item' as const, depth: 1,
    cells: r.map((v, j) => ({ value: v === null || v === undefined ? null : columns[j]!.kind === 'number' ? Number(v) : String(v), status: null })),
  }));
  n.table += 1;
  const disclosure = pack.disclosure.on
    ? { applied: false, rules: '', summary: 'A query result is published as it is: no cells were suppressed. Use a pivot to protect counts.', audit: '', offReason: '' }
    : { applied: false, rules: '', summary: 'Disclosure control was turned off for this export.', audit: '', offReason: pack.disclosure.offReason };
  const table: DocTable = {
    kind: 'table', number: n.table, caption: item.caption || `Query result ${n.table}`, headerRows: [columns.map((c) => c.header)], columns, rows,
    source: sourceLine(datasets), notes: item.notes, provenance: { ...provenanceOf(`Table ${n.table}`, [item.sql], datasets), disclosure },
  };
  return [marked(table, item.noteTargets)];
}

/** Note markers placed on columns and rows; a marker whose row or column has gone is reported in the checks. */
function marked(table: DocTable, targets: NoteTarget[]): DocTable {
  const { table: out, missing } = applyNoteTargets(table, targets);
  return missing.length ? { ...out, provenance: { ...out.provenance, checks: [...out.provenance.checks, ...missing] } } : out;
}

async function resolveKeyFigures(item: Extract<PackItemSpec, { kind: 'key-figures' }>, tables: KeyFigureGuard | null, guarded: ReadonlySet<string>, s: PackServices): Promise<DocItem[]> {
  const one = async (sql: string): Promise<number | null> => {
    const v = (await s.query(sql)).rows[0]?.[0];
    return v === null || v === undefined ? null : Number(v);
  };
  const sql: string[] = [];
  const figures = [];
  let rounding: Rounding | null = null;
  for (const f of item.figures) {
    const value = await one(f.sql);
    sql.push(f.sql);
    // A figure read only from published tables none of the pack protects is printed as published; any other follows
    // the protected tables (withheld or rounded as they are), or it would undo their protection.
    const both = `${f.sql} ${f.compareSql}`;
    const guard = allPublished(both, s.datasets) && !datasetsInSql(both, s.datasets).some((d) => guarded.has(d.id)) ? null : tables;
    if (guard?.rounding) rounding = guard.rounding;
    const shown = publishedKeyFigure(value, guard);
    let label = f.label;
    if (f.compareSql.trim() && typeof shown === 'number') {
      sql.push(f.compareSql);
      const change = publishedChange(value, await one(f.compareSql), guard);
      if (change) label += `, ${describeChange(change.now, change.then, f.compareLabel)}`;
    }
    figures.push({ value: typeof shown === 'number' ? formatNumber(shown) : shown, label });
  }
  const datasets = datasetsInSql(sql.join(' '), s.datasets);
  await certify(datasets, s);
  const caption = rounding ? `${item.caption} (rounded to a multiple of ${rounding.base}, as the tables are)` : item.caption;
  return [{ kind: 'key-figures', caption, figures, provenance: provenanceOf(item.caption, sql, datasets) }];
}

function renumber(items: DocItem[], n: { table: number; figure: number }): DocItem[] {
  return items.map((it) => (it.kind === 'table' ? { ...it, number: ++n.table } : it.kind === 'figure' ? { ...it, number: ++n.figure } : it));
}

/** What resolving a live pivot found: its reconciliation checks, and its protection's audit (null: not protected). */
export interface ItemReport {
  checks: PivotCheck[];
  audit: { passed: boolean; summary: string } | null;
}

export interface ResolvedPack {
  doc: PackDocument;
  /** Per item: its resolved parts (for freezing) or the reason it could not be produced, and what was checked. */
  items: Array<{ id: string; parts: DocItem[]; problem: string | null } & ItemReport>;
}

export async function resolvePack(pack: PackSpec, s: PackServices): Promise<ResolvedPack> {
  const n = { table: 0, figure: 0 };
  const items: ResolvedPack['items'] = [];
  const notes = [...pack.notes];
  const note: NoteMaker = (text) => {
    const same = notes.find((x) => x.text === text);
    if (same) return same.id;
    let k = notes.length + 1;
    while (notes.some((x) => x.id === `note ${k}`)) k++;
    notes.push({ id: `note ${k}`, text });
    return `note ${k}`;
  };
  // Every live pivot runs first, so the pack's count tables can be protected together.
  const prepared = new Map<string, PreparedPivot | Error>();
  for (const item of pack.items) {
    if (item.kind !== 'pivot' || item.frozen) continue;
    prepared.set(item.id, await preparePivot(item, s).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))));
  }
  const { protections, together, warnings } = pack.disclosure.on
    ? await protectPivots(prepared, s)
    : { protections: new Map<string, ProtectedPivot | Error>(), together: [], warnings: [] };
  // Key figures follow the tables: withheld where they would give a withheld cell back, rounded as they are.
  const guard = pack.disclosure.on ? keyFigureGuard(protections.values()) : null;
  const guarded = new Set([...prepared.values()].flatMap((p) => (p instanceof Error || p.k === undefined ? [] : p.datasets.map((d) => d.id))));
  for (const [i, item] of pack.items.entries()) {
    const report: ItemReport = { checks: [], audit: null };
    try {
      let parts: DocItem[];
      const run = prepared.get(item.id);
      if (item.frozen) parts = renumber(item.frozen, n);
      else if (run instanceof Error) throw run;
      else if (item.kind === 'pivot' && run) parts = await resolvePivot(run, protections.get(item.id), pack, s, n, note, report);
      else if (item.kind === 'query') parts = await resolveQuery(item, pack, s, n);
      else if (item.kind === 'key-figures') parts = await resolveKeyFigures(item, guard, guarded, s);
      else if (item.kind === 'commentary') parts = [{ kind: 'commentary', blocks: parseMarkdown(item.markdown) }];
      else parts = [{ kind: 'page-break' }];
      // The layout of a wide table is the analyst's choice for the item, frozen or live.
      if ((item.kind === 'pivot' || item.kind === 'query') && item.wide && item.wide !== 'auto') parts = parts.map((p) => (p.kind === 'table' ? { ...p, wide: item.wide } : p));
      items.push({ id: item.id, parts, problem: null, ...report });
    } catch (err) {
      const reason = (err instanceof Error ? err.message : String(err)).replace(/\.$/, '');
      const problem = `Item ${i + 1} could not be produced: ${reason}.`;
      items.push({ id: item.id, parts: [{ kind: 'commentary', blocks: [{ type: 'paragraph', runs: [{ text: problem, bold: true }] }] }], problem, ...report });
    }
  }
  const docItems = items.flatMap((x) => x.parts);
  const statuses: (CellStatus | null)[] = docItems.flatMap((it) => (it.kind === 'table' ? it.rows.flatMap((r) => r.cells.map((c) => c.status)) : []));
  if (docItems.some((it) => it.kind === 'key-figures' && it.figures.some((f) => f.value === '[c]'))) statuses.push(PRIMARY);
  const used = new Set(docItems.flatMap((it) => ('provenance' in it ? it.provenance.datasets.map((d) => d.attribution) : [])));
  const doc: PackDocument = {
    meta: { ...pack.meta, appVersion: s.appVersion, exportedAt: s.now() },
    items: docItems,
    notes,
    shorthand: coverSheetNotes(statuses),
    disclosure: pack.disclosure,
    protectedTogether: together,
    differencing: warnings,
    attribution: [...used].filter(Boolean),
  };
  return { doc, items };
}
