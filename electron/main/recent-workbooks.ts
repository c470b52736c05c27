// Main-process layer, pure (Node, no Electron): the recent workbooks list behind File › Open Recent and the
// 'workbook:recent' channel. It is a small JSON file in the app's user-data folder, rewritten atomically; what is
// read back is checked (absolute paths only, no duplicates, at most ten) and files no longer on disk are dropped.
// The list holds paths, so it stays in the main process: the page gets tokens.
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute } from 'node:path';
import { writeFileAtomically } from './workbook-disk.ts';

export const RECENT_MAX = 10;
const PATH_MAX = 4096;

const isGoodPath = (p: unknown): p is string => typeof p === 'string' && p.length > 0 && p.length <= PATH_MAX && !p.includes('\u0000') && isAbsolute(p);

/** The paths in a parsed recent-workbooks.json (`{ "paths": [...] }`); anything malformed is left out. */
export function parseRecent(raw: unknown): string[] {
  const paths = (raw as { paths?: unknown } | null)?.paths;
  if (!Array.isArray(paths)) return [];
  return [...new Set(paths.filter(isGoodPath))].slice(0, RECENT_MAX);
}

/** `path` first, once; the oldest drop off past RECENT_MAX. */
export function withRecent(list: readonly string[], path: string): string[] {
  return [path, ...list.filter((p) => p !== path)].slice(0, RECENT_MAX);
}

/** Menu labels: the file's name, with its folder where two share a name; '&' doubled (menus read it as a mnemonic). */
export function recentLabels(list: readonly string[]): string[] {
  const names = list.map((p) => basename(p));
  return list.map((p, i) => {
    const name = names[i]!;
    const label = names.filter((n) => n === name).length > 1 ? `${name} — ${dirname(p)}` : name;
    return label.replaceAll('&', '&&');
  });
}

const isFile = (path: string) => stat(path).then((s) => s.isFile(), () => false);

/** The list on disk; `exists` decides what is still there (a real stat by default). */
export class RecentWorkbooks {
  private cache: string[] | null = null;

  constructor(
    private readonly file: string,
    private readonly exists: (path: string) => Promise<boolean> = isFile,
  ) {}

  /** The workbooks that still exist, newest first; a gone one is taken off the list (and the file). */
  async list(): Promise<string[]> {
    const stored = this.cache ?? parseRecent(await this.readStored());
    const present: string[] = [];
    for (const path of stored) if (await this.exists(path)) present.push(path);
    if (this.cache === null || present.length !== stored.length) await this.store(present);
    return present;
  }

  private async readStored(): Promise<unknown> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as unknown;
    } catch {
      return null; // none yet, or damaged: start a new list
    }
  }

  /** A workbook just opened or saved goes first. */
  async add(path: string): Promise<void> {
    if (!isGoodPath(path)) return;
    await this.store(withRecent(await this.list(), path));
  }

  async remove(path: string): Promise<void> {
    await this.store((await this.list()).filter((p) => p !== path));
  }

  async clear(): Promise<void> {
    await this.store([]);
  }

  private async store(list: string[]): Promise<void> {
    this.cache = list;
    // The list is a convenience: a folder that cannot be written leaves it for this session only.
    await writeFileAtomically(this.file, new TextEncoder().encode(`${JSON.stringify({ paths: list }, null, 1)}\n`)).catch(() => undefined);
  }
}
