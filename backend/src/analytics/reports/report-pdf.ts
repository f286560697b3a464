import PDFDocument from 'pdfkit';
import { barChart, heatmap, lineChart } from './pdf-charts';
import { kpiCards } from './pdf-kpi-cards';
import { FONT, heading, Pdf, PALETTE } from './pdf-kit';
import { table } from './pdf-tables';
import type { ReportData, ReportHashtag, ReportPost } from './report-data';
import { formatMetric, momentInWords, pdfSafe, periodInWords, shortMoment, slotInWords } from './report-format';

const MARGIN = 40;
const A4 = { width: 595.28, height: 841.89 };
const WIDTH = A4.width - 2 * MARGIN;

/** The analytics report as a PDF: KPIs, charts and tables drawn as vectors with pdfkit. */
export function renderReportPdf(data: ReportData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `Analytics report: ${pdfSafe(data.workspaceName)}`,
      Author: 'SocialOrchestrator',
      CreationDate: data.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  overviewPage(doc, data);
  doc.addPage();
  detailPage(doc, data);
  footers(doc, data);
  doc.end();
  return done;
}

function overviewPage(doc: Pdf, data: ReportData): void {
  let y = header(doc, data);
  y = heading(doc, 'Key figures', MARGIN, y);
  y = kpiCards(doc, { x: MARGIN, y, width: WIDTH }, data.kpis) + 8;
  const days = data.series.map((d) => d.day);
  y = heading(doc, 'Impressions, reach and engagement per day', MARGIN, y);
  lineChart(doc, { x: MARGIN, y, width: WIDTH, height: 170 }, days, [
    { label: 'Impressions', values: data.series.map((d) => d.impressions) },
    { label: 'Reach', values: data.series.map((d) => d.reach) },
    { label: 'Engagement', values: data.series.map((d) => d.engagement) },
  ]);
  y += 186;
  y = heading(doc, 'Posts published per day', MARGIN, y);
  barChart(
    doc,
    { x: MARGIN, y, width: WIDTH, height: 110 },
    days,
    data.series.map((d) => d.postsPublished),
  );
  y += 122;
  if (data.notProvided.length) {
    const lines = data.notProvided.map((n) => `${n.metric} is not provided by ${n.networks.join(', ')}`);
    doc.font(FONT.regular).fontSize(8).fillColor(PALETTE.muted);
    doc.text(`Not provided: ${lines.join('; ')}.`, MARGIN, y, { width: WIDTH });
  }
}

/** Title and the report's scope in plain words; returns the y below. */
function header(doc: Pdf, data: ReportData): number {
  doc.font(FONT.bold).fontSize(20).fillColor(PALETTE.ink);
  doc.text(`Analytics report: ${pdfSafe(data.workspaceName)}`, MARGIN, MARGIN, { width: WIDTH });
  const scope = [
    data.scope.accounts.length ? `accounts ${data.scope.accounts.map(pdfSafe).join(', ')}` : 'all accounts',
    data.scope.networks.length ? `networks ${data.scope.networks.join(', ')}` : 'all networks',
  ].join('; ');
  const lines = [
    `Period: ${periodInWords(data.period)}`,
    `Compared with: ${periodInWords(data.previous)}`,
    `Time zone: ${data.timeZone}`,
    `Covers: ${scope}`,
    `Generated on ${momentInWords(data.generatedAt, data.timeZone)}`,
  ];
  doc.font(FONT.regular).fontSize(9).fillColor(PALETTE.muted);
  doc.text(lines.join('\n'), MARGIN, doc.y + 4, { width: WIDTH });
  return doc.y + 14;
}

function detailPage(doc: Pdf, data: ReportData): void {
  let y = heading(doc, 'Best times to post (engagement rate)', MARGIN, MARGIN);
  const best = data.bestTimes;
  doc.font(FONT.regular).fontSize(8).fillColor(PALETTE.muted);
  if (!best.enoughData) {
    doc.text(best.message ?? 'Not enough posts yet to say when to post.', MARGIN, y, { width: WIDTH });
    y = doc.y + 14;
  } else {
    heatmap(doc, { x: MARGIN, y, width: WIDTH, height: 126 }, best.cells);
    y += 132;
    const slots = best.best.map((s) => slotInWords(s.weekday, s.hour)).join(', ');
    const note = `Darker is a higher engagement rate; outlined hours have fewer than ${best.minPosts} posts.`;
    doc.font(FONT.regular).fontSize(8).fillColor(PALETTE.ink);
    doc.text(`${slots ? `Best times: ${slots}. ` : ''}${note}`, MARGIN, y, { width: WIDTH });
    y = doc.y + 14;
  }
  y = heading(doc, 'Top posts by engagement', MARGIN, y);
  y = data.topPosts.length ? topPosts(doc, y, data) : emptyLine(doc, y, 'No posts were published in this period.');
  y = heading(doc, 'Hashtags', MARGIN, y);
  if (data.hashtags.length) hashtags(doc, y, data.hashtags);
  else emptyLine(doc, y, 'No hashtags were used in this period.');
}

function topPosts(doc: Pdf, y: number, data: ReportData): number {
  const published = (p: ReportPost) => shortMoment(p.publishedAt, data.timeZone);
  return table<ReportPost>(
    doc,
    MARGIN,
    y,
    [
      { title: 'Post', width: 195, cell: (p) => pdfSafe(p.text) || '(no text)' },
      { title: 'Network', width: 60, cell: (p) => p.network },
      { title: 'Published', width: 100, cell: published },
      { title: 'Impressions', width: 55, align: 'right', cell: (p) => formatMetric(p.impressions) },
      { title: 'Engagement', width: 55, align: 'right', cell: (p) => formatMetric(p.engagement) },
      { title: 'Rate', width: 50, align: 'right', cell: (p) => formatMetric(p.engagementRate, 'percent') },
    ],
    data.topPosts,
  );
}

function hashtags(doc: Pdf, y: number, rows: ReportHashtag[]): number {
  return table<ReportHashtag>(
    doc,
    MARGIN,
    y,
    [
      { title: 'Hashtag', width: 175, cell: (h) => `#${pdfSafe(h.tag)}` },
      { title: 'Posts', width: 60, align: 'right', cell: (h) => formatMetric(h.posts) },
      { title: 'Reach', width: 70, align: 'right', cell: (h) => formatMetric(h.reach) },
      { title: 'Engagement', width: 70, align: 'right', cell: (h) => formatMetric(h.engagement) },
      { title: 'Rate', width: 70, align: 'right', cell: (h) => formatMetric(h.engagementRate, 'percent') },
      { title: 'CTR', width: 70, align: 'right', cell: (h) => formatMetric(h.ctr, 'percent') },
    ],
    rows,
  );
}

function emptyLine(doc: Pdf, y: number, text: string): number {
  doc.font(FONT.regular).fontSize(8).fillColor(PALETTE.muted).text(text, MARGIN, y, { width: WIDTH });
  return doc.y + 14;
}

/** "Page 1 of 2" on every page, written once all pages exist. */
function footers(doc: Pdf, data: ReportData): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    doc.font(FONT.regular).fontSize(7).fillColor(PALETTE.muted);
    const text = `${pdfSafe(data.workspaceName)} · analytics report · page ${i + 1} of ${count}`;
    doc.text(text, MARGIN, A4.height - MARGIN + 14, { width: WIDTH, align: 'center', lineBreak: false });
  }
}
