// Pack layer, pure: the briefing pack as a document — what every exporter (PDF via the print view, XLSX, DOCX, the
// zip of CSV/SVG) reads. Items are already resolved here: tables carry their figures, statuses and number formats;
// figures carry their SVG; every item carries its provenance. One model, so the formats cannot disagree.
import type { CellStatus } from '../sdc/status.ts';

/** UK Government Security Classifications marking printed at the top and bottom of every page, or none. */
export type Marking = 'OFFICIAL' | 'OFFICIAL-SENSITIVE' | null;

export interface PackMeta {
  title: string;
  subtitle: string;
  author: string;
  organisation: string;
  /** The pack's date, ISO yyyy-mm-dd. */
  date: string;
  marking: Marking;
  /** Free-text handling caveat printed with the marking (e.g. "Not for onward distribution"); '' for none. */
  caveat: string;
  orientation: 'portrait' | 'landscape';
  /** Contact line for the cover (e.g. an email address); '' for none. */
  contact: string;
  appVersion: string;
  /** When the export was made, ISO timestamp. */
  exportedAt: string;
  // Release details for the spreadsheet cover (the Analysis Function's guidance asks for them), from the cover form;
  // absent when not given, and the cover then says "Not yet decided" / no web page.
  /** Status of the figures. */
  status?: 'provisional' | 'revised' | 'final';
  /** When the next edition is due: an ISO date or words ("Spring 2027"). */
  nextUpdate?: string;
  /** Web address of the release these tables belong to. */
  releaseUrl?: string;
}

/** One table cell: a number (kept typed, with its Excel number format) or text; a status shows its shorthand. */
export interface DocCell {
  value: number | string | null;
  /** [c], [x], [z]…: the cell prints its shorthand instead of a figure (value is then null). */
  status: CellStatus | null;
}

export interface DocColumn {
  /** The single header text (levels joined, e.g. "Child (17 or under): % of row total"): XLSX/CSV use this. */
  header: string;
  kind: 'label' | 'number';
  /**
   * Excel number format for numbers: '#,##0' for counts, '#,##0.0' for percentages — which are stored as
   * percentages (12.5 means 12.5 %, unit '%'), never as fractions, so every format shows the same figure.
   */
  numberFormat: string;
  /** Unit shown in the header for numbers (e.g. "number of referrals", "%"), '' when none. */
  unit: string;
}

export interface DocTableRow {
  kind: 'item' | 'subtotal' | 'total';
  /** 0 for the grand total, 1 for the outermost group … */
  depth: number;
  cells: DocCell[];
}

/** Provenance of one item: enough to reproduce its figures from its data and query. */
export interface Provenance {
  item: string;
  /** `synthetic`: the dataset is invented (manifest flag), so the item's pages carry lib/pack/synthetic.ts's warning. */
  datasets: Array<{ id: string; title: string; vintage: string; sha256: string; attribution: string; synthetic?: boolean }>;
  /** The SQL that produced the figures, in the order it ran. */
  sql: string[];
  /** Disclosure control: its rules and audit, or why it was off. */
  disclosure: { applied: boolean; rules: string; summary: string; audit: string; offReason: string } | null;
  /** Reconciliation checks, in words ("The grand total, 936, equals the expected total (936)."). */
  checks: string[];
}

/**
 * A table wider than its page: 'auto' decides from measured widths (landscape pages when that fits, else column
 * groups); 'landscape' puts it on landscape pages (split there if still too wide); 'split' keeps the pack's pages.
 */
export type WideMode = 'auto' | 'landscape' | 'split';
export const WIDE_MODES: readonly WideMode[] = ['auto', 'landscape', 'split'];

export interface DocTable {
  kind: 'table';
  /** "Table 1" … numbered in pack order. */
  number: number;
  /** The caption (what the table shows), e.g. "NRM referrals by year and age at exploitation, 2009 to 2023". */
  caption: string;
  /** Multi-level header rows for PDF/DOCX (one entry per column in each row; '' where a group continues). */
  headerRows: string[][];
  columns: DocColumn[];
  rows: DocTableRow[];
  /** Source line, e.g. "Source: Home Office, National Referral Mechanism statistics (Q4 2023 release)". */
  source: string;
  /** Note ids (see PackDocument.notes) attached to this table. */
  notes: string[];
  provenance: Provenance;
  /** How the table goes when wider than its page (lib/pack/wide-table.ts); absent means 'auto'. */
  wide?: WideMode;
}

export interface DocFigure {
  kind: 'figure';
  /** "Figure 1" … numbered in pack order, apart from tables. */
  number: number;
  caption: string;
  /** The chart as SVG (ECharts' server-side renderer), width × height in CSS pixels. */
  svg: string;
  width: number;
  height: number;
  /** Text alternative: what the chart shows, and where its figures are in table form. */
  altText: string;
  /** Under the chart: how many of its values are withheld by disclosure control, and why (viz/withheld.ts); absent if none. */
  withheld?: string;
  source: string;
  notes: string[];
  provenance: Provenance;
}

/** A run of text with simple emphasis. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** Commentary as blocks (a Markdown subset: headings, paragraphs, bullet and numbered lists, bold, italic). */
export type TextBlock =
  | { type: 'heading'; level: 2 | 3; text: string }
  | { type: 'paragraph'; runs: Run[] }
  | { type: 'list'; ordered: boolean; items: Run[][] };

export interface DocCommentary {
  kind: 'commentary';
  blocks: TextBlock[];
}

export interface DocKeyFigures {
  kind: 'key-figures';
  caption: string;
  figures: Array<{ value: string; label: string }>;
  provenance: Provenance;
}

export interface DocPageBreak {
  kind: 'page-break';
}

export type DocItem = DocTable | DocFigure | DocCommentary | DocKeyFigures | DocPageBreak;

export interface PackDocument {
  meta: PackMeta;
  items: DocItem[];
  /** Notes referenced as "[note 1]" from tables and figures, in order. */
  notes: Array<{ id: string; text: string }>;
  /** The shorthand symbols used anywhere in the pack, with their meanings (for the cover / notes). */
  shorthand: Array<{ symbol: string; meaning: string }>;
  /** Disclosure control for the whole pack: on unless the analyst turned it off for this export, with the reason. */
  disclosure: { on: boolean; offReason: string };
  /** One line per group of tables protected together (linked tables), e.g. "2 tables protected together: …". */
  protectedTogether: string[];
  /** One warning per pair of tables whose filters nest and whose differences are small counts (before export). */
  differencing: string[];
  /** OGL attribution lines of the built-in data used. */
  attribution: string[];
}
