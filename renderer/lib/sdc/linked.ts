// Disclosure-control layer, pure: tables published together are protected as one — linked tables, as sdcTable's
// protectLinkedTables and τ-Argus's linked tables do. A reader of a pack sees every table at once, so a margin two
// tables share (a police force's total in force × age and in force × exploitation type) is one cell: suppressed or
// published in both alike, and the attacker's problem, the secondary suppression and the audit all work over every
// table's relations together. Callers say which cells are the same by giving each cell a key (what it counts);
// tables that disagree on a shared cell's count are refused, never reconciled silently.
import type { LpSolver } from './lp.ts';
import { protectTable, type InformationLoss, type ProtectedCell, type ProtectionResult, type ProtectOptions } from './protect.ts';
import type { SdcRules } from './rules.ts';
import type { Relation, SdcTable } from './table.ts';

export interface LinkedMember {
  readonly table: SdcTable;
  /** What each cell counts, written the same way in every table that shows it: cells with equal keys are one cell. */
  readonly keys: readonly string[];
}

export interface LinkedTables {
  /** One table holding every member's cells (shared ones once) and every member's relations. */
  readonly table: SdcTable;
  /** Per member: the joint table's cell for each of the member's cells. */
  readonly cellOf: readonly Int32Array[];
}

/** Two tables published together give different counts for what should be the same cell. */
export class LinkedMismatchError extends Error {
  constructor(
    readonly key: string,
    readonly labels: readonly [string, string],
    readonly values: readonly [number, number],
  ) {
    super(`Tables published together disagree: “${labels[0]}” is ${values[0]} in one and “${labels[1]}” is ${values[1]} in another, though they count the same thing.`);
    this.name = 'LinkedMismatchError';
  }
}

/** Cells no table prints but a reader can work out, and how they relate to the tables' cells (by key). */
export interface LinkedExtras {
  readonly cells: readonly { readonly key: string; readonly label: string; readonly value: number }[];
  readonly relations: readonly { readonly total: string; readonly parts: readonly string[] }[];
}

export function linkTables(members: readonly LinkedMember[], extras: LinkedExtras = { cells: [], relations: [] }): LinkedTables {
  const index = new Map<string, number>();
  const values: number[] = [];
  const labels: string[] = [];
  const isTotal: number[] = [];
  const cellOf = members.map(({ table, keys }) => {
    if (keys.length !== table.size) throw new Error(`A linked table has ${table.size} cells but ${keys.length} keys.`);
    return Int32Array.from(keys, (key, i) => {
      const value = table.values[i]!;
      const at = index.get(key);
      if (at === undefined) {
        index.set(key, values.length);
        labels.push(table.labels[i]!);
        isTotal.push(table.isTotal[i]!);
        return values.push(value) - 1;
      }
      if (values[at] !== value) throw new LinkedMismatchError(key, [labels[at]!, table.labels[i]!], [values[at]!, value]);
      isTotal[at] ||= table.isTotal[i]!;
      return at;
    });
  });
  const unpublished: number[] = values.map(() => 0);
  for (const cell of extras.cells) {
    const at = index.get(cell.key);
    if (at !== undefined) {
      // A cell one table prints: the sum or difference worked out from the others must be what it prints.
      if (values[at] !== cell.value) throw new LinkedMismatchError(cell.key, [labels[at]!, cell.label], [values[at]!, cell.value]);
      continue;
    }
    index.set(cell.key, values.length);
    labels.push(cell.label);
    isTotal.push(0);
    unpublished.push(1);
    values.push(cell.value);
  }
  // A relation two tables both hold (the shared margin's own breakdown) is kept once.
  const seen = new Set<string>();
  const relations: Relation[] = [];
  const add = (mapped: Relation) => {
    const id = `${mapped.total}=${[...mapped.parts].sort((a, b) => a - b).join('+')}`;
    if (seen.has(id)) return;
    seen.add(id);
    relations.push(mapped);
  };
  members.forEach(({ table }, m) => {
    for (const rel of table.relations) add({ total: cellOf[m]![rel.total]!, parts: rel.parts.map((p) => cellOf[m]![p]!) });
  });
  const cellAt = (key: string) => {
    const at = index.get(key);
    if (at === undefined) throw new Error(`A relation between tables published together names a cell none of them has (${key}).`);
    return at;
  };
  for (const rel of extras.relations) add({ total: cellAt(rel.total), parts: rel.parts.map(cellAt) });
  const table: SdcTable = {
    size: values.length,
    values: Float64Array.from(values),
    labels,
    relations,
    isTotal: Uint8Array.from(isTotal),
    ...(unpublished.some(Boolean) ? { unpublished: Uint8Array.from(unpublished) } : {}),
  };
  return { table, cellOf };
}

