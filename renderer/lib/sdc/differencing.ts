// Disclosure-control layer, pure: differencing between tables of one source whose filters nest. Responder type ×
// exploitation type for all referrals (Government agency × Criminal 113) and for gender ≠ Female (110) publishes, by
// subtraction, 3 female referrals. So when one table keeps a subset of another's records (its filters include all of
// the other's), every cell the two share gains an unpublished "difference" cell — the records the subset leaves out —
// with the relation whole = subset + difference; two tables whose filters differ by one complementary condition
// (gender is Female / is not Female) add up to the table without it. Difference cells are never printed, but a
// reader can work them out, so a small one is confidential and the joint protection (linked.ts) withholds cells in the
// tables until it cannot be; a larger one is simply unknown. The analyst is told which pairs of tables needed it.
import { filtersPhrase } from '../query/pivot/filter-words.ts';
import type { PivotFilter } from '../query/pivot/spec.ts';
import { isPrimaryValue } from './primary.ts';
import type { SdcRules } from './rules.ts';
import type { SdcTable } from './table.ts';

export interface FilteredMember {
  readonly table: SdcTable;
  /** The records it counts: those meeting every filter (already canonical: canonicalFilters). */
  readonly filters: readonly PivotFilter[];
  /** Each cell's group values, written the same way in every table (pivotCellKeys without the filters). */
  readonly coords: readonly string[];
  /** How the analyst knows the table, for the warning. */
  readonly caption: string;
}

/** Cells and relations to add to the linked tables: the extra cells are unpublished. */
export interface Differences {
  readonly cells: { readonly key: string; readonly label: string; readonly value: number }[];
  readonly relations: { readonly total: string; readonly parts: readonly string[] }[];
  /** One sentence per pair of tables whose differences include small counts. */
  readonly warnings: string[];
}

/** Filters written one way (in/not_in values sorted, empty choices dropped, duplicates once, in a fixed order). */
export function canonicalFilters(filters: readonly PivotFilter[]): PivotFilter[] {
  const out = new Map<string, PivotFilter>();
  for (const f of filters) {
    if ((f.op === 'in' || f.op === 'not_in') && f.values.length === 0) continue; // no restriction (compile.ts)
    const values = f.op === 'in' || f.op === 'not_in' ? [...f.values].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : f.values;
    const c = { field: f.field, op: f.op, values };
    out.set(JSON.stringify(c), c);
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, f]) => f);
}

/** The key of a cell: which records (filters) and which groups (coordinates). */
export function filteredCellKey(filters: readonly PivotFilter[], coord: string): string {
  return `${JSON.stringify(filters)}|${coord}`;
}

const id = (f: PivotFilter) => JSON.stringify(f);

/** Whether every record meets exactly one of the two conditions (compile.ts: not_in and neq keep blanks). */
function complementary(f: PivotFilter, g: PivotFilter): boolean {
  const c = complementOf(f);
  return c !== null && id(canonicalFilters([c])[0]!) === id(g);
}

/** The one condition every record meets exactly when it fails `f`, or null when no single filter says it. */
function complementOf(f: PivotFilter): PivotFilter | null {
  const flip: Partial<Record<PivotFilter['op'], PivotFilter['op']>> = { in: 'not_in', not_in: 'in', eq: 'neq', neq: 'eq', is_null: 'not_null', not_null: 'is_null' };
  const op = flip[f.op];
  return op ? { field: f.field, op, values: f.values } : null;
}

