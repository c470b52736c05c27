// Import/export layer, test support: reads an exported .ods back as raw XML through fflate — each sheet's rows of
// cells (value type, value, text, style, link) and each automatic cell style's properties — so the ODS tests check
// what a reader of the file gets, not what the writer meant to write.
import { strFromU8, unzipSync } from 'fflate';

export interface OdsCell {
  type: string | undefined;
  value: string | undefined;
  text: string;
  style: string | undefined;
  href: string | undefined;
}

export interface OdsSheet {
  name: string;
  rows: OdsCell[][];
  /** 1-based numbers of the rows inside <table:table-header-rows>. */
  headerRows: number[];
}

export interface OdsReadback {
  files: Record<string, string>;
  order: string[];
  sheets: OdsSheet[];
  /** Automatic and named cell styles by name: the raw <style:style> element. */
  styles: Map<string, string>;
}

export const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

function paragraphText(p: string): string {
  const spaced = p
    .replace(/<text:s text:c="(\d+)"\/>/g, (_m, n: string) => ' '.repeat(Number(n)))
    .replace(/<text:s\/>/g, ' ')
    .replace(/<text:tab\/>/g, '\t');
  return unescape(spaced.replace(/<[^>]+>/g, ''));
}

function cells(row: string): OdsCell[] {
  return [...row.matchAll(/<table:table-cell\b([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)].map((m) => {
    const tag = m[1] ?? '';
    const body = m[2] ?? '';
    const paras = [...body.matchAll(/<text:p>([\s\S]*?)<\/text:p>/g)].map((p) => paragraphText(p[1] ?? ''));
    return {
      type: attr(tag, 'office:value-type'),
      value: attr(tag, 'office:value'),
      text: paras.join('\n'),
      style: attr(tag, 'table:style-name'),
      href: /xlink:href="([^"]*)"/.exec(body)?.[1],
    };
  });
}

export function readOds(bytes: Uint8Array): OdsReadback {
  const unzipped = unzipSync(bytes);
  const files: Record<string, string> = {};
  for (const [path, data] of Object.entries(unzipped)) files[path] = strFromU8(data);
  const content = files['content.xml'] ?? '';
  const sheets = [...content.matchAll(/<table:table table:name="([^"]*)"[^>]*>([\s\S]*?)<\/table:table>/g)].map((m) => {
    const rows: OdsCell[][] = [];
    const headerRows: number[] = [];
    for (const part of (m[2] ?? '').matchAll(/<table:table-header-rows>([\s\S]*?)<\/table:table-header-rows>|<table:table-row\b[^>]*>([\s\S]*?)<\/table:table-row>/g)) {
      if (part[1] !== undefined) {
        for (const r of part[1].matchAll(/<table:table-row\b[^>]*>([\s\S]*?)<\/table:table-row>/g)) {
          rows.push(cells(r[1] ?? ''));
          headerRows.push(rows.length);
        }
      } else rows.push(cells(part[2] ?? ''));
    }
    return { name: unescape(m[1] ?? ''), rows, headerRows };
  });
  const styles = new Map<string, string>();
  for (const xml of [files['styles.xml'] ?? '', content]) {
    for (const s of xml.matchAll(/<style:style\b[^>]*>[\s\S]*?<\/style:style>/g)) styles.set(attr(s[0], 'style:name') ?? '', s[0]);
  }
  return { files, order: Object.keys(unzipped), sheets, styles };
}
