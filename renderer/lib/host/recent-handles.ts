// Host layer: the workbooks this browser opened or saved lately, for File › Recent workbooks in web mode. Chromium's
// file handles can be kept in IndexedDB (they are structured-cloneable) and reopened later after the browser asks
// for permission again; a browser without them (download and file input) has nothing to list. Ten at most, newest
// first; a handle whose file is gone is dropped when it fails to open.
export interface RecentEntry {
  id: string;
  name: string;
  usedAt: string;
}

interface Stored extends RecentEntry {
  handle: FileSystemFileHandle;
}

const DB = 'idmg-workbench';
const STORE = 'recent-workbooks';
const KEPT = 10;

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function open(): Promise<IDBDatabase | null> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(null);
  const r = indexedDB.open(DB, 1);
  r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: 'id' });
  return request(r).catch(() => null);
}

async function withStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => Promise<T>, fallback: T): Promise<T> {
  const db = await open();
  if (!db) return fallback;
  try {
    return await work(db.transaction(STORE, mode).objectStore(STORE));
  } catch {
    return fallback; // a recent list that cannot be read or written is only a convenience: never an error
  } finally {
    db.close();
  }
}

async function all(store: IDBObjectStore): Promise<Stored[]> {
  const items = (await request(store.getAll())) as Stored[];
  return items.filter((x) => typeof x?.id === 'string' && typeof x.name === 'string' && x.handle).sort((a, b) => b.usedAt.localeCompare(a.usedAt));
}

export async function recentWorkbooks(): Promise<RecentEntry[]> {
  return withStore('readonly', async (store) => (await all(store)).map(({ id, name, usedAt }) => ({ id, name, usedAt })), []);
}

/** Puts a handle first (the same file already listed moves up), keeping the newest ten. */
export async function rememberHandle(handle: FileSystemFileHandle, usedAt: string): Promise<void> {
  const items = await withStore('readonly', all, []);
  // Compared before the writing transaction opens: one kept open across other awaits would close under us.
  const same: string[] = [];
  for (const item of items) if (await item.handle.isSameEntry(handle).catch(() => false)) same.push(item.id);
  const others = items.filter((x) => !same.includes(x.id));
  const id = globalThis.crypto?.randomUUID?.() ?? `${usedAt}-${Math.random().toString(36).slice(2)}`;
  await withStore('readwrite', async (store) => {
    for (const old of [...same, ...others.slice(KEPT - 1).map((x) => x.id)]) store.delete(old);
    await request(store.put({ id, name: handle.name, usedAt, handle } satisfies Stored));
  }, undefined);
}

export async function recentHandle(id: string): Promise<FileSystemFileHandle | null> {
  return withStore('readonly', async (store) => ((await request(store.get(id))) as Stored | undefined)?.handle ?? null, null);
}

export async function forgetHandle(id: string): Promise<void> {
  await withStore('readwrite', async (store) => void store.delete(id), undefined);
}