export function differences(members: readonly FilteredMember[], rules: Pick<SdcRules, 'threshold' | 'suppressZeros'>): Differences {
  const cells = new Map<string, { key: string; label: string; value: number }>();
  const relations: Differences['relations'][number][] = [];
  const warnings: string[] = [];
  const at = members.map((m) => new Map(m.coords.map((c, i) => [c, i])));
  const small = (v: number) => v > 0 && isPrimaryValue(v, rules);

  members.forEach((a, ai) => {
    members.forEach((b, bi) => {
      if (ai === bi) return;
      const fa = new Set(a.filters.map(id));
      const fb = new Set(b.filters.map(id));
      const aInB = [...fb].every((f) => fa.has(f)) && fa.size > fb.size;
      const onlyA = a.filters.filter((f) => !fb.has(id(f)));
      const onlyB = b.filters.filter((f) => !fa.has(id(f)));
      const complement = ai < bi && onlyA.length === 1 && onlyB.length === 1 && complementary(onlyA[0]!, onlyB[0]!);
      if (!aInB && !complement) return;
      let smallOnes = 0;
      const made = new Map<string, string>(); // coordinate → the difference (or union) cell made for this pair
      // The records b keeps and a does not, when one condition says which: then they are the cells of the table with
      // that condition (gender is not Female), printed or not, rather than a cell of their own.
      const rest = aInB && onlyA.length === 1 ? complementOf(onlyA[0]!) : null;
      const restFilters = rest ? canonicalFilters([...b.filters, rest]) : null;
      const shared = a.filters.filter((f) => fb.has(id(f)));
      // An item a pivot does not show has no records there: it reads as 0.
      for (const coord of new Set([...at[ai]!.keys(), ...at[bi]!.keys()])) {
        const [i, j] = [at[ai]!.get(coord), at[bi]!.get(coord)];
        const [va, vb] = [i === undefined ? 0 : a.table.values[i]!, j === undefined ? 0 : b.table.values[j]!];
        const label = i === undefined ? b.table.labels[j!]! : a.table.labels[i];
        const parts = (...cells: [number | undefined, string][]) => cells.flatMap(([x, key]) => (x === undefined ? [] : [key]));
        const [ka, kb] = [filteredCellKey(a.filters, coord), filteredCellKey(b.filters, coord)];
        if (aInB) {
          if (vb < va) throw new Error(`“${b.caption}” counts fewer (${vb}) than “${a.caption}” (${va}) for ${label}, though it keeps every record the other keeps.`);
          const key = restFilters ? filteredCellKey(restFilters, coord) : `${kb} without ${JSON.stringify(onlyA)}`;
          const what = restFilters ? filtersPhrase(restFilters) : `records not meeting: ${filtersPhrase(onlyA)}`;
          if (j === undefined) continue; // a has records b lacks: impossible for a subset, caught above unless all 0
          cells.set(key, { key, label: `${b.table.labels[j]} (${what})`, value: vb - va });
          relations.push({ total: kb, parts: [...parts([i, ka]), key] });
          made.set(coord, key);
          if (small(vb - va)) smallOnes++;
        } else {
          const key = filteredCellKey(shared, coord);
          cells.set(key, { key, label: `${label} (${shared.length ? filtersPhrase(shared) : 'all records'})`, value: va + vb });
          relations.push({ total: key, parts: parts([i, ka], [j, kb]) });
          made.set(coord, key);
        }
      }
      // The differences (or unions) add up as the tables do: every reader can work that out, and it is what tells
      // a reader a difference is at least 1 (a non-zero cell of the whole above a published zero of the subset).
      // The whole shows every item its subset does; two complementary tables may each lack items the other has, and
      // then neither's relations are the union's (the LP still has them, through union = a + b cell by cell).
      const shape = aInB ? b : at[ai]!.size === made.size && at[bi]!.size === made.size ? a : null;
      for (const rel of shape?.table.relations ?? []) {
        const cellsOf = [rel.total, ...rel.parts].map((c) => made.get(shape!.coords[c]!));
        if (cellsOf.every((k): k is string => k !== undefined)) relations.push({ total: cellsOf[0]!, parts: cellsOf.slice(1) });
      }
      if (smallOnes > 0) {
        warnings.push(
          `“${a.caption}” keeps only the records of “${b.caption}” where ${filtersPhrase(onlyA)}: ${smallOnes} of the differences between their figures ` +
            `${smallOnes === 1 ? 'is a count' : 'are counts'} under ${rules.threshold}, so cells are withheld in both to stop ${smallOnes === 1 ? 'it' : 'them'} being worked out by subtraction.`,
        );
      }
    });
  });
  return { cells: [...cells.values()], relations, warnings };
}
