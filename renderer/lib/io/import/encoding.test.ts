import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSample, detectEncoding, invalidTextWarning, newTranscodeReport, retryAsWindows1252, toUtf8Stream } from './encoding.ts';
import { gunzipStream, readHead, readTextSample } from './text-stream.ts';
import { ImportError } from './types.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Windows-1252 as Excel writes it: Latin-1 plus the 0x80–0x9F block (smart quotes, €, dashes). */
const CP1252_HIGH: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };
function cp1252(s: string): Uint8Array {
  return Uint8Array.from([...s].map((ch) => {
    const c = ch.codePointAt(0)!;
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) return c;
    const b = CP1252_HIGH[ch];
    if (b === undefined) throw new Error(`not in cp1252: ${ch}`);
    return b;
  }));
}
function utf16(s: string, be: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((s.length + (bom ? 1 : 0)) * 2);
  const units = (bom ? '\uFEFF' : '') + s;
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[2 * i + (be ? 0 : 1)] = u >> 8;
    out[2 * i + (be ? 1 : 0)] = u & 0xff;
  }
  return out;
}
const streamOf = (bytes: Uint8Array, chunk = 7): ReadableStream<Uint8Array> =>
  new ReadableStream({
    start(c) {
      for (let i = 0; i < bytes.length; i += chunk) c.enqueue(bytes.slice(i, i + chunk));
      c.close();
    },
  });
const collect = async (s: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(s).arrayBuffer());
const gzip = (bytes: Uint8Array) => collect(streamOf(bytes, 1000).pipeThrough(new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>));
const kindOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof ImportError ? e.kind : `not an ImportError: ${String(e)}`;
  }
  return 'no error';
};
const asyncKind = async (p: Promise<unknown>) => p.then(() => 'no error', (e) => (e instanceof ImportError ? e.kind : `not an ImportError: ${String(e)}`));

const TEXT = 'name,town,amount\r\n“Zoë” O’Neil,Café Nérac,€1 234\r\nRené,Köln,5\r\n';

describe('detectEncoding', () => {
  it('tells every encoding apart from real bytes', () => {
    expect(detectEncoding(utf8(TEXT), 'a.csv')).toBe('utf-8');
    expect(detectEncoding(utf8('\uFEFF' + TEXT), 'a.csv')).toBe('utf-8-bom');
    expect(detectEncoding(cp1252(TEXT), 'a.csv')).toBe('windows-1252');
    expect(detectEncoding(utf16(TEXT, false, true), 'a.csv')).toBe('utf-16le');
    expect(detectEncoding(utf16(TEXT, true, true), 'a.csv')).toBe('utf-16be');
    expect(detectEncoding(utf16(TEXT, false, false), 'a.csv')).toBe('utf-16le');
    expect(detectEncoding(utf16(TEXT, true, false), 'a.csv')).toBe('utf-16be');
    expect(detectEncoding(utf8('plain,ascii\n1,2\n'), 'a.csv')).toBe('utf-8');
  });

  it('decodes each back to the same text', () => {
    expect(decodeSample(cp1252(TEXT), 'windows-1252')).toBe(TEXT);
    expect(decodeSample(utf8('\uFEFF' + TEXT), 'utf-8-bom')).toBe(TEXT);
    expect(decodeSample(utf16(TEXT, false, true), 'utf-16le')).toBe(TEXT);
    expect(decodeSample(utf16(TEXT, true, false), 'utf-16be')).toBe(TEXT);
  });

  it('does not call a sample cut inside a UTF-8 character Windows-1252', () => {
    const bytes = utf8('ab,c\né€');
    const cut = bytes.slice(0, bytes.length - 1);
    expect(detectEncoding(cut, 'a.csv', false)).toBe('utf-8');
    expect(decodeSample(cut, 'utf-8')).toBe('ab,c\né');
  });

  it('keeps UTF-8 when a stray bad byte sits among good accented text', () => {
    const good = utf8('Zoë,Nérac,Köln,é,ü\n');
    const bytes = new Uint8Array([...good, 0xff, 0x0a]);
    expect(detectEncoding(bytes, 'a.csv')).toBe('utf-8');
  });

  it('refuses binary and empty files', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    expect(kindOf(() => detectEncoding(png, 'cases.csv'))).toBe('binary');
    const controls = Uint8Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 + (i % 7) : 0x41));
    expect(kindOf(() => detectEncoding(controls, 'cases.csv'))).toBe('binary');
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0, 0x08, 0, 0, 0, 0x21, 0]);
    expect(kindOf(() => detectEncoding(zip, 'book.csv'))).toBe('binary');
    const int16s = Uint8Array.from({ length: 400 }, (_, i) => (i % 2 ? 0 : (i * 7) % 40));
    expect(kindOf(() => detectEncoding(int16s, 'cases.csv'))).toBe('binary');
    expect(kindOf(() => detectEncoding(new Uint8Array(), 'a.csv'))).toBe('empty');
    expect(kindOf(() => detectEncoding(utf8(' \r\n\t\n  '), 'a.csv'))).toBe('empty');
    expect(kindOf(() => detectEncoding(utf8('\uFEFF\n'), 'a.csv'))).toBe('empty');
    expect(kindOf(() => detectEncoding(utf16(' \n', false, true), 'a.csv'))).toBe('empty');
  });
});

