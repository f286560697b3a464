import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { PassThrough, Readable } from 'node:stream';
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
import { csvStream } from '../../common/csv';
import { readSheetLines, SheetLine } from './sheet-table';

// post-sheet is the folder's public entry point.
export { detectSheetFormat } from './sheet-table';
export { SHEET_COLUMNS, SheetFormatError } from './sheet-format';
export type { ImportedPost, SheetFormat, SheetFormatProblem, SheetRowError } from './sheet-format';

/** One data row of a post sheet: the post it holds, or what is wrong with it (row 1: the header). */
export type PostSheetEntry = { row: number; post: ImportedPost } | { row: number; errors: SheetRowError[] };

export interface ParsedPostSheet {
  /** Rows without errors, with their sheet row numbers. */
  rows: Array<{ row: number; post: ImportedPost }>;
  errors: SheetRowError[];
}

/**
 * Reads a post sheet as it streams in, one entry per filled row in row order (header problems
 * first, as row 1); a file that cannot be read at all throws SheetFormatError.
 */
export async function* readPostSheet(
  source: Readable,
  format: SheetFormat,
  options: { timeZone: string },
): AsyncGenerator<PostSheetEntry> {
  assertTimeZone(options.timeZone);
  const lines = readSheetLines(source, format, options.timeZone);
  try {
    const columns = await headerOf(lines);
    const headerProblems = headerErrors(columns);
    if (headerProblems.length) yield { row: 1, errors: headerProblems };
    for await (const { row, cells } of filled(lines)) {
      const named: RowCells = Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
      const errors: SheetRowError[] = [];
      const post = readPostRow(named, options.timeZone, (field, message) => errors.push({ row, field, message }));
      yield errors.length ? { row, errors } : { row, post };
    }
  } finally {
    await lines.return(undefined); // closes the file when the reader stops early
  }
}

/**
 * Counts a sheet's filled rows without reading them as posts, checking its header: a first,
 * cheap pass that refuses an oversized file before anything is imported and sizes the progress.
 */
export async function countPostRows(source: Readable, format: SheetFormat, options: { timeZone: string }) {
  assertTimeZone(options.timeZone);
  const lines = readSheetLines(source, format, options.timeZone);
  try {
    headerErrors(await headerOf(lines));
    const rows = filled(lines);
    let count = 0;
    while (!(await rows.next()).done) count++;
    return count;
  } finally {
    await lines.return(undefined);
  }
}

/** Reads a whole post sheet held in memory; more than `maxRows` filled rows refuse the file. */
export async function parsePostSheet(
  content: Buffer,
  format: SheetFormat,
  options: { timeZone: string; maxRows?: number },
): Promise<ParsedPostSheet> {
  const parsed: ParsedPostSheet = { rows: [], errors: [] };
  let count = 0;
  for await (const entry of readPostSheet(Readable.from([content]), format, options)) {
    if (entry.row > 1) count++;
    if ('post' in entry) parsed.rows.push(entry);
    else parsed.errors.push(...entry.errors);
  }
  if (options.maxRows !== undefined && count > options.maxRows) throw tooManyRows(count, options.maxRows);
  return parsed;
}

export const tooManyRows = (count: number, maxRows: number) =>
  new SheetFormatError('too_many_rows', `the file has ${count} posts; at most ${maxRows} can be imported at once`);

/** The header's column names (row 1; a sheet whose row 1 is blank has none). */
async function headerOf(lines: AsyncIterator<SheetLine>): Promise<string[]> {
  const first = await lines.next();
  const header = !first.done && first.value.row === 1 ? first.value.cells : [];
  return header.map((name) => name.trim().toLowerCase());
}

/** The rest of the sheet without its blank rows (Excel leaves many). */
async function* filled(lines: AsyncIterable<SheetLine>): AsyncGenerator<SheetLine> {
  for await (const line of lines) if (line.cells.some((cell) => cell.trim())) yield line;
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

/**
 * Writes posts as they come, in the format readPostSheet reads back, times as wall-clock time in
 * the workspace zone: the file streams out, never whole in memory (an export is up to 100,000 rows).
 */
export function writePostSheet(
  posts: AsyncIterable<ImportedPost> | Iterable<ImportedPost>,
  format: SheetFormat,
  options: { timeZone: string },
): Readable {
  assertTimeZone(options.timeZone);
  async function* table(): AsyncGenerator<string[]> {
    yield [...SHEET_COLUMNS];
    for await (const post of posts) yield postCells(post, options.timeZone);
  }
  return format === 'csv' ? csvStream(table()) : xlsxFile(table());
}

/** ExcelJS's streaming writer: each row is committed (written out) and dropped as it is added. */
function xlsxFile(rows: AsyncIterable<string[]>): Readable {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const sheet = book.addWorksheet('Posts');
  (async () => {
    let header = true;
    for await (const cells of rows) {
      const row = sheet.addRow(cells);
      if (header) row.font = { bold: true };
      header = false;
      row.commit();
    }
    sheet.commit();
    await book.commit();
  })().catch((error: Error) => out.destroy(error));
  return out;
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
