// Services layer: what is kept of an import so the table comes back after a reload or a restart exactly as it was —
// the original file (stored beside this record, its SHA-256 checked each time it is read back), the options the
// analyst confirmed, and the outcome — and the dataset description (provenance) the rest of the app and every pack
// export shows for it, like a built-in dataset's.
import type { DatasetDef } from '../../engine/manifest.ts';
import type { CsvPlan, Detected, ImportFormat } from '../../io/import/types.ts';
import type { ColumnPlan } from '../../query/import/convert.ts';
import type { ImportType } from '../../query/import/text-sql.ts';

export interface ImportRecord {
  version: 1;
  /** Stable across renames: the stored file's folder. */
  id: string;
  table: string;
  title: string;
  description: string;
  /** The title and notes found above an official table, and the analyst's own notes. */
  notes: string[];
  file: { name: string; size: number; sha256: string; modified: string | null; format: ImportFormat };
  /** The sheet of a workbook, else null. */
  sheet: string | null;
  /** How delimited text was read (the plan confirmed in the preview), else null. */
  plan: CsvPlan | null;
  /** Each column as created, with the header it came from. */
  columns: (ColumnPlan & { original: string })[];
  importedAt: string;
  rows: number;
  detected: Detected[];
  /**
   * How the stored file keeps the table: absent — the original file, re-imported with the options above at each
   * start; 'table' — the table itself as a workbook file embeds it (lib/services/workbook/tables.ts), loaded as it
   * was saved (a table that came with an opened workbook has no original file). Never written into a workbook.
   */
  stored?: { kind: 'table'; sha256: string; rows: number; columns: { name: string; type: string }[] };
}

/** How a column type is written for a reader of the provenance. */
const TYPE_WORDS: Record<ImportType, string> = {
  BIGINT: 'whole number',
  DOUBLE: 'number',
  DATE: 'date',
  TIMESTAMP: 'date and time',
  BOOLEAN: 'true/false',
  VARCHAR: 'text',
};

export const typeWords = (type: ImportType): string => TYPE_WORDS[type];

const bytesWords = (n: number) => (n < 1024 ? `${n} bytes` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 ** 2).toFixed(1)} MB`);

/** The imported table as a dataset: unpublished, cited by its file's name, size, SHA-256, dates and options. */
export function importedDatasetDef(record: ImportRecord, statusColumns: { name: string; type: ImportType }[] = []): DatasetDef {
  const { file } = record;
  const options = record.detected.map((d) => `${d.label}: ${d.value}`).join('; ');
  return {
    id: record.table,
    file: file.name,
    title: record.title,
    description: record.description,
    source: `Imported by the analyst from “${file.name}”${record.sheet ? `, sheet “${record.sheet}”` : ''} (${bytesWords(file.size)}${file.modified ? `, modified ${file.modified}` : ''}) on ${record.importedAt}`,
    licence: 'Unpublished: the analyst’s own data',
    attribution: '',
    period: '',
    vintage: `As imported on ${record.importedAt}`,
    notes: [...record.notes, ...(options ? [`Read with ${options}.`] : [])],
    rows: record.rows,
    sha256: file.sha256,
    columns: [
      ...record.columns.map((c) => ({ name: c.name, type: c.type, description: `${typeWords(c.type)}, from the file’s column “${c.original}”` })),
      ...statusColumns.map((c) => ({ name: c.name, type: c.type, description: 'shorthand and values that did not convert' })),
    ],
    imported: true,
  };
}
