// Script layer: what `npm start` (start.mjs) and `npm run package` (package.mjs) share — finding Electron's
// executable (npm 11 skips Electron's install script and offline machines cannot download the binary, so both ask
// first and fall back or stop with one clear line), finding a package's CLI, and running children whose exit codes
// and signals pass through, so Ctrl+C and CI see what really happened.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));

/** The Electron executable if its installer has run (path.txt names it inside dist/), else null. */
export function electronBinary() {
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

/** Absolute path of a package's CLI, run with this Node (no npx/shell differences between platforms). */
export function binOf(pkg, name) {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return join(dirname(manifestPath), typeof bin === 'string' ? bin : bin[name]);
}

/** Runs a child to completion, forwarding termination signals; resolves with its code or signal. */
export function run(label, command, args, env = process.env) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    const forward = (signal) => child.kill(signal);
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const s of signals) process.on(s, forward);
    child.on('error', (error) => {
      console.error(`${label}: could not run ${command}: ${error.message}`);
      done({ code: 1, signal: null });
    });
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      done({ code, signal });
    });
  });
}

export function exitLike({ code, signal }) {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
}

/** `electron-vite build` with our config (electron-vite only auto-finds electron.vite.config.*). */
export function buildAll(label) {
  return run(label, process.execPath, [binOf('electron-vite', 'electron-vite'), 'build', '-c', 'electron.config.ts']);
}
