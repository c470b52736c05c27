// A file chosen in the desktop app, read through the preload's calls a piece at a time (here answered from a real
// file on disk, as the main process answers them): the File holds the bytes exactly, under the chosen name and time.
import { mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPickedFile } from './picked-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'picked-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readPickedFile', () => {
  it('builds the File a piece at a time, bytes exact, with progress to the end', async () => {
    const bytes = Uint8Array.from({ length: 9 * 1024 * 1024 + 17 }, (_, i) => (i * 31) % 251);
    const path = join(dir, 'cases.csv');
    writeFileSync(path, bytes);
    const fd = openSync(path, 'r');
    const calls: [number, number][] = [];
    const readImportFile = async (_token: string, offset: number, length: number) => {
      calls.push([offset, length]);
      const out = new Uint8Array(length);
      return out.subarray(0, readSync(fd, out, 0, length, offset));
    };
    const fractions: number[] = [];
    const file = await readPickedFile({ readImportFile }, { token: 't', name: 'cases.csv', size: bytes.length, lastModified: 1_700_000_000_000 }, (f) => fractions.push(f));
    expect([file.name, file.size, file.lastModified]).toEqual(['cases.csv', bytes.length, 1_700_000_000_000]);
    expect(Buffer.compare(Buffer.from(await file.arrayBuffer()), Buffer.from(bytes))).toBe(0);
    expect(calls.every(([, l]) => l <= 4 * 1024 * 1024)).toBe(true);
    expect(fractions.at(-1)).toBe(1);
  });

  it('says so when the file shrinks while it is read', async () => {
    const picked = { token: 't', name: 'gone.csv', size: 100, lastModified: 0 };
    await expect(readPickedFile({ readImportFile: async () => new Uint8Array() }, picked)).rejects.toThrow(/became shorter/);
  });
});
