import type { DataSource } from 'typeorm';
import { CommonError } from '../../common/common.errors';
import type { PostSort } from './analytics-query.dto';
import { instantsOf } from './date-range';
import { postFilters, type LabelledPostsSql, type ReadScope } from './read-scope';
import { dateOf, dialect, num, select, type Row } from './sql';

/** Metrics a post's row holds, as the API names them. */
const METRIC_COLUMNS = [
  'impressions',
  'reach',
  'clicks',
  'reactions',
  'comments',
  'shares',
  'saves',
  'videoViews',
] as const;

export const POST_COLUMNS = `ap.id AS "id", ap."postId" AS "postId", ap."variantId" AS "variantId",
  ap."accountId" AS "accountId", ap.network AS "network", ap."external" AS "external", ap.text AS "text",
  ap.url AS "url", ap."publishedAt" AS "publishedAt", ap."postType" AS "postType",
  ${METRIC_COLUMNS.map((m) => `ap."${m}" AS "${m}"`).join(', ')}, ap."reactionsByType" AS "reactionsByType",
  ap.engagement AS "engagement", ap."engagementRate" AS "engagementRate", ap.ctr AS "ctr",
  ap."rateBasis" AS "rateBasis", ap."metricsTakenAt" AS "metricsTakenAt"`;

export interface PostMetricsView {
  impressions: number | null;
  reach: number | null;
  clicks: number | null;
  reactions: number | null;
  reactionsByType: Record<string, number> | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  videoViews: number | null;
  engagement: number | null;
  engagementRate: number | null;
  ctr: number | null;
}

export interface AnalyticsPostView {
  id: string;
  postId: string | null;
  variantId: string | null;
  accountId: string;
  network: string;
  external: boolean;
  text: string;
  url: string | null;
  publishedAt: string;
  postType: string;
  metrics: PostMetricsView;
  rateBasis: string | null;
  notProvided: string[];
}

const jsonOf = (value: unknown): Record<string, number> | null =>
  value === null || value === undefined
    ? null
    : typeof value === 'string'
      ? JSON.parse(value)
      : (value as Record<string, number>);

const rounded = (value: unknown) => {
  const n = num(value);
  return n === null ? null : Math.round(n * 100) / 100;
};

export function toPostView(r: Row): AnalyticsPostView {
  const metrics = {
    ...Object.fromEntries(METRIC_COLUMNS.map((m) => [m, num(r[m])])),
    reactionsByType: jsonOf(r.reactionsByType),
    engagement: num(r.engagement),
    engagementRate: rounded(r.engagementRate),
    ctr: rounded(r.ctr),
  } as PostMetricsView;
  return {
    id: String(r.id),
    postId: (r.postId as string | null) ?? null,
    variantId: (r.variantId as string | null) ?? null,
    accountId: String(r.accountId),
    network: String(r.network),
    external: r.external === true || r.external === 1 || r.external === '1',
    text: String(r.text ?? ''),
    url: (r.url as string | null) ?? null,
    publishedAt: dateOf(r.publishedAt)!.toISOString(),
    postType: String(r.postType),
    metrics,
    rateBasis: (r.rateBasis as string | null) ?? null,
    // Collected at least once: the metrics still null are ones the network does not give.
    notProvided: r.metricsTakenAt ? METRIC_COLUMNS.filter((m) => metrics[m] === null) : [],
  };
}

export interface PostPageQuery {
  sort: PostSort;
  order: 'desc' | 'asc';
  limit: number;
  cursor?: string;
  external?: boolean;
}

/** Where the previous page stopped: the sort value (null once into the posts without it) and id. */
interface Cursor {
  value: number | string | null;
  id: string;
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.value, c.id])).toString('base64url');

function decodeCursor(text: string): Cursor {
  try {
    const [value, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof id === 'string' && id.length <= 36 && (value === null || ['number', 'string'].includes(typeof value)))
      return { value: value as Cursor['value'], id };
  } catch {
    // falls through to the field error
  }
  throw new CommonError('VALIDATION', 'cursor: is not a nextCursor of this list', [
    { field: 'cursor', message: 'is not a nextCursor of this list' },
  ]);
}

