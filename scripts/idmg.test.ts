// Tests of `idmg pack build` (scripts/idmg.ts) run as the analyst runs it: a child process (`node scripts/idmg.mjs`)
// on workbook files (.idmgwb, written by the app's own writer) over the built-in data and an imported table, with the real engine, disclosure control, exporters and Chromium. What it
// writes is compared with the same pack resolved here in-process: the XLSX cell for cell against packToXlsx, the
// PDF's text against a PDF the print view prints here the same way. Needs the built renderer (out/renderer): `npm
// test` builds before the unit tests; run alone, this file builds it when it is missing.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openWithBuiltins } from '../renderer/lib/engine/node-builtin.ts';
import { readBack } from '../renderer/lib/io/xlsx-readback.ts';
import { packToXlsx } from '../renderer/lib/io/xlsx.ts';
import { finishTaggedPdf } from '../renderer/lib/io/pdf-tagging.ts';
import { addItem, freezeItem } from '../renderer/lib/pack/actions.ts';
import type { DocItem, PackDocument } from '../renderer/lib/pack/document.ts';
import { packFileName, pdfDocumentInfo } from '../renderer/lib/pack/export-files.ts';
import { newPack, type PackSpec } from '../renderer/lib/pack/spec.ts';
import { parsePivotSpec } from '../renderer/lib/query/pivot/parse.ts';
import { protectTable } from '../renderer/lib/sdc/protect.ts';
import { DEFAULT_SDC_RULES } from '../renderer/lib/sdc/rules.ts';
import { buildPack, type PackBuild } from '../renderer/lib/services/pack-build.ts';
import { loadNodeHighsSolver } from '../renderer/lib/solver/highs-node.ts';
import { launchChromium } from '../tests/chromium.ts';
import type { Engine } from '../renderer/lib/engine/types.ts';
import { writeWorkbookFile } from '../renderer/lib/services/workbook/file.ts';
import type { ImportRecord } from '../renderer/lib/services/import/record.ts';
import { commitImport, fileFacts } from '../renderer/lib/services/import/importer.ts';
import { createReaders } from '../renderer/lib/services/import/read-file.ts';
import { directParsers } from '../renderer/lib/services/import/direct-parsers.ts';
import { MemoryImportStore } from '../renderer/lib/services/import/store.ts';
import { TableImport } from '../renderer/lib/services/import/table-import.ts';
import { rendererDir, startServer } from './serve.ts';

const root = join(import.meta.dirname, '..');
const EPOCH = 1_796_000_000; // fixed export time, so the CLI's files and the in-process ones carry the same one
const NOW = new Date(EPOCH * 1000).toISOString();

interface Run { code: number | null; stdout: string; stderr: string }

function idmg(args: string[], cwd: string): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(root, 'scripts/idmg.mjs'), ...args], { cwd, env: { ...process.env, SOURCE_DATE_EPOCH: String(EPOCH) } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

function testPack(): PackSpec {
  let pack = newPack('2026-11-28');
  pack.meta.title = 'Quarterly briefing: CLI test';
  pack.meta.author = 'A. Analyst';
  pack.meta.marking = 'OFFICIAL';
  const add = (item: Parameters<typeof addItem>[1]) => (pack = addItem(pack, item).pack);
  const pivot = (table: string, rows: string, columns: string) =>
    parsePivotSpec({ source: { kind: 'table', table }, rows: [rows], columns: [columns], values: [{ field: 'referrals', aggregate: 'sum' }], protection: { value: 0, rules: DEFAULT_SDC_RULES } });
  add({ kind: 'commentary', markdown: '## Summary\nReferrals **rose** again.' });
  add({ kind: 'pivot', caption: 'Referrals by year and age', spec: pivot('nrm_referrals_quarterly', 'year', 'age_at_exploitation'), chart: null, savedName: null, show: 'both', notes: [], noteTargets: [] });
  add({ kind: 'pivot', caption: 'Referrals by gender and age', spec: pivot('nrm_referrals_2023q4_detail', 'gender', 'age_at_exploitation'), chart: null, savedName: null, show: 'table', notes: [], noteTargets: [] });
  return pack;
}

/** Every cell of every sheet: address, value and number format. */
async function xlsxCells(bytes: Uint8Array): Promise<Record<string, Array<[string, unknown, string]>>> {
  const { wb } = await readBack(bytes);
  const out: Record<string, Array<[string, unknown, string]>> = {};
  wb.eachSheet((ws) => {
    const cells: Array<[string, unknown, string]> = [];
    ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (c) => void cells.push([c.address, c.value, c.numFmt ?? ''])));
    out[ws.name] = cells;
  });
  return out;
}

async function pdfText(bytes: Uint8Array): Promise<{ title: unknown; pages: string[] }> {
  const pdf = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' ').replace(/\s+/g, ' '));
  }
  const title = ((await pdf.getMetadata()).info as Record<string, unknown>).Title;
  await pdf.destroy();
  return { title, pages };
}

