// Run by `npm install` (root postinstall): fetch Electron's binary where there is internet. npm 11 skips
// dependency install scripts, so Electron's own installer never runs unless we call it. Offline, say so in one
// line and succeed: the workbench then runs in web mode (`npm start` falls back, `npm run web` always works).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let dir;
try {
  dir = dirname(require.resolve('electron/package.json'));
} catch {
  process.exit(0); // production install without devDependencies: nothing to do
}
if (existsSync(join(dir, 'path.txt'))) process.exit(0); // binary already installed
if (process.env.CI || process.env.WORKBENCH_SKIP_ELECTRON_DOWNLOAD) {
  console.log('electron: binary not downloaded (CI or WORKBENCH_SKIP_ELECTRON_DOWNLOAD); web mode still works.');
  process.exit(0);
}
const run = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'pipe', timeout: 120_000 });
if (run.status === 0 && existsSync(join(dir, 'path.txt'))) {
  console.log('electron: binary installed.');
} else {
  console.log('electron: the binary could not be downloaded (offline?); `npm start` will use web mode. Retry later with `node node_modules/electron/install.js`.');
}
process.exit(0);
