// Checks datasets/manifest.json against the CSV files it describes.
// Run with: npx vitest run datasets
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = dirname(fileURLToPath(import.meta.url));

import type { ColumnType, DatasetDef, Manifest } from '../renderer/lib/engine/manifest.ts';

/**
 * Minimal RFC 4180 parser: quoted fields (with "" escapes, commas and newlines inside quotes),
 * LF or CRLF line ends, optional final newline. Throws on malformed quoting.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldStarted = false; // true once the current line has any content (so a final line without newline counts)
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
          const next = text[i + 1];
          if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
            throw new Error(`Unexpected character after closing quote at offset ${i + 1}`);
          }
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field !== '') throw new Error(`Quote inside unquoted field at offset ${i}`);
      inQuotes = true;
      fieldStarted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
      fieldStarted = true;
    } else if (c === '\r' && text[i + 1] === '\n') {
      // CRLF: the \n that follows ends the row
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (inQuotes) throw new Error('Unterminated quoted field');
  if (fieldStarted) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const VALIDATORS: Record<ColumnType, (v: string) => boolean> = {
  INTEGER: (v) => v === '' || (/^-?\d+$/.test(v) && Math.abs(Number(v)) <= 2147483647),
  BIGINT: (v) => v === '' || /^-?\d+$/.test(v),
  DOUBLE: (v) => v === '' || (/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(v) && Number.isFinite(Number(v))),
  VARCHAR: () => true,
  DATE: (v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v + 'T00:00:00Z'))),
  TIMESTAMP: (v) => v === '' || (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/.test(v) && !Number.isNaN(Date.parse(v.replace(' ', 'T') + 'Z'))),
  BOOLEAN: (v) => v === '' || v === 'true' || v === 'false',
};

const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as Manifest;

interface Loaded {
  bytes: Buffer;
  header: string[];
  data: string[][];
}
const cache = new Map<string, Loaded>();
function load(file: string): Loaded {
  let l = cache.get(file);
  if (!l) {
    const bytes = readFileSync(join(DIR, file));
    const rows = parseCsv(bytes.toString('utf8'));
    const [header = [], ...data] = rows;
    l = { bytes, header, data };
    cache.set(file, l);
  }
  return l;
}
function byId(id: string): DatasetDef {
  const d = manifest.datasets.find((x) => x.id === id);
  if (!d) throw new Error(`No manifest entry ${id}`);
  return d;
}
function columnSum(id: string, column: string): number {
  const d = byId(id);
  const { header, data } = load(d.file);
  const j = header.indexOf(column);
  expect(j, `${id} has column ${column}`).toBeGreaterThanOrEqual(0);
  let sum = 0;
  for (const r of data) {
    const v = r[j] ?? '';
    if (v !== '') sum += Number(v);
  }
  return sum;
}

const ATTRIBUTION =
  'Contains public sector information licensed under the Open Government Licence v3.0. Source: Home Office, National Referral Mechanism statistics.';

describe('CSV parser', () => {
  it('handles quoted commas, escaped quotes, CRLF and a missing final newline', () => {
    expect(parseCsv('a,b\r\n"x, y",""""\r\n1,')).toEqual([
      ['a', 'b'],
      ['x, y', '"'],
      ['1', ''],
    ]);
    expect(parseCsv('a\n\n')).toEqual([['a'], ['']]);
    expect(() => parseCsv('"abc')).toThrow();
  });
});

describe('datasets manifest', () => {
  it('has the top-level shape', () => {
    expect(manifest.version).toBe(1);
    expect(manifest.attribution).toBe(ATTRIBUTION);
    expect(Array.isArray(manifest.datasets)).toBe(true);
    expect(manifest.datasets.length).toBeGreaterThan(0);
  });

  it('labels every column for people, and says which official tables are published, by whom and when', () => {
    for (const d of manifest.datasets) {
      for (const c of d.columns) expect(c.label, `${d.id}.${c.name}`).toMatch(/^[A-Z]/);
      if (d.synthetic) expect(d.published, d.id).toBeUndefined();
      else expect(d.published, d.id).toMatchObject({ by: expect.stringMatching(/^the /), on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    }
  });

  it('has unique ids that are valid SQL identifiers', () => {
    const ids = manifest.datasets.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('has an entry for every CSV in datasets/', () => {
    const csvs = readdirSync(DIR).filter((f) => f.endsWith('.csv')).sort();
    const files = manifest.datasets.map((d) => d.file).sort();
    expect(files).toEqual(csvs);
  });

  for (const d of manifest.datasets) {
    describe(d.id, () => {
      it('has its required fields filled in', () => {
        expect(d.file).toBe(`${d.id}.csv`);
        for (const key of ['title', 'description', 'source', 'licence', 'attribution', 'period', 'vintage'] as const) {
          expect(typeof d[key], key).toBe('string');
          expect(d[key].trim(), key).not.toBe('');
        }
        expect(d.licence).toMatch(/Open Government Licence v3\.0/);
        expect(d.attribution).toBe(ATTRIBUTION);
        expect(Array.isArray(d.notes)).toBe(true);
        for (const n of d.notes) expect(n.trim()).not.toBe('');
        expect(Number.isInteger(d.rows)).toBe(true);
        expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(d.columns.length).toBeGreaterThan(0);
        for (const c of d.columns) {
          expect(c.name).toMatch(/^[a-z][a-z0-9_]*$/);
          expect(Object.keys(VALIDATORS)).toContain(c.type);
          expect(c.description.trim()).not.toBe('');
        }
        expect(new Set(d.columns.map((c) => c.name)).size).toBe(d.columns.length);
        // Synthetic data is flagged (true, never false) and says so where a reader looks first; see synthetic.test.ts.
        expect([undefined, true]).toContain(d.synthetic);
        if (d.synthetic) expect([d.vintage, d.notes[0]]).toEqual(['Synthetic, not a release', expect.stringMatching(/^Contains synthetic data — not official statistics/)]);
        else expect(d.vintage).not.toMatch(/synthetic/i);
      });

      it('file exists and its sha256 matches', () => {
        const path = join(DIR, d.file);
        expect(existsSync(path)).toBe(true);
        const hash = createHash('sha256').update(readFileSync(path)).digest('hex');
        expect(hash).toBe(d.sha256);
      });

      it('header matches the declared columns in order', () => {
        expect(load(d.file).header).toEqual(d.columns.map((c) => c.name));
      });

      it('row count matches and every row has every column', () => {
        const { data } = load(d.file);
        expect(data.length).toBe(d.rows);
        data.forEach((r, i) => expect(r.length, `data row ${i + 1}`).toBe(d.columns.length));
      });

      it('every value parses as its declared type', () => {
        const { data } = load(d.file);
        const bad: string[] = [];
        d.columns.forEach((c, j) => {
          const ok = VALIDATORS[c.type];
          data.forEach((r, i) => {
            const v = r[j] ?? '';
            if (!ok(v)) bad.push(`row ${i + 1} ${c.name}=${JSON.stringify(v)} is not ${c.type}`);
          });
        });
        expect(bad).toEqual([]);
      });

      it('stated totals refer to numeric columns', () => {
        for (const t of d.statedTotals ?? []) {
          const col = d.columns.find((c) => c.name === t.column);
          expect(col, `stated total column ${t.column}`).toBeDefined();
          expect(['INTEGER', 'BIGINT', 'DOUBLE']).toContain(col?.type);
          expect(Number.isFinite(t.value)).toBe(true);
          expect(t.label.trim()).not.toBe('');
          expect(t.source.trim()).not.toBe('');
        }
      });
    });
  }
});

// Reference figures from /work/shared/reference/README.md (the project's source of these files):
// - nrm_referrals_2023q4_detail: "Non-zero cells only; sums to 4,141."
// - idmg2012_referrals_by_police_region_2011: "The rows sum to 931 while the release states a total of 946."
describe('reference figures (from the reference README)', () => {
  it('2023 Q4 detail referrals sum to 4,141, the stated total', () => {
    const sum = columnSum('nrm_referrals_2023q4_detail', 'referrals');
    expect(sum).toBe(4141);
    const stated = byId('nrm_referrals_2023q4_detail').statedTotals?.find((t) => t.column === 'referrals');
    expect(stated?.value).toBe(sum);
  });

  it('2011 police-region rows sum to 931, short of the stated 946', () => {
    const sum = columnSum('idmg2012_referrals_by_police_region_2011', 'referrals_2011');
    expect(sum).toBe(931);
    const stated = byId('idmg2012_referrals_by_police_region_2011').statedTotals?.find(
      (t) => t.column === 'referrals_2011',
    );
    expect(stated?.value).toBe(946);
    expect((stated?.value ?? 0) - sum).toBe(15);
    expect(byId('idmg2012_referrals_by_police_region_2011').notes.join(' ')).toMatch(/931.*946/);
  });

  it('2011 appears in its vintages: 946 first published, 936 current series', () => {
    const { header, data } = load(byId('nrm_annual_totals_vintages').file);
    const row = data.find((r) => r[header.indexOf('year')] === '2011');
    expect(row?.[header.indexOf('total_first_published')]).toBe('946');
    expect(row?.[header.indexOf('total_current_series')]).toBe('936');
  });
});
