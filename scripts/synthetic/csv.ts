// Scripts, pure: CSV text (RFC 4180 quoting) and Windows-1252 bytes, as Excel on Windows saves a "CSV (Comma
// delimited)" file — no byte order mark, CRLF line ends, characters outside ASCII in the code page's own bytes.

function field(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(rows: string[][], eol: '\n' | '\r\n' = '\n'): string {
  return rows.map((r) => r.map(field).join(',')).join(eol) + eol;
}

/** Windows-1252's 0x80–0x9F, where it differs from Latin-1 (0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned). */
const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88,
  0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93,
  0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b,
  0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/** Encodes text as Windows-1252; a character the code page lacks is an error, never a silent "?". */
export function encodeCp1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const b = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : CP1252_HIGH[c];
    if (b === undefined) throw new Error(`Windows-1252 has no character U+${c.toString(16).padStart(4, '0')} (${text[i]})`);
    out[i] = b;
  }
  return out;
}

/**
 * Decodes Windows-1252. Node's own TextDecoder('windows-1252') reads 0x80–0x9F as Latin-1 control characters
 * (0x92 becomes U+0092, not ’), so it cannot check these bytes.
 */
export function decodeCp1252(bytes: Uint8Array): string {
  const high = new Map(Object.entries(CP1252_HIGH).map(([code, byte]) => [byte, Number(code)]));
  let out = '';
  for (const b of bytes) out += String.fromCharCode(high.get(b) ?? b);
  return out;
}
