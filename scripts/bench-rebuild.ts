// Script layer (part of `npm run bench`): the headless rebuild of the 20-item bench pack (scripts/bench-pack.ts) —
// saved as a workbook file by the app's own writer, then `idmg pack build` run on it as an analyst runs it (a child
// process writing all five formats), timed from start to exit. Needs the built print view (`npm run build`).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWithBuiltins } from '../renderer/lib/engine/node-builtin.ts';
import { writeWorkbookFile } from '../renderer/lib/services/workbook/file.ts';
import { benchPackSpec } from './bench-pack.ts';

export interface RebuildBench {
  ms: number;
  files: number;
}

export async function benchRebuild(): Promise<RebuildBench> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rebuild-'));
  try {
    const { engine, manifest } = await openWithBuiltins();
    try {
      const contents = { name: 'Bench pack', savedQueries: [], savedPivots: [], tabs: [], packs: [benchPackSpec()], notes: '', builtin: manifest.datasets.map((d) => ({ id: d.id, sha256: d.sha256, vintage: d.vintage })), imported: [] };
      writeFileSync(join(dir, 'bench.idmgwb'), (await writeWorkbookFile(engine, contents, { savedAt: new Date().toISOString(), appVersion: 'bench' })).bytes);
    } finally {
      await engine.close();
    }
    const started = performance.now();
    const code = await new Promise<number | null>((done) => {
      const child = spawn(process.execPath, [join(import.meta.dirname, 'idmg.mjs'), 'pack', 'build', join(dir, 'bench.idmgwb'), '--out', join(dir, 'out')], { stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('close', done);
    });
    if (code !== 0) throw new Error(`idmg pack build exited ${code}`);
    return { ms: performance.now() - started, files: readdirSync(join(dir, 'out')).length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchRebuild());