export interface LinkedProtection {
  /** Per member, its cells as protected jointly (the audit is the joint one). */
  readonly members: readonly ProtectionResult[];
  /** The joint table's result: each shared cell counted once. */
  readonly joint: ProtectionResult;
  /** E.g. "3 tables protected together: 52 cells suppressed, 47 primary, 5 secondary; audit passed". */
  readonly summary: string;
}

/** Protects tables published together as one; each member's result reads like a table protected on its own. */
export async function protectLinked(members: readonly LinkedMember[], rules: SdcRules, solver: LpSolver, options: ProtectOptions = {}): Promise<LinkedProtection> {
  const linked = linkTables(members);
  return splitLinked(members, linked, await protectTable(linked.table, rules, solver, options));
}

/** The joint table's protection read back table by table (for callers that protect `linked.table` themselves). */
export function splitLinked(members: readonly LinkedMember[], linked: LinkedTables, joint: ProtectionResult): LinkedProtection {
  const results = members.map(({ table }, m) => memberResult(table, linked.cellOf[m]!, joint, members.length));
  const count = joint.primaryCount + joint.secondaryCount;
  const summary =
    `${members.length} ${members.length === 1 ? 'table' : 'tables'} protected together: ${count} cell${count === 1 ? '' : 's'} suppressed, ` +
    `${joint.primaryCount} primary, ${joint.secondaryCount} secondary; audit ${joint.audit.passed ? 'passed' : 'failed'}`;
  return { members: results, joint, summary };
}

function memberResult(table: SdcTable, cellOf: Int32Array, joint: ProtectionResult, together: number): ProtectionResult {
  const cells = Array.from(cellOf, (g, i) => ({ ...joint.cells[g]!, label: table.labels[i]! }));
  const kind = (c: ProtectedCell) => (c.status?.code === 'c' ? c.status.kind : null);
  const primaryCount = cells.filter((c) => kind(c) === 'primary').length;
  const secondaryCount = cells.filter((c) => kind(c) === 'secondary').length;
  const grandTotal = table.grid ? table.values[0]! : Math.max(0, ...table.values);
  const suppressedTotal = cells.reduce((s, c) => s + (c.status ? c.value : 0), 0);
  const secondaryTotal = cells.reduce((s, c) => s + (kind(c) === 'secondary' ? c.value : 0), 0);
  const pct = (x: number) => (grandTotal > 0 ? (100 * x) / grandTotal : 0);
  const informationLoss: InformationLoss = { suppressedTotal, suppressedPct: pct(suppressedTotal), secondaryTotal, secondaryPct: pct(secondaryTotal), grandTotal };
  const count = primaryCount + secondaryCount;
  const others = together - 1;
  const summary =
    `${count} cell${count === 1 ? '' : 's'} suppressed: ${primaryCount} primary, ${secondaryCount} secondary; audit ${joint.audit.passed ? 'passed' : 'failed'}` +
    (others > 0 ? ` (protected together with ${others} other ${others === 1 ? 'table' : 'tables'})` : '');
  return { ...joint, cells, primaryCount, secondaryCount, informationLoss, summary };
}
