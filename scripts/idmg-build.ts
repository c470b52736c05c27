// Script layer, Node only: the work of `idmg pack build` (loaded only when a build is asked for, so `--help` and
// usage errors answer at once). The workbook opened through its one seam (idmg-workbook.ts), the pack resolved by
// lib/services/pack-build.ts on the app's engine, resolver and disclosure control, the files written by the app's
// own exporters (lib/services/pack-export.ts), the PDF and chart PNGs made by headless Chromium from the app's print
// view (pack-chromium.ts). Each failure ends in one of idmg-args.ts's exit codes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PackDocument } from '../renderer/lib/pack/document.ts';
import type { PackSpec } from '../renderer/lib/pack/spec.ts';
import { packFileName, type PackFileFormat } from '../renderer/lib/pack/export-files.ts';
import { buildPack, type BuildFailure, type BuildProgress } from '../renderer/lib/services/pack-build.ts';
import { finishPackPdf, packFileBytes, type Rasterise } from '../renderer/lib/services/pack-export.ts';
import { protectTable } from '../renderer/lib/sdc/protect.ts';
import { loadNodeHighsSolver } from '../renderer/lib/solver/highs-node.ts';
import { EXIT, type Request } from './idmg-args.ts';
import { DataFileError, loadWorkbookForBuild, WorkbookError } from './idmg-workbook.ts';
import { openPrintSession, PrintError, type PrintSession } from './pack-chromium.ts';

