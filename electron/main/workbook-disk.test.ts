// Saving a workbook to disk, with real files in a temp folder: the bytes arrive whole, an existing file is replaced
// whole (its permissions kept), no temporary file is left behind, and a save that fails leaves the old file as it was.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiskError, SaveGrants, diskProblemKind, withExtension, writeFileAtomically } from './workbook-disk.ts';

const dir = mkdtempSync(join(tmpdir(), 'workbook-disk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomically', () => {
  it('writes a new file whole and leaves nothing else in the folder', async () => {
    const folder = join(dir, 'new');
    mkdirSync(folder);
    const bytes = Uint8Array.from({ length: 3 * 1024 * 1024 + 5 }, (_, i) => (i * 7) % 253);
    await writeFileAtomically(join(folder, 'Quarterly.idmgwb'), bytes);
    expect(Buffer.compare(readFileSync(join(folder, 'Quarterly.idmgwb')), bytes)).toBe(0);
    expect(readdirSync(folder)).toEqual(['Quarterly.idmgwb']);
  });

  it('replaces an existing file and keeps its permissions', async () => {
    const path = join(dir, 'existing.idmgwb');
    writeFileSync(path, 'old contents, longer than the new ones');
    chmodSync(path, 0o600);
    await writeFileAtomically(path, new TextEncoder().encode('new'));
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('leaves the old file whole and no temporary file when the save fails', async () => {
    const folder = join(dir, 'failing');
    mkdirSync(folder);
    const path = join(folder, 'kept.idmgwb');
    writeFileSync(path, 'the saved workbook');
    let during = '';
    const stop = async (temp: string) => {
      during = `${readFileSync(path, 'utf8')} | ${readFileSync(temp, 'utf8')}`;
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    };
    const error = await writeFileAtomically(path, new TextEncoder().encode('half a new workbook'), { beforeRename: stop }).catch((e: unknown) => e);
    expect(during).toBe('the saved workbook | half a new workbook');
    expect(diskProblemKind(error)).toBe('disk-full');
    expect(readdirSync(folder)).toEqual(['kept.idmgwb']);
    expect(readFileSync(path, 'utf8')).toBe('the saved workbook');
  });

  it('says by kind why it could not write', async () => {
    await expect(writeFileAtomically(join(dir, 'no such folder', 'a.idmgwb'), new Uint8Array(1))).rejects.toSatisfy((e) => diskProblemKind(e) === 'folder-gone');
    mkdirSync(join(dir, 'a folder.idmgwb'));
    await expect(writeFileAtomically(join(dir, 'a folder.idmgwb'), new Uint8Array(1))).rejects.toSatisfy((e) => diskProblemKind(e) === 'not-allowed');
    await expect(writeFileAtomically('relative.idmgwb', new Uint8Array(1))).rejects.toBeInstanceOf(DiskError);
    expect(diskProblemKind(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe('not-allowed');
    expect(diskProblemKind(new Error('x'))).toBe('failed');
  });
});

describe('SaveGrants', () => {
  it('keeps the path behind a token, and refuses a token it does not know, by kind', () => {
    const grants = new SaveGrants();
    const token = grants.allow(join(dir, 'a.idmgwb'));
    expect(grants.path(token)).toBe(join(dir, 'a.idmgwb'));
    const reused = '0f0e0d0c-0b0a-4908-8706-050403020100';
    expect(grants.allow(join(dir, 'b.idmgwb'), reused)).toBe(reused);
    expect(() => grants.path('00000000-0000-0000-0000-000000000000')).toThrow(expect.objectContaining({ kind: 'grant-expired' }));
    expect(() => grants.allow('relative.idmgwb')).toThrow(DiskError);
    expect(() => grants.allow(join(dir, 'c.idmgwb'), 'not-a-token')).toThrow(DiskError);
  });

  it('keeps the latest 64', () => {
    const grants = new SaveGrants();
    const first = grants.allow(join(dir, 'first.idmgwb'));
    for (let i = 0; i < 64; i++) grants.allow(join(dir, `${i}.idmgwb`));
    expect(() => grants.path(first)).toThrow(expect.objectContaining({ kind: 'grant-expired' }));
  });
});

describe('withExtension', () => {
  it('adds the workbook extension only when it is missing', () => {
    expect(withExtension('/home/a/Quarterly', 'idmgwb')).toBe('/home/a/Quarterly.idmgwb');
    expect(withExtension('/home/a/Quarterly.IDMGWB', 'idmgwb')).toBe('/home/a/Quarterly.IDMGWB');
  });
});
