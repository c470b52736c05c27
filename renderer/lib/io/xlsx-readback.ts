// Import/export layer, test support: reads an exported .xlsx back the two ways its tests need — with exceljs (cells,
// number formats, fonts, properties) and as raw XML through fflate, for what exceljs does not show on reading
// (in-document hyperlinks, which Excel table sits on which sheet, merged cells, named cell styles).
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';

export interface RawTable {
  path: string;
  name: string;
  ref: string;
  headerRowCount: string | undefined;
  columns: string[];
}

export interface Readback {
  wb: ExcelJS.Workbook;
  files: Record<string, string>;
  /** Raw XML path of each worksheet, by sheet name. */
  sheetPath: Map<string, string>;
  tables(sheet: string): RawTable[];
  /** In-document hyperlinks of a sheet: cell → location. */
  links(sheet: string): Map<string, string>;
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const unescape = (s: string): string => s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function rels(files: Record<string, string>, path: string): Map<string, string> {
  const dir = path.slice(0, path.lastIndexOf('/'));
  const xml = files[`${dir}/_rels/${path.slice(dir.length + 1)}.rels`] ?? '';
  const out = new Map<string, string>();
  for (const tag of xml.match(/<Relationship\b[^>]*>/g) ?? []) {
    const target = attr(tag, 'Target') ?? '';
    const resolved = target.startsWith('../') ? `${dir.slice(0, dir.lastIndexOf('/'))}/${target.slice(3)}` : target.startsWith('/') ? target.slice(1) : `${dir}/${target}`;
    out.set(attr(tag, 'Id') ?? '', resolved);
  }
  return out;
}

export async function readBack(bytes: Uint8Array): Promise<Readback> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.slice().buffer as unknown as ExcelJS.Buffer);
  const files: Record<string, string> = {};
  for (const [path, data] of Object.entries(unzipSync(bytes))) files[path] = strFromU8(data);
  const wbRels = rels(files, 'xl/workbook.xml');
  const sheetPath = new Map<string, string>();
  for (const tag of files['xl/workbook.xml']?.match(/<sheet\b[^>]*>/g) ?? []) {
    sheetPath.set(unescape(attr(tag, 'name') ?? ''), wbRels.get(attr(tag, 'r:id') ?? '') ?? '');
  }
  const sheetXml = (sheet: string): string => files[sheetPath.get(sheet) ?? ''] ?? '';
  return {
    wb,
    files,
    sheetPath,
    tables(sheet) {
      const path = sheetPath.get(sheet) ?? '';
      const sheetRels = rels(files, path);
      return (sheetXml(sheet).match(/<tablePart\b[^>]*>/g) ?? []).map((part) => {
        const tablePath = sheetRels.get(attr(part, 'r:id') ?? '') ?? '';
        const xml = files[tablePath] ?? '';
        const head = /<table\b[^>]*>/.exec(xml)?.[0] ?? '';
        const columns = (xml.match(/<tableColumn\b[^>]*>/g) ?? []).map((c) => unescape(attr(c, 'name') ?? ''));
        return { path: tablePath, name: attr(head, 'name') ?? '', ref: attr(head, 'ref') ?? '', headerRowCount: attr(head, 'headerRowCount'), columns };
      });
    },
    links(sheet) {
      const out = new Map<string, string>();
      for (const tag of sheetXml(sheet).match(/<hyperlink\b[^>]*>/g) ?? []) {
        const location = attr(tag, 'location');
        if (location !== undefined) out.set(attr(tag, 'ref') ?? '', unescape(location));
      }
      return out;
    },
  };
}

/** "A7:E11" → first and last row numbers and column count. */
export function refRows(ref: string): { first: number; last: number; width: number } {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  if (!m) throw new Error(`Not a range: ${ref}`);
  const col = (s: string): number => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { first: Number(m[2]), last: Number(m[4]), width: col(m[3] ?? 'A') - col(m[1] ?? 'A') + 1 };
}
