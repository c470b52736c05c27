// Engine layer, Node only: the native engine as tests and scripts open it — NativeEngine speaking to a real
// engine-host child process (electron/engine-host/spawn.ts) with a private data folder that is removed on close.
// `newTestEngine()` is the unit suite's engine: duckdb-wasm's Node build, or native DuckDB when IDMG_TEST_ENGINE is
// 'native', so the same tests run against both (the CI runs the engine tests twice).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnEngineHost } from '../../../electron/engine-host/spawn.ts';
import { NativeEngine } from './native.ts';
import { NodeEngine } from './node.ts';
import type { Engine } from './types.ts';

export interface NativeOptions {
  threads?: number;
  memoryLimit?: string;
  /** Told once when the host process has ended. */
  onStopped?: () => void;
}

/** A native engine (not yet open) over its own engine-host process; `pid` is that process's, for crash tests. */
export function newNativeEngine(options: NativeOptions = {}): NativeEngine & { readonly pid: number | undefined } {
  const dataDir = mkdtempSync(join(tmpdir(), 'idmg-native-'));
  const host = spawnEngineHost({ dataDir, threads: options.threads, memoryLimit: options.memoryLimit });
  const transport = {
    send: host.send.bind(host),
    close: () => {
      if (!host.exited) host.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return Object.assign(new NativeEngine(transport, options.onStopped), { pid: host.pid });
}

/** Which engine the unit tests run: 'native' when IDMG_TEST_ENGINE says so, else duckdb-wasm (the default). */
export const TEST_ENGINE: 'native' | 'wasm' = process.env.IDMG_TEST_ENGINE === 'native' ? 'native' : 'wasm';

/** The unit suite's engine, not yet open (see TEST_ENGINE). */
export function newTestEngine(): Engine {
  return TEST_ENGINE === 'native' ? newNativeEngine({ threads: 2, memoryLimit: '2GiB' }) : new NodeEngine();
}
