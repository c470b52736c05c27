// Tests for the desktop packaging (electron-builder.config.ts, run by `npm run package`): every security fuse is
// set as intended, app.asar holds out/ and of node_modules only the native engine (its addon unpacked beside the
// archive), and a packaged app has no DevTools. The last block runs
// electron-builder for real on a small temp project whose stand-in Electron carries the real fuse sentinel, so it
// checks the config loads, passes electron-builder's own validation, and that the fuses land in the binary.
import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, Platform } from 'electron-builder';
import config, { NATIVE_ENGINE_MODULES } from '../electron-builder.config.ts';

const root = resolve(import.meta.dirname, '..');

/** @electron/fuses' marker: after it come the wire version (1), the wire length, then one byte a fuse. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse order in wire version 1 (@electron/fuses FuseV1Options). */
const WIRE_V1 = ['runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments', 'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot', 'grantFileProtocolExtraPrivileges'] as const;
/** Electron 41's own defaults, '1' on, '0' off: what an unpackaged binary would do. */
const ELECTRON_DEFAULTS = '10110001';

describe('electron-builder.config.ts', () => {
  it('flips every security fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('registers .idmgwb workbooks with the app (opened by a double-click)', () => {
    expect(config.fileAssociations).toEqual([{ ext: 'idmgwb', name: 'IDMG workbook', description: 'IDMG workbook', role: 'Editor', mimeType: 'application/vnd.idmg.workbook+zip' }]);
  });

  it('packs out/ into an asar without source maps, and of node_modules only the native engine, with the installed Electron', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['out/**/*', '!out/**/*.map', '!node_modules/**', ...NATIVE_ENGINE_MODULES]);
    expect(config.asarUnpack).toEqual(['node_modules/@duckdb/node-bindings-*/**']);
    expect(config.electronDist).toBe('node_modules/electron/dist');
    expect(config.npmRebuild).toBe(false);
    expect((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string }).main).toBe('out/main/index.js');
  });

  it('gives a packaged app no DevTools: the window, the session and the menu all ask app.isPackaged', () => {
    const source = (file: string): string => readFileSync(join(root, 'electron', 'main', file), 'utf8');
    expect(source('window.ts')).toMatch(/^\s*devTools: !app\.isPackaged,$/m);
    expect(source('security.ts')).toContain('allowDevTools: !app.isPackaged');
    expect(source('menu.ts')).toContain('isPackaged: app.isPackaged');
  });
});

function fuseWire(binary: Buffer): { version: number; states: string } {
  const at = binary.indexOf(SENTINEL) + SENTINEL.length;
  const length = binary[at + 1] ?? 0;
  return { version: binary[at] ?? -1, states: binary.subarray(at + 2, at + 2 + length).toString('latin1') };
}

/** The file list of an asar archive: a pickled JSON header (its length at byte 12, the JSON from byte 16). */
function asarPaths(archive: Buffer): string[] {
  const header = JSON.parse(archive.subarray(16, 16 + archive.readUInt32LE(12)).toString('utf8')) as { files: Record<string, unknown> };
  const paths: string[] = [];
  const walk = (files: Record<string, unknown>, prefix: string): void => {
    for (const [name, entry] of Object.entries(files)) {
      const nested = (entry as { files?: Record<string, unknown> }).files;
      if (nested) walk(nested, `${prefix}${name}/`);
      else paths.push(`${prefix}${name}`);
    }
  };
  walk(header.files, '');
  return paths;
}

