// Workbook layer, pure: the manifest of a workbook file read strictly, in the style of lib/query/pivot/parse.ts —
// every part checked (pivots, their charts and checks, packs with their frozen snapshots, saved queries, embedded
// tables' import records), unknown keys refused, defaults filled — so an opened workbook either loads whole or not
// at all, and nothing half-read reaches the app. Older manifests are upgraded first (migrate.ts).
import { parsePackSpec } from '../pack/spec.ts';
import { parsePivotSpec, serializePivotSpec } from '../query/pivot/parse.ts';
import { parsePivotChartSpec } from '../viz/chart-parse.ts';
import type { ImportRecord } from '../services/import/record.ts';
import { count, fail, list, nullableText, object, oneOf, optionalText, text, unique, within, type Obj } from './check.ts';
import { TABLE_ENTRY, WORKBOOK_FORMAT, WORKBOOK_VERSION, type BuiltinRef, type EmbeddedTable, type OpenTab, type Workbook, type WorkbookPivot, type WorkbookQuery } from './spec.ts';
import { parseImportRecord } from './record-parse.ts';

export const WORKBOOK_KEYS = ['format', 'version', 'name', 'savedAt', 'appVersion', 'datasets', 'savedQueries', 'savedPivots', 'tabs', 'packs', 'notes'] as const;
const SHA256 = /^[0-9a-f]{64}$/;

function sha(v: unknown, where: string): string {
  const s = text(v, where);
  if (!SHA256.test(s)) fail('not-allowed', where, `The workbook's ${where} should be a SHA-256 (64 hexadecimal digits).`);
  return s;
}

function builtin(v: unknown, n: number): BuiltinRef {
  const where = `built-in dataset ${n}`;
  const o = object(v, where, ['id', 'sha256', 'vintage']);
  return { id: text(o.id, `${where} id`), sha256: sha(o.sha256, `${where} SHA-256`), vintage: optionalText(o.vintage, `${where} vintage`) };
}

function embedded(v: unknown, n: number): EmbeddedTable {
  const where = `imported table ${n}`;
  const o = object(v, where, ['table', 'entry', 'sha256', 'rows', 'columns', 'record']);
  const entry = text(o.entry, `${where} entry`);
  if (!TABLE_ENTRY.test(entry)) fail('not-allowed', `${where} entry`, `The workbook's ${where} points at "${entry}", which is not where tables are kept (tables/<name>.csv).`);
  const columns = list(o.columns, `${where} columns`, (c, k) => {
    const x = object(c, `${where} column ${k}`, ['name', 'type']);
    return { name: text(x.name, `${where} column ${k} name`), type: text(x.type, `${where} column ${k} type`) };
  });
  const record: ImportRecord = parseImportRecord(o.record, `${where} import record`);
  const table = text(o.table, `${where} name`);
  if (record.table !== table) fail('not-allowed', where, `The workbook's ${where} is called "${table}" but its import record says "${record.table}".`);
  return { table, entry, sha256: sha(o.sha256, `${where} SHA-256`), rows: count(o.rows, `${where} rows`), columns, record };
}

function query(v: unknown, n: number): WorkbookQuery {
  const where = `saved query ${n}`;
  const o = object(v, where, ['name', 'sql', 'savedAt']);
  const sql = text(o.sql, `${where} SQL`);
  if (!sql.trim()) fail('missing', `${where} SQL`, `The workbook's ${where} has no SQL.`);
  return { name: text(o.name, `${where} name`).trim(), sql, savedAt: optionalText(o.savedAt, `${where} date`) };
}

function pivot(v: unknown, n: number): WorkbookPivot {
  const where = `saved pivot ${n}`;
  const o = object(v, where, ['name', 'spec', 'chart', 'savedAt']);
  return {
    name: text(o.name, `${where} name`),
    spec: within(where, () => parsePivotSpec(o.spec)),
    chart: within(`${where} chart`, () => parsePivotChartSpec(o.chart, 'chart')),
    savedAt: optionalText(o.savedAt, `${where} date`),
  };
}

