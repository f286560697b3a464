import { StreamableFile } from '@nestjs/common';
import { csvTable, type CsvColumn } from '../../common/csv';
import type {
  AccountAnalyticsDto,
  CompetitorDetailDto,
  CompetitorRowDto,
  HashtagRowDto,
  HeatmapCellDto,
  MemberRowDto,
  OverviewDayDto,
} from './analytics-reads.dto';
import type { AnalyticsPostView } from './post-reads';
import { POST_METRIC_NAMES } from '../metric-columns';

/** Columns named after the JSON fields they come from, so a CSV and the API read the same. */
const columns = <T>(names: Array<keyof T & string>): Array<CsvColumn<T>> =>
  names.map((name) => ({ header: name, value: (row: T) => row[name] as string | number | null }));

/** A table read as a CSV download. */
export function csvFile<T>(
  name: string,
  cols: Array<CsvColumn<T>>,
  rows: AsyncIterable<T> | Iterable<T>,
): StreamableFile {
  return new StreamableFile(csvTable(cols, rows), {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${name}.csv"`,
  });
}

export const OVERVIEW_CSV = columns<OverviewDayDto>([
  'day',
  'followers',
  'impressions',
  'reach',
  'engagement',
  'engagementRate',
  'postsPublished',
]);

const METRICS = POST_METRIC_NAMES;
export const POSTS_CSV: Array<CsvColumn<AnalyticsPostView>> = [
  ...columns<AnalyticsPostView>([
    'id',
    'postId',
    'accountId',
    'network',
    'external',
    'postType',
    'publishedAt',
    'text',
    'url',
  ]),
  ...METRICS.map((m) => ({ header: m, value: (p: AnalyticsPostView) => p.metrics[m] })),
  { header: 'rateBasis', value: (p) => p.rateBasis },
];

export const ACCOUNT_CSV = columns<AccountAnalyticsDto['series'][number]>([
  'day',
  'followers',
  'following',
  'impressions',
  'reach',
  'engagement',
  'engagementRate',
  'postsPublished',
]);

export const HASHTAGS_CSV: Array<CsvColumn<HashtagRowDto>> = [
  ...columns<HashtagRowDto>(['tag', 'posts', 'impressions', 'reach', 'clicks', 'engagement', 'engagementRate', 'ctr']),
  { header: 'topPosts', value: (h) => h.topPosts.map((p) => p.id).join(' ') },
];

export const BEST_TIMES_CSV = columns<HeatmapCellDto>(['weekday', 'hour', 'posts', 'value']);

export const MEMBERS_CSV = columns<MemberRowDto>([
  'memberId',
  'name',
  'postsCreated',
  'postsPublished',
  'averageEngagementRate',
]);

export const COMPETITORS_CSV: Array<CsvColumn<CompetitorRowDto>> = [
  ...columns<CompetitorRowDto>([
    'id',
    'kind',
    'network',
    'handle',
    'name',
    'followers',
    'followersGained',
    'postsPerWeek',
    'engagementRate',
  ]),
  {
    header: 'mix',
    value: (c) =>
      Object.entries(c.mix)
        .map(([k, v]) => `${k}:${v}`)
        .join(' '),
  },
  { header: 'unavailableReason', value: (c) => c.unavailableReason },
];

export const COMPETITOR_CSV = columns<CompetitorDetailDto['series'][number]>([
  'day',
  'followers',
  'postsPublished',
  'engagementRate',
]);
