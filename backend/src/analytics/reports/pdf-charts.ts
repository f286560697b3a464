import { formatMetric, shortDay, WEEKDAYS } from './report-format';
import { Box, FONT, niceCeiling, Pdf, PALETTE } from './pdf-kit';

export interface LineSeries {
  label: string;
  values: Array<number | null>;
}

const AXIS_WIDTH = 44;
const LABEL_HEIGHT = 14;
const GRIDLINES = 4;

/** The plotting area inside `box` once the y labels (left) and day labels (below) have room. */
function plotArea(box: Box): Box {
  return { x: box.x + AXIS_WIDTH, y: box.y, width: box.width - AXIS_WIDTH, height: box.height - LABEL_HEIGHT };
}

/** Horizontal gridlines with their values on the left, from 0 to `top`. */
function yAxis(doc: Pdf, plot: Box, top: number): void {
  doc.font(FONT.regular).fontSize(7);
  for (let i = 0; i <= GRIDLINES; i++) {
    const y = plot.y + plot.height - (plot.height * i) / GRIDLINES;
    doc
      .moveTo(plot.x, y)
      .lineTo(plot.x + plot.width, y)
      .lineWidth(0.5)
      .strokeColor(PALETTE.grid)
      .stroke();
    const label = formatMetric((top * i) / GRIDLINES);
    doc.fillColor(PALETTE.muted).text(label, plot.x - AXIS_WIDTH, y - 3, { width: AXIS_WIDTH - 4, align: 'right' });
  }
}

/** First, middle and last day under the x axis. */
function xLabels(doc: Pdf, plot: Box, days: string[], xOf: (i: number) => number): void {
  const picks = [...new Set([0, Math.floor((days.length - 1) / 2), days.length - 1])].filter((i) => i >= 0);
  doc.font(FONT.regular).fontSize(7).fillColor(PALETTE.muted);
  for (const i of picks) {
    doc.text(shortDay(days[i]), xOf(i) - 20, plot.y + plot.height + 4, { width: 40, align: 'center' });
  }
}

/** Daily values as vector polylines; a null day breaks its line instead of dropping to 0. */
export function lineChart(doc: Pdf, box: Box, days: string[], series: LineSeries[]): void {
  const plot = plotArea({ ...box, height: box.height - LABEL_HEIGHT });
  const max = Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const top = niceCeiling(max);
  yAxis(doc, plot, top);
  const xOf = (i: number) => plot.x + (days.length > 1 ? (plot.width * i) / (days.length - 1) : plot.width / 2);
  const yOf = (v: number) => plot.y + plot.height - (plot.height * v) / top;
  series.forEach((s, index) => {
    const color = PALETTE.series[index % PALETTE.series.length];
    let drawing = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        drawing = false;
        return;
      }
      if (drawing) doc.lineTo(xOf(i), yOf(v));
      else doc.moveTo(xOf(i), yOf(v));
      drawing = true;
    });
    doc.lineWidth(1.5).strokeColor(color).stroke();
  });
  xLabels(doc, plot, days, xOf);
  legend(
    doc,
    box.x + AXIS_WIDTH,
    box.y + box.height - 8,
    series.map((s) => s.label),
  );
}

/** One bar per day; a day with no figure has no bar. */
export function barChart(doc: Pdf, box: Box, days: string[], values: Array<number | null>): void {
  const plot = plotArea(box);
  const top = niceCeiling(Math.max(0, ...values.filter((v): v is number => v !== null)));
  yAxis(doc, plot, top);
  const slot = plot.width / Math.max(1, days.length);
  const barWidth = Math.max(1, slot * 0.7);
  values.forEach((v, i) => {
    if (!v) return;
    const height = (plot.height * v) / top;
    doc.rect(plot.x + slot * i + (slot - barWidth) / 2, plot.y + plot.height - height, barWidth, height);
  });
  doc.fillColor(PALETTE.bar).fill();
  xLabels(doc, plot, days, (i) => plot.x + slot * i + slot / 2);
}

function legend(doc: Pdf, x: number, y: number, labels: string[]): void {
  doc.font(FONT.regular).fontSize(8);
  let left = x;
  labels.forEach((label, index) => {
    doc
      .rect(left, y + 1, 10, 6)
      .fillColor(PALETTE.series[index % PALETTE.series.length])
      .fill();
    doc.fillColor(PALETTE.ink).text(label, left + 14, y, { lineBreak: false });
    left += 14 + doc.widthOfString(label) + 16;
  });
}

export interface HeatCell {
  weekday: number;
  hour: number;
  value: number | null;
}

/** The 7 × 24 best-times grid as filled rectangles: darker = higher value; outlined = too few posts. */
export function heatmap(doc: Pdf, box: Box, cells: HeatCell[]): void {
  const labelWidth = 60;
  const cellWidth = (box.width - labelWidth) / 24;
  const cellHeight = (box.height - LABEL_HEIGHT) / 7;
  const max = Math.max(0, ...cells.map((c) => c.value ?? 0));
  const byKey = new Map(cells.map((c) => [`${c.weekday}:${c.hour}`, c.value]));
  doc.font(FONT.regular).fontSize(7);
  for (let weekday = 1; weekday <= 7; weekday++) {
    const y = box.y + (weekday - 1) * cellHeight;
    doc.fillColor(PALETTE.muted).text(WEEKDAYS[weekday - 1], box.x, y + cellHeight / 2 - 3, { lineBreak: false });
    for (let hour = 0; hour < 24; hour++) {
      const value = byKey.get(`${weekday}:${hour}`) ?? null;
      const x = box.x + labelWidth + hour * cellWidth;
      const cell = doc.rect(x + 0.5, y + 0.5, cellWidth - 1, cellHeight - 1);
      // Too few posts to say: outlined, so it never reads as a low (pale) value.
      if (value === null) cell.lineWidth(0.5).strokeColor(PALETTE.grid).stroke();
      else cell.fillColor(heatColor(max === 0 ? 0 : value / max)).fill();
    }
  }
  const labelsY = box.y + 7 * cellHeight + 3;
  for (let hour = 0; hour < 24; hour += 3) {
    const x = box.x + labelWidth + hour * cellWidth;
    doc.fillColor(PALETTE.muted).text(String(hour).padStart(2, '0'), x, labelsY, { width: cellWidth, align: 'center' });
  }
}

function heatColor(share: number): string {
  const [low, high] = [PALETTE.heatLow, PALETTE.heatHigh];
  const channel = (i: number) => Math.round(low[i] + (high[i] - low[i]) * Math.min(1, Math.max(0, share)));
  return `#${[0, 1, 2].map((i) => channel(i).toString(16).padStart(2, '0')).join('')}`;
}
