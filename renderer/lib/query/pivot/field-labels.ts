// Query layer, pure: the words a pivot's fields and values are shown under — in its table, chart, captions, alt
// text, notes and every export — instead of database names. A field's label is the analyst's for this pivot, else
// the source's own (the dataset manifest's, e.g. "Age at exploitation"), else a readable form of its name; a value
// reads as people write it ("Referrals", not "Sum of referrals_2011") unless the analyst typed a label.
import { defaultValueLabel } from './parse.ts';
import type { Aggregate, PivotSpec, PivotValue, ShowAs } from './spec.ts';

/** A source's own labels: per column, and for a count of its rows ("Referrals" for a case-level extract). */
export interface SourceLabels {
  readonly fields: Readonly<Record<string, string>>;
  readonly records?: string;
}

export const NO_SOURCE_LABELS: SourceLabels = { fields: {} };

export const SHOW_AS_LABELS: Record<ShowAs, string> = {
  raw: 'Value',
  pct_row: '% of row total',
  pct_column: '% of column total',
  pct_total: '% of grand total',
  pct_parent_row: '% of parent row total',
  pct_parent_column: '% of parent column total',
  diff_previous: 'Difference from previous',
  pct_change_previous: '% change from previous',
  running_total: 'Running total',
};

const ACRONYMS = new Set(['nrm', 'ocg', 'uk', 'id', 'nca', 'rg', 'cg', 'mdp', 'dtn', 'gbp', 'nhs', 'la', 'ons']);

/** "age_at_exploitation" → "Age at exploitation", "referrals2011" → "Referrals 2011", "nrmCaseId" → "NRM case ID". */
export function readableName(name: string): string {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w.toLowerCase()));
  if (words.length === 0) return name;
  return words.map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w)).join(' ');
}

/** The label a field is shown under in this pivot. */
export function fieldLabel(field: string, spec: Pick<PivotSpec, 'labels'>, source: SourceLabels = NO_SOURCE_LABELS): string {
  const own = spec.labels && Object.hasOwn(spec.labels, field) ? spec.labels[field]?.trim() : '';
  if (own) return own;
  const given = Object.hasOwn(source.fields, field) ? source.fields[field]?.trim() : '';
  return given || readableName(field);
}

/** Lower-cases a label's first letter inside a phrase, unless it starts an acronym ("NRM referrals" stays). */
export const inPhrase = (label: string): string => (/^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label);

const PHRASES: Record<Aggregate, (label: string) => string> = {
  sum: (l) => l,
  count: (l) => `Count of ${inPhrase(l)}`,
  count_distinct: (l) => `Distinct count of ${inPhrase(l)}`,
  avg: (l) => `Average ${inPhrase(l)}`,
  median: (l) => `Median ${inPhrase(l)}`,
  min: (l) => `Minimum ${inPhrase(l)}`,
  max: (l) => `Maximum ${inPhrase(l)}`,
};

/** The value as people write it: "Referrals" (a sum of referrals), "Records", "Average age (% of row total)". */
export function peopleValueLabel(value: Pick<PivotValue, 'field' | 'aggregate' | 'showAs'>, spec: Pick<PivotSpec, 'labels'>, source: SourceLabels = NO_SOURCE_LABELS): string {
  const base = value.field === null ? (source.records?.trim() || 'Records') : PHRASES[value.aggregate](fieldLabel(value.field, spec, source));
  return value.showAs === 'raw' ? base : `${base} (${SHOW_AS_LABELS[value.showAs]})`;
}

/** A value's label: the analyst's, when typed (anything but the stored default "Sum of …"), else as people write it. */
export function valueLabel(value: PivotValue, spec: Pick<PivotSpec, 'labels'>, source: SourceLabels = NO_SOURCE_LABELS): string {
  const typed = value.label.trim();
  return typed && typed !== defaultValueLabel(value) ? typed : peopleValueLabel(value, spec, source);
}
