// The files chosen in the native dialog, read by token a piece at a time as the page reads them: the bytes arrive
// exact, the page learns a name and never a path, and nothing outside a granted file — another token, a piece past
// the end, a huge piece — can be read.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IMPORT_READ_MAX } from '../contract.ts';
import { FileGrants } from './file-grants.ts';

const dir = mkdtempSync(join(tmpdir(), 'grants-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('FileGrants', () => {
  it('gives the page a token and a name, and the file comes back exact in pieces', async () => {
    const bytes = Uint8Array.from({ length: 9 * 1024 * 1024 + 17 }, (_, i) => (i * 31) % 251);
    const path = join(dir, 'cases 2023.csv');
    writeFileSync(path, bytes);
    const grants = new FileGrants();
    const picked = await grants.grant(path);
    expect(picked).toMatchObject({ name: 'cases 2023.csv', size: bytes.length });
    expect(JSON.stringify(picked)).not.toContain(dir);
    const pieces: Uint8Array[] = [];
    for (let offset = 0; offset < picked.size; offset += IMPORT_READ_MAX) pieces.push(await grants.read(picked.token, offset, IMPORT_READ_MAX));
    expect(pieces.map((p) => p.length)).toEqual([IMPORT_READ_MAX, 1024 * 1024 + 17]);
    expect(Buffer.compare(Buffer.concat(pieces), bytes)).toBe(0);
  });

  it('reads nothing it was not given', async () => {
    const path = join(dir, 'small.csv');
    writeFileSync(path, 'a,b\n1,2\n');
    const grants = new FileGrants();
    const { token } = await grants.grant(path);
    await expect(grants.read('00000000-0000-0000-0000-000000000000', 0, 4)).rejects.toThrow(/no longer available/);
    await expect(grants.read(token, 9, 1)).rejects.toThrow(/outside the file/);
    await expect(grants.read(token, -1, 1)).rejects.toThrow(/outside the file/);
    await expect(grants.read(token, 0, IMPORT_READ_MAX + 1)).rejects.toThrow(/too large/);
    expect(new TextDecoder().decode(await grants.read(token, 4, 100))).toBe('1,2\n');
    await expect(grants.grant(dir)).rejects.toThrow(/not a file/);
  });

  it('keeps only the latest few choices readable', async () => {
    const grants = new FileGrants();
    const path = join(dir, 'one.csv');
    writeFileSync(path, 'x\n1\n');
    const first = await grants.grant(path);
    for (let i = 0; i < 16; i++) await grants.grant(path);
    await expect(grants.read(first.token, 0, 1)).rejects.toThrow(/no longer available/);
  });
});
