// Import/export layer: finishing touches on the .xlsx package exceljs writes (xlsx.ts), done on its XML with fflate
// because exceljs has no way to express them. (1) Links to other worksheets: exceljs gives every hyperlink an external
// relationship even when it has an in-document `location`, which Excel treats as a link to a file; here those links
// keep only their location, as Excel itself writes them. (2) Headings: cells in the heading fonts of xlsx-style.ts get
// Excel's built-in "Heading 1"/"Heading 2" cell styles, so the titles are headings, not just big bold text.
// (3) Tables without a totals row lose the totals-row attributes exceljs adds to every table. (4) The workbook's
// default font (used by empty cells and the Normal style) becomes 12 pt Arial like every written cell; exceljs always
// writes 11 pt Calibri.
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { BODY_SIZE, FONT_NAME, HEADING_SIZES } from './xlsx-style.ts';

/** Drops the relationship of every hyperlink that has a location inside the workbook. */
function internalLinks(files: Unzipped): void {
  for (const path of Object.keys(files)) {
    const m = /^xl\/worksheets\/(sheet\d+\.xml)$/.exec(path);
    const data = files[path];
    if (!m || !data) continue;
    const internal = new Set<string>();
    const xml = strFromU8(data).replace(/<hyperlink\b[^>]*\/>/g, (tag) => {
      const id = / r:id="([^"]+)"/.exec(tag);
      if (!id?.[1] || !/ location="/.test(tag)) return tag;
      internal.add(id[1]);
      return tag.replace(id[0], '');
    });
    if (internal.size === 0) continue;
    files[path] = strToU8(xml);
    const relsPath = `xl/worksheets/_rels/${m[1]}.rels`;
    const rels = files[relsPath];
    if (!rels) continue;
    files[relsPath] = strToU8(
      strFromU8(rels).replace(/<Relationship\b[^>]*\/>/g, (tag) => {
        const id = / Id="([^"]+)"/.exec(tag)?.[1];
        return id && internal.has(id) ? '' : tag;
      }),
    );
  }
}

/** Index of the first bold font of the given size in styles.xml's <fonts>, or -1. */
function fontIndex(fonts: string[], size: number): number {
  return fonts.findIndex((f) => f.includes('<b/>') && f.includes(`<sz val="${size}"/>`));
}

/** Gives cells in the heading fonts the built-in Heading 1 (builtinId 16) and Heading 2 (17) cell styles. */
function headingStyles(files: Unzipped): void {
  const data = files['xl/styles.xml'];
  if (!data) return;
  let xml = strFromU8(data);
  const fontsBlock = /<fonts\b[^>]*>([\s\S]*?)<\/fonts>/.exec(xml)?.[1] ?? '';
  const fonts = fontsBlock.match(/<font\b[^>]*?(?:\/>|>[\s\S]*?<\/font>)/g) ?? [];
  const styleXfs = /<cellStyleXfs count="(\d+)">([\s\S]*?)<\/cellStyleXfs>/.exec(xml);
  const cellStyles = /<cellStyles count="(\d+)">([\s\S]*?)<\/cellStyles>/.exec(xml);
  if (!styleXfs || !cellStyles) return;
  let xfCount = Number(styleXfs[1]);
  let styleCount = Number(cellStyles[1]);
  let newXfs = '';
  let newStyles = '';
  const xfIdOfFont = new Map<number, number>();
  for (const [name, builtinId, size] of [['Heading 1', 16, HEADING_SIZES.h1], ['Heading 2', 17, HEADING_SIZES.h2]] as const) {
    const font = fontIndex(fonts, size);
    if (font < 0) continue;
    newXfs += `<xf numFmtId="0" fontId="${font}" fillId="0" borderId="0" applyFont="1"/>`;
    newStyles += `<cellStyle name="${name}" xfId="${xfCount}" builtinId="${builtinId}"/>`;
    xfIdOfFont.set(font, xfCount);
    xfCount++;
    styleCount++;
  }
  if (xfIdOfFont.size === 0) return;
  xml = xml
    .replace(styleXfs[0], `<cellStyleXfs count="${xfCount}">${styleXfs[2]}${newXfs}</cellStyleXfs>`)
    .replace(cellStyles[0], `<cellStyles count="${styleCount}">${cellStyles[2]}${newStyles}</cellStyles>`)
    .replace(/<cellXfs\b[^>]*>[\s\S]*?<\/cellXfs>/, (block) =>
      block.replace(/<xf\b[^>]*?fontId="(\d+)"[^>]*?(\/?)>/g, (tag, font: string) => {
        const xfId = xfIdOfFont.get(Number(font));
        return xfId === undefined ? tag : tag.replace(/ xfId="\d+"/, ` xfId="${xfId}"`);
      }),
    );
  files['xl/styles.xml'] = strToU8(xml);
}

/** exceljs marks every table as having shown a totals row and labels its first column "Total": ours have none. */
function tablesWithoutTotals(files: Unzipped): void {
  for (const path of Object.keys(files)) {
    const data = files[path];
    if (!data || !/^xl\/tables\/table\d+\.xml$/.test(path)) continue;
    const xml = strFromU8(data);
    if (/ totalsRowCount="[1-9]/.test(xml)) continue;
    files[path] = strToU8(
      xml
        .replace(/ totalsRowShown="1"/, ' totalsRowShown="0"')
        .replace(/(<tableColumn\b[^>]*?) totalsRowLabel="[^"]*"/g, '$1')
        .replace(/(<tableColumn\b[^>]*?) totalsRowFunction="none"/g, '$1'),
    );
  }
}

/** The first font of styles.xml is the default: named as the body font, without the theme's "minor" scheme. */
function defaultFont(files: Unzipped): void {
  const data = files['xl/styles.xml'];
  if (!data) return;
  const font = `<font><sz val="${BODY_SIZE}"/><color theme="1"/><name val="${FONT_NAME}"/><family val="2"/></font>`;
  files['xl/styles.xml'] = strToU8(strFromU8(data).replace(/(<fonts\b[^>]*>)<font\b[^>]*?(?:\/>|>[\s\S]*?<\/font>)/, `$1${font}`));
}

/** Applies the finishing touches and re-zips the package. */
export function finishXlsx(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  internalLinks(files);
  headingStyles(files);
  tablesWithoutTotals(files);
  defaultFont(files);
  return zipSync(files, { level: 6 });
}
