import type { ReportKpi } from './report-data';
import { formatChange, formatMetric } from './report-format';
import { Box, FONT, Pdf, PALETTE } from './pdf-kit';

const COLUMNS = 3;
const CARD_HEIGHT = 58;
const GAP = 8;

/** KPI cards three to a row: the value, the previous period's value and the change. Returns the y below. */
export function kpiCards(doc: Pdf, area: Omit<Box, 'height'>, kpis: ReportKpi[]): number {
  const width = (area.width - GAP * (COLUMNS - 1)) / COLUMNS;
  kpis.forEach((kpi, i) => {
    const x = area.x + (i % COLUMNS) * (width + GAP);
    const y = area.y + Math.floor(i / COLUMNS) * (CARD_HEIGHT + GAP);
    card(doc, { x, y, width, height: CARD_HEIGHT }, kpi);
  });
  return area.y + Math.ceil(kpis.length / COLUMNS) * (CARD_HEIGHT + GAP);
}

function card(doc: Pdf, box: Box, kpi: ReportKpi): void {
  const inner = { x: box.x + 8, width: box.width - 16 };
  doc.roundedRect(box.x, box.y, box.width, box.height, 4).fillColor(PALETTE.card).fill();
  doc
    .font(FONT.regular)
    .fontSize(8)
    .fillColor(PALETTE.muted)
    .text(kpi.label, inner.x, box.y + 7, inner);
  doc
    .font(FONT.bold)
    .fontSize(16)
    .fillColor(PALETTE.ink)
    .text(formatMetric(kpi.value, kpi.unit), inner.x, box.y + 19, inner);
  const change = formatChange(kpi.changePercent);
  const previous = `previous period ${formatMetric(kpi.previous, kpi.unit)}`;
  doc.font(FONT.regular).fontSize(7.5);
  if (change === null) {
    doc.fillColor(PALETTE.muted).text(previous, inner.x, box.y + 41, inner);
    return;
  }
  const color = change.startsWith('+') ? PALETTE.up : change.startsWith('-') ? PALETTE.down : PALETTE.muted;
  doc.fillColor(color).text(change, inner.x, box.y + 41, { lineBreak: false });
  const after = inner.x + doc.widthOfString(change) + 6;
  doc.fillColor(PALETTE.muted).text(previous, after, box.y + 41, { lineBreak: false });
}
