// Engine host layer, parent side (Node: web mode's server, scripts, tests): starts the engine host as a child
// process and pairs each request with its reply by id. A child that ends — killed, out of memory, crashed — must
// not leave a caller waiting forever, so every pending and later request resolves 'engine-stopped' instead.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EngineFrame, EngineReply, EngineRequest } from '../engine-contract.ts';

export interface EngineHostProcess {
  send(request: EngineRequest, bytes?: Uint8Array | Blob): Promise<EngineFrame<EngineReply>>;
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  kill(): void;
  readonly pid: number | undefined;
  readonly exited: boolean;
}

export interface SpawnOptions {
  dataDir: string;
  memoryLimit?: string;
  threads?: number;
  /**
   * A built engine host to fork instead of the source (e.g. out/main/engine-host.js from `npm run build`): plain
   * JS starts without tsx's compile step. Unset, the source runs through tsx (tests).
   */
  program?: string;
}

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The entry and the Node flags to run it: the TypeScript source through tsx when this module is itself the source
 * (tests, `tsx scripts/serve.ts`), the built engine-host.js beside it otherwise (electron.config.ts builds it into
 * out/main), or the `program` given. tsx is located from this file, so the
 * child finds it whatever its working folder.
 */
function entry(program?: string): { file: string; execArgv: string[] } {
  if (program !== undefined) return { file: program, execArgv: [] };
  if (!import.meta.url.endsWith('.ts')) return { file: join(here, 'engine-host.js'), execArgv: [] };
  const require = createRequire(import.meta.url);
  const tsx = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist', 'loader.mjs')).href;
  return { file: join(here, 'main.ts'), execArgv: ['--import', tsx] };
}

export function spawnEngineHost(options: SpawnOptions): EngineHostProcess {
  for (const dir of ['', 'files', 'incoming', 'tmp']) mkdirSync(join(options.dataDir, dir), { recursive: true });
  const args = ['--data-dir', options.dataDir];
  if (options.memoryLimit !== undefined) args.push('--memory-limit', options.memoryLimit);
  if (options.threads !== undefined) args.push('--threads', String(options.threads));
  const { file, execArgv } = entry(options.program);
  const child: ChildProcess = fork(file, args, { serialization: 'advanced', execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });

  let nextId = 1;
  const pending = new Map<number, (frame: EngineFrame<EngineReply>) => void>();
  const exitListeners: ((code: number | null, signal: NodeJS.Signals | null) => void)[] = [];
  let stopped: EngineFrame<EngineReply> | null = null;

  child.on('message', (message: unknown) => {
    const m = message as { id?: unknown; header?: EngineReply; bytes?: Uint8Array };
    if (typeof m?.id !== 'number' || !m.header) return;
    const resolve = pending.get(m.id);
    if (!resolve) return;
    pending.delete(m.id);
    resolve(m.bytes ? { header: m.header, bytes: m.bytes } : { header: m.header });
  });

  const ended = (code: number | null, signal: NodeJS.Signals | null): void => {
    if (stopped) return;
    const how = signal ?? `code ${code}`;
    stopped = { header: { ok: false, kind: 'engine-stopped', message: `The engine stopped (its process ended: ${how}).` } };
    for (const resolve of pending.values()) resolve(stopped);
    pending.clear();
    for (const listener of exitListeners) listener(code, signal);
  };
  child.on('exit', ended);
  child.on('error', () => {
    // A failed spawn or a failed send: 'exit' follows when the process is gone; if it never started, end here.
    if (child.exitCode === null && child.signalCode === null && child.pid === undefined) ended(null, null);
  });

  return {
    async send(request, bytes) {
      const payload = bytes instanceof Blob ? new Uint8Array(await bytes.arrayBuffer()) : bytes;
      if (stopped) return stopped;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        const message = payload ? { id, header: request, bytes: payload } : { id, header: request };
        try {
          child.send(message, (err) => {
            if (err && pending.delete(id)) resolve(stopped ?? { header: { ok: false, kind: 'engine-stopped', message: `The engine stopped (${err.message}).` } });
          });
        } catch (err) {
          pending.delete(id);
          resolve(stopped ?? { header: { ok: false, kind: 'engine-stopped', message: `The engine stopped (${(err as Error).message}).` } });
        }
      });
    },
    onExit(listener) {
      exitListeners.push(listener);
    },
    kill() {
      child.kill('SIGKILL');
    },
    get pid() {
      return child.pid;
    },
    get exited() {
      return stopped !== null;
    },
  };
}
