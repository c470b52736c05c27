// The run history's rules: newest first and capped, read back strictly (an unreadable store is refused, not
// half-read), searched by every word in the SQL or the error.
import { describe, expect, it } from 'vitest';
import { HISTORY_KEPT, HistoryUnreadable, parseHistory, searchHistory, serializeHistory, withRun, type RunRecord } from './run-history.ts';

const run = (sql: string, over: Partial<RunRecord> = {}): RunRecord => ({ sql, at: '2026-12-03T09:00:00.000Z', elapsedMs: 12, rows: 3, outcome: 'done', error: null, statements: 1, ...over });

describe('the run history', () => {
  it('keeps the newest first, up to its cap', () => {
    let runs: RunRecord[] = [];
    for (let i = 0; i < HISTORY_KEPT + 5; i += 1) runs = withRun(runs, run(`SELECT ${i}`));
    expect(runs).toHaveLength(HISTORY_KEPT);
    expect(runs[0]!.sql).toBe(`SELECT ${HISTORY_KEPT + 4}`);
    expect(runs.at(-1)!.sql).toBe('SELECT 5');
  });

  it('reads back what it wrote, and refuses what it cannot read rather than dropping part of it', () => {
    const runs = [run('SELECT 1'), run('SELEC 2', { outcome: 'failed', error: 'Parser Error: syntax error at or near "SELEC"', rows: null }), run('SELECT 3', { outcome: 'cancelled', rows: null })];
    expect(parseHistory(serializeHistory(runs))).toEqual(runs);
    expect(parseHistory(null)).toEqual([]);
    expect(() => parseHistory('{not json')).toThrow(HistoryUnreadable);
    expect(() => parseHistory(JSON.stringify({ version: 2, runs: [] }))).toThrow(HistoryUnreadable);
    expect(() => parseHistory(JSON.stringify({ version: 1, runs: [run('SELECT 1'), { ...run('x'), outcome: 'exploded' }] }))).toThrow(HistoryUnreadable);
    expect(() => parseHistory(JSON.stringify({ version: 1, runs: [{ ...run('x'), at: 'yesterday' }] }))).toThrow(HistoryUnreadable);
  });

  it('finds runs holding every word searched for, in the SQL or the error, in any case', () => {
    const runs = [
      run('SELECT force, count(*) FROM ocg_map GROUP BY force'),
      run('SELECT * FROM nrm_referrals_quarterly WHERE year = 2015'),
      run('SELECT * FROM missing_table', { outcome: 'failed', error: 'Catalog Error: Table with name missing_table does not exist!', rows: null }),
    ];
    expect(searchHistory(runs, '').map((r) => r.sql)).toEqual(runs.map((r) => r.sql));
    expect(searchHistory(runs, 'ocg FORCE').map((r) => r.sql)).toEqual([runs[0]!.sql]);
    expect(searchHistory(runs, 'catalog error').map((r) => r.sql)).toEqual([runs[2]!.sql]);
    expect(searchHistory(runs, 'select  2015')).toEqual([runs[1]]);
    expect(searchHistory(runs, 'absent')).toEqual([]);
  });
});
