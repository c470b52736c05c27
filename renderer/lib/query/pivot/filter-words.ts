// Query layer, pure: a pivot filter in words ("gender is not Female", "age is one of Adult, Child"), for messages about
// what a filter keeps — one wording for every place that says it.
import { inPhrase, readableName } from './field-labels.ts';
import { itemLabel } from './layout.ts';
import type { PivotFilter, Scalar } from './spec.ts';

const list = (values: readonly Scalar[]) => values.map(itemLabel).join(', ');

export function filterPhrase(f: PivotFilter): string {
  const field = inPhrase(readableName(f.field));
  const one = itemLabel(f.values[0] ?? null);
  switch (f.op) {
    case 'in': return f.values.length === 1 ? `${field} is ${one}` : `${field} is one of ${list(f.values)}`;
    case 'not_in': return f.values.length === 1 ? `${field} is not ${one}` : `${field} is none of ${list(f.values)}`;
    case 'eq': return `${field} is ${one}`;
    case 'neq': return `${field} is not ${one}`;
    case 'lt': return `${field} is below ${one}`;
    case 'lte': return `${field} is at most ${one}`;
    case 'gt': return `${field} is above ${one}`;
    case 'gte': return `${field} is at least ${one}`;
    case 'between': return `${field} is from ${one} to ${itemLabel(f.values[1] ?? null)}`;
    case 'contains': return `${field} contains “${String(f.values[0] ?? '')}”`;
    case 'is_null': return `${field} is blank`;
    case 'not_null': return `${field} is not blank`;
  }
}

/** Several filters kept together: "gender is not Female and age is Adult". */
export function filtersPhrase(filters: readonly PivotFilter[]): string {
  return filters.map(filterPhrase).join(' and ');
}
