import { parse, Parser } from 'csv-parse';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { FORMULA_START } from '../../common/csv';
import { LOCAL_TIME_FORMAT, SHEET_COLUMNS, SheetFormat, SheetFormatError } from './sheet-format';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** How much of a CSV is read, at most, to find the end of its header line. */
const MAX_HEADER_CHARS = 64 * 1024;

/** One row of a sheet: its number as the spreadsheet shows it (the header is 1) and its cell texts. */
export interface SheetLine {
  row: number;
  cells: string[];
}

/** CSV or XLSX, from the content (XLSX is a zip) and then the name. */
export function detectSheetFormat(fileName: string, head: Buffer): SheetFormat {
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
  if (/\.xlsx$/i.test(fileName)) {
    throw new SheetFormatError('not_a_sheet', 'the file is named .xlsx but is not an Excel workbook');
  }
  if (head.includes(0)) throw new SheetFormatError('not_a_sheet', 'the file is neither CSV nor XLSX');
  return 'csv';
}

/**
 * The sheet's rows as they stream in, never the whole file in memory: a 100,000-row import reads
 * in constant memory. A file that cannot be read throws SheetFormatError (`unreadable`) from the
 * iteration, wherever the damage is.
 */
export function readSheetLines(source: Readable, format: SheetFormat, zone: string): AsyncGenerator<SheetLine> {
  return format === 'csv' ? readCsv(source) : readXlsx(source, zone);
}

/**
 * CSV as Excel writes it in many countries too: a BOM, and `;` instead of `,` between cells (the
 * header line decides). Chunks are fed to csv-parse by hand and its records taken as it emits them:
 * iterating the parser stream record by record costs ~30 µs a row in promise hops, most of the parse.
 */
async function* readCsv(source: Readable): AsyncGenerator<SheetLine> {
  source.setEncoding('utf8'); // decodes characters split across chunks
  let parser: Parser | undefined;
  let head = '';
  const records: string[][] = [];
  let row = 0;
  try {
    for await (const chunk of source as AsyncIterable<string>) {
      if (!parser) {
        head += chunk;
        if (!/[\r\n]/.test(head) && head.length < MAX_HEADER_CHARS) continue;
        parser = csvParser(head, records);
        parser.write(head);
      } else parser.write(chunk);
      if (parser.errored) throw parser.errored;
      for (const cells of records.splice(0)) yield { row: ++row, cells };
    }
    if (!parser) {
      parser = csvParser(head, records); // a file without a line break: all of it was the head
      parser.write(head);
    }
    parser.end();
    await finished(parser);
    for (const cells of records.splice(0)) yield { row: ++row, cells };
  } catch (error) {
    throw new SheetFormatError('unreadable', `the CSV could not be read: ${(error as Error).message}`);
  } finally {
    source.destroy();
  }
}

/**
 * Export writes formula-like cells behind a `'` (guardFormula, common/csv.ts), and import takes
 * that `'` off again, so a file round-trips. XLSX cells are typed as text and need neither.
 */
const unguardFormula = (cell: string): string =>
  cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;

function csvParser(head: string, records: string[][]): Parser {
  const header = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
  const count = (char: string) => header.split(char).length - 1;
  const parser = parse({ delimiter: count(';') > count(',') ? ';' : ',', bom: true, relax_column_count: true });
  parser.on('data', (cells: string[]) => records.push(cells.map(unguardFormula)));
  return parser;
}

/** The first worksheet through ExcelJS's streaming reader: rows as they are unzipped. */
async function* readXlsx(source: Readable, zone: string): AsyncGenerator<SheetLine> {
  // Styles are needed to tell a date cell from a number; hyperlinks are not read.
  const book = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const sheet of book) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const width = Math.max(row.cellCount, SHEET_COLUMNS.length);
        yield {
          row: row.number,
          cells: Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value, zone)),
        };
      }
      return; // only the first worksheet is read
    }
  } catch (error) {
    if (error instanceof SheetFormatError) throw error;
    throw new SheetFormatError('unreadable', 'the Excel workbook could not be read');
  } finally {
    source.destroy();
  }
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
