// Packaging configuration (electron-builder, run by `npm run package` through scripts/package.ts). It packs the
// already-built out/ folder — main, preload and the renderer with every dataset and wasm file bundled in by Vite —
// into app.asar, and flips Electron's fuses so the packaged binary cannot be turned into a plain Node runtime or
// a debugger target, and loads only the integrity-checked asar. Production dependencies are bundled into out/ by
// Vite, so node_modules is left out of the package. scripts/packaging.test.ts asserts every fuse below.
import type { Configuration } from 'electron-builder';
import { WORKBOOK_FILE_EXTENSION, WORKBOOK_FILE_MIME } from './electron/contract.ts';

const config: Configuration = {
  appId: 'org.idmg.workbench',
  productName: 'IDMG Workbench',
  directories: { output: 'release', buildResources: 'build' },
  files: ['out/**/*', '!out/**/*.map', '!node_modules/**'],
  asar: true,
  // Nothing native is packed (node_modules stays out; N-API prebuilds such as @duckdb/node-api need no rebuild), and
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
