// Script layer (`npm start`): build everything, then open the desktop app — or, when Electron's binary is absent
// (offline installs cannot download it), say so in one line and serve web mode instead. Children inherit stdio;
// their exit codes and signals pass through, so Ctrl+C and CI see what really happened.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));

/** Absolute path of a package's CLI, run with this Node (no npx/shell differences between platforms). */
function binOf(pkg, name) {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return join(dirname(manifestPath), typeof bin === 'string' ? bin : bin[name]);
}

/** The Electron executable if its installer has run (path.txt names it inside dist/), else null. */
function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathTxt = join(dir, 'path.txt');
    if (!existsSync(pathTxt)) return null;
    const binary = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Runs a child to completion, forwarding termination signals; resolves with its code or signal. */
function run(command, args, env = process.env) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    const forward = (signal) => child.kill(signal);
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const s of signals) process.on(s, forward);
    child.on('error', (error) => {
      console.error(`start: could not run ${command}: ${error.message}`);
      done({ code: 1, signal: null });
    });
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      done({ code, signal });
    });
  });
}

function exitLike({ code, signal }) {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
}

const build = await run(process.execPath, [binOf('electron-vite', 'electron-vite'), 'build', '-c', 'electron.config.ts']);
if (build.signal || build.code !== 0) exitLike(build);
else {
  const binary = electronBinary();
  if (binary) {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE; // would start Electron as plain Node and ignore our main process
    exitLike(await run(binary, ['.'], env));
  } else {
    console.log("Electron's binary is not installed (offline install), starting web mode instead.");
    exitLike(await run(process.execPath, [binOf('tsx', 'tsx'), 'scripts/serve.ts']));
  }
}
