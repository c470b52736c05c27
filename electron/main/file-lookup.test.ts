// Tests for the realpath containment check, on a real temp folder with real symlinks: what resolves inside the
// root is served as its real file; what resolves outside is 'outside' whatever the textual path looked like.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { lookupFileInside } from './file-lookup.ts';

let base: string;
let root: string;

beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'workbench-lookup-')));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(base, 'secret.txt'), 'outside');
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'x.js'), 'evil');
  symlinkSync(join(base, 'secret.txt'), join(root, 'leak.txt'));
  symlinkSync(join(base, 'renderer-evil'), join(root, 'assets', 'prefix-twin'));
  symlinkSync('../index.html', join(root, 'assets', 'up.html'));
  symlinkSync(join(root, 'nowhere'), join(root, 'dangling'));
  // A root reached through a symlink of its own still serves its files.
  symlinkSync(root, join(base, 'root-link'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('lookupFileInside', () => {
  it('finds regular files inside the root by their real path', () => {
    expect(lookupFileInside(root, join(root, 'index.html'))).toEqual({ kind: 'file', path: join(root, 'index.html') });
    expect(lookupFileInside(root, join(root, 'assets', 'up.html'))).toEqual({ kind: 'file', path: join(root, 'index.html') });
    expect(lookupFileInside(join(base, 'root-link'), join(base, 'root-link', 'index.html'))).toEqual({ kind: 'file', path: join(root, 'index.html') });
  });

  it('calls a symlink leading out of the root "outside", including a sibling that shares its name as a prefix', () => {
    expect(lookupFileInside(root, join(root, 'leak.txt'))).toEqual({ kind: 'outside' });
    expect(lookupFileInside(root, join(root, 'assets', 'prefix-twin', 'x.js'))).toEqual({ kind: 'outside' });
  });

  it('calls folders, missing files, dangling links and a missing root "missing"', () => {
    expect(lookupFileInside(root, join(root, 'assets'))).toEqual({ kind: 'missing' });
    expect(lookupFileInside(root, join(root, 'absent.js'))).toEqual({ kind: 'missing' });
    expect(lookupFileInside(root, join(root, 'dangling'))).toEqual({ kind: 'missing' });
    expect(lookupFileInside(join(base, 'no-root'), join(base, 'no-root', 'index.html'))).toEqual({ kind: 'missing' });
  });
});
