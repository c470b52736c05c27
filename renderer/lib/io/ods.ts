// Import/export layer: the briefing pack as an OpenDocument spreadsheet, the format the Analysis Function's guidance
// prefers. It is the very workbook the XLSX export builds (xlsx.ts's packWorkbook: same sheets, cells, number formats,
// fonts, wrap and alignment, marking as text on every sheet) written as ODF instead: content.xml from the cells
// (ods-content.ts), styles.xml with the page set-up and the marking in header and footer, meta.xml and the manifest
// (ods-parts.ts). Zipped with fflate, `mimetype` first and stored uncompressed, as ODF requires.
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { PackDocument } from '../pack/document.ts';
import { contentXml } from './ods-content.ts';
import { manifestXml, metaXml, stylesXml } from './ods-parts.ts';
import { MIME_ODS } from './ods-xml.ts';
import { packWorkbook } from './xlsx.ts';

/** Writes the pack as an .ods file (bytes). */
export function packToOds(doc: PackDocument): Uint8Array {
  const wb = packWorkbook(doc);
  const files: Zippable = {
    mimetype: [strToU8(MIME_ODS), { level: 0 }],
    'META-INF/manifest.xml': strToU8(manifestXml()),
    'content.xml': strToU8(contentXml(wb)),
    'styles.xml': strToU8(stylesXml(doc.meta)),
    'meta.xml': strToU8(metaXml(wb, doc.meta)),
  };
  return zipSync(files, { level: 6 });
}
