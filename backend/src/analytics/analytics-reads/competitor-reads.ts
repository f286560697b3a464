import type { DataSource } from 'typeorm';
import { daysOf, instantsOf, type ReadRange } from './date-range';
import { count, num, percent, select, type Row } from './sql';

export interface CompetitorRow {
  id: string;
  kind: 'competitor' | 'own';
  network: string;
  handle: string;
  name: string;
  followers: number | null;
  followersGained: number | null;
  postsPerWeek: number;
  /** Engagement per post per follower, × 100: comparable between public and own accounts. */
  engagementRate: number | null;
  mix: Record<string, number>;
  unavailableReason: string | null;
}

interface DayFigures {
  day: string;
  followers: number | null;
  postsPublished: number;
  engagement: number | null;
}

/** Range figures of one account or competitor from its days (oldest first). */
function summarise(days: DayFigures[], range: ReadRange) {
  const counted = days.filter((d) => d.followers !== null);
  const first = counted[0]?.followers ?? null;
  const last = counted.at(-1)?.followers ?? null;
  const posts = days.reduce((acc, d) => acc + d.postsPublished, 0);
  const engagement = days.reduce<number | null>(
    (acc, d) => (d.engagement === null ? acc : (acc ?? 0) + d.engagement),
    null,
  );
  return {
    followers: last,
    followersGained: first === null || last === null ? null : last - first,
    postsPerWeek: Math.round((posts / range.days) * 7 * 10) / 10,
    engagementRate: percent(engagement, posts && last ? posts * last : null),
  };
}

const dayFigures = (r: Row): DayFigures => ({
  day: String(r.day),
  followers: num(r.followers),
  postsPublished: count(r.postsPublished),
  engagement: num(r.engagement),
});

const mixOf = (value: unknown): Record<string, number> =>
  value === null || value === undefined
    ? {}
    : typeof value === 'string'
      ? JSON.parse(value)
      : (value as Record<string, number>);

export async function competitorRows(db: DataSource, workspaceId: string, range: ReadRange): Promise<CompetitorRow[]> {
  const competitors = await select(
    db,
    `SELECT c.id AS "id", c.network AS "network", c.handle AS "handle", c.name AS "name", c."unavailableReason" AS "unavailableReason"
     FROM analytics_competitors c WHERE c."workspaceId" = :workspaceId ORDER BY c."createdAt", c.id`,
    { workspaceId },
  );
  if (!competitors.length) return [];
  const days = await select(
    db,
    `SELECT d."competitorId" AS "competitorId", d.day AS "day", d.followers AS "followers", d."postsPublished" AS "postsPublished",
       d.engagement AS "engagement", d.mix AS "mix"
     FROM analytics_competitor_days d
     WHERE d."competitorId" IN (:...ids) AND d."workspaceId" = :workspaceId AND d.day >= :from AND d.day <= :to
     ORDER BY d.day`,
    { workspaceId, ids: competitors.map((c) => c.id), from: range.from, to: range.to },
  );
  return competitors.map((c) => {
    const own = days.filter((d) => d.competitorId === c.id);
    const mix: Record<string, number> = {};
    for (const d of own) for (const [type, n] of Object.entries(mixOf(d.mix))) mix[type] = (mix[type] ?? 0) + n;
    return {
      id: String(c.id),
      kind: 'competitor' as const,
      network: String(c.network),
      handle: String(c.handle),
      name: String(c.name),
      ...summarise(own.map(dayFigures), range),
      mix,
      unavailableReason: (c.unavailableReason as string | null) ?? null,
    };
  });
}

/** The workspace's own accounts, figured the same way as competitors so the two compare. */
export async function ownRows(
  db: DataSource,
  workspaceId: string,
  accounts: Array<{ id: string; name: string; network: string; handle: string }>,
  range: ReadRange,
): Promise<CompetitorRow[]> {
  if (!accounts.length) return [];
  const ids = accounts.map((a) => a.id);
  const days = await select(
    db,
    `SELECT d."accountId" AS "accountId", d.day AS "day", d.followers AS "followers", d."postsPublished" AS "postsPublished",
       d.engagement AS "engagement"
     FROM analytics_account_days d
     WHERE d."workspaceId" = :workspaceId AND d."accountId" IN (:...ids) AND d.day >= :from AND d.day <= :to ORDER BY d.day`,
    { workspaceId, ids, from: range.from, to: range.to },
  );
  const mixes = await select(
    db,
    `SELECT ap."accountId" AS "accountId", ap."postType" AS "postType", COUNT(*) AS "posts" FROM analytics_posts ap
     WHERE ap."workspaceId" = :workspaceId AND ap."accountId" IN (:...ids) AND ap."publishedAt" >= :start AND ap."publishedAt" < :end
     GROUP BY ap."accountId", ap."postType"`,
    { workspaceId, ids, ...instantsOf(range, range.timeZone) },
  );
  return accounts.map((a) => ({
    id: a.id,
    kind: 'own' as const,
    network: a.network,
    handle: a.handle,
    name: a.name,
    ...summarise(days.filter((d) => d.accountId === a.id).map(dayFigures), range),
    mix: Object.fromEntries(mixes.filter((m) => m.accountId === a.id).map((m) => [String(m.postType), count(m.posts)])),
    unavailableReason: null,
  }));
}

/** One competitor's daily figures over the range (every day listed). */
export async function competitorSeries(db: DataSource, workspaceId: string, competitorId: string, range: ReadRange) {
  const rows = await select(
    db,
    `SELECT d.day AS "day", d.followers AS "followers", d."postsPublished" AS "postsPublished", d."engagementRate" AS "engagementRate"
     FROM analytics_competitor_days d
     WHERE d."competitorId" = :competitorId AND d."workspaceId" = :workspaceId AND d.day >= :from AND d.day <= :to`,
    { workspaceId, competitorId, from: range.from, to: range.to },
  );
  const byDay = new Map(rows.map((r) => [String(r.day), r]));
  return daysOf(range).map((day) => {
    const r = byDay.get(day);
    const rate = num(r?.engagementRate);
    return {
      day,
      followers: num(r?.followers),
      postsPublished: count(r?.postsPublished),
      engagementRate: rate === null ? null : Math.round(rate * 100) / 100,
    };
  });
}
