// Script layer (`npm start`): build everything, then open the desktop app — or, when Electron's binary is absent
// (offline installs cannot download it), say so in one line and serve web mode instead. Children inherit stdio;
// their exit codes and signals pass through (script-tools.mjs).
import { binOf, buildAll, electronBinary, exitLike, run } from './script-tools.mjs';

const build = await buildAll('start');
if (build.signal || build.code !== 0) exitLike(build);
else {
  const binary = electronBinary();
  if (binary) {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE; // would start Electron as plain Node and ignore our main process
    exitLike(await run('start', binary, ['.'], env));
  } else {
    console.log("Electron's binary is not installed (offline install), starting web mode instead.");
    exitLike(await run('start', process.execPath, [binOf('tsx', 'tsx'), 'scripts/serve.ts']));
  }
}
