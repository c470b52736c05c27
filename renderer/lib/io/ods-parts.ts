// Import/export layer: the ODS package's other parts (ods.ts) — styles.xml (the default cell style naming Arial at
// 12 pt, the named Heading 1 and Heading 2 styles, an A4 page fitted to one page wide with the protective marking in
// its header and footer and page numbers), meta.xml (the same document properties the XLSX carries) and the manifest.
import type ExcelJS from 'exceljs';
import type { PackMeta } from '../pack/document.ts';
import { markingLine } from '../pack/marking.ts';
import { FONT_FACE_DECLS, MASTER_PAGE } from './ods-content.ts';
import { HEADING_STYLE, textProperties } from './ods-styles.ts';
import { esc, MIME_ODS, NAMESPACES, ODF_VERSION, XML_DECLARATION } from './ods-xml.ts';
import { BODY_SIZE, FONT_NAME, HEADING_SIZES } from './xlsx-style.ts';

const plain = { bold: false, italic: false, underline: false, size: BODY_SIZE, color: '' };

function namedStyles(): string {
  const heading = (level: 1 | 2, size: number): string =>
    `<style:style style:name="${HEADING_STYLE[level]}" style:display-name="Heading ${level}" style:family="table-cell" style:parent-style-name="Default">` +
    `${textProperties({ ...plain, bold: true, size })}</style:style>`;
  return (
    '<office:styles>' +
    '<style:default-style style:family="table-cell">' +
    `<style:text-properties style:font-name="${FONT_NAME}" fo:font-size="${BODY_SIZE}pt" fo:language="en" fo:country="GB"/></style:default-style>` +
    `<style:style style:name="Default" style:family="table-cell">${textProperties(plain)}</style:style>` +
    heading(1, HEADING_SIZES.h1) +
    heading(2, HEADING_SIZES.h2) +
    '</office:styles>'
  );
}

function pageLayout(meta: PackMeta): string {
  const [width, height] = meta.orientation === 'landscape' ? ['29.7cm', '21.001cm'] : ['21.001cm', '29.7cm'];
  const band = '<style:header-footer-properties fo:min-height="0.6cm" fo:margin-left="0cm" fo:margin-right="0cm" fo:margin-bottom="0.25cm" fo:margin-top="0.25cm"/>';
  return (
    '<style:page-layout style:name="pm1">' +
    `<style:page-layout-properties fo:page-width="${width}" fo:page-height="${height}" style:print-orientation="${meta.orientation}" ` +
    'fo:margin-top="1cm" fo:margin-bottom="1cm" fo:margin-left="1.8cm" fo:margin-right="1.8cm" style:scale-to-X="1" style:scale-to-Y="0" style:print="headers charts drawings objects zero-values"/>' +
    `<style:header-style>${band}</style:header-style><style:footer-style>${band}</style:footer-style>` +
    '</style:page-layout>' +
    `<style:style style:name="MT1" style:family="text">${textProperties({ ...plain, bold: true })}</style:style>` +
    `<style:style style:name="MT2" style:family="text">${textProperties(plain)}</style:style>`
  );
}

function masterPage(meta: PackMeta): string {
  const line = markingLine(meta);
  const marking = line ? `<style:region-center><text:p><text:span text:style-name="MT1">${esc(line)}</text:span></text:p></style:region-center>` : '';
  const pages =
    '<style:region-right><text:p><text:span text:style-name="MT2">Page <text:page-number>1</text:page-number> of ' +
    '<text:page-count>1</text:page-count></text:span></text:p></style:region-right>';
  return (
    `<office:master-styles><style:master-page style:name="${MASTER_PAGE}" style:page-layout-name="pm1">` +
    (marking ? `<style:header>${marking}</style:header>` : '<style:header style:display="false"/>') +
    `<style:footer>${marking}${pages}</style:footer>` +
    '</style:master-page></office:master-styles>'
  );
}

export function stylesXml(meta: PackMeta): string {
  return (
    XML_DECLARATION +
    `<office:document-styles ${NAMESPACES} office:version="${ODF_VERSION}">` +
    FONT_FACE_DECLS +
    namedStyles() +
    `<office:automatic-styles>${pageLayout(meta)}</office:automatic-styles>` +
    masterPage(meta) +
    '</office:document-styles>'
  );
}

/** meta.xml: the properties the XLSX export set on the workbook (xlsx.ts), read from the same exceljs object. */
export function metaXml(wb: ExcelJS.Workbook, meta: PackMeta): string {
  const when = wb.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const el = (tag: string, text: string | undefined): string => (text ? `<${tag}>${esc(text)}</${tag}>` : '');
  const keywords = (wb.keywords ?? '').split(/,\s*/).filter(Boolean).map((k) => el('meta:keyword', k));
  return (
    XML_DECLARATION +
    `<office:document-meta ${NAMESPACES} office:version="${ODF_VERSION}"><office:meta>` +
    el('meta:generator', `IDMG analyst workbench ${meta.appVersion}`) +
    el('dc:title', wb.title) +
    el('dc:subject', wb.subject) +
    el('dc:description', wb.description) +
    keywords.join('') +
    el('meta:initial-creator', wb.creator) +
    el('dc:creator', wb.lastModifiedBy) +
    el('meta:creation-date', when) +
    el('dc:date', when) +
    el('dc:language', 'en-GB') +
    (wb.company ? `<meta:user-defined meta:name="Company">${esc(wb.company)}</meta:user-defined>` : '') +
    (wb.category ? `<meta:user-defined meta:name="Category">${esc(wb.category)}</meta:user-defined>` : '') +
    '</office:meta></office:document-meta>'
  );
}

export function manifestXml(): string {
  const entry = (path: string, type: string): string => `<manifest:file-entry manifest:full-path="${path}" manifest:media-type="${type}"/>`;
  return (
    XML_DECLARATION +
    `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="${ODF_VERSION}">` +
    `<manifest:file-entry manifest:full-path="/" manifest:version="${ODF_VERSION}" manifest:media-type="${MIME_ODS}"/>` +
    entry('content.xml', 'text/xml') +
    entry('styles.xml', 'text/xml') +
    entry('meta.xml', 'text/xml') +
    '</manifest:manifest>'
  );
}