describe('packaging for real (stand-in Electron binary, Linux dir target)', () => {
  it('loads the config, validates it, packs out/ and flips the fuses in the binary', { timeout: 180_000 }, async () => {
    const project = mkdtempSync(join(tmpdir(), 'workbench-package-'));
    try {
      const dist = join(project, 'electron-dist');
      mkdirSync(dist);
      const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, WIRE_V1.length]), Buffer.from(ELECTRON_DEFAULTS)]);
      writeFileSync(join(dist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), Buffer.alloc(64), wire, Buffer.alloc(64)]));
      chmodSync(join(dist, 'electron'), 0o755);
      writeFileSync(join(dist, 'version'), '41.7.1');
      const app = join(project, 'app');
      for (const dir of ['out/main', 'out/renderer', 'node_modules/decoy']) mkdirSync(join(app, dir), { recursive: true });
      // Stand-ins for the native engine's three packages, named and laid out as npm installs them.
      const binding = '@duckdb/node-bindings-linux-x64';
      const stand = (name: string, files: Record<string, string>, dependencies: Record<string, string> = {}): void => {
        mkdirSync(join(app, 'node_modules', name), { recursive: true });
        writeFileSync(join(app, 'node_modules', name, 'package.json'), JSON.stringify({ name, version: '1.4.3', main: Object.keys(files)[0], dependencies }));
        for (const [file, text] of Object.entries(files)) writeFileSync(join(app, 'node_modules', name, file), text);
      };
      stand('@duckdb/node-api', { 'index.js': 'module.exports = require("@duckdb/node-bindings");' }, { '@duckdb/node-bindings': '1.4.3' });
      stand('@duckdb/node-bindings', { 'duckdb.js': `module.exports = require("${binding}/duckdb.node");` }, { [binding]: '1.4.3' });
      stand(binding, { 'duckdb.node': 'addon', 'libduckdb.so': 'library' });
      writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pack-test', productName: 'Pack Test', version: '1.0.0', main: 'out/main/index.js', author: 'test', dependencies: { decoy: '1.0.0', '@duckdb/node-api': '1.4.3' } }));
      writeFileSync(join(app, 'out/main/index.js'), 'export {};');
      writeFileSync(join(app, 'out/main/index.js.map'), '{}');
      writeFileSync(join(app, 'out/renderer/index.html'), '<!doctype html>');
      writeFileSync(join(app, 'node_modules/decoy/package.json'), JSON.stringify({ name: 'decoy', version: '1.0.0', main: 'index.js' }));
      writeFileSync(join(app, 'node_modules/decoy/index.js'), 'module.exports = 1;');
      // The real config file, loaded by electron-builder itself as `npm run package` does; only where it finds
      // Electron and where it writes differ.
      writeFileSync(
        join(app, 'electron-builder.config.ts'),
        `import base from ${JSON.stringify(join(root, 'electron-builder.config.ts'))};\n` +
          `export default { ...base, electronDist: ${JSON.stringify(dist)}, electronVersion: '41.7.1', directories: { ...base.directories, output: ${JSON.stringify(join(project, 'release'))} } };\n`,
      );
      await build({ projectDir: app, config: join(app, 'electron-builder.config.ts'), targets: Platform.LINUX.createTarget('dir'), publish: 'never' });

      const unpacked = join(project, 'release', 'linux-unpacked');
      const { version, states } = fuseWire(readFileSync(join(unpacked, 'pack-test')));
      expect(version).toBe(1);
      const expected = WIRE_V1.map((name, i) => {
        const set = config.electronFuses?.[name];
        return set === undefined ? ELECTRON_DEFAULTS[i] : set ? '1' : '0';
      }).join('');
      expect(states).toBe(expected);
      expect(states).not.toBe(ELECTRON_DEFAULTS);
      expect(readFileSync(join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', binding, 'duckdb.node'), 'utf8')).toBe('addon');
      expect(readFileSync(join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', binding, 'libduckdb.so'), 'utf8')).toBe('library');

      const paths = asarPaths(readFileSync(join(unpacked, 'resources', 'app.asar')));
      expect(paths).toContain('out/main/index.js');
      expect(paths).toContain('out/renderer/index.html');
      expect(paths).toContain('package.json');
      expect(paths).toContain('node_modules/@duckdb/node-api/index.js');
      expect(paths).toContain('node_modules/@duckdb/node-bindings/duckdb.js');
      // Listed in the archive as unpacked: Electron's require finds it there and loads it from app.asar.unpacked.
      expect(paths).toContain(`node_modules/${binding}/duckdb.node`);
      const engine = (p: string): boolean => p.startsWith('node_modules/@duckdb/node-');
      expect(paths.filter((p) => (p.includes('node_modules') && !engine(p)) || p.endsWith('.map') || p.includes('electron-builder'))).toEqual([]);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
