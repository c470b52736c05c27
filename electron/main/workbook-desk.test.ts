// The desktop's workbook files end to end in Node, with real files: open grants one token the page both reads and
// saves by, Save As writes where the dialog chose (extension added), both put the file first in the recent list,
// problems come back by kind, and commands for a page not yet loaded wait for it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileGrants } from './file-grants.ts';
import { RecentWorkbooks } from './recent-workbooks.ts';
import { SaveGrants } from './workbook-disk.ts';
import { PageDoor, WorkbookDesk } from './workbook-desk.ts';

const dir = mkdtempSync(join(tmpdir(), 'desk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function desk(name: string) {
  const remembered: string[] = [];
  const recent = new RecentWorkbooks(join(dir, `${name}-recent.json`));
  return { remembered, recent, desk: new WorkbookDesk({ grants: new FileGrants(), saves: new SaveGrants(), recent, remembered: (p) => remembered.push(p) }) };
}
const text = (s: string) => new TextEncoder().encode(s);

describe('WorkbookDesk', () => {
  it('opens a workbook under one token to read and to save back over, and remembers it', async () => {
    const path = join(dir, 'Quarterly.idmgwb');
    writeFileSync(path, 'version one');
    const { desk: d, remembered, recent } = desk('open');
    const picked = await d.open(path);
    expect(picked).toMatchObject({ name: 'Quarterly.idmgwb', size: 11 });
    expect(JSON.stringify(picked)).not.toContain(dir);
    const saved = await d.save(text('version two'), picked.token, async () => { throw new Error('no dialog for a Save'); });
    expect(saved).toEqual({ token: picked.token, name: 'Quarterly.idmgwb' });
    expect(readFileSync(path, 'utf8')).toBe('version two');
    expect(remembered).toEqual([path, path]);
    expect(await recent.list()).toEqual([path]);
  });

  it('saves a new workbook where the dialog chose, adding the extension, or not at all when cancelled', async () => {
    const { desk: d, recent } = desk('save-as');
    expect(await d.save(text('x'), null, async () => null)).toBeNull();
    const saved = await d.save(text('first save'), null, async () => join(dir, 'New tables'));
    expect(saved).toMatchObject({ name: 'New tables.idmgwb' });
    expect(readFileSync(join(dir, 'New tables.idmgwb'), 'utf8')).toBe('first save');
    const chosen = d.allowSave(join(dir, 'Chosen first.idmgwb'));
    expect(await d.save(text('chosen, then written'), chosen.token, async () => null)).toEqual(chosen);
    expect(await recent.list()).toEqual([join(dir, 'Chosen first.idmgwb'), join(dir, 'New tables.idmgwb')]);
  });

  it('returns a problem by kind, never a half file', async () => {
    const { desk: d } = desk('problems');
    expect(await d.save(text('x'), '00000000-0000-0000-0000-000000000000', async () => null)).toMatchObject({ problem: 'grant-expired' });
    expect(await d.save(text('x'), null, async () => join(dir, 'missing folder', 'a.idmgwb'))).toMatchObject({ problem: 'folder-gone' });
  });

  it('lists the recent workbooks still on disk as tokens the page can open and save by', async () => {
    const { desk: d } = desk('recent');
    const [a, b] = [join(dir, 'r-a.idmgwb'), join(dir, 'r-b.idmgwb')];
    writeFileSync(a, 'a');
    writeFileSync(b, 'b');
    await d.open(a);
    await d.open(b);
    rmSync(a);
    const files = await d.recentFiles();
    expect(files.map((f) => f.name)).toEqual(['r-b.idmgwb']);
    expect(await d.save(text('b2'), files[0]!.token, async () => null)).toMatchObject({ name: 'r-b.idmgwb' });
    expect(readFileSync(b, 'utf8')).toBe('b2');
  });
});

describe('PageDoor', () => {
  it('keeps messages until the page has loaded, and again while it reloads', () => {
    const door = new PageDoor<string>();
    const got: string[] = [];
    door.post('before load');
    door.opened((m) => got.push(m));
    door.post('after');
    door.closed();
    door.post('during reload');
    expect(got).toEqual(['before load', 'after']);
    door.opened((m) => got.push(m));
    expect(got).toEqual(['before load', 'after', 'during reload']);
  });
});
