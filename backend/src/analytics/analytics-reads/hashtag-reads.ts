import type { DataSource } from 'typeorm';
import type { HashtagSort } from './analytics-query.dto';
import { instantsOf } from './date-range';
import { postFilters, type LabelledPostsSql, type ReadScope } from './read-scope';
import { count, dialect, num, percent, select, type Row } from './sql';

export const TOP_POSTS_PER_HASHTAG = 3;

const SORT_SQL: Record<HashtagSort, string> = {
  posts: 't."posts"',
  impressions: 't."impressions"',
  reach: 't."reach"',
  clicks: 't."clicks"',
  engagement: 't."engagement"',
  engagementRate: 'CAST(t."engagement" AS REAL) / NULLIF(t."basis", 0)',
  ctr: 'CAST(t."clicks" AS REAL) / NULLIF(t."impressions", 0)',
};

const hasFilters = (scope: ReadScope) => !!(scope.accounts?.length || scope.networks?.length || scope.labels?.length);

/**
 * Per-tag sums. The hashtag rollup is per workspace, so without filters it answers from
 * analytics_hashtag_days (gains in the range); with account, network or label filters it sums the
 * latest figures of the matching posts published in the range.
 */
export function tagTotalsSql(scope: ReadScope, labelled: LabelledPostsSql) {
  if (!hasFilters(scope)) {
    return {
      sql: `SELECT h.tag AS "tag", SUM(h."postsPublished") AS "posts", SUM(h.impressions) AS "impressions",
              SUM(h.reach) AS "reach", SUM(h.clicks) AS "clicks", SUM(h.engagement) AS "engagement",
              SUM(COALESCE(h.reach, h.impressions)) AS "basis"
            FROM analytics_hashtag_days h
            WHERE h."workspaceId" = :workspaceId AND h.day >= :from AND h.day <= :to GROUP BY h.tag`,
      params: { workspaceId: scope.workspaceId, from: scope.range.from, to: scope.range.to },
    };
  }
  const where = postFilters('ap', scope, labelled);
  return {
    sql: `SELECT ph.tag AS "tag", COUNT(*) AS "posts", SUM(ap.impressions) AS "impressions", SUM(ap.reach) AS "reach",
            SUM(ap.clicks) AS "clicks", SUM(ap.engagement) AS "engagement", SUM(COALESCE(ap.reach, ap.impressions)) AS "basis"
          FROM analytics_posts ap JOIN analytics_post_hashtags ph ON ph."analyticsPostId" = ap.id
          WHERE ${where.sql} AND ap."publishedAt" >= :start AND ap."publishedAt" < :end GROUP BY ph.tag`,
    params: { ...where.params, ...instantsOf(scope.range, scope.range.timeZone) },
  };
}

async function topPosts(db: DataSource, scope: ReadScope, labelled: LabelledPostsSql, tags: string[]) {
  if (!tags.length) return new Map<string, Array<{ id: string; text: string; engagement: number | null }>>();
  const where = postFilters('ap', scope, labelled);
  const rows = await select(
    db,
    `SELECT t.tag AS "tag", t.id AS "id", t.text AS "text", t.engagement AS "engagement" FROM (
       SELECT ph.tag AS tag, ap.id AS id, ap.text AS text, ap.engagement AS engagement,
         ROW_NUMBER() OVER (PARTITION BY ph.tag ORDER BY ${dialect(db).nullsLast('ap.engagement')}, ap.engagement DESC, ap.id) AS rank
       FROM analytics_post_hashtags ph JOIN analytics_posts ap ON ap.id = ph."analyticsPostId"
       WHERE ph."workspaceId" = :workspaceId AND ph.tag IN (:...tags) AND ${where.sql}
         AND ap."publishedAt" >= :start AND ap."publishedAt" < :end) t
     WHERE t.rank <= ${TOP_POSTS_PER_HASHTAG} ORDER BY t.tag, t.rank`,
    { ...where.params, tags, ...instantsOf(scope.range, scope.range.timeZone) },
  );
  const out = new Map<string, Array<{ id: string; text: string; engagement: number | null }>>();
  for (const r of rows) {
    const tag = String(r.tag);
    out.set(tag, [
      ...(out.get(tag) ?? []),
      { id: String(r.id), text: String(r.text ?? '').slice(0, 140), engagement: num(r.engagement) },
    ]);
  }
  return out;
}

export async function hashtagTable(
  db: DataSource,
  scope: ReadScope,
  labelled: LabelledPostsSql,
  query: { sort: HashtagSort; order: 'desc' | 'asc'; limit: number },
) {
  const totals = tagTotalsSql(scope, labelled);
  const value = SORT_SQL[query.sort];
  const sql = dialect(db);
  // Tags are few per range: the sums come from one covering-index range, sorted in the database.
  const rows: Row[] = await select(
    db,
    sql.firstRows(
      `SELECT * FROM (${totals.sql}) t ORDER BY ${sql.nullsLast(value)}, ${value} ${query.order === 'asc' ? 'ASC' : 'DESC'}, t.tag`,
      ':limit',
    ),
    { ...totals.params, limit: query.limit },
  );
  const tops = await topPosts(
    db,
    scope,
    labelled,
    rows.map((r) => String(r.tag)),
  );
  return {
    from: scope.range.from,
    to: scope.range.to,
    items: rows.map((r) => {
      const impressions = num(r.impressions);
      const clicks = num(r.clicks);
      const engagement = num(r.engagement);
      return {
        tag: String(r.tag),
        posts: count(r.posts),
        impressions,
        reach: num(r.reach),
        clicks,
        engagement,
        engagementRate: percent(engagement, num(r.basis)),
        ctr: percent(clicks, impressions),
        topPosts: tops.get(String(r.tag)) ?? [],
      };
    }),
  };
}