describe('toUtf8Stream', () => {
  it('streams every encoding to UTF-8 without a BOM, across chunk boundaries', async () => {
    for (const [bytes, enc] of [
      [cp1252(TEXT), 'windows-1252'],
      [utf8('\uFEFF' + TEXT), 'utf-8-bom'],
      [utf16(TEXT, false, true), 'utf-16le'],
      [utf16(TEXT, true, true), 'utf-16be'],
      [utf16(TEXT, true, false), 'utf-16be'],
      [utf8(TEXT), 'utf-8'],
    ] as const) {
      for (const chunk of [1, 3, 1000]) {
        const report = newTranscodeReport();
        const out = await collect(toUtf8Stream(streamOf(bytes, chunk), enc, report));
        expect(new TextDecoder().decode(out)).toBe(TEXT);
        expect(out[0]).not.toBe(0xef);
        expect(invalidTextWarning(report)).toBeNull();
      }
    }
  });

  it('round-trips any text in UTF-8 and UTF-16, whatever the chunk sizes', async () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('a', ',', '\n', '\r', ' ', '1'), fc.constantFrom('é', '€', '“', '😀', 'ß', '中')), minLength: 1 });
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'), fc.integer({ min: 1, max: 9 }), async (t, enc, chunk) => {
        fc.pre(t.trim() !== '');
        const bytes = enc === 'utf-8' ? utf8(t) : enc === 'utf-8-bom' ? utf8('\uFEFF' + t) : utf16(t, enc === 'utf-16be', true);
        expect(detectEncoding(bytes, 'a.csv')).toBe(enc);
        const report = newTranscodeReport();
        expect(new TextDecoder().decode(await collect(toUtf8Stream(streamOf(bytes, chunk), enc, report)))).toBe(t);
        expect(report.replacements).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('counts invalid bytes with their lines for the warning', async () => {
    const bytes = new Uint8Array([...utf8('a,b\nok,é\n'), 0xc3, 0x28, ...utf8(',x\n'), 0xff, ...utf8('\n')]);
    const report = newTranscodeReport();
    const out = new TextDecoder().decode(await collect(toUtf8Stream(streamOf(bytes, 2), 'utf-8', report)));
    expect(out).toBe('a,b\nok,é\n\uFFFD(,x\n\uFFFD\n');
    expect(invalidTextWarning(report)).toEqual({ kind: 'invalid-text', count: 2, examples: ['line 3', 'line 4'] });
    expect(retryAsWindows1252(report, 'utf-8')).toBe(false);
  });

  it('advises reading again as Windows-1252 when accented letters only come after a plain-ASCII start', async () => {
    const bytes = new Uint8Array([...utf8('name,town\n' + 'Al,York\n'.repeat(50)), ...cp1252('Zoë,Nérac\n')]);
    expect(detectEncoding(bytes.slice(0, 100), 'a.csv', false)).toBe('utf-8');
    const report = newTranscodeReport();
    await collect(toUtf8Stream(streamOf(bytes, 64), 'utf-8', report));
    expect(report.replacements).toBe(2);
    expect(retryAsWindows1252(report, 'utf-8')).toBe(true);
    const again = new TextDecoder().decode(await collect(toUtf8Stream(streamOf(bytes, 64), 'windows-1252')));
    expect(again.endsWith('Zoë,Nérac\n')).toBe(true);
  });
});

describe('gzip', () => {
  it('gunzips a gzip stream to the exact bytes', async () => {
    const bytes = utf8(TEXT.repeat(500));
    const gz = await gzip(bytes);
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);
    expect(await collect(gunzipStream(streamOf(gz, 100), 'a.csv.gz'))).toEqual(bytes);
  });

  it('reports a truncated gzip as truncated and garbage as corrupt', async () => {
    const gz = await gzip(utf8(TEXT.repeat(500)));
    expect(await asyncKind(collect(gunzipStream(streamOf(gz.slice(0, gz.length - 12)), 'a.csv.gz')))).toBe('truncated');
    expect(await asyncKind(collect(gunzipStream(streamOf(gz.slice(0, 30)), 'a.csv.gz')))).toBe('truncated');
    const bad = new Uint8Array([0x1f, 0x8b, 0x01, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6]);
    expect(await asyncKind(collect(gunzipStream(streamOf(bad), 'a.csv.gz')))).toBe('corrupt');
  });

  it('samples a gzipped Windows-1252 file through the decompressor', async () => {
    const gz = await gzip(cp1252(TEXT));
    const sample = await readTextSample(() => streamOf(gz), 'a.csv.gz');
    expect(sample).toEqual({ text: TEXT, encoding: 'windows-1252', gzip: true, complete: true });
  });
});

describe('readHead and readTextSample', () => {
  it('reads only the head of a long stream and says it is incomplete', async () => {
    const head = await readHead(streamOf(utf8('x'.repeat(10_000)), 64), 1000);
    expect(head.bytes.length).toBe(1000);
    expect(head.complete).toBe(false);
    const all = await readHead(streamOf(utf8('abc')), 1000);
    expect(all).toEqual({ bytes: utf8('abc'), complete: true });
  });

  it('samples a UTF-16 file with a BOM, dropping the BOM', async () => {
    const sample = await readTextSample(() => streamOf(utf16(TEXT, false, true)), 'a.csv');
    expect(sample.text).toBe(TEXT);
    expect(sample.encoding).toBe('utf-16le');
  });

  it('refuses an empty file, an empty gzip and a truncated gzip', async () => {
    expect(await asyncKind(readTextSample(() => streamOf(new Uint8Array()), 'a.csv'))).toBe('empty');
    const empty = await gzip(new Uint8Array());
    expect(await asyncKind(readTextSample(() => streamOf(empty), 'a.csv.gz'))).toBe('empty');
    const gz = await gzip(utf8(TEXT));
    expect(await asyncKind(readTextSample(() => streamOf(gz.slice(0, gz.length - 5)), 'a.csv.gz'))).toBe('truncated');
  });
});
