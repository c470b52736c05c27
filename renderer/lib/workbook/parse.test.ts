// The workbook manifest: a full workbook survives serialise → read unchanged; every hostile or broken manifest is
// refused with a kind and words, never half-read; older formats are migrated, newer ones refused.
import { describe, expect, it } from 'vitest';
import { addItem, freezeItem } from '../pack/actions.ts';
import { newPack } from '../pack/spec.ts';
import { parsePivotSpec } from '../query/pivot/parse.ts';
import type { ImportRecord } from '../services/import/record.ts';
import { readWorkbookManifest } from './migrate.ts';
import { serializeWorkbook } from './parse.ts';
import { emptyWorkbook, tableEntry, WorkbookFormatError, type Workbook } from './spec.ts';

const SHA = 'a'.repeat(64);
const spec = parsePivotSpec({ source: { kind: 'table', table: 'nrm_referrals_quarterly' }, rows: ['year'], values: [{ field: 'referrals', aggregate: 'sum' }], expected: { value: 0, total: 17004 } });
const chart = { kind: 'line' as const, valueIndex: 0, title: 'Referrals by year', xAxisName: 'Year', yAxisName: 'Referrals', smallMultiples: false, showLegend: true, numberFormat: 'thousands' as const };
const record: ImportRecord = {
  version: 1, id: 'imp-1', table: 'cases', title: 'Case extract', description: '', notes: ['Extract of 1 October'],
  file: { name: 'cases.csv', size: 120, sha256: SHA, modified: null, format: 'csv' }, sheet: null,
  plan: { encoding: 'utf-8', gzip: false, delimiter: ',', quote: '"', escape: '"', header: true, skipRows: 0, decimal: '.', thousands: null, columns: ['year', 'n'], detected: [], warnings: [{ kind: 'ragged-rows', count: 1, examples: ['row 3'] }] },
  columns: [{ source: 'year', name: 'year', type: 'BIGINT', dates: 'iso', original: 'year' }, { source: 'n', name: 'n', type: 'BIGINT', dates: 'iso', original: 'n' }],
  importedAt: '2026-12-01', rows: 2, detected: [{ label: 'Delimiter', value: 'comma' }],
};

function fullWorkbook(): Workbook {
  let pack = addItem(newPack('2026-12-01'), { kind: 'pivot', caption: 'Referrals', spec, chart, savedName: null, show: 'both', notes: [], noteTargets: [] }).pack;
  pack = freezeItem(pack, pack.items[0]!.id, [{ kind: 'page-break' }]);
  return {
    ...emptyWorkbook('Quarterly tables', '2026-12-01T10:00:00.000Z', '0.1.0'),
    datasets: { builtin: [{ id: 'nrm_referrals_quarterly', sha256: SHA, vintage: '2024-03-07' }], imported: [{ table: 'cases', entry: tableEntry('cases', 0), sha256: SHA, rows: 2, columns: [{ name: 'year', type: 'BIGINT' }], record }] },
    savedQueries: [{ name: 'Adults', sql: 'SELECT 1', savedAt: '2026-12-01' }],
    savedPivots: [{ name: 'By year', spec, chart, savedAt: '2026-12-01' }],
    tabs: [{ kind: 'sql', title: 'SQL 1', sql: 'SELECT 2', savedName: null }, { kind: 'pivot', title: 'Pivot 1', spec, chart: null, savedName: 'By year' }, { kind: 'pack', title: 'Briefing pack' }],
    packs: [pack],
    notes: 'Checked against the published table.',
  };
}

const refusal = (text: string) => {
  try {
    readWorkbookManifest(text);
  } catch (err) {
    if (err instanceof WorkbookFormatError) return { kind: err.kind, message: err.message };
    throw err;
  }
  throw new Error('accepted');
};

describe('the workbook manifest', () => {
  it('reads back exactly what was written, and writes the same bytes twice', () => {
    const text = serializeWorkbook(fullWorkbook());
    const back = readWorkbookManifest(text);
    expect(back).toEqual(JSON.parse(text));
    expect(back.packs[0]!.items[0]!.frozen).toHaveLength(1);
    expect(back.savedPivots[0]!.spec.expected).toEqual({ value: 0, total: 17004 });
    expect(serializeWorkbook(back)).toBe(text);
  });

  it('refuses what is not a current workbook, saying so by kind', () => {
    expect(refusal('{not json').kind).toBe('not-json');
    expect(refusal('[]').kind).toBe('not-a-workbook');
    expect(refusal(JSON.stringify({ format: 'something-else', version: 1 })).kind).toBe('not-a-workbook');
    const newer = refusal(JSON.stringify({ ...fullWorkbook(), version: 7 }));
    expect(newer).toEqual({ kind: 'newer-version', message: expect.stringContaining('newer version of the workbench (workbook format 7') });
    expect(refusal(JSON.stringify({ ...fullWorkbook(), macros: 'x' })).kind).toBe('unknown-key');
  });

  it('refuses a broken part anywhere: a chart, a pivot, a frozen snapshot, an import record, a duplicate name', () => {
    const wb = fullWorkbook();
    const broken = (edit: (w: Workbook & Record<string, unknown>) => void) => {
      const copy = JSON.parse(JSON.stringify(wb));
      edit(copy);
      return refusal(JSON.stringify(copy));
    };
    expect(broken((w) => (w.savedPivots[0]!.chart = { ...chart, kind: 'radar' as never })).message).toContain('saved pivot 1 chart');
    expect(broken((w) => ((w.savedPivots[0]!.spec as unknown as Record<string, unknown>).rows = 'year')).kind).toBe('not-allowed');
    expect(broken((w) => ((w.packs[0]!.items[0]!.frozen as unknown[])[0] = { kind: 'script', src: 'x' })).message).toContain('pack 1');
    expect(broken((w) => (w.datasets.imported[0]!.record.file.sha256 = 'not-a-hash')).message).toContain('SHA-256');
    expect(broken((w) => (w.datasets.imported[0]!.entry = 'tables/../../evil.csv')).kind).toBe('not-allowed');
    expect(broken((w) => (w.datasets.imported[0]!.record.table = 'other')).message).toContain('import record says "other"');
    expect(broken((w) => w.savedQueries.push({ ...w.savedQueries[0]! })).kind).toBe('duplicate');
    expect(broken((w) => ((w.tabs[0] as Record<string, unknown>).kind = 'terminal')).kind).toBe('not-allowed');
  });

  it('upgrades a format-0 manifest (one pack) to the current format', () => {
    const { packs, ...rest } = fullWorkbook();
    const old = { ...rest, version: 0, pack: packs[0] };
    const back = readWorkbookManifest(JSON.stringify(old));
    expect(back.version).toBe(1);
    expect(back.packs).toEqual(packs.map((p) => JSON.parse(JSON.stringify(p))));
  });
});
