import { describe, expect, it } from 'vitest';
import { pdfText } from './pdf-text';
import type { ReportData } from './report-data';
import { renderReportPdf } from './report-pdf';

const days = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'];

function sample(overrides: Partial<ReportData> = {}): ReportData {
  return {
    workspaceName: 'Café Demo',
    timeZone: 'Europe/Paris',
    period: { from: '2026-11-01', to: '2026-11-04' },
    previous: { from: '2026-10-28', to: '2026-10-31' },
    generatedAt: new Date('2026-12-03T15:30:00Z'),
    scope: { accounts: [], networks: [] },
    kpis: [
      { label: 'Impressions', unit: 'count', value: 123456, previous: 100000, changePercent: 23.456 },
      { label: 'Engagement rate', unit: 'percent', value: 4.5678, previous: 5, changePercent: -8.644 },
      { label: 'Reach', unit: 'count', value: null, previous: null, changePercent: null },
      { label: 'Posts published', unit: 'count', value: 17, previous: 0, changePercent: null },
    ],
    series: days.map((day, i) => ({
      day,
      impressions: 1000 * (i + 1),
      reach: i === 2 ? null : 800 * (i + 1),
      engagement: 50 * (i + 1),
      postsPublished: i,
    })),
    topPosts: [
      {
        text: 'Our autumn menu is here 🍂 with pumpkin soup',
        network: 'sandbox',
        publishedAt: new Date('2026-11-02T08:00:00Z'),
        impressions: 4321,
        engagement: 210,
        engagementRate: 6.25,
      },
    ],
    hashtags: [{ tag: 'autumnmenu', posts: 3, reach: 9876, engagement: 321, engagementRate: 3.25, ctr: 1.5 }],
    bestTimes: {
      enoughData: true,
      message: null,
      minPosts: 3,
      cells: [
        { weekday: 2, hour: 9, posts: 5, value: 7.5 },
        { weekday: 5, hour: 18, posts: 4, value: 3 },
        { weekday: 1, hour: 1, posts: 1, value: null },
      ],
      best: [{ weekday: 2, hour: 9 }],
    },
    notProvided: [{ metric: 'reach', networks: ['x'] }],
    ...overrides,
  };
}

describe('renderReportPdf', () => {
  it('writes a PDF whose text holds the KPIs, their comparison and the scope in words', async () => {
    const pdf = await renderReportPdf(sample());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('Analytics report: Café Demo');
    expect(text).toContain('Period: 1 November 2026 to 4 November 2026 (4 days)');
    expect(text).toContain('Compared with: 28 October 2026 to 31 October 2026 (4 days)');
    expect(text).toContain('Time zone: Europe/Paris');
    expect(text).toContain('Generated on 3 December 2026 at 16:30 (Europe/Paris)');
    expect(text).toMatch(/123,456\s/);
    expect(text).toContain('+23.5%');
    expect(text).toContain('previous period 100,000');
    expect(text).toContain('4.57%');
    expect(text).toContain('-8.6%');
    expect(text).toContain('previous period n/a');
    expect(text).toContain('page 2 of 2');
  });

  it('lists top posts (without characters the font cannot draw), hashtags and the best times', async () => {
    const text = await pdfText(await renderReportPdf(sample()));
    expect(text).toContain('Our autumn menu is here with pumpkin');
    expect(text).toContain('4,321');
    expect(text).toContain('6.25%');
    expect(text).toContain('#autumnmenu');
    expect(text).toContain('9,876');
    expect(text).toContain('Best times: Tuesday 09:00');
    expect(text).toContain('fewer than 3 posts');
    expect(text).toContain('reach is not provided by x');
  });

  it('says so when history is too thin for best times and the period had no posts', async () => {
    const data = sample({
      topPosts: [],
      hashtags: [],
      series: [],
      bestTimes: { enoughData: false, message: 'Publish a few more posts first.', minPosts: 3, cells: [], best: [] },
    });
    const text = await pdfText(await renderReportPdf(data));
    expect(text).toContain('Publish a few more posts first.');
    expect(text).toContain('No posts were published in this period.');
    expect(text).toContain('No hashtags were used in this period.');
  });

  it('draws charts as vector paths, not images', async () => {
    const pdf = await renderReportPdf(sample());
    expect(pdf.includes('/Subtype /Image')).toBe(false);
  });
});
