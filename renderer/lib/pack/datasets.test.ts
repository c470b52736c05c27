// Which figures are already published, and what a source's manifest calls its columns: a built-in table marked
// published is left as published; imports, console tables and queries are unpublished, so protected by default.
import { describe, expect, it } from 'vitest';
import { allPublished, notResuppressed, publicationStatus, publishedSource, sourceLabels } from './datasets.ts';

const defs = [
  { id: 'nrm_referrals_quarterly', title: 'NRM referrals by quarter', published: { by: 'the Home Office', on: '2024-03-07' }, columns: [{ name: 'age_at_exploitation', label: 'Age at exploitation' }] },
  { id: 'synthetic_nrm_cases', title: 'Synthetic cases', recordLabel: 'Referrals', columns: [{ name: 'police_region', label: 'Police region' }] },
  { id: 'my_import', title: 'OCG mapping (imported)' },
];

describe('published sources', () => {
  it('counts only a built-in table the manifest marks published', () => {
    expect(publishedSource({ kind: 'table', table: 'nrm_referrals_quarterly' }, defs)).toEqual({ by: 'the Home Office', on: '2024-03-07', title: 'NRM referrals by quarter' });
    expect(publishedSource({ kind: 'table', table: 'synthetic_nrm_cases' }, defs)).toBeNull();
    expect(publishedSource({ kind: 'table', table: 'made_in_console' }, defs)).toBeNull();
    expect(publishedSource({ kind: 'query', name: 'q', sql: 'SELECT * FROM nrm_referrals_quarterly' }, defs)).toBeNull();
  });

  it('says a statement reads only published tables when it names them all and nothing else known', () => {
    expect(allPublished('SELECT sum(referrals) FROM nrm_referrals_quarterly', defs)).toBe(true);
    expect(allPublished('SELECT count(*) FROM synthetic_nrm_cases', defs)).toBe(false);
    expect(allPublished('SELECT count(*) FROM made_in_console', defs)).toBe(false);
  });

  it('words the provenance of published figures left as published', () => {
    expect(notResuppressed({ by: 'the Home Office', on: '2024-03-07', title: 'NRM referrals by quarter' })).toMatch(/^Published by the Home Office on 7 March 2024 \(NRM referrals by quarter\), not re-suppressed/);
  });

  it("gives a source its manifest's labels (a query: those of the tables it reads)", () => {
    expect(sourceLabels({ kind: 'table', table: 'synthetic_nrm_cases' }, defs)).toEqual({ fields: { police_region: 'Police region' }, records: 'Referrals' });
    expect(sourceLabels({ kind: 'query', name: 'q', sql: 'SELECT * FROM synthetic_nrm_cases JOIN nrm_referrals_quarterly USING (year)' }, defs)).toEqual({ fields: { police_region: 'Police region', age_at_exploitation: 'Age at exploitation' } });
    expect(sourceLabels({ kind: 'table', table: 'my_import' }, defs)).toEqual({ fields: {} });
  });
});

describe("a dataset's disclosure status on its page", () => {
  it('says who published it and when, or that it is unpublished', () => {
    expect(publicationStatus(defs[0]!)).toBe('Published by the Home Office on 7 March 2024: its pivots start with disclosure control off, since figures already public are not re-suppressed.');
    expect(publicationStatus(defs[1]!)).toBe('Unpublished: its pivots start with disclosure control on.');
  });
});
