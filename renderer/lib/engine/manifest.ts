// Engine layer, pure: the shape of datasets/manifest.json, which names every built-in table with its metadata
// (source, licence, period, vintage, notes) and column types. The engine loads tables with exactly these types.

export type ColumnType = 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'VARCHAR' | 'DATE' | 'TIMESTAMP' | 'BOOLEAN';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  description: string;
}

export interface StatedTotal {
  column: string;
  value: number;
  label: string;
  source: string;
}

export interface DatasetDef {
  id: string;
  file: string;
  title: string;
  description: string;
  source: string;
  licence: string;
  attribution: string;
  period: string;
  vintage: string;
  notes: string[];
  rows: number;
  sha256: string;
  columns: ColumnDef[];
  statedTotals?: StatedTotal[];
  /** The analyst's own data, imported in the app (unpublished: disclosure control is on by default). */
  imported?: boolean;
  /** Invented records (scripts/make-synthetic.ts), not published figures: labelled so wherever they are used. */
  synthetic?: boolean;
}

export interface Manifest {
  version: 1;
  attribution: string;
  datasets: DatasetDef[];
}
