/** Shared drawing vocabulary of the report's pages (pdfkit, A4 in points). */
export type Pdf = PDFKit.PDFDocument;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const PALETTE = {
  ink: '#1f2937',
  muted: '#6b7280',
  grid: '#e5e7eb',
  card: '#f9fafb',
  up: '#047857',
  down: '#b91c1c',
  series: ['#2563eb', '#f59e0b', '#10b981'],
  bar: '#6366f1',
  heatLow: [238, 242, 255] as const,
  heatHigh: [30, 64, 175] as const,
};

export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold' };

/** `text` cut with an ellipsis to fit `width` at the current font and size. */
export function fitText(doc: Pdf, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let end = text.length;
  while (end > 0 && doc.widthOfString(`${text.slice(0, end)}…`) > width) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}

/** A section heading; returns the y below it. */
export function heading(doc: Pdf, title: string, x: number, y: number): number {
  doc.font(FONT.bold).fontSize(13).fillColor(PALETTE.ink).text(title, x, y, { lineBreak: false });
  return y + 20;
}

/** A round number at or above `max` for an axis (1, 2, 2.5, 5 × 10ⁿ), so gridlines land on it. */
export function niceCeiling(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= max)!;
  return step * power;
}
