/**
 * Everything one PDF report shows, gathered before drawing starts. The renderer reads only this, so
 * it is unit-tested without a database; `report-data.service.ts` fills it from the analytics reads.
 * Every metric may be null: a network that does not provide it is never drawn as 0.
 */
export interface ReportData {
  workspaceName: string;
  /** IANA zone of the workspace; days and hours below are in it. */
  timeZone: string;
  /** Inclusive local days, YYYY-MM-DD. */
  period: ReportPeriod;
  previous: ReportPeriod;
  generatedAt: Date;
  /** Names of the accounts and networks the report is limited to; empty = all. */
  scope: { accounts: string[]; networks: string[] };
  kpis: ReportKpi[];
  series: ReportDay[];
  topPosts: ReportPost[];
  hashtags: ReportHashtag[];
  bestTimes: ReportBestTimes;
  /** Metrics some networks in scope do not provide, e.g. reach on X. */
  notProvided: Array<{ metric: string; networks: string[] }>;
}

export interface ReportPeriod {
  from: string;
  to: string;
}

export type KpiUnit = 'count' | 'percent';

export interface ReportKpi {
  label: string;
  unit: KpiUnit;
  value: number | null;
  previous: number | null;
  changePercent: number | null;
}

export interface ReportDay {
  day: string;
  impressions: number | null;
  reach: number | null;
  engagement: number | null;
  postsPublished: number | null;
}

export interface ReportPost {
  text: string;
  network: string;
  publishedAt: Date;
  impressions: number | null;
  engagement: number | null;
  engagementRate: number | null;
}

export interface ReportHashtag {
  tag: string;
  posts: number;
  reach: number | null;
  engagement: number | null;
  engagementRate: number | null;
  ctr: number | null;
}

export interface ReportBestTimes {
  enoughData: boolean;
  /** Why the heatmap cannot say yet, in words (thin history). */
  message: string | null;
  minPosts: number;
  /** weekday 1..7 = Mon..Sun, hour 0..23; value = engagement rate, null under minPosts posts. */
  cells: Array<{ weekday: number; hour: number; posts: number; value: number | null }>;
  best: Array<{ weekday: number; hour: number }>;
}
