// Packaging configuration (electron-builder, run by `npm run package` through scripts/package.ts). It packs the
// already-built out/ folder — main, preload and the renderer with every dataset and wasm file bundled in by Vite —
// into app.asar, and flips Electron's fuses so the packaged binary cannot be turned into a plain Node runtime or
// a debugger target, and loads only the integrity-checked asar. Production dependencies are bundled into out/ by
// Vite, so node_modules is left out of the package except the native engine (NATIVE_ENGINE_MODULES), which
// out/main/engine-host.js loads at run time. scripts/packaging.test.ts asserts every fuse and file rule below.
import type { Configuration } from 'electron-builder';
import { WORKBOOK_FILE_EXTENSION, WORKBOOK_FILE_MIME } from './electron/contract.ts';

/**
 * The native engine's packages: the JS API, its loader, and the per-platform addon (duckdb.node with libduckdb
 * beside it), which npm installs only for the machine it runs on — so a package is built on each target platform.
 */
export const NATIVE_ENGINE_MODULES = ['node_modules/@duckdb/node-api/**', 'node_modules/@duckdb/node-bindings/**', 'node_modules/@duckdb/node-bindings-*/**'];

const config: Configuration = {
  appId: 'org.idmg.workbench',
  productName: 'IDMG Workbench',
  directories: { output: 'release', buildResources: 'build' },
  // Rules apply in order, the last that matches wins: every other dependency is already bundled into out/.
  files: ['out/**/*', '!out/**/*.map', '!node_modules/**', ...NATIVE_ENGINE_MODULES],
  asar: true,
  // A native addon cannot be loaded from inside app.asar: Electron loads it from app.asar.unpacked, and the shared
  // library it links against ($ORIGIN) must sit beside it there.
  asarUnpack: ['node_modules/@duckdb/node-bindings-*/**'],
  // The one native module is an N-API prebuild (@duckdb/node-bindings-<platform>-<arch>), which needs no rebuild, and
  // @electron/rebuild 4 wants Node 22.12+ while the project supports Node 20.19+.
  npmRebuild: false,
  // The pinned Electron that npm installed (its binary fetched by scripts/electron-postinstall.mjs): packaging
  // never downloads another Electron, and packs the same version the app was tested with.
  electronDist: 'node_modules/electron/dist',
  electronFuses: {
    // ELECTRON_RUN_AS_NODE would make the signed app binary a general-purpose Node (the engine host is a
    // utilityProcess, which does not need it).
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // The page is served on app://, never file://: file pages get no extra powers.
    grantFileProtocolExtraPrivileges: false,
  },
  // Double-clicking a workbook opens it in the app (electron/main/launch-args.ts reads it from argv; macOS sends
  // 'open-file'). The MIME type registers the shared-mime-info entry on Linux.
  fileAssociations: [{ ext: WORKBOOK_FILE_EXTENSION, name: 'IDMG workbook', description: 'IDMG workbook', role: 'Editor', mimeType: WORKBOOK_FILE_MIME }],
  linux: { target: ['AppImage'], category: 'Office' },
  win: { target: ['nsis'] },
  mac: { target: ['dmg'], category: 'public.app-category.productivity' },
};

export default config;
