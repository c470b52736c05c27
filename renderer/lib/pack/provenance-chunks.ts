// Pack layer, pure: which items carry provenance, and their SQL cut into page-sized pieces for the printed
// appendix, so a long query continues on the next page instead of running off the bottom of one.
import type { DocItem } from './document.ts';

export function hasProvenance(item: DocItem): item is Extract<DocItem, { provenance: unknown }> {
  return item.kind === 'table' || item.kind === 'figure' || item.kind === 'key-figures';
}

const SQL_CHUNK_LINES = 30;
const SQL_CHUNK_CHARS = 2400;

/**
 * An item's SQL in pieces small enough for any page (at most 30 lines and 2,400 characters each), so a long query
 * continues on the next page instead of running off the bottom of one: every character is printed.
 */
export function provenanceChunks(item: DocItem): string[] {
  if (!hasProvenance(item)) return [];
  const chunks: string[] = [];
  for (const sql of item.provenance.sql) {
    let lines: string[] = [];
    let chars = 0;
    const flush = () => {
      if (lines.length) chunks.push(lines.join('\n'));
      lines = [];
      chars = 0;
    };
    for (const whole of sql.split('\n')) {
      // A single very long line is cut into pieces too (it wraps in print anyway).
      for (let at = 0; at === 0 || at < whole.length; at += SQL_CHUNK_CHARS) {
        const line = whole.slice(at, at + SQL_CHUNK_CHARS);
        if (lines.length >= SQL_CHUNK_LINES || chars + line.length > SQL_CHUNK_CHARS) flush();
        lines.push(line);
        chars += line.length;
      }
    }
    flush();
  }
  return chunks;
}
