import { stringify } from 'csv-stringify';
import { pipeline, Readable } from 'node:stream';

/**
 * A spreadsheet program opening a CSV runs a cell that starts with = + - @ (or a tab or carriage
 * return before one) as a formula: text cells like that are written behind a `'` (OWASP's
 * CSV-injection advice). Numbers are written as numbers (a negative one is not a formula).
 */
export const FORMULA_START = /^[=+\-@\t\r]/;
export const guardFormula = (cell: string): string => (FORMULA_START.test(cell) ? `'${cell}` : cell);

/** Rows (the header first) as a CSV stream, text cells guarded; nothing is held whole in memory. */
export function csvStream(rows: AsyncIterable<unknown[]> | Iterable<unknown[]>): Readable {
  const out = stringify({ cast: { string: guardFormula, date: (d) => d.toISOString() } });
  pipeline(Readable.from(rows), out, (error) => error && out.destroy(error));
  return out;
}

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | Date | null | undefined;
}

/** One CSV for any table: a header row from the columns, then one row per item. */
export function csvTable<T>(columns: Array<CsvColumn<T>>, items: AsyncIterable<T> | Iterable<T>): Readable {
  async function* rows(): AsyncGenerator<unknown[]> {
    yield columns.map((c) => c.header);
    for await (const item of items) yield columns.map((c) => c.value(item) ?? '');
  }
  return csvStream(rows());
}
