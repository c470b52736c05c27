// Script layer (`npm run package`): build everything, then package the desktop app with electron-builder
// (electron-builder.config.ts: app.asar of out/, fuses flipped). Packaging uses the Electron binary installed in
// node_modules (the config's electronDist), so where that binary is absent — offline installs cannot download it —
// this stops before building, with one line saying what to do.
import { binOf, buildAll, electronBinary, exitLike, run } from './script-tools.mjs';

if (electronBinary() === null) {
  console.error("package: Electron's binary is not installed (offline install), so there is nothing to package; with internet run `node node_modules/electron/install.js`, then `npm run package` again.");
  process.exit(1);
}
const build = await buildAll('package');
if (build.signal || build.code !== 0) exitLike(build);
else exitLike(await run('package', process.execPath, [binOf('electron-builder', 'electron-builder'), '--config', 'electron-builder.config.ts', '--publish', 'never']));
