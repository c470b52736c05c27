// The plan checked against the reader that follows it: DuckDB's read_csv (the wasm build the page runs), fed the
// bytes the pipeline feeds it (gunzipped, transcoded to UTF-8), must read the very cells the preview shows.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createDuckDB, NODE_RUNTIME, VoidLogger, type DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffCsv } from './csv-sniff.ts';
import { previewRows } from './delimited.ts';
import { newTranscodeReport, toUtf8Stream } from './encoding.ts';
import { gunzipStream, readTextSample } from './text-stream.ts';
import type { CsvPlan } from './types.ts';

type Db = Awaited<ReturnType<typeof createDuckDB>>;
let db: Db;
let conn: DuckDBConnection;

beforeAll(async () => {
  const dist = dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  db = await createDuckDB(
    { mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') }, eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') } },
    new VoidLogger(),
    NODE_RUNTIME,
  );
  await db.instantiate(() => {});
  db.open({ path: ':memory:' });
  conn = db.connect();
});
afterAll(() => conn?.close());

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
let n = 0;

/** read_csv as the pipeline would call it from a plan: every value as text, types decided later in SQL. */
function readWithDuckDb(utf8: Uint8Array, plan: CsvPlan): (string | null)[][] {
  const name = `f${n++}.csv`;
  db.registerFileBuffer(name, utf8);
  const sql = `SELECT * FROM read_csv(${lit(name)}, delim=${lit(plan.delimiter)}, quote=${lit(plan.quote)}, escape=${lit(plan.escape)},
    header=${plan.header}, skip=${plan.skipRows}, all_varchar=true, null_padding=true, strict_mode=false)`;
  const table = conn.query(sql);
  return table.toArray().map((r) => Object.values(r.toJSON()).map((v) => (v === null ? null : String(v))));
}

const stream = (b: Uint8Array) => new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(b), c.close()) });
const collect = async (s: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(s).arrayBuffer());

async function throughPipeline(bytes: Uint8Array, file: string) {
  const sample = await readTextSample(() => stream(bytes), file);
  const plan = sniffCsv(sample.text, file, { complete: sample.complete, encoding: sample.encoding, gzip: sample.gzip });
  const plain = sample.gzip ? gunzipStream(stream(bytes), file) : stream(bytes);
  const report = newTranscodeReport();
  const utf8 = await collect(toUtf8Stream(plain, sample.encoding, report));
  return { plan, preview: previewRows(sample.text, plan, 100, file, sample.complete), duck: readWithDuckDb(utf8, plan), report };
}

const cp1252 = (s: string) => Uint8Array.from([...s].map((ch) => ({ '€': 0x80, '“': 0x93, '”': 0x94, '’': 0x92 })[ch] ?? ch.charCodeAt(0)));
const utf16le = (s: string) => {
  const b = new Uint8Array(2 + s.length * 2);
  b.set([0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) [b[2 + 2 * i], b[3 + 2 * i]] = [s.charCodeAt(i) & 0xff, s.charCodeAt(i) >> 8];
  return b;
};
const gzip = (b: Uint8Array) => collect(stream(b).pipeThrough(new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>));

describe('a plan DuckDB follows reads what the preview shows', () => {
  const files: [string, string][] = [
    ['official.csv', 'Table 1: Referrals by region, 2023\nSource: Home Office\n\nregion,adults,children\nNorth East,"1,234",56\nLondon,"12,001",\n'],
    ['european.csv', 'Region;Rate;Total\r\nNord;1,5;1.234,5\r\nSüd;2,25;12,0\r\n'],
    ['quoted.tsv', 'name\tnote\r\nAl\t"two\r\nlines, and ""quotes"""\r\nBo\tplain\r\n'],
    ['escaped.csv', 'name,said\nBo,"he said \\"hi\\" then left"\nAl,"fine"\n'],
    ['padded.csv', 'Table 2,,\n,,\nregion,male,female\nNorth,1,2\nSouth,3,4\n'],
    ['pipes.txt', 'a|b|c\n1|2|3\n4|5|6\n'],
    ['single.csv', 'name\nAl\n\nBo\n'],
    ['blanks.csv', 'a,b,c\n1,2,3\n\n,,\n4,,6\n\r\n7,8,9\n'],
  ];
  for (const [file, text] of files) {
    it(file, async () => {
      const { preview, duck } = await throughPipeline(new TextEncoder().encode(text), file);
      expect(duck).toEqual(preview.rows);
    });
  }

  it('Windows-1252 with smart quotes and €, transcoded', async () => {
    const text = 'name,price\r\n“Café” O’Neil,€5\r\nZoë,€1 234\r\n';
    const { plan, duck, report } = await throughPipeline(cp1252(text), 'shop.csv');
    expect(plan.encoding).toBe('windows-1252');
    expect(duck).toEqual([
      ['“Café” O’Neil', '€5'],
      ['Zoë', '€1 234'],
    ]);
    expect(report.replacements).toBe(0);
  });

  it('UTF-16 LE with a BOM, gzipped', async () => {
    const text = 'area\tcount\r\nCaerdydd\t5\r\nBrøndby\t7\r\n';
    const { plan, duck } = await throughPipeline(await gzip(utf16le(text)), 'excel.txt.gz');
    expect(plan).toMatchObject({ encoding: 'utf-16le', gzip: true, delimiter: '\t', header: true });
    expect(duck).toEqual([
      ['Caerdydd', '5'],
      ['Brøndby', '7'],
    ]);
  });
});
