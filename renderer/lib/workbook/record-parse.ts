// Workbook layer, pure: an embedded table's import record read strictly. The record is the table's provenance (the
// original file's name, size and SHA-256) and the recipe the headless rebuild re-imports next quarter's file with
// (`--data table=path`), so it is checked key by key like everything else in the manifest, never cast.
import type { CsvPlan, Detected, ImportFormat, ImportWarning } from '../io/import/types.ts';
import type { ImportRecord } from '../services/import/record.ts';
import type { ImportType } from '../query/import/text-sql.ts';
import { count, fail, flag, list, nullableText, object, oneOf, optionalText, text, texts } from './check.ts';

const FORMATS: readonly ImportFormat[] = ['csv', 'xlsx', 'ods', 'json', 'ndjson', 'parquet', 'paste'];
const TYPES: readonly ImportType[] = ['BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'BOOLEAN', 'VARCHAR'];
const ENCODINGS: readonly CsvPlan['encoding'][] = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'];
const THOUSANDS: readonly CsvPlan['thousands'][] = [',', '.', ' ', "'", null];

function detected(v: unknown, where: string): Detected[] {
  return list(v, where, (d, n) => {
    const o = object(d, `${where} ${n}`, ['label', 'value']);
    return { label: text(o.label, `${where} ${n} label`), value: text(o.value, `${where} ${n} value`) };
  });
}

function warnings(v: unknown, where: string): ImportWarning[] {
  return list(v, where, (w, n) => {
    const at = `${where} ${n}`;
    const o = object(w, at, ['kind', 'count', 'examples', 'column', 'sampledRows']);
    return {
      kind: text(o.kind, `${at} kind`) as ImportWarning['kind'],
      count: count(o.count, `${at} count`),
      examples: texts(o.examples, `${at} examples`),
      ...(o.column === undefined ? {} : { column: text(o.column, `${at} column`) }),
      ...(o.sampledRows === undefined ? {} : { sampledRows: count(o.sampledRows, `${at} rows sampled`) }),
    };
  });
}

function plan(v: unknown, where: string): CsvPlan | null {
  if (v === null || v === undefined) return null;
  const keys = ['encoding', 'gzip', 'delimiter', 'quote', 'escape', 'header', 'skipRows', 'decimal', 'thousands', 'columns', 'detected', 'warnings'];
  const o = object(v, where, keys);
  return {
    encoding: oneOf(o.encoding, `${where} encoding`, ENCODINGS),
    gzip: flag(o.gzip, `${where} gzip`),
    delimiter: text(o.delimiter, `${where} delimiter`),
    quote: text(o.quote, `${where} quote`),
    escape: text(o.escape, `${where} escape`),
    header: flag(o.header, `${where} header`),
    skipRows: count(o.skipRows, `${where} rows skipped`),
    decimal: oneOf(o.decimal, `${where} decimal mark`, ['.', ','] as const),
    thousands: oneOf(o.thousands ?? null, `${where} thousands separator`, THOUSANDS),
    columns: texts(o.columns, `${where} columns`),
    detected: detected(o.detected, `${where} detected setting`),
    warnings: warnings(o.warnings, `${where} warning`),
  };
}

export function parseImportRecord(v: unknown, where: string): ImportRecord {
  const keys = ['version', 'id', 'table', 'title', 'description', 'notes', 'file', 'sheet', 'plan', 'columns', 'importedAt', 'rows', 'detected'];
  const o = object(v, where, keys);
  if (o.version !== 1) fail('newer-version', where, `The workbook's ${where} is in a format this version of the workbench does not read.`);
  const f = object(o.file, `${where} file`, ['name', 'size', 'sha256', 'modified', 'format']);
  const sha256 = text(f.sha256, `${where} file SHA-256`);
  if (!/^[0-9a-f]{64}$/.test(sha256)) fail('not-allowed', `${where} file SHA-256`, `The workbook's ${where} should record the original file's SHA-256 (64 hexadecimal digits).`);
  return {
    version: 1,
    id: text(o.id, `${where} id`),
    table: text(o.table, `${where} table`),
    title: text(o.title, `${where} title`),
    description: optionalText(o.description, `${where} description`),
    notes: texts(o.notes, `${where} notes`),
    file: { name: text(f.name, `${where} file name`), size: count(f.size, `${where} file size`), sha256, modified: nullableText(f.modified, `${where} file date`), format: oneOf(f.format, `${where} file format`, FORMATS) },
    sheet: nullableText(o.sheet, `${where} sheet`),
    plan: plan(o.plan, `${where} reading plan`),
    columns: list(o.columns, `${where} columns`, (c, n) => {
      const at = `${where} column ${n}`;
      const x = object(c, at, ['source', 'name', 'type', 'dates', 'original']);
      return { source: text(x.source, `${at} source`), name: text(x.name, `${at} name`), type: oneOf(x.type, `${at} type`, TYPES), dates: oneOf(x.dates, `${at} dates`, ['iso', 'dmy'] as const), original: text(x.original, `${at} heading`) };
    }),
    importedAt: text(o.importedAt, `${where} date imported`),
    rows: count(o.rows, `${where} rows`),
    detected: detected(o.detected, `${where} detected setting`),
  };
}
