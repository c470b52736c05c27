// Engine layer, Node only: opens a NodeEngine with every built-in dataset read from datasets/ on disk — what
// tests and scripts use to run the app's SQL against the real engine and the real figures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFingerprint } from './fingerprint.ts';
import type { Manifest } from './manifest.ts';
import { NodeEngine } from './node.ts';

export const datasetsDir = join(import.meta.dirname, '../../../datasets');

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(join(datasetsDir, 'manifest.json'), 'utf8')) as Manifest;
}

/** The engine with every built-in dataset, and each table's fingerprint as loaded (by dataset id). */
export async function openWithBuiltins(): Promise<{ engine: NodeEngine; manifest: Manifest; fingerprints: Record<string, string> }> {
  const engine = new NodeEngine();
  await engine.open();
  const manifest = readManifest();
  const fingerprints: Record<string, string> = {};
  for (const def of manifest.datasets) {
    await engine.loadDataset(def, new Uint8Array(readFileSync(join(datasetsDir, def.file))));
    fingerprints[def.id] = await tableFingerprint(engine, def.id);
  }
  return { engine, manifest, fingerprints };
}
