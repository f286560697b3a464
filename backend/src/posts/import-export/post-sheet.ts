import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { isTimeZone } from '../../workspaces/time-zone';
import { readPostRow, RowCells } from './post-row';
import {
  ImportedPost,
  LOCAL_TIME_FORMAT,
  SHEET_COLUMNS,
  SheetColumn,
  SheetFormat,
  SheetFormatError,
  SheetRowError,
} from './sheet-format';
import { readSheetTable } from './sheet-table';

// post-sheet is the folder's public entry point.
export { detectSheetFormat } from './sheet-table';
export { SHEET_COLUMNS, SheetFormatError } from './sheet-format';
export type { ImportedPost, SheetFormat, SheetFormatProblem, SheetRowError } from './sheet-format';

export interface ParsedPostSheet {
  /** Rows without errors, with their sheet row numbers. */
  rows: Array<{ row: number; post: ImportedPost }>;
  errors: SheetRowError[];
}

/** Reads a post sheet; bad cells become `errors`, a file that cannot be read at all throws SheetFormatError. */
export async function parsePostSheet(
  content: Buffer,
  format: SheetFormat,
  options: { timeZone: string; maxRows?: number },
): Promise<ParsedPostSheet> {
  assertTimeZone(options.timeZone);
  const [header, ...body] = await readSheetTable(content, format, options.timeZone);
  const columns = (header ?? []).map((name) => name.trim().toLowerCase());
  const errors = headerErrors(columns);
  const filled = body
    .map((cells, i) => ({ row: i + 2, cells }))
    .filter(({ cells }) => cells.some((cell) => cell.trim()));
  if (options.maxRows !== undefined && filled.length > options.maxRows) {
    throw new SheetFormatError(
      'too_many_rows',
      `the file has ${filled.length} posts; at most ${options.maxRows} can be imported at once`,
    );
  }
  const rows: ParsedPostSheet['rows'] = [];
  for (const { row, cells } of filled) {
    const named: RowCells = Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
    const rowErrors: SheetRowError[] = [];
    const post = readPostRow(named, options.timeZone, (field, message) => rowErrors.push({ row, field, message }));
    if (rowErrors.length) errors.push(...rowErrors);
    else rows.push({ row, post });
  }
  return { rows, errors };
}

/** Header problems as row-1 errors; a header without accounts is no post sheet at all. */
function headerErrors(columns: string[]): SheetRowError[] {
  const known = (column: string): column is SheetColumn => (SHEET_COLUMNS as readonly string[]).includes(column);
  if (!columns.includes('accounts') || !(columns.includes('text') || columns.includes('media_urls'))) {
    throw new SheetFormatError(
      'no_header',
      `the first row must be a header naming at least the text and accounts columns (${SHEET_COLUMNS.join(', ')})`,
    );
  }
  const errors: SheetRowError[] = [];
  const unknown = columns.filter((column) => column && !known(column));
  if (unknown.length) {
    errors.push({ row: 1, field: unknown.join(', '), message: `unknown column; use ${SHEET_COLUMNS.join(', ')}` });
  }
  for (const column of new Set(columns.filter((c, i) => known(c) && columns.indexOf(c) !== i))) {
    errors.push({ row: 1, field: column, message: 'appears more than once; only the last one is read' });
  }
  return errors;
}

/** Writes posts in the format parsePostSheet reads back, times as wall-clock time in the workspace zone. */
export async function writePostSheet(
  posts: ImportedPost[],
  format: SheetFormat,
  options: { timeZone: string },
): Promise<Buffer> {
  assertTimeZone(options.timeZone);
  const table = [[...SHEET_COLUMNS], ...posts.map((post) => postCells(post, options.timeZone))];
  if (format === 'csv') return Buffer.from(stringify(table), 'utf8');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Posts');
  sheet.addRows(table);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

function postCells(post: ImportedPost, zone: string): string[] {
  const scheduledAt = post.scheduledAt
    ? DateTime.fromJSDate(post.scheduledAt, { zone }).toFormat(LOCAL_TIME_FORMAT)
    : '';
  return [
    post.text,
    post.accounts.join('; '),
    scheduledAt,
    post.postType,
    post.link ?? '',
    post.labels.join('; '),
    post.mediaUrls.join('; '),
  ];
}

function assertTimeZone(zone: string): void {
  if (!isTimeZone(zone)) throw new RangeError(`${zone} is not a time zone`);
}
