// The recovery copy's records: a window that is gone (its lock free) and left unsaved work is offered back; a live
// window's record, this window's own, and a record with nothing unsaved are not; a record this version cannot read
// is left where it is.
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../tests/unit/memory-storage.ts';
import { Recovery } from './recovery.ts';

/** Web Locks as the browser keeps them: a lock is held while its callback's promise is pending. */
class Locks {
  readonly held = new Set<string>();
  async request(name: string, callback: () => Promise<void>): Promise<void> {
    this.held.add(name);
    await callback().finally(() => this.held.delete(name));
  }
  async query(): Promise<LockManagerSnapshot> {
    return { held: [...this.held].map((name) => ({ name, mode: 'exclusive' as const, clientId: 'x' })), pending: [] };
  }
}

const record = (dirty: boolean, tabs: number) => ({
  workbookId: 'wb-1', name: 'Quarterly tables', fileName: 'q.idmgwb', dirty, updatedAt: '2026-12-02T10:00:00.000Z',
  tabs: Array.from({ length: tabs }, (_, i) => ({ kind: 'sql' as const, title: `SQL ${i + 1}`, sql: 'SELECT 1', savedName: null })),
});

describe('recovery records', () => {
  it('offers the work of a window that is gone, never of a live one or this one', async () => {
    const storage = new MemoryStorage();
    const locks = new Locks();
    const gone = new Recovery(storage, locks as unknown as LockManager);
    gone.write(record(true, 2));
    const live = new Recovery(storage, locks as unknown as LockManager);
    await live.claim();
    live.write(record(true, 1));
    const me = new Recovery(storage, locks as unknown as LockManager);
    await me.claim();
    me.write(record(true, 1));
    const offers = await me.orphans();
    expect(offers.map((o) => o.windowId)).toEqual([gone.windowId]);
    expect(offers[0]!.tabs.map((t) => t.title)).toEqual(['SQL 1', 'SQL 2']);
    me.discard(gone.windowId);
    expect(await me.orphans()).toEqual([]);
  });

  it('forgets a gone window that left nothing unsaved, and leaves an unreadable record alone', async () => {
    const storage = new MemoryStorage();
    const locks = new Locks() as unknown as LockManager;
    const clean = new Recovery(storage, locks);
    clean.write(record(false, 0));
    storage.setItem('idmg-workbench.session.broken', '{"version":1,"windowId":"broken","workbookId":"","name":"x","tabs":[{"kind":"terminal"}]}');
    const me = new Recovery(storage, locks);
    expect(await me.orphans()).toEqual([]);
    expect(storage.getItem(`idmg-workbench.session.${clean.windowId}`)).toBeNull();
    expect(storage.getItem('idmg-workbench.session.broken')).not.toBeNull();
  });

  it('says which windows closed normally, and keeps one that had another workbook open even with nothing unsaved', async () => {
    const storage = new MemoryStorage();
    const locks = new Locks() as unknown as LockManager;
    const crashed = new Recovery(storage, locks);
    crashed.write({ ...record(true, 1), updatedAt: '2026-12-02T09:00:00.000Z' });
    const reloaded = new Recovery(storage, locks);
    reloaded.write(record(false, 0), true);
    const firstWorkbook = new Recovery(storage, locks);
    firstWorkbook.write({ ...record(false, 0), workbookId: '' }, true);
    const me = new Recovery(storage, locks);
    const gone = await me.orphans();
    expect(gone.map((r) => [r.windowId, r.closed])).toEqual([[reloaded.windowId, true], [crashed.windowId, false]]);
    expect(storage.getItem(`idmg-workbench.session.${firstWorkbook.windowId}`)).toBeNull();
  });
});
