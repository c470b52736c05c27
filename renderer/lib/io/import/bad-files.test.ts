// The corpus of bad files, each through the path the pipeline takes (sample → encoding → sniff, or the JSON
// reader), each refused with the kind the analyst's message is chosen by — never a crash or a half-made table.
import { describe, expect, it } from 'vitest';
import { sniffCsv } from './csv-sniff.ts';
import { describeImportError } from './import-words.ts';
import { readJson } from './json.ts';
import { readTextSample } from './text-stream.ts';
import { ImportError, type ImportErrorKind } from './types.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const stream = (b: Uint8Array) => new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(b), c.close()) });
const gzip = async (b: Uint8Array) => new Uint8Array(await new Response(stream(b).pipeThrough(new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>)).arrayBuffer());

async function planCsv(bytes: Uint8Array, file: string) {
  const s = await readTextSample(() => stream(bytes), file);
  return sniffCsv(s.text, file, { complete: s.complete, encoding: s.encoding, gzip: s.gzip });
}
const outcome = (p: Promise<unknown>): Promise<ImportErrorKind | 'ok' | string> =>
  p.then(
    () => 'ok',
    (e: unknown) => {
      if (!(e instanceof ImportError)) return `crash: ${String(e)}`;
      expect(describeImportError(e)).toContain(`“${e.file}”`);
      return e.kind;
    },
  );

const wide = (n: number) => utf8(`${Array.from({ length: n }, (_, i) => `c${i}`).join(',')}\n${Array.from({ length: n }, (_, i) => i).join(',')}\n`);
const gzipped = utf8('a,b\n1,2\n'.repeat(2000));

describe('bad delimited files', () => {
  const cases: [string, () => Uint8Array | Promise<Uint8Array>, string][] = [
    ['an empty file', () => new Uint8Array(), 'empty'],
    ['whitespace only', () => utf8(' \r\n\t\r\n'), 'empty'],
    ['a BOM only', () => new Uint8Array([0xef, 0xbb, 0xbf]), 'empty'],
    ['a UTF-16 BOM only', () => new Uint8Array([0xff, 0xfe]), 'empty'],
    ['a PNG renamed .csv', () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), 'binary'],
    ['an XLSX renamed .csv', () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0, 0x08, 0, 0, 0, 0x21, 0, 0x5b, 0x43]), 'binary'],
    ['a program', () => new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0]), 'binary'],
    ['a truncated gzip', async () => (await gzip(gzipped)).slice(0, 40), 'truncated'],
    ['a damaged gzip', () => new Uint8Array([0x1f, 0x8b, 0x09, 0, 0, 0, 0, 0, 0, 0xff, 1, 2, 3]), 'corrupt'],
    ['a header and no rows', () => utf8('region,count\r\n'), 'header-only'],
    ['an unterminated quote', () => utf8('a,b\n1,"never closed\n2,3\n'), 'unterminated-quote'],
    ['16,385 columns', () => wide(16_385), 'too-many-columns'],
    ['5,000 columns', () => wide(5_000), 'ok'],
    ['a good gzipped CSV', () => gzip(gzipped), 'ok'],
  ];
  for (const [name, bytes, kind] of cases) {
    it(`${name}: ${kind}`, async () => {
      expect(await outcome(Promise.resolve(bytes()).then((b) => planCsv(b, 'cases.csv')))).toBe(kind);
    });
  }
});

describe('bad JSON files', () => {
  const cases: [string, string, string][] = [
    ['empty', '', 'empty'],
    ['a single object', '{"region":"North","count":5}', 'not-a-table'],
    ['a number', '42', 'not-a-table'],
    ['an array of numbers', '[1,2,3]', 'not-a-table'],
    ['cut off', '[{"a":1},{"a":', 'corrupt'],
    ['a trailing comma', '[{"a":1},]', 'corrupt'],
    ['100,000 levels deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'too-deep'],
  ];
  for (const [name, text, kind] of cases) {
    it(`${name}: ${kind}`, async () => {
      expect(await outcome(Promise.resolve().then(() => readJson(utf8(text), 'cases.json')))).toBe(kind);
    });
  }
});
