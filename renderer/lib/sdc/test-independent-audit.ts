// Test support (disclosure-control layer, pure): an attacker written separately from attacker.ts / audit.ts, for
// the tests to judge protected tables by. It rebuilds a 2-D table's additive relations from the row and column trees
// itself, writes each attacker problem as CPLEX LP text, and has it solved by whatever one-shot LP function the test
// passes in (HiGHS's own `solve`, bypassing our adapter). Sharing no code with the audit, a bug in either shows up
// as a disagreement.

export interface Tree {
  readonly label: string;
  readonly children?: readonly Tree[];
}

/** The subset of HiGHS's one-shot result this needs. */
export type SolveLpText = (lp: string) => { Status: string; ObjectiveValue: number };

export interface GridCell {
  readonly row: number;
  readonly col: number;
  readonly label: string;
}

/** Pre-order flattening (a total before its parts), with each node's children. */
export function flatten(tree: Tree): { labels: string[]; children: number[][] } {
  const labels: string[] = [];
  const children: number[][] = [];
  const visit = (t: Tree): number => {
    const i = labels.push(t.label) - 1;
    children.push([]);
    for (const c of t.children ?? []) children[i]!.push(visit(c));
    return i;
  };
  visit(tree);
  return { labels, children };
}

/** Every cell of rows × cols with its value: leaves from `leaf`, every total summed from its leaves. */
export function gridValues(rows: Tree, cols: Tree, leaf: (r: number, c: number) => number): { values: number[]; cells: GridCell[] } {
  const R = flatten(rows);
  const C = flatten(cols);
  const leavesUnder = (f: ReturnType<typeof flatten>, i: number): number[] => (f.children[i]!.length === 0 ? [i] : f.children[i]!.flatMap((k) => leavesUnder(f, k)));
  const values: number[] = [];
  const cells: GridCell[] = [];
  R.labels.forEach((rl, r) =>
    C.labels.forEach((cl, c) => {
      let v = 0;
      for (const lr of leavesUnder(R, r)) for (const lc of leavesUnder(C, c)) v += leaf(lr, lc);
      values.push(v);
      cells.push({ row: r, col: c, label: `${rl} × ${cl}` });
    }),
  );
  return { values, cells };
}

/** The relations as lists: [total, ...parts] cell indices. */
export function gridRelations(rows: Tree, cols: Tree): number[][] {
  const R = flatten(rows);
  const C = flatten(cols);
  const nc = C.labels.length;
  const out: number[][] = [];
  for (let r = 0; r < R.labels.length; r++) {
    for (let c = 0; c < nc; c++) {
      if (R.children[r]!.length > 0) out.push([r * nc + c, ...R.children[r]!.map((k) => k * nc + c)]);
      if (C.children[c]!.length > 0) out.push([r * nc + c, ...C.children[c]!.map((k) => r * nc + k)]);
    }
  }
  return out;
}

/**
 * The singleton rule, checked apart from singletons.ts: the relations ([total, ...parts]) in which a withheld 1 sits
 * with exactly one other withheld cell although a third could be withheld — the one person in the 1 would subtract.
 */
export function singletonPairs(values: readonly number[], relations: readonly number[][], hidden: readonly boolean[], canHide: (cell: number) => boolean): number[][] {
  return relations.filter((rel) => {
    const withheld = rel.filter((c) => hidden[c]);
    return withheld.length === 2 && withheld.some((c) => values[c] === 1) && rel.some((c) => !hidden[c] && canHide(c));
  });
}

/**
 * The least value a reader knows each cell has: with zeros published, every non-zero leaf cell is at least 1, so a
 * cell is at least the number of non-zero leaf cells under it.
 */
export function gridFloors(rows: Tree, cols: Tree, leaf: (r: number, c: number) => number, zerosPublished: boolean): number[] {
  return gridValues(rows, cols, (r, c) => (zerosPublished && leaf(r, c) > 0 ? 1 : 0)).values;
}

/** [min, max] of every suppressed cell given the published ones, by LP text solved through `solve`. */
export function attackerIntervals(
  values: readonly number[],
  relations: readonly number[][],
  suppressed: readonly boolean[],
  floors: readonly number[],
  solve: SolveLpText,
  /** Only these cells' intervals (default: every suppressed cell). */
  only?: ReadonlySet<number>,
): Map<number, [number, number]> {
  const name = (i: number) => `x${i}`;
  const constraints: string[] = [];
  const used = new Set<number>();
  relations.forEach((rel, k) => {
    const terms: string[] = [];
    let rhs = 0;
    rel.forEach((cell, j) => {
      const coef = j === 0 ? 1 : -1;
      if (suppressed[cell]) {
        terms.push(`${coef > 0 ? '+' : '-'} ${name(cell)}`);
        used.add(cell);
      } else rhs -= coef * values[cell]!;
    });
    if (terms.length > 0) constraints.push(` r${k}: ${terms.join(' ')} = ${rhs}`);
  });
  const bounds = [...used].map((i) => ` ${name(i)} >= ${floors[i]}`);
  const out = new Map<number, [number, number]>();
  suppressed.forEach((s, i) => {
    if (!s || (only && !only.has(i))) return;
    if (!used.has(i)) {
      out.set(i, [floors[i]!, Number.POSITIVE_INFINITY]);
      return;
    }
    const extreme = (sense: 'Minimize' | 'Maximize'): number => {
      const lp = [sense, ` obj: ${name(i)}`, 'Subject To', ...constraints, 'Bounds', ...bounds, 'End'].join('\n');
      const r = solve(lp);
      if (r.Status === 'Unbounded') return sense === 'Maximize' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
      if (r.Status !== 'Optimal') throw new Error(`independent attacker LP: ${r.Status}`);
      return r.ObjectiveValue;
    };
    out.set(i, [extreme('Minimize'), extreme('Maximize')]);
  });
  return out;
}

/** The protection levels, written out again from the rules' definition (see primary.ts), for comparison. */
export function required(
  value: number,
  floor: number,
  p: { upperPercent: number; lowerPercent: number; minimum: number; width: number },
): { up: number; down: number; width: number } {
  return {
    up: Math.max(p.minimum, (value * p.upperPercent) / 100),
    down: Math.max(0, Math.min(value - floor, Math.max(p.minimum, (value * p.lowerPercent) / 100))),
    width: p.width,
  };
}
