import type { DataSource } from 'typeorm';
import { instantsOf } from './date-range';
import { postFilters, type LabelledPostsSql, type ReadScope } from './read-scope';
import { count, num, select } from './sql';

export interface MemberRow {
  memberId: string;
  name: string;
  postsCreated: number;
  postsPublished: number;
  /** Mean engagement rate of their published posts that have one. */
  averageEngagementRate: number | null;
}

/**
 * Per author: posts created in the range (asked of the posts context), posts published in it and
 * their average engagement rate (from analytics_posts, by the (workspaceId, publishedAt) index).
 */
export async function memberTable(
  db: DataSource,
  scope: ReadScope,
  labelled: LabelledPostsSql,
  members: Array<{ userId: string; name: string }>,
  created: Map<string, number>,
): Promise<MemberRow[]> {
  const where = postFilters('ap', scope, labelled);
  const rows = await select(
    db,
    `SELECT ap."authorId" AS "authorId", COUNT(*) AS "posts", AVG(ap."engagementRate") AS "rate"
     FROM analytics_posts ap
     WHERE ${where.sql} AND ap."publishedAt" >= :start AND ap."publishedAt" < :end AND ap."authorId" IS NOT NULL
     GROUP BY ap."authorId"`,
    { ...where.params, ...instantsOf(scope.range, scope.range.timeZone) },
  );
  const published = new Map(rows.map((r) => [String(r.authorId), r]));
  const names = new Map(members.map((m) => [m.userId, m.name]));
  // Current members, and anyone who wrote a post in the range and has left since.
  const ids = [...new Set([...members.map((m) => m.userId), ...published.keys(), ...created.keys()])];
  return ids
    .map((id) => {
      const rate = num(published.get(id)?.rate);
      return {
        memberId: id,
        name: names.get(id) ?? 'Former member',
        postsCreated: created.get(id) ?? 0,
        postsPublished: count(published.get(id)?.posts),
        averageEngagementRate: rate === null ? null : Math.round(rate * 100) / 100,
      };
    })
    .sort(
      (a, b) => b.postsPublished - a.postsPublished || b.postsCreated - a.postsCreated || a.name.localeCompare(b.name),
    );
}
