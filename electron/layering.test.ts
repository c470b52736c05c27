// Tests for the import rules of the Electron side (architecture.md): the contract imports nothing, the preload
// only 'electron' and the contract, main never the renderer or preload, and the pure main modules never Electron.
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const here = import.meta.dirname;

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('electron layering', () => {
  it('finds imports (self-check of the regex)', () => {
    expect(importsOf(join(here, 'main', 'ipc.ts'))).toEqual(['electron', '../contract.ts', './ipc-core.ts']);
  });

  it('contract.ts imports nothing', () => {
    expect(importsOf(join(here, 'contract.ts'))).toEqual([]);
  });

  it('the preload imports only electron and the contract', () => {
    for (const file of sources(join(here, 'preload'))) {
      expect(importsOf(file).filter((s) => s !== 'electron' && s !== '../contract.ts'), file).toEqual([]);
    }
  });

  it('main never imports the renderer or the preload', () => {
    for (const file of sources(join(here, 'main'))) {
      const bad = importsOf(file).filter((s) => /renderer|preload/.test(s));
      expect(bad, relative(here, file)).toEqual([]);
    }
  });

  it('the pure main modules do not import electron', () => {
    for (const name of ['app-url.ts', 'ipc-core.ts', 'protocol-core.ts', 'menu-template.ts', 'headers.ts', 'static-files.ts']) {
      expect(importsOf(join(here, 'main', name)), name).not.toContain('electron');
    }
  });
});
