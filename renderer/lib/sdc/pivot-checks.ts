// Disclosure-control layer, pure: the checks a pivot carries so its figures add up — the grand total against a
// total its source states (the 2011 police-region table: 931 in the rows, 946 stated) and against a total the
// analyst expects. A check that cannot apply (a filtered pivot against a whole-table total) says so rather than
// passing or failing silently.
import type { PivotSpec } from '../query/pivot/spec.ts';
import type { PivotLayout } from '../query/pivot/types.ts';
import { fieldOptions } from '../query/pivot/spec.ts';
import { pivotCondition } from '../query/pivot/compile.ts';
import { reconcile } from './reconcile.ts';

/** A total a dataset states for one of its columns (the manifest's shape). */
export interface StatedColumnTotal {
  column: string;
  value: number;
  label: string;
  source: string;
}

export interface PivotCheck {
  kind: 'stated' | 'expected';
  /** true: adds up; false: a gap (see message); null: not comparable here (message says why). */
  passes: boolean | null;
  message: string;
  difference: number | null;
}

/** Why the pivot's grand total is not the whole source's total, or null when it is. */
function narrowed(spec: PivotSpec): string | null {
  // A filter with nothing chosen yet restricts nothing: only a real condition narrows the pivot.
  if (pivotCondition({ ...spec, nulls: 'show' }) !== '') return 'the pivot is filtered';
  if (spec.nulls === 'hide') return 'blanks are left out';
  const dropsRest = [...spec.rows, ...spec.columns].some((f) => {
    const top = fieldOptions(spec, f).topN;
    return top !== null && !top.other;
  });
  return dropsRest ? 'a top-N leaves the rest out' : null;
}

function gapSentence(total: number, against: number, what: string, format: (n: number) => string): string {
  const r = reconcile(what, against, [total]);
  if (r.reconciles) return `The grand total, ${format(total)}, equals ${what} (${format(against)}).`;
  const gap = format(Math.abs(r.difference));
  return `The grand total is ${format(total)} while ${what} is ${format(against)}: ${r.difference > 0 ? `${gap} short` : `${gap} over`}.`;
}

/** Checks of each summed value against the totals the source states for its column. */
export function statedTotalChecks(spec: PivotSpec, layout: PivotLayout, stated: StatedColumnTotal[], format: (n: number) => string): PivotCheck[] {
  const out: PivotCheck[] = [];
  layout.values.forEach(({ value, grand }) => {
    if (value.aggregate !== 'sum' || value.field === null) return;
    for (const s of stated.filter((t) => t.column === value.field)) {
      const what = `the total stated by the source for ${s.column} (${s.source})`;
      const why = narrowed(spec);
      if (why !== null || grand === null) {
        out.push({ kind: 'stated', passes: null, difference: null, message: `${value.label}: not compared with the stated total of ${format(s.value)}, because ${why ?? 'there is no grand total'}.` });
        continue;
      }
      const difference = s.value - grand;
      out.push({ kind: 'stated', passes: difference === 0, difference, message: `${value.label}: ${gapSentence(grand, s.value, what, format)}` });
    }
  });
  return out;
}

/** The check of a value's grand total against the total the analyst entered. */
export function expectedTotalCheck(spec: PivotSpec, layout: PivotLayout, format: (n: number) => string): PivotCheck | null {
  if (!spec.expected) return null;
  const v = layout.values[spec.expected.value];
  if (!v) return null;
  const expected = spec.expected.total;
  if (v.grand === null) return { kind: 'expected', passes: null, difference: null, message: `${v.value.label} has no grand total to compare with ${format(expected)}.` };
  const difference = expected - v.grand;
  return { kind: 'expected', passes: difference === 0, difference, message: `${v.value.label}: ${gapSentence(v.grand, expected, 'the expected total', format)}` };
}
