import type { DataSource } from 'typeorm';
import { notFound } from '../../common/common.errors';
import { POST_COLUMNS, toPostView, type AnalyticsPostView } from './post-reads';
import { dateOf, num, select, type Row } from './sql';

const SNAPSHOT_METRICS = [
  'impressions',
  'reach',
  'clicks',
  'reactions',
  'comments',
  'shares',
  'saves',
  'videoViews',
] as const;

export interface MetricsPoint {
  takenAt: string;
  impressions: number | null;
  reach: number | null;
  clicks: number | null;
  reactions: number | null;
  comments: number | null;
  shares: number | null;
  saves: number | null;
  videoViews: number | null;
}

const toPoint = (r: Row): MetricsPoint =>
  ({
    takenAt: dateOf(r.takenAt)!.toISOString(),
    ...Object.fromEntries(SNAPSHOT_METRICS.map((m) => [m, num(r[m])])),
  }) as MetricsPoint;

/**
 * A post's metrics over time: its raw snapshots (a few dozen at most, by the (analyticsPostId,
 * takenAt) index); once retention has pruned them, the end-of-day values of its daily rollup.
 */
async function seriesOf(db: DataSource, workspaceId: string, analyticsPostId: string): Promise<MetricsPoint[]> {
  const columns = SNAPSHOT_METRICS.map((m) => `s."${m}" AS "${m}"`).join(', ');
  const params = { workspaceId, analyticsPostId };
  const snapshots = await select(
    db,
    `SELECT s."takenAt" AS "takenAt", ${columns} FROM post_metric_snapshots s
     WHERE s."analyticsPostId" = :analyticsPostId AND s."workspaceId" = :workspaceId ORDER BY s."takenAt"`,
    params,
  );
  const days = await select(
    db,
    `SELECT s."takenAt" AS "takenAt", ${columns} FROM analytics_post_days s
     WHERE s."analyticsPostId" = :analyticsPostId AND s."workspaceId" = :workspaceId ORDER BY s.day`,
    params,
  );
  const firstSnapshot = snapshots.length ? dateOf(snapshots[0].takenAt)!.getTime() : Infinity;
  const older = days.filter((d) => dateOf(d.takenAt)!.getTime() < firstSnapshot);
  return [...older, ...snapshots].map(toPoint);
}

export interface PostDetail {
  post: AnalyticsPostView;
  series: MetricsPoint[];
}

/** One tracked post by its analytics id or the variant id it was published from. */
export async function postDetail(db: DataSource, workspaceId: string, id: string): Promise<PostDetail> {
  const [row] = await select(
    db,
    `SELECT ${POST_COLUMNS} FROM analytics_posts ap
     WHERE ap."workspaceId" = :workspaceId AND (ap.id = :id OR ap."variantId" = :id)`,
    { workspaceId, id },
  );
  if (!row) throw notFound('Analytics post');
  const post = toPostView(row);
  return { post, series: await seriesOf(db, workspaceId, post.id) };
}

/** Every tracked variant of a post (the post detail page): none yet is an empty list, not a 404. */
export async function postVariants(
  db: DataSource,
  workspaceId: string,
  postId: string,
): Promise<{ variants: PostDetail[] }> {
  const rows = await select(
    db,
    `SELECT ${POST_COLUMNS} FROM analytics_posts ap
     WHERE ap."workspaceId" = :workspaceId AND ap."postId" = :postId ORDER BY ap."publishedAt", ap.id`,
    { workspaceId, postId },
  );
  const variants = [];
  for (const row of rows) {
    const post = toPostView(row);
    variants.push({ post, series: await seriesOf(db, workspaceId, post.id) });
  }
  return { variants };
}
