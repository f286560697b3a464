import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { POST_TYPES, PostType } from '../../connectors/network-limits';

/** One post as a sheet row holds it. */
export interface ImportedPost {
  text: string;
  accounts: string[];
  scheduledAt: Date | null;
  postType: PostType;
  link: string | null;
  labels: string[];
  mediaUrls: string[];
}

export type SheetFormat = 'csv' | 'xlsx';

export interface SheetRowError {
  /** The sheet's own row number (the header is row 1), so a person can find it. */
  row: number;
  field: string;
  message: string;
}

export const SHEET_COLUMNS = ['text', 'accounts', 'scheduled_at', 'post_type', 'link', 'labels', 'media_urls'] as const;
type Column = (typeof SHEET_COLUMNS)[number];
type Cells = Partial<Record<Column, string>>;

const LOCAL_FORMAT = 'yyyy-MM-dd HH:mm';

/** The file as a whole cannot be read (not CSV/XLSX, no header, too many rows). */
export class SheetFormatError extends Error {}

/** CSV or XLSX, from the content (XLSX is a zip) and then the name. */
export function detectSheetFormat(fileName: string, head: Buffer): SheetFormat {
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  if (/\.xlsx$/i.test(fileName)) throw new SheetFormatError('the file is named .xlsx but is not an Excel workbook');
  if (head.includes(0)) throw new SheetFormatError('the file is neither CSV nor XLSX');
  return 'csv';
}

export async function parsePostSheet(
  content: Buffer,
  format: SheetFormat,
  options: { timeZone: string; maxRows?: number },
): Promise<{ rows: Array<{ row: number; post: ImportedPost }>; errors: SheetRowError[] }> {
  const table = format === 'csv' ? readCsv(content) : await readXlsx(content, options.timeZone);
  if (!table.length) throw new SheetFormatError('the file is empty: it needs a header row');
  const [header, ...body] = table;
  const columns = header.map((h) => h.trim().toLowerCase());
  const unknown = columns.filter((c) => c && !(SHEET_COLUMNS as readonly string[]).includes(c));
  const errors: SheetRowError[] = [];
  if (unknown.length)
    errors.push({ row: 1, field: unknown.join(', '), message: `unknown column; use ${SHEET_COLUMNS.join(', ')}` });
  if (!columns.includes('text') || !columns.includes('accounts')) {
    throw new SheetFormatError('the header row must name at least the text and accounts columns');
  }
  const filled = body.map((cells, i) => ({ row: i + 2, cells })).filter(({ cells }) => cells.some((c) => c.trim()));
  if (options.maxRows && filled.length > options.maxRows) {
    throw new SheetFormatError(
      `the file has ${filled.length} rows; at most ${options.maxRows} can be imported at once`,
    );
  }
  const rows: Array<{ row: number; post: ImportedPost }> = [];
  for (const { row, cells } of filled) {
    const named: Cells = Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
    const rowErrors: SheetRowError[] = [];
    const post = readRow(named, options.timeZone, (field, message) => rowErrors.push({ row, field, message }));
    if (rowErrors.length) errors.push(...rowErrors);
    else rows.push({ row, post });
  }
  return { rows, errors };
}

export async function writePostSheet(
  posts: ImportedPost[],
  format: SheetFormat,
  options: { timeZone: string },
): Promise<Buffer> {
  const table = [
    [...SHEET_COLUMNS],
    ...posts.map((p) => [
      p.text,
      p.accounts.join('; '),
      p.scheduledAt ? DateTime.fromJSDate(p.scheduledAt, { zone: options.timeZone }).toFormat(LOCAL_FORMAT) : '',
      p.postType,
      p.link ?? '',
      p.labels.join('; '),
      p.mediaUrls.join('; '),
    ]),
  ];
  if (format === 'csv') return Buffer.from(stringify(table), 'utf8');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Posts');
  for (const line of table) sheet.addRow(line);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

function readRow(cells: Cells, zone: string, problem: (field: Column, message: string) => void): ImportedPost {
  const list = (value = '') =>
    value
      .split(/[;,]/)
      .map((v) => v.trim())
      .filter(Boolean);
  const text = cells.text ?? '';
  const accounts = list(cells.accounts);
  const mediaUrls = (cells.media_urls ?? '')
    .split(';')
    .map((v) => v.trim())
    .filter(Boolean);
  if (!accounts.length) problem('accounts', 'is required: name at least one account');
  if (!text.trim() && !mediaUrls.length) problem('text', 'is required unless the row has media');
  const postType = (cells.post_type?.trim().toLowerCase() || 'status') as PostType;
  if (!POST_TYPES.includes(postType)) problem('post_type', `must be one of ${POST_TYPES.join(', ')}`);
  const link = cells.link?.trim() || null;
  if (link && !isHttpUrl(link)) problem('link', 'must be an http(s) URL');
  for (const url of mediaUrls.filter((u) => !isHttpUrl(u))) problem('media_urls', `${url} is not an http(s) URL`);
  return {
    text,
    accounts,
    scheduledAt: readTime(cells.scheduled_at?.trim() ?? '', zone, problem),
    postType,
    link,
    labels: (cells.labels ?? '')
      .split(';')
      .map((v) => v.trim())
      .filter(Boolean),
    mediaUrls,
  };
}

/** ISO 8601 with an offset, or local `YYYY-MM-DD HH:mm` in the workspace zone; a DST gap is refused. */
function readTime(value: string, zone: string, problem: (field: Column, message: string) => void): Date | null {
  if (!value) return null;
  const local = DateTime.fromFormat(value, LOCAL_FORMAT, { zone });
  if (local.isValid) {
    if (local.toFormat(LOCAL_FORMAT) !== value) {
      problem('scheduled_at', `${value} does not exist in ${zone} (the clocks go forward then)`);
      return null;
    }
    return local.toJSDate();
  }
  const iso = DateTime.fromISO(value, { setZone: true });
  if (iso.isValid && /([zZ]|[+-]\d\d:?\d\d)$/.test(value)) return iso.toJSDate();
  problem('scheduled_at', `must be YYYY-MM-DD HH:mm (in ${zone}) or ISO 8601 with an offset`);
  return null;
}

const isHttpUrl = (value: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/** CSV as Excel writes it in many countries too: a BOM, and `;` instead of `,` between cells. */
function readCsv(content: Buffer): string[][] {
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    return parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    throw new SheetFormatError(`the CSV could not be read: ${(error as Error).message}`);
  }
}

async function readXlsx(content: Buffer, zone: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(content as unknown as ExcelJS.Buffer);
  } catch {
    throw new SheetFormatError('the workbook could not be read');
  }
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, SHEET_COLUMNS.length); c++)
      values.push(cellText(row.getCell(c).value, zone));
    table[number - 1] = values;
  });
  return Array.from(table, (r) => r ?? []);
}

/** A cell as text; a real Excel date is a wall time, read in the workspace zone. */
function cellText(value: ExcelJS.CellValue, zone: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel dates carry no zone: ExcelJS gives the wall time as if it were UTC.
    return DateTime.fromJSDate(value, { zone: 'UTC' }).setZone(zone, { keepLocalTime: true }).toFormat(LOCAL_FORMAT);
  }
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return String(value.result ?? '');
    if ('hyperlink' in value) return String(value.hyperlink);
  }
  return String(value);
}
