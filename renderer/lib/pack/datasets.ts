// Pack layer, pure: which built-in datasets a pivot or query reads — its table, or the tables its SQL names — so
// views can say which official vintage their figures come from and exports can cite them, and the labels their
// manifests give the columns (and a count of rows), which every table, chart and export shows.
import type { SourceLabels } from '../query/pivot/field-labels.ts';
import type { PivotSource } from '../query/pivot/spec.ts';

/** What a dataset's manifest says its columns and rows are called. */
export interface LabelledDataset {
  id: string;
  columns?: ReadonlyArray<{ name: string; label?: string }>;
  /** What a count of its rows is ("Referrals" for a case-level extract). */
  recordLabel?: string;
}

export function sourceDatasets<D extends { id: string }>(source: PivotSource, defs: D[]): D[] {
  if (source.kind === 'table') return defs.filter((d) => d.id === source.table);
  return datasetsInSql(source.sql, defs);
}

export function datasetsInSql<D extends { id: string }>(sql: string, defs: D[]): D[] {
  const words = new Set(sql.toLowerCase().match(/[a-z0-9_]+/g) ?? []);
  return defs.filter((d) => words.has(d.id.toLowerCase()));
}

/** The labels a pivot over `source` shows by default: its table's (a query: those of the tables it reads). */
export function sourceLabels(source: PivotSource, defs: readonly LabelledDataset[]): SourceLabels {
  const used = sourceDatasets(source, [...defs]);
  const fields: Record<string, string> = {};
  for (const d of used) for (const c of d.columns ?? []) if (c.label && !Object.hasOwn(fields, c.name)) fields[c.name] = c.label;
  const records = source.kind === 'table' ? used[0]?.recordLabel : undefined;
  return records ? { fields, records } : { fields };
}

/** Who published a dataset's figures and when (the manifest's `published`); absent for unpublished data. */
export interface Published {
  by: string;
  /** ISO yyyy-mm-dd. */
  on: string;
}

/**
 * The release a pivot's figures already appeared in, or null: only a built-in table the manifest marks published
 * counts. Imported files, tables made in a console and queries (which can derive anything) are unpublished, so
 * disclosure control is on for them by default.
 */
export function publishedSource<D extends { id: string; published?: Published }>(source: PivotSource, defs: readonly D[]): (Published & { title: string }) | null {
  if (source.kind !== 'table') return null;
  const def = defs.find((d) => d.id === source.table) as (D & { title?: string }) | undefined;
  return def?.published ? { ...def.published, title: def.title ?? def.id } : null;
}

/** Whether every table a statement reads is published (a key figure over them needs no protection). */
export function allPublished<D extends { id: string; published?: Published }>(sql: string, defs: readonly D[]): boolean {
  const read = datasetsInSql(sql, [...defs]);
  return read.length > 0 && read.every((d) => d.published);
}

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

const published = (p: Published) => `Published by ${p.by} on ${/^\d{4}-\d{2}-\d{2}$/.test(p.on) ? longDate.format(new Date(`${p.on}T00:00:00Z`)) : p.on}`;

/** A dataset's disclosure status in words, for its page. */
export function publicationStatus(def: { published?: Published }): string {
  return def.published
    ? `${published(def.published)}: its pivots start with disclosure control off, since figures already public are not re-suppressed.`
    : 'Unpublished: its pivots start with disclosure control on.';
}

/** The provenance line for figures shown as published: "Published by the Home Office on 7 March 2024 …". */
export function notResuppressed(p: Published & { title: string }): string {
  return `${published(p)} (${p.title}), not re-suppressed: these figures are already public, and withholding them would protect no one and contradict the official release. To suppress them anyway, turn on "Protect for publication" in the pivot.`;
}
