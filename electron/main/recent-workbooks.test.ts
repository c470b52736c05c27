// The recent workbooks list: what a damaged or hand-edited file can hold is checked, the newest comes first without
// duplicates and at most ten are kept, files gone from disk drop off, and the list survives a restart (real files).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RECENT_MAX, RecentWorkbooks, parseRecent, recentLabels, withRecent } from './recent-workbooks.ts';

const dir = mkdtempSync(join(tmpdir(), 'recent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('recent list logic', () => {
  it('reads only absolute paths, once each, at most ten', () => {
    const many = Array.from({ length: 14 }, (_, i) => `/w/${i}.idmgwb`);
    expect(parseRecent({ paths: ['/a.idmgwb', 'relative.idmgwb', 42, null, '/a.idmgwb', '/b\u0000.idmgwb', '/c.idmgwb'] })).toEqual(['/a.idmgwb', '/c.idmgwb']);
    expect(parseRecent({ paths: many })).toHaveLength(RECENT_MAX);
    for (const junk of [null, 'text', [], { paths: 'x' }, 7]) expect(parseRecent(junk)).toEqual([]);
  });

  it('puts the latest first, once, and lets the oldest go', () => {
    const list = Array.from({ length: 10 }, (_, i) => `/w/${i}.idmgwb`);
    expect(withRecent(list, '/w/3.idmgwb').slice(0, 3)).toEqual(['/w/3.idmgwb', '/w/0.idmgwb', '/w/1.idmgwb']);
    const added = withRecent(list, '/w/new.idmgwb');
    expect([added.length, added[0], added.at(-1)]).toEqual([10, '/w/new.idmgwb', '/w/8.idmgwb']);
  });

  it('labels by name, adds the folder where two names match, and keeps & visible', () => {
    expect(recentLabels(['/a/Q4.idmgwb', '/b/Q4.idmgwb', '/a/R&D.idmgwb'])).toEqual(['Q4.idmgwb — /a', 'Q4.idmgwb — /b', 'R&&D.idmgwb']);
  });
});

describe('RecentWorkbooks', () => {
  it('keeps the list across restarts and drops files that are gone', async () => {
    const file = join(dir, 'recent-workbooks.json');
    const [a, b] = [join(dir, 'a.idmgwb'), join(dir, 'b.idmgwb')];
    writeFileSync(a, 'a');
    writeFileSync(b, 'b');
    const recent = new RecentWorkbooks(file);
    expect(await recent.list()).toEqual([]);
    await recent.add(a);
    await recent.add(b);
    await recent.add(a);
    expect(await new RecentWorkbooks(file).list()).toEqual([a, b]);
    rmSync(b);
    expect(await new RecentWorkbooks(file).list()).toEqual([a]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ paths: [a] });
    await recent.remove(a);
    expect(await recent.list()).toEqual([]);
  });

  it('starts empty from a damaged file, and clears', async () => {
    const file = join(dir, 'damaged.json');
    writeFileSync(file, '{ not json');
    const recent = new RecentWorkbooks(file, async () => true);
    expect(await recent.list()).toEqual([]);
    await recent.add('/somewhere/x.idmgwb');
    await recent.add('relative.idmgwb');
    expect(await recent.list()).toEqual(['/somewhere/x.idmgwb']);
    await recent.clear();
    expect(await new RecentWorkbooks(file, async () => true).list()).toEqual([]);
  });
});