function tab(v: unknown, n: number): OpenTab {
  const where = `open tab ${n}`;
  const kind = oneOf((v as Obj | null)?.kind, `${where} kind`, ['sql', 'pivot', 'pack'] as const);
  if (kind === 'pack') return { kind, title: text(object(v, where, ['kind', 'title']).title, `${where} title`) };
  if (kind === 'sql') {
    const o = object(v, where, ['kind', 'title', 'sql', 'savedName']);
    return { kind, title: text(o.title, `${where} title`), sql: text(o.sql, `${where} SQL`), savedName: nullableText(o.savedName, `${where} saved name`) };
  }
  const o = object(v, where, ['kind', 'title', 'spec', 'chart', 'savedName']);
  return {
    kind,
    title: text(o.title, `${where} title`),
    spec: within(where, () => parsePivotSpec(o.spec)),
    chart: within(`${where} chart`, () => parsePivotChartSpec(o.chart, 'chart')),
    savedName: nullableText(o.savedName, `${where} saved name`),
  };
}

/** Open tabs as a workbook (or a recovery copy) records them, strictly. */
export function parseOpenTabs(v: unknown): OpenTab[] {
  return list(v, 'open tabs', tab);
}

/** A manifest of the current version, strictly (migrate.ts brings older ones here first). */
export function parseWorkbook(input: unknown): Workbook {
  const o = object(input, 'manifest', WORKBOOK_KEYS);
  if (o.format !== WORKBOOK_FORMAT) fail('not-a-workbook', 'manifest', 'This file is not an IDMG workbook.');
  if (o.version !== WORKBOOK_VERSION) fail('newer-version', 'manifest', `This workbook is in format ${String(o.version)}; this version of the workbench reads format ${WORKBOOK_VERSION}.`);
  const datasets = object(o.datasets ?? {}, 'list of datasets', ['builtin', 'imported']);
  const imported = unique(list(datasets.imported, 'imported tables', embedded), (t) => t.table.toLowerCase(), 'imported tables');
  unique(imported, (t) => t.entry, 'imported table entries');
  return {
    format: WORKBOOK_FORMAT,
    version: WORKBOOK_VERSION,
    name: optionalText(o.name, 'name', 'Untitled workbook'),
    savedAt: optionalText(o.savedAt, 'date saved'),
    appVersion: optionalText(o.appVersion, 'workbench version'),
    datasets: { builtin: unique(list(datasets.builtin, 'built-in datasets', builtin), (d) => d.id, 'built-in datasets'), imported },
    savedQueries: unique(list(o.savedQueries, 'saved queries', query), (q) => q.name, 'saved queries'),
    savedPivots: unique(list(o.savedPivots, 'saved pivots', pivot), (p) => p.name, 'saved pivots'),
    tabs: list(o.tabs, 'open tabs', tab),
    packs: list(o.packs, 'packs', (p, n) => within(`pack ${n}`, () => parsePackSpec(p))),
    notes: optionalText(o.notes, 'notes'),
  };
}

/**
 * The manifest as written: canonical JSON (parsed first, so only what parses is ever written; pivots in their
 * canonical form), so saving the same workbook twice gives the same bytes and versions diff cleanly.
 */
export function serializeWorkbook(workbook: Workbook): string {
  const checked = parseWorkbook(JSON.parse(JSON.stringify(workbook)));
  const canonicalPivot = <T extends { spec: unknown }>(x: T): T => ({ ...x, spec: JSON.parse(serializePivotSpec(x.spec as never)) });
  return JSON.stringify(
    {
      ...checked,
      savedPivots: checked.savedPivots.map(canonicalPivot),
      tabs: checked.tabs.map((t) => (t.kind === 'pivot' ? canonicalPivot(t) : t)),
    },
    null,
    1,
  );
}
