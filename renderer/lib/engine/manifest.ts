// Engine layer, pure: the shape of datasets/manifest.json, which names every built-in table with its metadata
// (source, licence, period, vintage, notes) and column types. The engine loads tables with exactly these types.

export type ColumnType = 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'VARCHAR' | 'DATE' | 'TIMESTAMP' | 'BOOLEAN';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  description: string;
  /** The column as people read it in tables, charts and exports ("Age at exploitation"), instead of its name. */
  label?: string;
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
  /** What a count of the table's rows is called ("Referrals" when each row is one referral); "Records" if absent. */
  recordLabel?: string;
  /**
   * Figures already published (by whom, as in "published by the Home Office", and when, ISO yyyy-mm-dd): disclosure
   * control is off by default
   * for them, since re-suppressing a published figure protects no one and contradicts the release. Absent: unpublished.
   */
  published?: { by: string; on: string };
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