/** The PDF the print view prints of this document, printed and finished here as the app does. */
async function printHere(doc: PackDocument): Promise<Uint8Array> {
  const { server, url } = await startServer({ port: 0 });
  const context = await launchChromium();
  try {
    const page = await context.newPage();
    await page.addInitScript((d) => Object.assign(globalThis, { __PACK__: d }), doc);
    await page.goto(`${url}pack-print.html`);
    await page.locator('.pack-pages[data-ready]').waitFor({ timeout: 120_000 });
    const printed = new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true }));
    return (await finishTaggedPdf(printed, pdfDocumentInfo(doc.meta))).bytes;
  } finally {
    await context.close();
    server.closeAllConnections();
    server.close();
  }
}

let dir: string;
let pack: PackSpec;
let built: PackBuild;
let builtin: { id: string; sha256: string; vintage: string }[];

/** A workbook file of this pack (and imported tables in the engine), as the app saves it. */
async function writeWorkbook(engine: Engine, name: string, packSpec: PackSpec, imported: ImportRecord[] = []): Promise<void> {
  const contents = { name, savedQueries: [], savedPivots: [], tabs: [], packs: [packSpec], notes: '', builtin, imported };
  writeFileSync(join(dir, `${name}.idmgwb`), (await writeWorkbookFile(engine, contents, { savedAt: NOW, appVersion: 'test' })).bytes);
}

/** Imports a CSV into the engine as the app does; its record. */
async function importCsv(engine: Engine, text: string, fileName: string, table: string): Promise<ImportRecord> {
  const readers = createReaders(directParsers);
  const file = new File([text], fileName);
  const read = (await readers.read(file, fileName)).tables[0]!;
  const draft = new TableImport(engine, read.source, fileName);
  await draft.stage();
  const columns = await draft.infer(read.names);
  const done = await commitImport(engine, new MemoryImportStore(), file, await fileFacts(file, fileName, 'csv'), read, draft, { table, title: 'Referrals by force', description: '', notes: [], columns });
  await draft.discard();
  return done.record;
}

