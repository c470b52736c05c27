// Import layer, pure: which reader a file needs, decided by its first bytes (a renamed file is still what it is) with
// the name only to tell a JSON array from NDJSON and an ODS from an XLSX when the content alone cannot.
import type { ImportFormat } from './types.ts';

export type Container = 'zip' | 'cfb' | 'parquet' | 'gzip' | 'json' | 'text';

const starts = (head: Uint8Array, bytes: number[]) => bytes.every((b, i) => head[i] === b);

/** What kind of container the first bytes show. */
export function containerOf(head: Uint8Array): Container {
  if (starts(head, [0x50, 0x4b, 0x03, 0x04]) || starts(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (starts(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'cfb';
  if (starts(head, [0x50, 0x41, 0x52, 0x31])) return 'parquet'; // "PAR1"
  if (starts(head, [0x1f, 0x8b])) return 'gzip';
  let i = starts(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i += 1;
  return head[i] === 0x5b || head[i] === 0x7b ? 'json' : 'text'; // '[' or '{'
}

/** The format to record for a file of this container and name. */
export function formatOf(container: Container, name: string): ImportFormat {
  if (container === 'zip' || container === 'cfb') return /\.ods$/i.test(name) ? 'ods' : 'xlsx';
  if (container === 'parquet') return 'parquet';
  if (container === 'json') return /\.(ndjson|jsonl)$/i.test(name) ? 'ndjson' : 'json';
  return /^Pasted range/.test(name) ? 'paste' : 'csv';
}
