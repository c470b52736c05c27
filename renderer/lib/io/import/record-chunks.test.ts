// Cutting a delimited file into pieces of whole records: the pieces put back together are the file, and no cut
// falls inside a quoted field, whatever line breaks, doubled quotes or escaped quotes the fields hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordChunks, type RecordChunk } from './record-chunks.ts';
import { type ImportError } from './types.ts';

const encoder = new TextEncoder();

async function chunksOf(text: string, target: number, quote = '"', escape = '"', maxRecordBytes?: number): Promise<string[]> {
  const bytes = encoder.encode(text);
  const pieces: RecordChunk[] = [];
  for await (const c of recordChunks(new Blob([bytes]), { target, quote, escape, fileName: 'a.csv', maxRecordBytes })) pieces.push(c);
  const decoder = new TextDecoder();
  return pieces.map((p) => decoder.decode(bytes.subarray(p.start, p.end)));
}

/** The records of CSV text in their own split (quotes respected), for checking each piece holds whole records. */
function recordCount(text: string, escape = '"'): number {
  let inQuotes = false;
  let records = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (escape !== '"' && ch === escape && inQuotes) i++;
    else if (ch === '"') inQuotes = !inQuotes;
    else if (ch === '\n' && !inQuotes) records++;
  }
  expect(inQuotes).toBe(false);
  return records + (text.endsWith('\n') || text === '' ? 0 : 1);
}

const field = fc.oneof(
  fc.string({ maxLength: 6 }).map((s) => s.replace(/[",\n\r]/g, '')),
  fc.string({ maxLength: 8 }).map((s) => `"${s.replace(/"/g, '""')}"`),
  fc.constantFrom('"a\nb"', '"x""\n""y"', '"\r\n"', '12', ''),
);
const csv = fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 40 }).map((rows) => rows.map((r) => r.join(',')).join('\n') + '\n');

describe('recordChunks', () => {
  it('cuts only between records, and the pieces make up the file', async () => {
    await fc.assert(
      fc.asyncProperty(csv, fc.integer({ min: 1, max: 64 }), async (text, target) => {
        const pieces = await chunksOf(text, target);
        expect(pieces.join('')).toBe(text);
        expect(pieces.reduce((n, p) => n + recordCount(p), 0)).toBe(recordCount(text));
        pieces.slice(0, -1).forEach((p) => expect(p.endsWith('\n')).toBe(true));
      }),
      { numRuns: 300 },
    );
  });

  it('honours a backslash escape inside quotes', async () => {
    const text = 'a,"x\\"\ny"\nb,"z"\nc,d\n';
    const pieces = await chunksOf(text, 1, '"', '\\');
    expect(pieces).toEqual(['a,"x\\"\ny"\n', 'b,"z"\n', 'c,d\n']);
  });

  it('keeps a file with no line break (or smaller than the target) whole', async () => {
    expect(await chunksOf('a,b,c', 1)).toEqual(['a,b,c']);
    expect(await chunksOf('a\nb\n', 1000)).toEqual(['a\nb\n']);
    expect(await chunksOf('', 10)).toEqual([]);
  });

  it('finds cuts across its reading windows (a 9 MB file)', async () => {
    const line = `${'"quoted\nfield",'.repeat(20)}end\n`;
    const text = line.repeat(Math.ceil((9 * 1024 * 1024) / line.length));
    const pieces = await chunksOf(text, 2 * 1024 * 1024);
    expect(pieces.length).toBe(5);
    expect(pieces.join('')).toBe(text);
    pieces.forEach((p) => expect(p.startsWith('"quoted')).toBe(true));
  });

  it('refuses a record past the limit with its row, wherever it lies (a quoted line break does not end it)', async () => {
    const failure = (text: string, max: number) => chunksOf(text, 1, '"', '"', max).then(() => null, (e: unknown) => e as ImportError);
    expect(await chunksOf('a,b\nc,d\n', 1, '"', '"', 4)).toEqual(['a,b\n', 'c,d\n']);
    const long = await failure(`a,b\nc,d\n${'x'.repeat(50)}\ne,f\n`, 20);
    expect([long?.kind, long?.at.row, long?.at.limit]).toEqual(['line-too-long', 3, '20 bytes']);
    expect((await failure(`a,b\n"${'\n'.repeat(30)}"\n`, 20))?.at.row).toBe(2);
    expect((await failure(`a,b\n${'y'.repeat(30)}`, 20))?.at.row).toBe(2);
  });

  it('refuses a 10 MB single line by default, read across windows', async () => {
    const failure = await chunksOf(`id,text\n1,${'z'.repeat(10.5 * 1024 * 1024)}\n2,b\n`, 1024).then(() => null, (e: unknown) => e as ImportError);
    expect([failure?.kind, failure?.at.row, failure?.at.limit]).toEqual(['line-too-long', 2, '10 MB']);
  });
});
