// Controlled rounding with the real HiGHS: on the real Q4 2023 table (first responder type × exploitation type, with
// suppression) every published total equals the sum of its published parts, each figure is a multiple of 5 within 4
// of the true count, multiples stay put, withheld cells stay withheld; and where no such rounding exists the table is
// rounded figure by figure and says so rather than publishing a sum that does not add up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithBuiltins } from '../engine/node-builtin.ts';
import type { Engine } from '../engine/types.ts';
import { loadNodeHighsSolver } from '../solver/highs-node.ts';
import { controlledRounding } from './controlled-rounding.ts';
import type { LpSolver } from './lp.ts';
import { protectTable } from './protect.ts';
import { roundingNote, roundToBase } from './rounding.ts';
import { parseSdcRules } from './rules.ts';
import { flatTable, linkedTable } from './table.ts';

let engine: Engine;
let solver: LpSolver;
let data: number[][];
beforeAll(async () => {
  engine = (await openWithBuiltins()).engine;
  solver = await loadNodeHighsSolver();
  const { table } = await engine.query(
    `SELECT first_responder_type AS r, exploitation_type AS c, sum(referrals)::DOUBLE AS n FROM nrm_referrals_2023q4_detail GROUP BY ALL`,
  );
  const rows = table.toArray().map((x) => x.toJSON() as { r: string; c: string; n: number });
  const rs = [...new Set(rows.map((x) => x.r))].sort();
  const cs = [...new Set(rows.map((x) => x.c))].sort();
  const counts = new Map(rows.map((x) => [`${x.r}|${x.c}`, x.n]));
  data = rs.map((r) => cs.map((c) => counts.get(`${r}|${c}`) ?? 0));
}, 60_000);
afterAll(() => engine.close());

describe('controlled rounding', () => {
  it('keeps every published total equal to the sum of its published parts (Q4 2023, responder type × exploitation type)', async () => {
    const table = flatTable(data);
    const rules = parseSdcRules({ roundingBase: 5, roundingMethod: 'controlled' });
    const result = await protectTable(table, rules, solver);
    expect(result.audit.passed).toBe(true);
    expect(result.rounding).toEqual({ base: 5, method: 'controlled' });
    expect(result.notes).toContain(roundingNote({ base: 5, method: 'controlled' }));
    expect(roundingNote({ base: 5, method: 'controlled' })).toBe('Figures are rounded to a multiple of 5 so that totals add up; each is within 4 of the true count.');
    let checked = 0;
    for (const rel of table.relations) {
      const cells = [rel.total, ...rel.parts].map((c) => result.cells[c]!);
      if (cells.some((c) => c.published === null)) continue;
      expect(rel.parts.reduce((s, p) => s + result.cells[p]!.published!, 0), cells[0]!.label).toBe(cells[0]!.published);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    let moved = 0;
    for (const c of result.cells) {
      if (c.status) {
        expect(c.published).toBeNull();
        continue;
      }
      expect(c.published! % 5).toBe(0);
      expect(Math.abs(c.published! - c.value)).toBeLessThan(5);
      if (c.value % 5 === 0) expect(c.published).toBe(c.value);
      if (c.published !== roundToBase(c.value, 5)) moved++;
    }
    // Rounding each figure on its own breaks some of these sums; the controlled figures moved away from the nearest
    // multiple where that was needed.
    const nearest = await protectTable(table, parseSdcRules({ roundingBase: 5 }), solver);
    const broken = table.relations.filter((rel) => {
      const cells = [rel.total, ...rel.parts].map((c) => nearest.cells[c]!);
      return !cells.some((c) => c.published === null) && rel.parts.reduce((s, p) => s + nearest.cells[p]!.published!, 0) !== cells[0]!.published;
    }).length;
    expect(broken).toBeGreaterThan(0);
    expect(moved).toBeGreaterThan(0);
  });

  it('finds no rounding where none adds up, and then rounds each figure on its own and says so', async () => {
    // a + b = 2, b + c = 2, a + c = 2 with a = b = c = 1: to multiples of 2, every choice breaks one sum.
    const table = linkedTable([1, 1, 1, 2, 2, 2], [{ total: 3, parts: [0, 1] }, { total: 4, parts: [1, 2] }, { total: 5, parts: [0, 2] }]);
    expect(await controlledRounding(table, new Uint8Array(6), 2, solver)).toBeNull();
    const result = await protectTable(table, parseSdcRules({ threshold: 1, roundingBase: 2, roundingMethod: 'controlled' }), solver);
    expect(result.rounding).toEqual({ base: 2, method: 'nearest' });
    expect(result.notes).toContain('No rounding of this table keeps every total adding up, so each figure is rounded to the nearest on its own.');
    expect(result.notes).toContain('Figures are rounded to the nearest 2; totals may not equal the sum of their parts.');
  });

  it('leaves withheld cells out: a relation holding a [c] needs no equation', async () => {
    // Row 0 cannot add up in multiples of 5 while every cell is shown (3 + 3 = 6); with one part withheld it need not.
    const table = linkedTable([3, 3, 6], [{ total: 2, parts: [0, 1] }]);
    const rounded = await controlledRounding(table, Uint8Array.from([1, 0, 0]), 5, solver);
    expect(rounded).not.toBeNull();
    expect(Number.isNaN(rounded![0]!)).toBe(true);
    expect(rounded![1]! % 5).toBe(0);
    expect(rounded![2]! % 5).toBe(0);
  });
});