beforeAll(async () => {
  if (!existsSync(join(rendererDir, 'pack-print.html'))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('`npm run build` failed: the CLI needs the built print view.');
  }
  dir = mkdtempSync(join(tmpdir(), 'idmg-test-'));
  pack = testPack();
  const { engine, manifest, fingerprints } = await openWithBuiltins();
  builtin = manifest.datasets.map((d) => ({ id: d.id, sha256: d.sha256, vintage: d.vintage }));
  try {
    await writeWorkbook(engine, 'quarterly', pack);
    built = await buildPack({
      engine, pack, savedPivots: [], appVersion: (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version,
      datasets: manifest.datasets.map((d) => ({ ...d, fingerprint: fingerprints[d.id] ?? null })),
      protect: async (t, r) => protectTable(t, r, await loadNodeHighsSolver()),
      now: () => NOW,
    });
  } finally {
    await engine.close();
  }
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('idmg pack build', () => {
  it('writes the files the app writes: XLSX cell for cell, the PDF as the print view prints it, charts as PNG', { timeout: 600_000 }, async () => {
    expect(built.failures).toEqual([]);
    const run = await idmg(['pack', 'build', 'quarterly.idmgwb', '--out', 'out', '--format', 'zip,pdf,xlsx,docx'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^Resolving 3 items…$/m);
    expect(run.stderr).not.toMatch(/^Refused/m); // nothing tried to leave the machine
    expect(run.stderr).toMatch(/^Writing quarterly-briefing-cli-test-2026-11-28\.xlsx$/m);
    const names = ['pdf', 'xlsx', 'docx', 'zip'].map((ext) => packFileName(built.doc, ext));
    expect(run.stdout.trim().split('\n')).toEqual(names.map((n) => join('out', n)));
    expect(readdirSync(join(dir, 'out')).sort()).toEqual([...names].sort());
    const file = (ext: string) => new Uint8Array(readFileSync(join(dir, 'out', packFileName(built.doc, ext))));

    expect(await xlsxCells(file('xlsx'))).toEqual(await xlsxCells(await packToXlsx(built.doc)));

    const theirs = await pdfText(file('pdf'));
    const ours = await pdfText(await printHere(built.doc));
    expect(theirs.pages.length).toBeGreaterThan(2);
    expect(theirs).toEqual(ours);
    expect(theirs.title).toBe('Quarterly briefing: CLI test');

    // One chart (item 2 shows table and chart): drawn as PNG into the zip and the Word document.
    const zip = unzipSync(file('zip'));
    const png = zip['Figure_1.png'];
    expect(png && Buffer.from(png.subarray(1, 4)).toString()).toBe('PNG');
    expect(Object.keys(unzipSync(file('docx'))).filter((p) => p.startsWith('word/media/') && p.endsWith('.png'))).toHaveLength(1);
  });

  it('--check fails (exit 5) on a frozen item whose figures no longer match a fresh run, and says where', { timeout: 300_000 }, async () => {
    const id = pack.items[1]!.id;
    const parts = structuredClone(built.resolved.items[1]!.parts) as DocItem[];
    const table = parts.find((p) => p.kind === 'table')!;
    const row = table.rows.findIndex((r) => r.cells.some((c) => typeof c.value === 'number'));
    const cell = table.rows[row]!.cells.find((c) => typeof c.value === 'number')!;
    cell.value = (cell.value as number) + 1;
    const { engine } = await openWithBuiltins();
    await writeWorkbook(engine, 'edited', freezeItem(pack, id, parts)).finally(() => engine.close());
    const run = await idmg(['pack', 'build', 'edited.idmgwb', '--out', 'checked', '--format', 'xlsx', '--check'], dir);
    expect(run.code, run.stderr).toBe(5);
    expect(run.stderr).toMatch(new RegExp(`^check failed: Item 2 \\(frozen\\): Table 1, row ${row + 1} \\(.*\\), column .* is ${cell.value} in the snapshot but ${(cell.value as number) - 1} in a fresh run \\(1 figure differs\\)\\.$`, 'm'));
    expect(readdirSync(join(dir, 'checked'))).toEqual([packFileName(built.doc, 'xlsx')]);
  });

  it('--data builds next quarter\'s pack from a new file imported as the table was, and its provenance cites that file', { timeout: 300_000 }, async () => {
    const { engine } = await openWithBuiltins();
    try {
      const record = await importCsv(engine, 'Force,Referrals\nKent,10\nGwent,5\nDyfed,7\n', 'forces-q1.csv', 'forces');
      let forces = newPack('2026-11-28');
      forces.meta.title = 'Forces';
      const spec = parsePivotSpec({ source: { kind: 'table', table: 'forces' }, rows: ['Force'], values: [{ field: 'Referrals', aggregate: 'sum' }] });
      forces = addItem(forces, { kind: 'pivot', caption: 'Referrals by force', spec, chart: null, savedName: null, show: 'table', notes: [], noteTargets: [] }).pack;
      await writeWorkbook(engine, 'forces', forces, [record]);
    } finally {
      await engine.close();
    }
    const q2 = 'Force,Referrals\nKent,11\nGwent,5\nDyfed,9\nGwent North,2\n';
    writeFileSync(join(dir, 'forces-q2.csv'), q2);
    const run = await idmg(['pack', 'build', 'forces.idmgwb', '--out', 'q2', '--format', 'xlsx', '--data', 'forces=forces-q2.csv'], dir);
    expect(run.code, run.stderr).toBe(0);
    const sha = createHash('sha256').update(q2).digest('hex');
    expect(run.stderr).toContain(`note: forces: read from forces-q2.csv (SHA-256 ${sha}, 4 rows) instead of the workbook's copy of forces-q1.csv.`);
    const { wb } = await readBack(new Uint8Array(readFileSync(join(dir, 'q2', readdirSync(join(dir, 'q2'))[0]!))));
    const texts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void texts.push(String(c.value)))));
    expect(texts).toContain('27'); // 11 + 5 + 9 + 2: the new file's total, not the workbook's 22
    expect(texts.join(' ')).toContain('forces-q2.csv');
  });

  it('says how to call it, and exits 1 on a usage error, 2 on a workbook it cannot read, 3 on a data file it cannot read', async () => {
    const help = await idmg(['pack', 'build', '--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: idmg pack build <workbook> --out <dir>/);
    expect(help.stdout).toContain('5  --check found a failure');
    expect((await idmg(['--help'], dir)).stdout).toContain('pack build <workbook>');

    for (const args of [[], ['pack', 'build', 'quarterly.idmgwb'], ['pack', 'build', 'quarterly.idmgwb', '--out', 'o', '--format', 'pdf,tiff'], ['pack', 'build', 'quarterly.idmgwb', '--out', 'o', '--data', 'no-equals']]) {
      const run = await idmg(args, dir);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toContain('Usage: idmg');
    }
    const missing = await idmg(['pack', 'build', 'nowhere.idmgwb', '--out', 'o'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nowhere.idmgwb does not exist');
    writeFileSync(join(dir, 'broken.idmgwb'), '{ "pack": ');
    const broken = await idmg(['pack', 'build', 'broken.idmgwb', '--out', 'o'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('This is not a workbench workbook');
    const data = await idmg(['pack', 'build', 'quarterly.idmgwb', '--out', 'o', '--data', 'nrm_referrals_quarterly=missing.csv'], dir);
    expect(data.code).toBe(3);
    expect(data.stderr).toContain('--data nrm_referrals_quarterly=missing.csv cannot be read');
    writeFileSync(join(dir, 'there.csv'), 'a,b\n1,2\n');
    const unknown = await idmg(['pack', 'build', 'quarterly.idmgwb', '--out', 'o', '--data', 'nrm_referrals_quarterly=there.csv'], dir);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('names a table the workbook does not have');
    expect(existsSync(join(dir, 'o'))).toBe(false);
  }, 120_000);
});