/**
 * One page of posts in sort order, keyset-paginated: posts with the metric first (by value, then
 * id), then those without it (by id), so each page is a range of one (workspaceId, metric, id)
 * index and nothing is sorted in memory. NULLs are read as a separate range because the two
 * databases put them at opposite ends of an index.
 */
export async function postPage(db: DataSource, scope: ReadScope, labelled: LabelledPostsSql, query: PostPageQuery) {
  const where = postFilters('ap', scope, labelled);
  const { start, end } = instantsOf(scope.range, scope.range.timeZone);
  const column = `ap."${query.sort}"`;
  const cmp = query.order === 'desc' ? '<' : '>';
  const dir = query.order === 'desc' ? 'DESC' : 'ASC';
  const published = publishedColumn(db, query.sort, scope.range.days);
  const base = `SELECT ${POST_COLUMNS} FROM analytics_posts ap WHERE ${where.sql}
    AND ${published} >= :start AND ${published} < :end${query.external === undefined ? '' : ' AND ap."external" = :external'}`;
  const params = { ...where.params, start, end, external: query.external, limit: query.limit + 1 };
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const isDate = query.sort === 'publishedAt';
  const sql = dialect(db);
  const cursorValue =
    cursor?.value === null || !cursor ? null : isDate ? new Date(String(cursor.value)) : Number(cursor.value);
  let rows: Row[] = [];
  if (!cursor || cursor.value !== null) {
    const after = cursor ? ` AND (${column} ${cmp} :value OR (${column} = :value AND ap.id ${cmp} :id))` : '';
    rows = await select(
      db,
      sql.firstRows(`${base} AND ${column} IS NOT NULL${after} ORDER BY ${column} ${dir}, ap.id ${dir}`, ':limit'),
      { ...params, value: cursorValue, id: cursor?.id },
    );
  }
  if (rows.length <= query.limit && !isDate) {
    const after = cursor?.value === null ? ` AND ap.id ${cmp} :id` : '';
    const nulls = await select(
      db,
      sql.firstRows(`${base} AND ${column} IS NULL${after} ORDER BY ap.id ${dir}`, ':limit'),
      {
        ...params,
        id: cursor?.id,
        limit: query.limit + 1 - rows.length,
      },
    );
    rows = rows.concat(nulls);
  }
  const items = rows.slice(0, query.limit).map(toPostView);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ value: isDate ? last.publishedAt : rawValue(rows[query.limit - 1], query.sort), id: last.id })
        : null,
  };
}

/** Metrics with a (workspaceId, metric, id) index: a page of them is a walk down that index. */
const INDEXED_SORTS: PostSort[] = ['engagement', 'engagementRate', 'impressions', 'reach', 'clicks'];

/**
 * The publishedAt column as the range filter names it. Over a week or more, SQLite's planner (no
 * statistics) would read the range by the publishedAt index and sort all of it (25,000 posts for a
 * busy quarter); the unary `+` keeps it off that index so it walks the sort's index and stops after
 * a page. A shorter range holds few posts, and sorting them is the cheaper plan.
 */
function publishedColumn(db: DataSource, sort: PostSort, days: number): string {
  const walkSortIndex = db.options.type === 'better-sqlite3';
  return walkSortIndex && days >= 7 && INDEXED_SORTS.includes(sort) ? '+ap."publishedAt"' : 'ap."publishedAt"';
}

/** The stored sort value of a row (unrounded, so the next page starts exactly after it). */
const rawValue = (row: Row, sort: PostSort): number | null => num(row[sort]);

/** Every post of the scope in sort order, a page at a time (CSV export), up to `max`. */
export async function* allPosts(
  db: DataSource,
  scope: ReadScope,
  labelled: LabelledPostsSql,
  query: Omit<PostPageQuery, 'limit' | 'cursor'>,
  max = 100_000,
): AsyncGenerator<AnalyticsPostView> {
  let cursor: string | undefined;
  let sent = 0;
  do {
    const page = await postPage(db, scope, labelled, { ...query, limit: 100, cursor });
    for (const item of page.items) {
      if (sent++ >= max) return;
      yield item;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
