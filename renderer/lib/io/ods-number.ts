// Import/export layer: the XLSX export's number formats (document.ts: '#,##0', '#,##0.0', '#,##0.0##', and the same
// with a shorthand symbol after the figure, '#,##0" [p]"') as OpenDocument number styles, so the ODS shows each
// figure as the XLSX does while the cell stays a number. Only the shapes the exporter writes are understood; any
// other format gives a plain number (the value is never lost, only its look).

export interface NumberLook {
  grouping: boolean;
  minDecimals: number;
  maxDecimals: number;
  prefix: string;
  suffix: string;
}

const SECTION = /^(?:"([^"]*)")?(General|#?,?#*0*(?:\.[0#]+)?)(?:"([^"]*)")?$/;
const PLAIN: NumberLook = { grouping: false, minDecimals: 0, maxDecimals: 10, prefix: '', suffix: '' };

/** Reads the first section of an Excel number format (ours have one); null for text ('@') or no format. */
export function numberLook(format: string | undefined): NumberLook | null {
  if (!format || format === '@') return null;
  const first = format.split(';')[0] ?? '';
  const m = SECTION.exec(first);
  const digits = m?.[2];
  if (!m || digits === undefined) return PLAIN;
  if (digits === 'General' || digits === '') return { ...PLAIN, prefix: m[1] ?? '', suffix: m[3] ?? '' };
  const decimals = /\.([0#]+)$/.exec(digits)?.[1] ?? '';
  return {
    grouping: digits.includes(','),
    minDecimals: (decimals.match(/0/g) ?? []).length,
    maxDecimals: decimals.length,
    prefix: m[1] ?? '',
    suffix: m[3] ?? '',
  };
}

/** The figure as the format shows it (the cell's text for readers that do not apply number styles). */
export function showNumber(value: number, look: NumberLook | null): string {
  if (!look) return String(value);
  const digits = new Intl.NumberFormat('en-GB', { useGrouping: look.grouping, minimumFractionDigits: look.minDecimals, maximumFractionDigits: look.maxDecimals }).format(value);
  return `${look.prefix}${digits}${look.suffix}`;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A <number:number-style> named `name` for the look. */
export function numberStyleXml(name: string, look: NumberLook): string {
  const text = (s: string): string => (s ? `<number:text>${esc(s)}</number:text>` : '');
  const number =
    `<number:number number:decimal-places="${look.maxDecimals}" number:min-decimal-places="${look.minDecimals}"` +
    ` number:min-integer-digits="1"${look.grouping ? ' number:grouping="true"' : ''}/>`;
  return `<number:number-style style:name="${name}">${text(look.prefix)}${number}${text(look.suffix)}</number:number-style>`;
}
