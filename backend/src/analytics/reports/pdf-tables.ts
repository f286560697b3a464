import { fitText, FONT, Pdf, PALETTE } from './pdf-kit';

export interface Column<Row> {
  title: string;
  width: number;
  align?: 'left' | 'right';
  cell: (row: Row) => string;
}

const ROW_HEIGHT = 16;

/** A plain table: bold header, hairlines between rows, text cut to its column. Returns the y below it. */
export function table<Row>(doc: Pdf, x: number, y: number, columns: Array<Column<Row>>, rows: Row[]): number {
  const line = (top: number, cells: string[], font: string) => {
    let left = x;
    doc.font(font).fontSize(8).fillColor(PALETTE.ink);
    columns.forEach((column, i) => {
      const text = fitText(doc, cells[i], column.width - 6);
      doc.text(text, left + 3, top + 4, { width: column.width - 6, align: column.align ?? 'left', lineBreak: false });
      left += column.width;
    });
    const width = columns.reduce((sum, c) => sum + c.width, 0);
    doc
      .moveTo(x, top + ROW_HEIGHT)
      .lineTo(x + width, top + ROW_HEIGHT)
      .lineWidth(0.5)
      .strokeColor(PALETTE.grid)
      .stroke();
  };
  line(
    y,
    columns.map((c) => c.title),
    FONT.bold,
  );
  rows.forEach((row, i) =>
    line(
      y + ROW_HEIGHT * (i + 1),
      columns.map((c) => c.cell(row)),
      FONT.regular,
    ),
  );
  return y + ROW_HEIGHT * (rows.length + 1) + 8;
}

/** How much room a table of `rows` rows takes. */
export const tableHeight = (rows: number) => ROW_HEIGHT * (rows + 1) + 8;
