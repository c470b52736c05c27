// Import/export layer: the XML vocabulary of the ODS writer (ods.ts) — OpenDocument namespaces, escaping, and text
// as ODF paragraphs (a line a <text:p>; runs of spaces, tabs and links spelled out as ODF wants them), kept apart
// from the sheet and style logic so every part of the package escapes text the same way.

export const MIME_ODS = 'application/vnd.oasis.opendocument.spreadsheet';
export const ODF_VERSION = '1.3';

/** The namespaces every part declares (a superset: unused ones are harmless and keep the parts uniform). */
export const NAMESPACES = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:xlink="http://www.w3.org/1999/xlink"',
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
].join(' ');

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

// XML 1.0 forbids most control characters even when escaped; they cannot be kept, so they become spaces.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function esc(text: string): string {
  return text.replace(FORBIDDEN, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One line of text inside a paragraph: tabs as <text:tab/>, runs of spaces (and a leading one) as <text:s/>. */
function line(text: string): string {
  return text
    .split('\t')
    .map((part) =>
      esc(part).replace(/(^ +| {2,})/g, (spaces, _m, offset: number) => {
        // ODF collapses white space: keep the first space of an inner run as text, count the rest.
        const keep = offset === 0 ? 0 : 1;
        const n = spaces.length - keep;
        return `${' '.repeat(keep)}${n > 0 ? `<text:s${n > 1 ? ` text:c="${n}"` : ''}/>` : ''}`;
      }),
    )
    .join('<text:tab/>');
}

/** Text as paragraphs, one per line; `href` makes each line a link. */
export function paragraphs(text: string, href?: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => (href ? `<text:p><text:a xlink:type="simple" xlink:href="${esc(href)}">${line(l)}</text:a></text:p>` : `<text:p>${line(l)}</text:p>`))
    .join('');
}

/** Excel's in-document link ("'Notes'!A1") as ODF writes it ("#Notes.A1"); anything else unchanged. */
export function odfHref(hyperlink: string): string {
  const m = /^'((?:[^']|'')+)'!([A-Z]+\d+)$/.exec(hyperlink) ?? /^([A-Za-z0-9_]+)!([A-Z]+\d+)$/.exec(hyperlink);
  if (!m?.[1] || !m[2]) return hyperlink;
  const sheet = m[1].replace(/''/g, "'");
  return /^[A-Za-z0-9_]+$/.test(sheet) ? `#${sheet}.${m[2]}` : `#'${sheet.replace(/'/g, "''")}'.${m[2]}`;
}
