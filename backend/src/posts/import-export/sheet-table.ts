import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { LOCAL_TIME_FORMAT, SHEET_COLUMNS, SheetFormat, SheetFormatError } from './sheet-format';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** CSV or XLSX, from the content (XLSX is a zip) and then the name. */
export function detectSheetFormat(fileName: string, head: Buffer): SheetFormat {
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
  if (/\.xlsx$/i.test(fileName)) {
    throw new SheetFormatError('not_a_sheet', 'the file is named .xlsx but is not an Excel workbook');
  }
  if (head.includes(0)) throw new SheetFormatError('not_a_sheet', 'the file is neither CSV nor XLSX');
  return 'csv';
}

/** The sheet as rows of cell texts; index 0 is sheet row 1. */
export async function readSheetTable(content: Buffer, format: SheetFormat, zone: string): Promise<string[][]> {
  return format === 'csv' ? readCsv(content) : readXlsx(content, zone);
}

/** CSV as Excel writes it in many countries too: a BOM, and `;` instead of `,` between cells. */
function readCsv(content: Buffer): string[][] {
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (char: string) => header.split(char).length - 1;
  const delimiter = count(';') > count(',') ? ';' : ',';
  try {
    return parse(text, { delimiter, relax_column_count: true }) as string[][];
  } catch (error) {
    throw new SheetFormatError('unreadable', `the CSV could not be read: ${(error as Error).message}`);
  }
}

async function readXlsx(content: Buffer, zone: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(content as unknown as ExcelJS.Buffer);
  } catch {
    throw new SheetFormatError('unreadable', 'the Excel workbook could not be read');
  }
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const width = Math.max(row.cellCount, SHEET_COLUMNS.length);
    table[number - 1] = Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value, zone));
  });
  // Rows ExcelJS never visits are blank; keep them so row numbers stay right.
  return Array.from(table, (cells) => cells ?? []);
}

/** A cell as text; a real Excel date is a wall time, read in the workspace zone. */
function cellText(value: ExcelJS.CellValue, zone: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel dates carry no zone: ExcelJS hands over the wall time as if it were UTC.
    return DateTime.fromJSDate(value, { zone: 'UTC' })
      .setZone(zone, { keepLocalTime: true })
      .toFormat(LOCAL_TIME_FORMAT);
  }
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : value.hyperlink;
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as ExcelJS.CellValue, zone);
  return ''; // an error cell (#N/A and the like) holds no usable text
}
