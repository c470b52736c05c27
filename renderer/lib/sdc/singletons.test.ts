// The singleton problem on the real Q4 2023 detail data (police force × age, Police responders): with zero
// suppression on, or a width-only rule, Kent Police published Adult 15 and Total 21 and withheld Child 5 and Not
// specified 1 — and the one "not specified" person got Child = 21 − 15 − 1 = 5. Now no withheld 1 sits with just one
// other withheld cell in a relation (checked by the rule written apart from singletons.ts), and the person in each
// withheld 1, knowing it, works out no other confidential count exactly (the attacker written apart from the audit).
import loadHighs from 'highs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithBuiltins } from '../engine/node-builtin.ts';
import type { Engine } from '../engine/types.ts';
import { loadNodeHighsSolver } from '../solver/highs-node.ts';
import type { LpSolver } from './lp.ts';
import { protectTable } from './protect.ts';
import { parseSdcRules } from './rules.ts';
import { attackerIntervals, gridFloors, gridRelations, singletonPairs, type SolveLpText } from './test-independent-audit.ts';
import { sdcOf, type Grid } from './test-linked-attack.ts';

let engine: Engine;
let solver: LpSolver;
let solveText: SolveLpText;
let grid: Grid;
beforeAll(async () => {
  engine = (await openWithBuiltins()).engine;
  solver = await loadNodeHighsSolver();
  const highs = await loadHighs();
  solveText = (lp) => highs.solve(lp, { output_flag: false });
  const { table } = await engine.query(
    `SELECT first_responder AS r, age_at_exploitation AS c, sum(referrals)::DOUBLE AS n FROM nrm_referrals_2023q4_detail WHERE first_responder_type = 'Police' GROUP BY ALL`,
  );
  const rows = table.toArray().map((x) => x.toJSON() as { r: string; c: string; n: number });
  const forces = [...new Set(rows.map((x) => x.r))].sort();
  const ages = [...new Set(rows.map((x) => x.c))].sort();
  const counts = new Map(rows.map((x) => [`${x.r}|${x.c}`, x.n]));
  grid = {
    rows: { label: 'Total', children: forces.map((label) => ({ label })) },
    cols: { label: 'All ages', children: ages.map((label) => ({ label })) },
    leaf: (r, c) => counts.get(`${forces[r - 1]}|${ages[c - 1]}`) ?? 0,
  };
}, 60_000);
afterAll(() => engine.close());

const RULES = {
  'zeros suppressed': { suppressZeros: true },
  'width-only protection': { protection: { upperPercent: 0, lowerPercent: 0, minimum: 0, width: 1 } },
} as const;

describe('the singleton problem (Q4 2023, police force × age)', () => {
  for (const [name, settings] of Object.entries(RULES)) {
    for (const mode of ['heuristic', 'optimal'] as const) {
      it(`${name}, ${mode}: no withheld 1 pairs with one other withheld cell, and its person works out no other`, async () => {
        const rules = parseSdcRules({ ...settings, mode });
        const { table } = sdcOf(grid);
        const result = await protectTable(table, rules, solver, { timeLimitSeconds: 30 });
        expect(result.audit.passed).toBe(true);
        const values = result.cells.map((c) => c.value);
        const hidden = result.cells.map((c) => c.status?.code === 'c');
        const relations = gridRelations(grid.rows, grid.cols);
        expect(singletonPairs(values, relations, hidden, (i) => values[i]! > 0 || rules.suppressZeros)).toEqual([]);

        // Kent Police's row as the issue found it: Child 5 and Not specified 1 withheld.
        const label = (age: string) => `Kent Police × ${age}`;
        const at = (age: string) => result.cells.findIndex((c) => c.label === label(age));
        expect(values[at('Child (17 or under)')]).toBe(5);
        expect(values[at('Not specified or unknown')]).toBe(1);
        expect(hidden[at('Not specified or unknown')]).toBe(true);

        // Each withheld 1 as its one person sees it: known exactly. No other confidential count comes out exact.
        const floors = gridFloors(grid.rows, grid.cols, grid.leaf, !rules.suppressZeros);
        const primaries = new Set(result.cells.flatMap((c, i) => (c.status?.code === 'c' && c.status.kind === 'primary' ? [i] : [])));
        for (const one of values.flatMap((v, i) => (v === 1 && hidden[i] ? [i] : []))) {
          // A 1 beside published zeros is the same person as its total (Cumbria: Adult 1 = All ages 1): not another.
          const samePerson = (c: number) => relations.some((rel) => rel.includes(one) && rel.includes(c) && rel.every((x) => x === one || x === c || (!hidden[x] && values[x] === 0)));
          const partners = new Set(relations.filter((rel) => rel.includes(one)).flat().filter((c) => c !== one && hidden[c] && primaries.has(c) && !samePerson(c)));
          const known = hidden.map((h, i) => h && i !== one);
          for (const [cell, [min, max]] of attackerIntervals(values, relations, known, floors, solveText, partners)) {
            expect(max - min, `${result.cells[cell]!.label} once ${result.cells[one]!.label} is known`).toBeGreaterThanOrEqual(1 - 1e-6);
          }
        }
      }, 120_000);
    }
  }
});