const say = (line: string): void => void process.stderr.write(`${line}\n`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

function appVersion(): string {
  return (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/** SOURCE_DATE_EPOCH (seconds), the reproducible-builds convention, fixes the export time the files carry. */
function exportTime(): (() => string) | undefined {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || !/^\d+$/.test(epoch)) return undefined;
  const iso = new Date(Number(epoch) * 1000).toISOString();
  return () => iso;
}

function progressLine(event: BuildProgress): string {
  return event.kind === 'resolving' ? `Resolving ${plural(event.items, 'item')}…` : `Checking ${plural(event.items, 'frozen item')} against a fresh run…`;
}

export function failureLine(f: BuildFailure): string {
  switch (f.kind) {
    case 'item-failed':
      return f.problem;
    case 'audit-failed':
      return `Item ${f.item}: the disclosure-control audit failed (${f.summary}), so the item was left out.`;
    case 'reconciliation':
      return `Item ${f.item}: a total does not reconcile (${f.check.kind} total check). ${f.check.message}`;
    case 'frozen-differs':
      return `Item ${f.item} (frozen): ${f.difference.where} is ${f.difference.frozen} in the snapshot but ${f.difference.fresh} in a fresh run (${f.difference.count === 1 ? '1 figure differs' : `${f.difference.count} figures differ`}).`;
    case 'frozen-unresolvable':
      return `Item ${f.item} (frozen) could not be run afresh to compare: ${f.problem}`;
  }
}

function printErrorLine(err: PrintError): string {
  switch (err.kind) {
    case 'renderer-not-built':
      return `the print view in ${err.message} is missing or older than this command; run \`npm run build\`, then try again.`;
    case 'chromium-failed':
      return `headless Chromium could not start (${err.message}); install it (apt-get install chromium) or set CHROMIUM_PATH.`;
    case 'layout-timeout':
      return `the print view did not finish laying out the pack (${err.message}).`;
  }
}

const needsChromium = (doc: PackDocument, formats: PackFileFormat[]) => formats.includes('pdf') || (doc.items.some((i) => i.kind === 'figure') && formats.some((f) => f === 'docx' || f === 'zip'));

async function writeFiles(doc: PackDocument, formats: PackFileFormat[], out: string, open: PrintSession | null): Promise<void> {
  mkdirSync(out, { recursive: true });
  let session: PrintSession | null = open;
  try {
    if (!session && needsChromium(doc, formats)) session = await openPrintSession();
    const rasterise: Rasterise = session ? session.rasterise : () => Promise.reject(new Error('no chart to rasterise was expected'));
    for (const format of formats) {
      const name = packFileName(doc, format);
      const started = performance.now();
      say(`Writing ${name}`);
      let bytes: Uint8Array;
      if (format === 'pdf') {
        const printed = await session!.printPdf(doc);
        bytes = await finishPackPdf(doc, printed.bytes);
        say(`  ${plural(printed.pages, 'page')}`);
      } else bytes = await packFileBytes(doc, format, rasterise);
      const path = join(out, name);
      writeFileSync(path, bytes);
      say(`  ${Math.round(bytes.length / 1024)} KB in ${seconds(started)}`);
      process.stdout.write(`${path}\n`);
    }
    if (session?.blocked.length) say(`Refused ${plural(session.blocked.length, 'request')} off this machine: ${session.blocked.join(', ')}`);
  } finally {
    await session?.close();
  }
}

/** The pack with every frozen figure's SVG cleaned (the app does this where a stored pack enters: state/pack.svelte.ts). */
async function cleanFrozenFigures(pack: PackSpec, clean: (svg: string) => Promise<string>): Promise<PackSpec> {
  const items = [];
  for (const item of pack.items) {
    if (!item.frozen) items.push(item);
    else items.push({ ...item, frozen: await Promise.all(item.frozen.map(async (p) => (p.kind === 'figure' ? { ...p, svg: await clean(p.svg) } : p))) });
  }
  return { ...pack, items };
}

async function build(r: BuildRequest): Promise<number> {
  const started = performance.now();
  say(`Opening ${r.workbook}…`);
  let workbook: Awaited<ReturnType<typeof loadWorkbookForBuild>>;
  try {
    workbook = await loadWorkbookForBuild(resolve(r.workbook), r.data);
  } catch (err) {
    if (err instanceof WorkbookError) {
      say(`idmg: the workbook ${r.workbook} ${err.kind === 'missing' ? 'does not exist' : err.kind === 'unreadable' ? 'cannot be read' : 'is not a workbook this version can read'}: ${err.detail}`);
      return EXIT.workbook;
    }
    if (err instanceof DataFileError) {
      const what = { missing: 'cannot be read', 'unknown-table': `names a table the workbook does not have`, 'import-failed': 'could not be imported with the options the table was first imported with' }[err.kind];
      say(`idmg: --data ${err.override.table}=${err.override.path} ${what}${err.detail ? ` (${err.detail})` : ''}.`);
      return EXIT.data;
    }
    throw err;
  }
  say(`Opened in ${seconds(started)}.`);
  for (const notice of workbook.notices) say(`note: ${notice}`);
  const resolving = performance.now();
  let failures: BuildFailure[];
  let doc: PackDocument;
  let session: PrintSession | null = null;
  try {
    // Frozen figures come from a file: their SVG goes through the app's sanitiser before any export carries it.
    const frozenFigures = workbook.pack.items.some((it) => it.frozen?.some((p) => p.kind === 'figure'));
    if (frozenFigures) session = await openPrintSession();
    const pack = session ? await cleanFrozenFigures(workbook.pack, session.cleanSvg) : workbook.pack;
    const result = await buildPack({
      engine: workbook.engine,
      datasets: workbook.datasets,
      pack,
      savedPivots: workbook.savedPivots,
      appVersion: appVersion(),
      protect: async (table, rules) => protectTable(table, rules, await loadNodeHighsSolver()),
      compareFrozen: r.check,
      now: exportTime(),
      onProgress: (event) => say(progressLine(event)),
    });
    ({ doc, failures } = result);
  } catch (err) {
    await session?.close();
    throw err;
  } finally {
    await workbook.engine.close();
  }
  say(`Resolved in ${seconds(resolving)}: ${plural(doc.items.filter((i) => i.kind === 'table').length, 'table')}, ${plural(doc.items.filter((i) => i.kind === 'figure').length, 'figure')}.`);
  for (const f of failures) say(`${r.check ? 'check failed' : 'warning'}: ${failureLine(f)}`);
  await writeFiles(doc, r.formats, r.out, session);
  say(`Done in ${seconds(started)}.`);
  if (r.check && failures.length > 0) {
    say(`idmg: --check found ${plural(failures.length, 'failure')} (listed above).`);
    return EXIT.check;
  }
  return EXIT.ok;
}

export type BuildRequest = Extract<Request, { kind: 'build' }>;

/** Runs one build; resolves with its exit code. */
export async function runBuild(r: BuildRequest): Promise<number> {
  try {
    return await build(r);
  } catch (err) {
    say(`idmg: the build failed: ${err instanceof PrintError ? printErrorLine(err) : err instanceof Error ? err.message : String(err)}`);
    return EXIT.build;
  }
}
