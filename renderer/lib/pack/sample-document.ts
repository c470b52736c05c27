// Pack layer, test fixture: a small but complete pack document — a marked, dated pack with a protected table
// ([c] cells, subtotals, a grand total), a figure, commentary, key figures, a page break and notes — for the
// exporters' tests to write and read back. Figures are from the built-in data (NRM referrals 2011–2013 by age).
import type { DocTable, PackDocument, Provenance } from './document.ts';

const provenance = (item: string): Provenance => ({
  item,
  datasets: [
    {
      id: 'nrm_referrals_quarterly',
      title: 'NRM referrals by quarter, age and location of exploitation',
      vintage: 'Current series as published 7 March 2024 (Q4 2023 release)',
      sha256: 'b5b6f1c1c3f4de9b8f3f0f4a8a7d8b1e2c3d4e5f60718293a4b5c6d7e8f90123',
      attribution: 'Contains public sector information licensed under the Open Government Licence v3.0.',
    },
  ],
  sql: ['SELECT year, age_at_exploitation, sum(referrals) FROM nrm_referrals_quarterly GROUP BY ALL'],
  disclosure: { applied: true, rules: 'Counts of 1 to 9 are suppressed; zeros are shown; other counts are exact.', summary: '2 cells suppressed: 1 primary, 1 secondary; audit passed', audit: 'Audit passed.', offReason: '' },
  checks: ['The grand total, 2,840, equals the expected total (2,840).'],
});

const table: DocTable = {
  kind: 'table',
  number: 1,
  caption: 'NRM referrals by year and age at exploitation, 2011 to 2013',
  headerRows: [
    ['Year', 'Age at exploitation', '', '', ''],
    ['', 'Adult (18 or over)', 'Child (17 or under)', 'Not specified or unknown', 'Total'],
  ],
  columns: [
    { header: 'Year', kind: 'label', numberFormat: '@', unit: '' },
    { header: 'Adult (18 or over)', kind: 'number', numberFormat: '#,##0', unit: 'number of referrals' },
    { header: 'Child (17 or under)', kind: 'number', numberFormat: '#,##0', unit: 'number of referrals' },
    { header: 'Not specified or unknown', kind: 'number', numberFormat: '#,##0', unit: 'number of referrals' },
    { header: 'Total', kind: 'number', numberFormat: '#,##0', unit: 'number of referrals' },
  ],
  rows: [
    { kind: 'item', depth: 1, cells: [{ value: '2011', status: null }, { value: 642, status: null }, { value: 294, status: null }, { value: null, status: { code: 'c', kind: 'primary' } }, { value: 936, status: null }] },
    { kind: 'item', depth: 1, cells: [{ value: '2012', status: null }, { value: 800, status: null }, { value: 378, status: null }, { value: null, status: { code: 'c', kind: 'secondary' } }, { value: 1178, status: null }] },
    { kind: 'item', depth: 1, cells: [{ value: '2013', status: null }, { value: 1122, status: null }, { value: 450, status: null }, { value: 0, status: null }, { value: 1572, status: null }] },
    { kind: 'total', depth: 0, cells: [{ value: 'Total', status: null }, { value: 2564, status: null }, { value: 1122, status: null }, { value: 0, status: null }, { value: 3686, status: null }] },
  ],
  source: 'Source: Home Office, National Referral Mechanism statistics (Q4 2023 release)',
  notes: ['note 1'],
  provenance: provenance('Table 1'),
};

export const SAMPLE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300" viewBox="0 0 600 300"><rect x="50" y="50" width="100" height="200" fill="#0072B2"/><rect x="200" y="100" width="100" height="150" fill="#E69F00"/><text x="60" y="280" font-size="14">2011</text><text x="210" y="280" font-size="14">2012</text></svg>';

export function sampleDocument(items = 1): PackDocument {
  const tables = Array.from({ length: items }, (_, i) => ({ ...table, number: i + 1, caption: `${table.caption} (${i + 1})`, provenance: provenance(`Table ${i + 1}`) }));
  return {
    meta: {
      title: 'Human trafficking: NRM referrals',
      subtitle: 'Briefing for the Inter-Departmental Ministerial Group',
      author: 'A. Analyst',
      organisation: 'Home Office Analysis and Insight',
      date: '2026-11-28',
      marking: 'OFFICIAL-SENSITIVE',
      caveat: 'Not for onward distribution',
      orientation: 'portrait',
      contact: 'analysis@example.gov.uk',
      appVersion: '0.1.0',
      exportedAt: '2026-11-28T10:00:00.000Z',
    },
    items: [
      { kind: 'key-figures', caption: 'Key figures', figures: [{ value: '946', label: 'referrals in 2011 as first published, 236 more (+33 %) than 2010' }], provenance: provenance('Key figures') },
      { kind: 'commentary', blocks: [{ type: 'heading', level: 2, text: 'Summary' }, { type: 'paragraph', runs: [{ text: 'Referrals ' }, { text: 'rose', bold: true }, { text: ' in every year shown.' }] }, { type: 'list', ordered: false, items: [[{ text: 'Adults: most referrals.' }], [{ text: 'Children: ', italic: true }, { text: 'a third.' }]] }] },
      ...tables,
      { kind: 'page-break' },
      { kind: 'figure', number: 1, caption: 'NRM referrals by year, 2011 and 2012', svg: SAMPLE_SVG, width: 600, height: 300, altText: 'Bar chart: 936 referrals in 2011 and 1,178 in 2012. The figures are in Table 1.', source: table.source, notes: [], provenance: provenance('Figure 1') },
    ],
    notes: [{ id: 'note 1', text: 'Year of referral to the NRM; current series, which differs from totals as first published.' }],
    shorthand: [{ symbol: '[c]', meaning: 'Confidential: withheld to protect the people the figures are about.' }],
    disclosure: { on: true, offReason: '' },
    protectedTogether: [],
    differencing: [],
    attribution: ['Contains public sector information licensed under the Open Government Licence v3.0. Source: Home Office, National Referral Mechanism statistics.'],
  };
}
