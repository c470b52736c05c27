// Import/export layer: the automatic styles of the ODS writer (ods.ts) — one cell style for each different look
// the workbook's cells have (font, weight, underline, colour, wrap, alignment, bottom border, number style), one
// column style per width and one row style per height — named ce1…, co1…, ro1…, N1… in order of first use, so the
// same workbook always gives the same XML. Looks are read from the exceljs cells the XLSX export writes, so both files
// show the same bold, wrap and alignment. Headings keep the named "Heading 1"/"Heading 2" styles as their parent.
import type ExcelJS from 'exceljs';
import { numberLook, numberStyleXml, type NumberLook } from './ods-number.ts';
import { BODY_SIZE, FONT_NAME, HEADING_SIZES } from './xlsx-style.ts';

export const HEADING_STYLE = { 1: 'Heading_20_1', 2: 'Heading_20_2' } as const;

interface CellLook {
  parent: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  size: number;
  color: string;
  wrap: boolean;
  vertical: string;
  horizontal: string;
  borderBottom: boolean;
  dataStyle: string;
}

/** exceljs ARGB ("FF0563C1") as ODF's #rrggbb, '' when none. */
function rgb(color: Partial<ExcelJS.Color> | undefined): string {
  const argb = color?.argb;
  return argb && /^[0-9A-Fa-f]{8}$/.test(argb) ? `#${argb.slice(2).toLowerCase()}` : '';
}

const HORIZONTAL: Record<string, string> = { left: 'start', center: 'center', right: 'end', justify: 'justify' };
const VERTICAL: Record<string, string> = { top: 'top', middle: 'middle', bottom: 'bottom' };

/** Centimetres of an Excel column width (digits of the 12 pt default font, about 9 px each, plus 5 px padding). */
export function columnCm(width: number | undefined): number {
  return Math.round((((width ?? 8.43) * 9 + 5) / 96) * 2.54 * 1000) / 1000;
}

export class OdsStyles {
  private readonly cells = new Map<string, string>();
  private readonly cellXml: string[] = [];
  private readonly numbers = new Map<string, { name: string; look: NumberLook }>();
  private readonly numberXml: string[] = [];
  private readonly columns = new Map<number, string>();
  private readonly rows = new Map<string, string>();

  /** The number style for an Excel format, registered on first use; null for text or no format. */
  number(format: string | undefined): { name: string; look: NumberLook } | null {
    const look = numberLook(format);
    if (!look) return null;
    const key = JSON.stringify(look);
    let found = this.numbers.get(key);
    if (!found) {
      found = { name: `N${this.numbers.size + 1}`, look };
      this.numbers.set(key, found);
      this.numberXml.push(numberStyleXml(found.name, look));
    }
    return found;
  }

  /** The cell style name for an exceljs cell's look; `numeric`: the cell holds a number (its format applies). */
  cell(cell: ExcelJS.Cell, numeric: boolean): string {
    const font = cell.font ?? {};
    const size = font.size ?? BODY_SIZE;
    const heading = font.bold && size === HEADING_SIZES.h1 ? 1 : font.bold && size === HEADING_SIZES.h2 ? 2 : 0;
    const look: CellLook = {
      parent: heading ? HEADING_STYLE[heading] : 'Default',
      bold: Boolean(font.bold),
      italic: Boolean(font.italic),
      underline: Boolean(font.underline),
      size,
      color: rgb(font.color),
      wrap: Boolean(cell.alignment?.wrapText),
      vertical: VERTICAL[cell.alignment?.vertical ?? ''] ?? '',
      horizontal: HORIZONTAL[cell.alignment?.horizontal ?? ''] ?? '',
      borderBottom: Boolean(cell.border?.bottom?.style),
      dataStyle: numeric ? (this.number(cell.numFmt)?.name ?? '') : '',
    };
    const key = JSON.stringify(look);
    let name = this.cells.get(key);
    if (!name) {
      name = `ce${this.cells.size + 1}`;
      this.cells.set(key, name);
      this.cellXml.push(cellStyleXml(name, look));
    }
    return name;
  }

  column(width: number | undefined): string {
    const cm = columnCm(width);
    let name = this.columns.get(cm);
    if (!name) {
      name = `co${this.columns.size + 1}`;
      this.columns.set(cm, name);
    }
    return name;
  }

  /**
   * Row style: the height the exporter gave the row (wrapped text), else one line of the row's largest font, marked
   * optimal so LibreOffice may grow it.
   */
  row(height: number | undefined, largestFont: number): string {
    const pt = Math.round((height ?? largestFont * 1.36) * 100) / 100;
    const key = `${pt}${height === undefined ? ' optimal' : ''}`;
    let name = this.rows.get(key);
    if (!name) {
      name = `ro${this.rows.size + 1}`;
      this.rows.set(key, name);
    }
    return name;
  }

  /** Everything registered, as the children of content.xml's <office:automatic-styles>. */
  xml(tableStyle: string): string {
    const columns = [...this.columns].map(
      ([cm, name]) => `<style:style style:name="${name}" style:family="table-column"><style:table-column-properties fo:break-before="auto" style:column-width="${cm}cm"/></style:style>`,
    );
    const rows = [...this.rows].map(([key, name]) => {
      const [pt, optimal] = key.split(' ');
      return (
        `<style:style style:name="${name}" style:family="table-row"><style:table-row-properties style:row-height="${pt}pt" ` +
        `fo:break-before="auto" style:use-optimal-row-height="${optimal ? 'true' : 'false'}"/></style:style>`
      );
    });
    return [...this.numberXml, ...columns, ...rows, tableStyle, ...this.cellXml].join('');
  }
}

/** Text properties naming the typeface (every cell names Arial) and its size, weight, style, underline and colour. */
export function textProperties(look: Pick<CellLook, 'bold' | 'italic' | 'underline' | 'size' | 'color'>): string {
  const a = [`style:font-name="${FONT_NAME}"`, `fo:font-size="${look.size}pt"`];
  if (look.bold) a.push('fo:font-weight="bold"');
  if (look.italic) a.push('fo:font-style="italic"');
  if (look.underline) a.push('style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"');
  if (look.color) a.push(`fo:color="${look.color}"`);
  return `<style:text-properties ${a.join(' ')}/>`;
}

function cellStyleXml(name: string, look: CellLook): string {
  const cell: string[] = [];
  if (look.wrap) cell.push('fo:wrap-option="wrap"');
  if (look.vertical) cell.push(`style:vertical-align="${look.vertical}"`);
  if (look.borderBottom) cell.push('fo:border-bottom="0.75pt solid #000000"');
  // LibreOffice applies a fixed horizontal alignment only when told the source is "fix".
  if (look.horizontal) cell.push('style:text-align-source="fix"');
  const data = look.dataStyle ? ` style:data-style-name="${look.dataStyle}"` : '';
  return (
    `<style:style style:name="${name}" style:family="table-cell" style:parent-style-name="${look.parent}"${data}>` +
    (cell.length > 0 ? `<style:table-cell-properties ${cell.join(' ')}/>` : '') +
    (look.horizontal ? `<style:paragraph-properties fo:text-align="${look.horizontal}"/>` : '') +
    textProperties(look) +
    '</style:style>'
  );
}
