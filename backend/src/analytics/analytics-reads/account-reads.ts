import type { DataSource } from 'typeorm';
import { daysOf, instantsOf, weekStartOf, type DayRange, type ReadRange } from './date-range';
import { count, num, percent, select, type Row } from './sql';

export interface MixRow {
  key: string;
  label: string;
  posts: number;
  engagement: number | null;
  engagementRate: number | null;
}

export type LabelsOf = (postIds: string[]) => Promise<Map<string, Array<{ id: string; name: string }>>>;

async function accountSeries(db: DataSource, workspaceId: string, accountId: string, range: DayRange) {
  const rows = await select(
    db,
    `SELECT d.day AS "day", d.followers AS "followers", d.following AS "following", d.impressions AS "impressions",
       d.reach AS "reach", d.engagement AS "engagement", d."postsPublished" AS "postsPublished"
     FROM analytics_account_days d
     WHERE d."accountId" = :accountId AND d."workspaceId" = :workspaceId AND d.day >= :from AND d.day <= :to`,
    { workspaceId, accountId, from: range.from, to: range.to },
  );
  const byDay = new Map(rows.map((r) => [String(r.day), r]));
  return daysOf(range).map((day) => {
    const r = byDay.get(day);
    const reach = num(r?.reach);
    const impressions = num(r?.impressions);
    const engagement = num(r?.engagement);
    return {
      day,
      followers: num(r?.followers),
      following: num(r?.following),
      impressions,
      reach,
      engagement,
      engagementRate: percent(engagement, reach ?? impressions),
      postsPublished: count(r?.postsPublished),
    };
  });
}

/** Posts per ISO week (weeks start on Monday), every week of the range listed. */
function weeklyFrequency(series: Array<{ day: string; postsPublished: number }>) {
  const weeks = new Map<string, number>();
  for (const d of series) {
    const week = weekStartOf(d.day);
    weeks.set(week, (weeks.get(week) ?? 0) + d.postsPublished);
  }
  return [...weeks].map(([weekStart, posts]) => ({ weekStart, posts }));
}

interface MixPost {
  postId: string | null;
  postType: string;
  network: string;
  engagement: number | null;
  basis: number | null;
}

function mixBy(posts: MixPost[], keysOf: (p: MixPost) => Array<{ key: string; label: string }>): MixRow[] {
  const groups = new Map<
    string,
    { label: string; posts: number; engagement: number | null; rated: number | null; basis: number | null }
  >();
  for (const post of posts) {
    for (const { key, label } of keysOf(post)) {
      const g = groups.get(key) ?? { label, posts: 0, engagement: null, rated: null, basis: null };
      g.posts += 1;
      if (post.engagement !== null) g.engagement = (g.engagement ?? 0) + post.engagement;
      if (post.engagement !== null && post.basis !== null) {
        g.rated = (g.rated ?? 0) + post.engagement;
        g.basis = (g.basis ?? 0) + post.basis;
      }
      groups.set(key, g);
    }
  }
  return [...groups]
    .map(([key, g]) => ({
      key,
      label: g.label,
      posts: g.posts,
      engagement: g.engagement,
      engagementRate: percent(g.rated, g.basis),
    }))
    .sort((a, b) => b.posts - a.posts || a.key.localeCompare(b.key));
}

/** Content mix of the posts published in the range: by post type, network and label. */
async function contentMix(
  db: DataSource,
  workspaceId: string,
  accountId: string,
  range: ReadRange,
  labelsOf: LabelsOf,
) {
  const { start, end } = instantsOf(range, range.timeZone);
  const rows: Row[] = await select(
    db,
    `SELECT ap."postId" AS "postId", ap."postType" AS "postType", ap.network AS "network", ap.engagement AS "engagement",
       COALESCE(ap.reach, ap.impressions) AS "basis"
     FROM analytics_posts ap
     WHERE ap."accountId" = :accountId AND ap."workspaceId" = :workspaceId AND ap."publishedAt" >= :start AND ap."publishedAt" < :end`,
    { workspaceId, accountId, start, end },
  );
  const posts: MixPost[] = rows.map((r) => ({
    postId: (r.postId as string | null) ?? null,
    postType: String(r.postType),
    network: String(r.network),
    engagement: num(r.engagement),
    basis: num(r.basis),
  }));
  const labels = await labelsOf([...new Set(posts.flatMap((p) => (p.postId ? [p.postId] : [])))]);
  return {
    byPostType: mixBy(posts, (p) => [{ key: p.postType, label: p.postType }]),
    byNetwork: mixBy(posts, (p) => [{ key: p.network, label: p.network }]),
    byLabel: mixBy(posts, (p) => {
      const own = p.postId ? labels.get(p.postId) : undefined;
      return own?.length ? own.map((l) => ({ key: l.name, label: l.name })) : [{ key: 'none', label: 'No label' }];
    }),
  };
}

export async function accountAnalytics(
  db: DataSource,
  workspaceId: string,
  account: { id: string; name: string; network: string },
  range: ReadRange,
  labelsOf: LabelsOf,
) {
  const [state] = await select(
    db,
    `SELECT a."unavailableReason" AS "unavailableReason" FROM analytics_accounts a
     WHERE a."accountId" = :accountId AND a."workspaceId" = :workspaceId`,
    { workspaceId, accountId: account.id },
  );
  const series = await accountSeries(db, workspaceId, account.id, range);
  const previousSeries = await accountSeries(db, workspaceId, account.id, range.previous);
  return {
    account: { id: account.id, name: account.name, network: account.network },
    from: range.from,
    to: range.to,
    timeZone: range.timeZone,
    unavailableReason: (state?.unavailableReason as string | null | undefined) ?? null,
    series,
    previousSeries,
    frequency: weeklyFrequency(series),
    mix: await contentMix(db, workspaceId, account.id, range, labelsOf),
  };
}
